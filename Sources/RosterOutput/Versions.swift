import Foundation
import RosterCore

/// Roster versions kept inside a scenario folder: every `roster-*` folder holding a `roster.csv`.
/// A version is written once and never overwritten; a re-roster makes a new one naming its parent.
public enum RosterVersions {
    public struct Version: Sendable {
        var folder: URL
        public var name: String { folder.lastPathComponent }
        var created: String?
        public var shifts: Int?
        public var objective: Double?
        public var gap: Double?
        public var violations: Int?
        var status: String?
        var interrupted = false
        public var published = false
        var info: VersionInfo?
    }

    /// A version's roster.json as JSON, read once for the questions below (nil: none, or not JSON).
    static func document(_ folder: URL) -> [String: Any]? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("roster.json")) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// Whether the version's solve was stopped (Ctrl-C) before it finished, as its roster.json says: possibly
    /// a near-empty roster, never taken by default. (A roster.csv put there by hand, without a roster.json,
    /// is a complete version.)
    public static func isInterrupted(_ folder: URL) -> Bool { isInterrupted(document: document(folder)) }

    static func isInterrupted(document: [String: Any]?) -> Bool {
        (document?["report"] as? [String: Any])?["interrupted"] as? Bool == true
    }

    /// When a version was made: its roster.json's `created`, else its roster.csv's modification time.
    static func creationDate(_ folder: URL, document: [String: Any]?) -> Date {
        if let created = document?["created"] as? String, let date = ISO8601.parse(created) { return date }
        let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("roster.csv").path)
        return attributes?[.modificationDate] as? Date ?? .distantPast
    }

    public static func list(in scenario: URL) -> [Version] {
        let published = Publication.read(scenario: scenario)?.version
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: scenario.path) else { return [] }
        return names.filter { $0.hasPrefix("roster-") }.sorted().compactMap { name in
            let folder = scenario.appendingPathComponent(name)
            AtomicFile.recover(in: folder)
            guard fm.fileExists(atPath: folder.appendingPathComponent("roster.csv").path),
                  !AtomicFile.hasUnfinishedWrite(in: folder) else { return nil }
            var v = Version(folder: folder)
            if let data = try? Data(contentsOf: folder.appendingPathComponent("roster.json")),
               let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                v.created = json["created"] as? String
                v.shifts = (json["shifts"] as? [Any])?.count
                if let report = json["report"] as? [String: Any] {
                    v.objective = report["objective"] as? Double
                    v.gap = report["gap"] as? Double
                    v.violations = (report["violations"] as? [Any])?.count
                    v.status = report["status"] as? String
                    v.interrupted = report["interrupted"] as? Bool == true
                }
            }
            v.info = VersionInfo.read(from: folder)
            v.published = name == published
            return v
        }
    }

    public static func render(_ versions: [Version]) -> String {
        guard !versions.isEmpty else { return "no roster versions yet: run 'roster solve'\n" }
        var rows = [["", "version", "created", "shifts", "objective", "gap", "violations", "made by"]]
        for v in versions {
            var made: String
            if let info = v.info {
                made = "resolve from \(info.cutoff) on \(info.parent) (\(info.changedShifts) changed)"
            } else {
                made = "solve"
            }
            if v.interrupted { made += " (interrupted: not used by default)" }
            rows.append([v.published ? "*" : "", v.name, v.created ?? "?", v.shifts.map(String.init) ?? "?",
                         v.objective.map { String(format: "%.1f", $0) } ?? "?",
                         v.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "?",
                         v.violations.map(String.init) ?? "?", made])
        }
        // The mark column only when a version is published.
        if !versions.contains(where: { $0.published }) { rows = rows.map { Array($0.dropFirst()) } }
        let widths = (0..<rows[0].count).map { c in rows.map { DisplayWidth.width($0[c]) }.max() ?? 0 }
        return rows.map { row in
            String(zip(row, widths).map { $0 + String(repeating: " ", count: max(0, $1 - DisplayWidth.width($0))) }.joined(separator: "  ")
                .reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n") + "\n"
            + (versions.contains { $0.published } ? "* = published: show, coverage, export and resolve use it by default\n"
                : "no version is published ('roster publish DIR VERSION'): commands use the newest complete version\n")
    }
}

/// `version.json` of a re-rostered version: where it came from and what changed.
public struct VersionInfo: Codable, Sendable, Equatable {
    var kind = "resolve"
    var parent: String
    var cutoff: String
    var changedShifts: Int
    public var added: Int
    public var removed: Int
    public var moved: Int
    var shortfallBefore: Double
    var shortfallAfter: Double
    var changeCosts: ChangeCosts
    /// Agents with no shift in the parent (new staff): taken as unavailable before the cut-off, so that
    /// `verify` judges the version as `resolve` did (nil in versions of earlier releases).
    public var newStaff: [String]?

    /// The cut-off, ISO 8601 with the offset.
    public var cutoffText: String { cutoff }
    /// The parent roster, relative to the scenario folder the version was made in.
    public var parentPath: String { parent }

    public init(parent: String, cutoff: String, diff: RosterDiff, shortfallBefore: Double, shortfallAfter: Double, costs: ChangeCosts,
                newStaff: [String]? = nil) {
        self.newStaff = newStaff
        self.parent = parent
        self.cutoff = cutoff
        changedShifts = diff.changes.count
        added = diff.count(.added)
        removed = diff.count(.removed)
        moved = diff.count(.moved)
        self.shortfallBefore = shortfallBefore
        self.shortfallAfter = shortfallAfter
        changeCosts = costs
    }

    public static let fileName = "version.json"

    public static func read(from folder: URL) -> VersionInfo? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(fileName)) else { return nil }
        return try? JSONDecoder().decode(VersionInfo.self, from: data)
    }

    /// The JSON text of `version.json`; a value JSON cannot hold (a NaN shortfall) is an error, not an empty object.
    public func encoded() throws(JSONEncodeError) -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try JSONOutput.encode(self, as: Self.fileName, with: e)
    }
}

/// `roster diff`: per agent, added, removed and moved shifts, and the change in coverage.
public enum DiffView {
    public static func text(_ diff: RosterDiff, clock: ZoneClock, coverageBefore: CoverageReport?, coverageAfter: CoverageReport?) -> String {
        let t = TimeText(clock: clock)
        var out = ""
        var agent = ""
        for c in diff.changes {
            if c.agentID != agent {
                agent = c.agentID
                let name = c.new?.agentName ?? c.old?.agentName ?? ""
                out += "\(agent) \(name)\n"
            }
            switch c.kind {
            case .added: out += "  + \(t.day(c.date))  \(c.new!.shiftName) \(t.span(c.new!))\n"
            case .removed: out += "  - \(t.day(c.date))  \(c.old!.shiftName) \(t.span(c.old!))\n"
            case .moved: out += "  ~ \(t.day(c.date))  \(c.old!.shiftName) \(t.span(c.old!))  →  \(c.new!.shiftName) \(t.span(c.new!))\n"
            }
        }
        out += "\(diff.count(.added)) added, \(diff.count(.removed)) removed, \(diff.count(.moved)) moved, \(diff.unchanged) unchanged\n"
        if let b = coverageBefore, let a = coverageAfter {
            out += String(format: "coverage: shortfall %.1f → %.1f agent-hours, intervals below requirement %d → %d, surplus %.1f → %.1f agent-hours\n",
                          b.shortfallAgentHours, a.shortfallAgentHours, b.intervalsBelowRequirement, a.intervalsBelowRequirement,
                          b.surplusAgentHours, a.surplusAgentHours)
        }
        return out
    }

    public static func csv(_ diff: RosterDiff, clock: ZoneClock) -> String {
        var out = "change,agent_id,agent_name,date,old_shift,old_start,old_end,new_shift,new_start,new_end\r\n"
        for c in diff.changes {
            let name = c.new?.agentName ?? c.old?.agentName ?? ""
            let fields = [c.kind.rawValue, c.agentID, name, c.date.description,
                          c.old?.shiftName ?? "", c.old.map { clock.iso8601($0.start) } ?? "", c.old.map { clock.iso8601($0.end) } ?? "",
                          c.new?.shiftName ?? "", c.new.map { clock.iso8601($0.start) } ?? "", c.new.map { clock.iso8601($0.end) } ?? ""]
            out += fields.map { RosterCSV.escape($0, forSpreadsheet: true) }.joined(separator: ",") + "\r\n"
        }
        return out
    }
}

/// The published version of a scenario: `published.json` in the scenario folder names the version folder
/// that `show`, `coverage`, `export`, `resolve` and `staffing` use by default, and who published it when.
/// The version itself keeps the same record (`publication.json`), so that it stays with the version.
public struct Publication: Codable, Equatable, Sendable {
    public var version: String
    public var publishedAt: String
    public var by: String
    /// The version published before this one, if any.
    public var previous: String?

    public static let fileName = "published.json"
    public static let versionFileName = "publication.json"

    public init(version: String, publishedAt: String, by: String, previous: String?) {
        self.version = version
        self.publishedAt = publishedAt
        self.by = by
        self.previous = previous
    }

    public static func read(scenario: URL) -> Publication? {
        guard let data = try? Data(contentsOf: scenario.appendingPathComponent(fileName)) else { return nil }
        return try? JSONDecoder().decode(Publication.self, from: data)
    }

    public func encoded() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? e.encode(self)) ?? Data()
    }
}
