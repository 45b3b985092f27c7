import Foundation
import Testing

/// The guide's surge walk-through, ending in a real calendar client: every agent's calendar file is
/// imported into khal after each export (as a subscribed calendar would be refreshed), and each agent's
/// live events must be exactly her shifts in the roster just exported — never a removed shift left
/// standing, never a cancelled twin beside a live one.
@Suite(.serialized) struct CalendarLifeTests {
    static let published = RosterBinary.packageRoot.appendingPathComponent("Tests/RosterOutputTests/Golden/suzhou-96122-roster.csv").path

    static var khal: String? {
        ["/usr/bin/khal", "/usr/local/bin/khal"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A khal set-up in a temporary folder: one khal calendar per agent.
    struct Khal {
        let root: URL
        let binary: String

        init(binary: String) throws {
            self.binary = binary
            root = FileManager.default.temporaryDirectory.appendingPathComponent("khal-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("cals"), withIntermediateDirectories: true)
        }

        var config: URL { root.appendingPathComponent("config") }

        /// Writes khal's configuration for these calendars (khal needs each vdir folder to exist).
        func configure(calendars: [String]) throws {
            var text = "[calendars]\n"
            for c in calendars {
                let dir = root.appendingPathComponent("cals/\(c)")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                text += "[[\(c)]]\npath = \(dir.path)\ntype = calendar\n"
            }
            text += """
            [locale]
            local_timezone = Asia/Shanghai
            default_timezone = Asia/Shanghai
            timeformat = %H:%M
            dateformat = %Y-%m-%d
            longdateformat = %Y-%m-%d
            datetimeformat = %Y-%m-%d %H:%M
            longdatetimeformat = %Y-%m-%d %H:%M
            [sqlite]
            path = \(root.appendingPathComponent("khal.db").path)

            """
            try text.write(to: config, atomically: true, encoding: .utf8)
        }

        @discardableResult
        func run(_ arguments: [String]) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["-c", config.path] + arguments
            let out = root.appendingPathComponent("out.txt")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            let h = try FileHandle(forWritingTo: out)
            p.standardOutput = h
            p.standardError = h
            p.standardInput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            try h.close()
            let text = try String(contentsOf: out, encoding: .utf8)
            guard p.terminationStatus == 0 else { throw KhalFailure(message: "khal \(arguments.joined(separator: " ")): \(text)") }
            return text
        }

        /// Live (not cancelled) events of a calendar: their local start "yyyy-mm-dd HH:MM", sorted.
        func liveStarts(_ calendar: String, from: String, days: Int) throws -> [String] {
            let text = try run(["list", "-a", calendar, "--format", "EV|{status}|{start-date} {start-time}|{uid}", "--day-format", "", from, "\(days)d"])
            // khal lists an event under every day it touches: a night shift twice. One entry per UID.
            var starts: [String: String] = [:]
            for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("EV|") {
                let f = line.split(separator: "|", omittingEmptySubsequences: false)
                if !f[1].contains("CANCELLED") { starts[String(f[3])] = String(f[2]) }
            }
            return starts.values.sorted()
        }
    }

    struct KhalFailure: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// Shifts of roster.csv by agent: local starts "yyyy-mm-dd HH:MM" (the file's times carry +08:00).
    static func starts(_ rosterCSV: URL, through last: String) throws -> [String: [String]] {
        let lines = try String(contentsOf: rosterCSV, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        var out: [String: [String]] = [:]
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let start = f[3]   // 2027-03-14T22:00:00+08:00
            let local = start.prefix(10) + " " + start.dropFirst(11).prefix(5)
            if String(start.prefix(10)) <= last { out[String(f[0]), default: []].append(String(local)) }
        }
        return out.mapValues { $0.sorted() }
    }

    /// Every agent-<id>.ics of an export folder imported into that agent's khal calendar.
    static func importAll(_ folder: URL, into khal: Khal) throws {
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasPrefix("agent-") {
            let id = String(file.dropFirst(6).dropLast(4))
            try khal.run(["import", "--batch", "-a", id, folder.appendingPathComponent(file).path])
        }
    }

    /// Each agent's live events in khal over the surge horizon (with its eve) against her shifts.
    static func expectCalendarsMatch(_ khal: Khal, roster: URL, agents: [String], step: String) throws {
        let want = try starts(roster, through: "2027-03-28")
        var wrong: [String] = []
        for id in agents {
            let live = try khal.liveStarts(id, from: "2027-03-14", days: 15).filter { $0 <= "2027-03-28 99" }
            if live != (want[id] ?? []) { wrong.append("\(id): khal \(live.count) live event(s), roster \(want[id]?.count ?? 0) shift(s)") }
        }
        #expect(wrong.isEmpty, "\(step): \(wrong.prefix(5).joined(separator: "; "))")
    }

    @Test func surgeWalkThroughLeavesEveryAgentsCalendarWithExactlyHerShifts() throws {
        let binary = try #require(Self.khal, "khal is not installed (apt-get install khal; .ci/install-deps does it)")
        let fm = FileManager.default
        let normal = try RosterBinary.copyOfScenario("suzhou-96122"), surge = try RosterBinary.copyOfScenario("suzhou-96122-surge")
        let khal = try Khal(binary: binary)
        defer { for u in [normal, surge, khal.root] { try? fm.removeItem(at: u) } }
        let feed = khal.root.appendingPathComponent("feed")
        let ids = try String(contentsOf: surge.appendingPathComponent("agents.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",")[0]) }
        try khal.configure(calendars: ids)

        // 1. HR publishes the normal roster's calendars; agents subscribe.
        let first = try RosterBinary.run(["export", "ical", normal.path, "--roster", Self.published, "--out", feed.path])
        try #require(first.status == 0, "\(first)")
        try Self.importAll(feed, into: khal)
        try Self.expectCalendarsMatch(khal, roster: URL(fileURLWithPath: Self.published), agents: ids, step: "first export")

        // 2. The surge: re-roster from the second week in the surge variant (another folder, another team
        //    name, the same calendar_id), export into the same folder, refresh.
        let version = surge.appendingPathComponent("v2")
        let resolve = try RosterBinary.run(["resolve", surge.path, "--from", "2027-03-22T00:00", "--base", Self.published,
                                            "--time-limit", "8", "--out", version.path], timeout: 180)
        try #require(resolve.status == 0, "\(resolve)")
        let second = try RosterBinary.run(["export", "ical", surge.path, "--roster", version.path, "--out", feed.path])
        try #require(second.status == 0, "\(second)")
        #expect(second.stdout.contains("cancelled"), "\(second)")
        try Self.importAll(feed, into: khal)
        try Self.expectCalendarsMatch(khal, roster: version.appendingPathComponent("roster.csv"), agents: ids, step: "after resolve")
        // Weeks 3–4 of the normal roster lie outside the surge roster's horizon: left as they were.
        let later = try khal.liveStarts("a01", from: "2027-03-29", days: 14)
        #expect(later == (try Self.starts(URL(fileURLWithPath: Self.published), through: "9999")["a01"] ?? []).filter { $0 >= "2027-03-29" })

        // 3. A fresh solve of the surge (not a resolve: no calendar state in its folder), exported into the
        //    same folder: the shifts that went away are cancelled.
        let fresh = surge.appendingPathComponent("v3")
        let solve = try RosterBinary.run(["solve", surge.path, "--time-limit", "5", "--seed", "7", "--out", fresh.path], timeout: 180)
        try #require(solve.status == 0 || solve.status == 1, "\(solve)")
        let third = try RosterBinary.run(["export", "ical", surge.path, "--roster", fresh.path, "--out", feed.path])
        try #require(third.status == 0, "\(third)")
        try Self.importAll(feed, into: khal)
        try Self.expectCalendarsMatch(khal, roster: fresh.appendingPathComponent("roster.csv"), agents: ids, step: "after a fresh solve")
    }
}
