import Foundation

/// The input files a roster was made from, kept with its version (`input.NAME` files and `inputs.json`
/// in the version folder; flat, so that the version is still written all or none by one journal), so that every later command reads the version as it was made — the agents of a
/// `resolve --agents`, the sick leave of a `resolve --availability` — whatever the scenario folder says
/// today.
public struct ScenarioInputs: Sendable, Equatable {
    /// The files of a scenario folder a roster depends on.
    /// `previous.csv` is the previous period's roster (`previous_roster` in team.toml, or `--previous`).
    public static let names = ["team.toml", "agents.csv", "availability.csv", "pinned.csv", "forecast.csv", "requirement.csv", "previous.csv"]
    /// The name of a kept copy: `input.agents.csv`.
    public static func keptName(_ name: String) -> String { "input." + name }
    public static let manifestName = "inputs.json"

    /// File name → bytes, for the files present.
    public var files: [String: Data]
    /// File name → where it came from (`scenario folder`, `--agents PATH`, `kept from roster-… (…)`).
    public var sources: [String: String]

    public init(files: [String: Data], sources: [String: String] = [:]) {
        self.files = files
        self.sources = sources
    }

    /// The manifest `inputs.json`: for each file, its digest, where it came from, and the digest the
    /// scenario folder's own file of that name had when the version was made (nil: it had none).
    public struct Manifest: Codable, Sendable, Equatable {
        public struct Entry: Codable, Sendable, Equatable {
            public var digest: String
            public var source: String
            public var scenarioDigest: String?
        }
        public var files: [String: Entry]
    }

    public static func digest(_ data: Data) -> String { StableHash.hex128(bytes: data) }

    /// The names of files that live in the scenario folder (the previous roster lives wherever team.toml says).
    public static var folderNames: [String] { names.filter { $0 != "previous.csv" } }

    /// The scenario files present in `folder` (nothing is validated here: the loader does that).
    public static func read(folder: URL) throws(InputsError) -> [String: Data] {
        var out: [String: Data] = [:]
        for name in folderNames {
            let url = folder.appendingPathComponent(name)
            guard FileEntry.kind(url) != .missing else { continue }
            do { out[name] = try Data(contentsOf: url) } catch {
                throw .unreadable(path: url.path, reason: error.localizedDescription)
            }
        }
        return out
    }

    /// The manifest of these inputs, given the scenario folder's own files of today.
    public func manifest(scenarioFiles: [String: Data]) -> Manifest {
        var entries: [String: Manifest.Entry] = [:]
        for (name, data) in files {
            entries[name] = Manifest.Entry(digest: Self.digest(data), source: sources[name] ?? "scenario folder",
                                           scenarioDigest: scenarioFiles[name].map(Self.digest))
        }
        return Manifest(files: entries)
    }

    /// The files to write into a version folder (`input.NAME` and `inputs.json`).
    public func versionFiles(scenarioFiles: [String: Data]) throws(InputsError) -> [(data: Data, name: String)] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        let manifestData: Data
        do { manifestData = try e.encode(manifest(scenarioFiles: scenarioFiles)) } catch {
            throw .unreadable(path: Self.manifestName, reason: "cannot encode: \(error)")
        }
        return files.sorted { $0.key < $1.key }.map { ($0.value, Self.keptName($0.key)) } + [(manifestData, Self.manifestName)]
    }

    /// The inputs kept in a version folder, or nil when it keeps none (a version of an earlier release).
    /// A file whose bytes do not match the manifest is an error: the version was tampered with.
    public static func kept(in version: URL) throws(InputsError) -> (inputs: ScenarioInputs, manifest: Manifest)? {
        let url = version.appendingPathComponent(manifestName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let manifest: Manifest
        do { manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url)) } catch {
            throw .badManifest(path: url.path)
        }
        var files: [String: Data] = [:], sources: [String: String] = [:]
        for (name, entry) in manifest.files {
            guard names.contains(name) else { throw .badManifest(path: url.path) }
            let file = version.appendingPathComponent(keptName(name))
            let data: Data
            do { data = try Data(contentsOf: file) } catch { throw .missingCopy(path: file.path) }
            guard digest(data) == entry.digest else { throw .changedCopy(path: file.path) }
            files[name] = data
            sources[name] = entry.source
        }
        return (ScenarioInputs(files: files, sources: sources), manifest)
    }

    /// Names of the files that differ between two sets of inputs (present in one only, or other bytes).
    public static func differing(_ a: [String: Data], _ b: [String: Data], among: [String] = names) -> [String] {
        among.filter { a[$0] != b[$0] }
    }
}

/// Problems with a version's kept inputs.
public enum InputsError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case badManifest(path: String)
    case missingCopy(path: String)
    case changedCopy(path: String)

    public var description: String {
        switch self {
        case .unreadable(let p, let r): "cannot read \(p): \(r)"
        case .badManifest(let p): "\(p) is not an inputs manifest written by roster"
        case .missingCopy(let p): "\(p) is missing: the version's inputs are incomplete (restore it, or delete inputs.json to read the version with the scenario folder's files)"
        case .changedCopy(let p): "\(p) was changed after the version was made (its digest differs from inputs.json); a version's inputs are kept as they were — put changes into the scenario folder and re-roster"
        }
    }
}
