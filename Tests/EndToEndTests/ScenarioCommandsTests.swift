import Foundation
import Testing

/// End-to-end: `roster check`, `roster staffing` and `roster erlang` as a user runs them.
@Suite(.serialized) struct ScenarioCommandsTests {
    @Test func checkBundledScenariosExitsZero() throws {
        for name in ["rosters/suzhou-96122", "rosters/suzhou-96122-surge"] {
            let run = try RosterBinary.run(["check", name])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("ok: \(name)"), "\(run)")
            #expect(!run.output.contains("warning:"), "\(run)")
        }
    }

    @Test func staffingPrintsTableChartCSVAndJSONQuickly() throws {
        let run = try RosterBinary.run(["staffing", "rosters/suzhou-96122"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("interval") && run.stdout.contains("needed") && run.stdout.contains("sched"))
        #expect(run.stdout.contains("2027-03-15 09:30"))
        #expect(run.stdout.contains("Mon 2027-03-15 ") && run.stdout.contains("Sun 2027-04-11 "))
        #expect(run.stdout.contains("█"))
        // A debug build on a busy machine; the release build takes well under 0.1 s.
        #expect(run.seconds < 5, "took \(run.seconds) s")

        let csv = try RosterBinary.run(["staffing", "rosters/suzhou-96122", "--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 1 + 28 * 48)
        #expect(lines.first?.hasPrefix("interval_start,utc_start,calls") == true)

        let json = try RosterBinary.run(["staffing", "rosters/suzhou-96122", "--format", "json", "--date", "2027-03-16"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let intervals = object?["intervals"] as? [[String: Any]]
        #expect(intervals?.count == 48)
        #expect((intervals?.first?["interval_start"] as? String) == "2027-03-16T00:00")
        #expect(intervals?.allSatisfy { ($0["service_level"] as? Double ?? 0) >= 0.8 } == true)
    }

    @Test func erlangCalculator() throws {
        let c = try RosterBinary.run(["erlang", "--calls", "100", "--aht", "180", "--interval", "30", "--sl", "0.8",
                                      "--answer-time", "20", "--shrinkage", "0.3", "--max-occupancy", "0.85", "--format", "json"])
        #expect(c.status == 0, "\(c)")
        let o = try JSONSerialization.jsonObject(with: Data(c.stdout.utf8)) as? [String: Any]
        #expect(o?["agents_needed"] as? Int == 14)
        #expect(o?["agents_to_schedule"] as? Int == 20)
        #expect(abs((o?["service_level"] as? Double ?? 0) - 0.88835) < 0.0005)

        let a = try RosterBinary.run(["erlang", "--calls", "100", "--aht", "180", "--sl", "0.8", "--answer-time", "20",
                                      "--patience", "300", "--format", "csv"])
        #expect(a.status == 0, "\(a)")
        let row = a.stdout.split(separator: "\n").last?.split(separator: ",").map(String.init) ?? []
        #expect(row.count == 11 && row[4] == "13", "\(a)")

        let table = try RosterBinary.run(["erlang", "--calls", "5000", "--aht", "240", "--sl", "0.8", "--answer-time", "20"])
        #expect(table.status == 0 && table.stdout.contains("679"), "\(table)")

        for bad in [["--calls", "-5", "--aht", "180", "--sl", "0.8", "--answer-time", "20"],
                    ["--calls", "abc", "--aht", "180", "--asa", "20"],
                    ["--calls", "100", "--aht", "180"],
                    ["--calls", "100", "--aht", "180", "--sl", "1.5", "--answer-time", "20"],
                    ["--calls", "100", "--aht", "180", "--asa", "20", "--shrinkage", "1"],
                    ["--calls", "100", "--aht", "180", "--asa", "20", "--format", "xml"]] {
            let r = try RosterBinary.run(["erlang"] + bad)
            #expect(r.status == 2, "\(bad): \(r)")
            #expect(r.stderr.contains("error: "), "\(bad): \(r)")
            #expect(!r.crashed, "\(bad): \(r)")
        }
    }

    /// A broken copy of the bundled scenario: exit 2, the exact message, never a crash.
    func expectBroken(_ file: String, _ edit: (String) -> String, message: String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = try RosterBinary.copyOfScenario("suzhou-96122")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(file)
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        try Data(edit(text).utf8).write(to: url)
        let run = try RosterBinary.run(["check", dir.path])
        #expect(run.status == 2, "\(run)", sourceLocation: sourceLocation)
        #expect(run.stdout.contains(message), "expected '\(message)' in\n\(run)", sourceLocation: sourceLocation)
        #expect(run.output.contains("failed: "), sourceLocation: sourceLocation)
        #expect(!run.crashed, "\(run)", sourceLocation: sourceLocation)
        let staffing = try RosterBinary.run(["staffing", dir.path])
        #expect(staffing.status == 2 && !staffing.crashed, "\(staffing)", sourceLocation: sourceLocation)
    }

    @Test func badTOML() throws {
        try expectBroken("team.toml", { $0.replacingOccurrences(of: "interval_minutes = 30", with: "interval_minutes = = 30") },
                         message: "error: team.toml:7: TOML syntax error")
        try expectBroken("team.toml", { $0.replacingOccurrences(of: "interval_minutes = 30", with: "interval_minutes = 20") },
                         message: "error: team.toml:7: field 'interval_minutes': must be 15, 30 or 60")
    }

    @Test func wrongCSVColumns() throws {
        try expectBroken("agents.csv", { $0.replacingOccurrences(of: "id,name,", with: "id,nmae,") },
                         message: "error: agents.csv:1: field 'name': required column 'name' is missing from the header")
    }

    @Test func unknownAgentInAvailability() throws {
        try expectBroken("availability.csv", { $0 + "a99,2027-03-20,,leave,,,\n" },
                         message: "error: availability.csv:16: field 'agent': no agent with id 'a99' in agents.csv")
    }

    @Test func startAfterEnd() throws {
        try expectBroken("availability.csv", { $0.replacingOccurrences(of: "a04,2027-03-22,2027-03-26", with: "a04,2027-03-26,2027-03-22") },
                         message: "error: availability.csv:2: field 'to': the end is before the start")
    }

    @Test func negativeCalls() throws {
        try expectBroken("forecast.csv", { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[10] = "2027-03-15T04:30,-7,120"
            return lines.joined(separator: "\n")
        }, message: "error: forecast.csv:11: field 'calls': must be between 0 and 100000 calls")
    }

    @Test func timeZoneThatDoesNotExist() throws {
        try expectBroken("team.toml", { $0.replacingOccurrences(of: "\"Asia/Shanghai\"", with: "\"Asia/Suzhou\"") },
                         message: "error: team.toml:6: field 'time_zone': 'Asia/Suzhou' is not an IANA time zone")
    }

    @Test func unknownShiftName() throws {
        try expectBroken("availability.csv", { $0.replacingOccurrences(of: "preferred_shift,night", with: "preferred_shift,nights") },
                         message: "error: availability.csv:12: field 'shift': no shift template named 'nights' in team.toml")
    }

    @Test func emptyFile() throws {
        try expectBroken("agents.csv", { _ in "" }, message: "error: agents.csv: file is empty")
        try expectBroken("team.toml", { _ in "" }, message: "error: team.toml: file is empty")
    }

    @Test func notAFolder() throws {
        let run = try RosterBinary.run(["check", "rosters/does-not-exist"])
        #expect(run.status == 2 && !run.crashed, "\(run)")
    }

    @Test func bomAndCRLFAreAccepted() throws {
        let dir = try RosterBinary.copyOfScenario("suzhou-96122")
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["team.toml", "agents.csv", "availability.csv", "forecast.csv", "pinned.csv"] {
            let url = dir.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
            try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: url)
        }
        let run = try RosterBinary.run(["check", dir.path])
        #expect(run.status == 0, "\(run)")
        #expect(!run.output.contains("warning:"), "\(run)")
    }
}
