import Foundation

/// A scenario folder with some of its files replaced (a new forecast, availability or agents file):
/// a temporary copy of the folder's files with the replacements, for loading as usual.
public enum ScenarioOverlay {
    public static func make(directory: URL, replacing: [String: URL]) throws -> URL {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("roster-overlay-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".toml") || name.hasSuffix(".csv") {
            try fm.copyItem(at: directory.appendingPathComponent(name), to: tmp.appendingPathComponent(name))
        }
        for (name, source) in replacing {
            let target = tmp.appendingPathComponent(name)
            if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
            try fm.copyItem(at: source, to: target)
        }
        return tmp
    }
}
