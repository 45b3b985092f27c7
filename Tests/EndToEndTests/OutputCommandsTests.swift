import Foundation
import Testing

/// End-to-end: `roster show`, `roster coverage` and `roster export` on the bundled scenario with a
/// stored roster (Tests/RosterOutputTests/Golden/suzhou-96122-roster.csv).
@Suite(.serialized) struct OutputCommandsTests {
    static let scenario = "rosters/suzhou-96122"
    static let rosterFile = RosterBinary.packageRoot.appendingPathComponent("Tests/RosterOutputTests/Golden/suzhou-96122-roster.csv").path

    /// A scenario copy holding the roster as `roster-<stamp>/roster.csv`, as `roster solve` leaves it.
    static func scenarioWithRoster() throws -> URL {
        let dir = try RosterBinary.copyOfScenario("suzhou-96122")
        for stamp in ["20270301-080000", "20270310-120000"] {
            let sub = dir.appendingPathComponent("roster-\(stamp)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: rosterFile, toPath: sub.appendingPathComponent("roster.csv").path)
        }
        return dir
    }

    @Test func showAgentByNameNextShiftFirst() throws {
        let run = try RosterBinary.run(["show", Self.scenario, "--roster", Self.rosterFile, "--agent", "王丽", "--at", "2027-03-20T09:00"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("王丽 (a02)"), "\(run)")
        #expect(run.stdout.contains("Next: "))
        #expect(run.stdout.contains("past shift(s) not shown"))
        #expect(!run.stdout.contains("\u{1B}["), "no colour when piped")
        let all = try RosterBinary.run(["show", Self.scenario, "--roster", Self.rosterFile, "--agent", "a02", "--at", "2027-03-20T09:00", "--all", "--color", "always"])
        #expect(all.status == 0 && all.stdout.contains("Past (") && all.stdout.contains("\u{1B}["), "\(all)")
    }

    @Test func showDateNowAndGrid() throws {
        let day = try RosterBinary.run(["show", Self.scenario, "--roster", Self.rosterFile, "--date", "2027-03-16"])
        #expect(day.status == 0 && day.stdout.contains("Tue 2027-03-16") && day.stdout.contains("█") && day.stdout.contains("morning handover"), "\(day)")
        let now = try RosterBinary.run(["show", Self.scenario, "--roster", Self.rosterFile, "--now", "--at", "2027-03-16T12:10"])
        #expect(now.status == 0 && now.stdout.contains("On the line") && now.stdout.contains("On break") && now.stdout.contains("Coming next"), "\(now)")
        let grid = try RosterBinary.run(["show", Self.scenario, "--roster", Self.rosterFile, "--color", "never"])
        #expect(grid.status == 0 && grid.stdout.contains("徐海燕 a01"), "\(grid)")
        #expect(grid.stdout.split(separator: "\n").filter { $0.contains(" a") && $0.contains("│") }.count == 50)
    }

    @Test func defaultRosterIsTheNewestAndNamedOnStderr() throws {
        let dir = try Self.scenarioWithRoster()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try RosterBinary.run(["show", dir.path, "--agent", "a01", "--at", "2027-03-14T12:00"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("roster-20270310-120000/roster.csv"), "\(run)")
    }

    @Test func badInputIsOneMessageAndExit2() throws {
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("other-\(UUID().uuidString).csv")
        try "agent_id,agent_name,date,start,end,shift,break_start,break_end\r\nz9,Zed,2027-03-15,2027-03-15T08:00:00+08:00,2027-03-15T16:00:00+08:00,day,,\r\n"
            .write(to: other, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: other) }
        let empty = try RosterBinary.copyOfScenario("suzhou-96122")
        defer { try? FileManager.default.removeItem(at: empty) }
        let cases: [([String], String)] = [
            (["show", Self.scenario, "--roster", Self.rosterFile, "--agent", "nobody"], "no agent with id or name 'nobody'"),
            (["show", Self.scenario, "--roster", Self.rosterFile, "--date", "2027-02-30"], "'2027-02-30' is not a date"),
            (["show", Self.scenario, "--roster", Self.rosterFile, "--date", "2030-01-01"], "outside the horizon"),
            (["show", Self.scenario, "--roster", Self.rosterFile, "--now", "--at", "noon"], "--at: 'noon'"),
            (["show", Self.scenario, "--roster", "/nonexistent/roster.csv"], "no such file"),
            (["show", Self.scenario, "--roster", other.path], "another scenario"),
            (["show", empty.path], "no roster in"),
            (["show", Self.scenario, "--roster", Self.rosterFile, "--color", "sometimes"], "--color"),
            (["coverage", Self.scenario, "--roster", Self.rosterFile, "--date", "x", "--no-svg"], "'x' is not a date"),
            (["export", "ical", Self.scenario, "--roster", Self.rosterFile, "--agent", "a99", "--out", "/tmp/never-written"], "'a99'"),
        ]
        for (args, message) in cases {
            let run = try RosterBinary.run(args)
            #expect(run.status == 2, "\(args): \(run)")
            #expect(run.stderr.contains(message), "\(args): \(run)")
            #expect(!run.crashed, "\(args): \(run)")
        }
    }

    @Test func coverageTextAndSVGBesideTheRoster() throws {
        let dir = try Self.scenarioWithRoster()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try RosterBinary.run(["coverage", dir.path])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Mon 2027-03-15") && run.stdout.contains("Total: shortfall"), "\(run)")
        let svg = dir.appendingPathComponent("roster-20270310-120000/coverage.svg")
        let data = try Data(contentsOf: svg)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("<?xml"))
        let day = try RosterBinary.run(["coverage", dir.path, "--date", "2027-03-16", "--no-svg"])
        #expect(day.status == 0 && day.stdout.contains("08:00") && day.stdout.contains("morning handover"), "\(day)")
    }

    @Test func exportsIcalCsvAndText() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let ical = try RosterBinary.run(["export", "ical", Self.scenario, "--roster", Self.rosterFile, "--all", "--out", out.appendingPathComponent("ics").path])
        #expect(ical.status == 0, "\(ical)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("ics").path)
        #expect(files.filter { $0.hasSuffix(".ics") }.count == 51)
        #expect(files.contains("team.ics") && files.contains("agent-a01.ics"))
        let one = try RosterBinary.run(["export", "ical", Self.scenario, "--roster", Self.rosterFile, "--agent", "徐海燕", "--out", out.appendingPathComponent("one").path])
        #expect(one.status == 0, "\(one)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("one").path).sorted() == ["agent-a01.ics", "calendar-state.json"])

        let csv = try RosterBinary.run(["export", "csv", Self.scenario, "--roster", Self.rosterFile, "--bom", "--out", out.appendingPathComponent("r.csv").path])
        #expect(csv.status == 0, "\(csv)")
        let bytes = try Data(contentsOf: out.appendingPathComponent("r.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let original = try Data(contentsOf: URL(fileURLWithPath: Self.rosterFile))
        #expect(bytes.dropFirst(3) == original)

        let text = try RosterBinary.run(["export", "text", Self.scenario, "--roster", Self.rosterFile, "--out", out.appendingPathComponent("board.txt").path])
        #expect(text.status == 0, "\(text)")
        let board = try String(contentsOf: out.appendingPathComponent("board.txt"), encoding: .utf8)
        #expect(board.contains("week of 2027-03-15") && board.contains("week of 2027-04-05"))
    }
}

/// The team grid in an ordinary 80-column terminal: pages of whole weeks, nothing wider than 80.
@Suite struct NarrowTerminalTests {
    static func width(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { w, u in
            // East Asian wide and full-width characters take two columns (the CJK names and ideographs).
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            return w + (wide ? 2 : 1)
        }
    }

    @Test func theGridFitsEightyColumnsInPagesOfWholeWeeks() throws {
        let run = try RosterBinary.run(["show", "rosters/suzhou-96122", "--color", "never"], environment: ["COLUMNS": "80"])
        try #require(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n")
        let wide = lines.filter { Self.width($0) > 80 }
        #expect(wide.isEmpty, "\(wide)")
        // Pages, each a whole number of Monday–Sunday weeks, together the four weeks of the horizon.
        let pages = lines.filter { $0.hasPrefix("Team roster:") }
        #expect(pages.count >= 2, "\(pages)")
        let dayRows = lines.filter { $0.hasPrefix("agent ") }
        let days = dayRows.flatMap { $0.split(separator: " ").dropFirst().flatMap { $0.split(whereSeparator: { "│┊".contains($0) }) } }
        #expect(days.count == 28 + 1, "\(days)")   // with the eve's column
        let weekdays = lines.filter { $0.contains("Mo") && $0.contains("Su") && !$0.hasPrefix("Team") }
        for w in weekdays { #expect(w.trimmingCharacters(in: .whitespaces).hasSuffix("Su"), "\(w)") }
        // Every agent on every page.
        #expect(lines.filter { $0.hasPrefix("徐海燕 a01") }.count == pages.count)
        // Without a width (a pipe, no $COLUMNS) the grid stays whole; --week picks one week.
        let whole = try RosterBinary.run(["show", "rosters/suzhou-96122", "--color", "never", "--width", "0"])
        #expect(whole.stdout.components(separatedBy: "Team roster:").count - 1 == 1)
        let week = try RosterBinary.run(["show", "rosters/suzhou-96122", "--color", "never", "--week", "4"])
        #expect(week.stdout.contains("2027-04-05 to 2027-04-11"), "\(week)")
    }
}
