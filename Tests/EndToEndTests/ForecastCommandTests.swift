import Foundation
import Testing

/// The lead's path from an ACD export to a roster: `roster forecast` → `roster staffing` → `roster solve`,
/// on the bundled scenario and its generated year of history.
@Suite(.serialized) struct ForecastCommandTests {
    @Test func historyToForecastToStaffingToRoster() throws {
        let fm = FileManager.default
        let dir = try RosterBinary.copyOfScenario("suzhou-96122")
        defer { try? fm.removeItem(at: dir) }
        // The folder already has forecast.csv: nothing is replaced without --force.
        let old = try Data(contentsOf: dir.appendingPathComponent("forecast.csv"))
        let refused = try RosterBinary.run(["forecast", dir.path])
        #expect(refused.status == 2 && refused.stderr.contains("exists; --force replaces it"), "\(refused)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("forecast.csv")) == old)

        let svg = dir.appendingPathComponent("backtest.svg")
        let made = try RosterBinary.run(["forecast", dir.path, "--force", "--backtest", "2", "--plot", svg.path])
        try #require(made.status == 0, "\(made)")
        #expect(made.stdout.contains("event 'notice'") && made.stdout.contains("measured on 5 past event(s)"))
        #expect(made.stdout.contains("outlier days left out: 2026-10-20"))
        #expect(made.stdout.contains("true intensity (floor)"))
        #expect(fm.fileExists(atPath: svg.path))
        let csv = try String(contentsOf: dir.appendingPathComponent("forecast.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n")
        #expect(rows.first == "interval_start,calls,aht_seconds,calls_low,calls_high,note")
        #expect(rows.count == 1 + 28 * 48)
        #expect(rows.contains { $0.hasPrefix("2027-04-05T09:00,") && $0.hasSuffix(",holiday") })

        // The scenario loads it without a warning, and staffing plans for the expected and the high case.
        let check = try RosterBinary.run(["check", dir.path])
        #expect(check.status == 0 && check.stdout.contains("0 warning(s)"), "\(check)")
        func agents(_ extra: [String]) throws -> Int {
            let r = try RosterBinary.run(["staffing", dir.path, "--format", "csv"] + extra)
            try #require(r.status == 0, "\(r)")
            let lines = r.stdout.split(separator: "\n")
            let header = lines[0].split(separator: ",")
            let column = try #require(header.firstIndex(of: "agents_to_schedule"))
            return lines.dropFirst().reduce(0) { $0 + (Int($1.split(separator: ",")[column]) ?? 0) }
        }
        let expected = try agents([]), high = try agents(["--case", "high"])
        #expect(high > expected, "high case \(high) against \(expected)")

        // A roster from it (on a loaded machine a short solve may end with a broken rule: exit 1, still written),
        // and the independent check agrees with the solve's verdict.
        let out = dir.appendingPathComponent("v1")
        let solved = try RosterBinary.run(["solve", dir.path, "--time-limit", "15", "--out", out.path], timeout: 180)
        try #require(solved.status == 0 || solved.status == 1, "\(solved)")
        let shifts = try String(contentsOf: out.appendingPathComponent("roster.csv"), encoding: .utf8).split(whereSeparator: \.isNewline).count - 1
        #expect(shifts > 0, "no shift in the roster")
        let verified = try RosterBinary.run(["verify", dir.path, out.appendingPathComponent("roster.csv").path])
        #expect(verified.status == solved.status, "\(verified)")
        #expect(try String(contentsOf: out.appendingPathComponent("input.forecast.csv"), encoding: .utf8) == csv)
    }

    @Test func theSurgeIsForecastFromNoticesLabelledInTheHistory() throws {
        let fm = FileManager.default
        let dir = try RosterBinary.copyOfScenario("suzhou-96122-surge")
        defer { try? fm.removeItem(at: dir) }
        let history = RosterBinary.packageRoot.appendingPathComponent("rosters/suzhou-96122/history.csv").path
        let r = try RosterBinary.run(["forecast", dir.path, "--history", history, "--out", "-", "--format", "json"])
        #expect(r.status == 2 && r.stderr.contains("would share standard output"))
        let json = dir.appendingPathComponent("f.csv")
        let made = try RosterBinary.run(["forecast", dir.path, "--history", history, "--out", json.path, "--format", "json"])
        try #require(made.status == 0, "\(made)")
        let top = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any])
        let days = try #require(top["days"] as? [[String: Any]])
        #expect(days.count == 14)
        let calls = days.map { $0["calls"] as! Double }
        // Each notice day (Mon 15th, Fri 19th, Wed 24th) rises well above the day before it.
        // The first notice's Monday is above the next Monday, still raised by the later notices' tails only.
        #expect(calls[0] > 1.15 * calls[7])
        #expect(calls[4] > 1.3 * calls[3] && calls[9] > 1.3 * calls[8], "\(calls)")
    }

    @Test func badHistoryGetsFileLineAndFieldAndNothingIsWritten() throws {
        let fm = FileManager.default
        let dir = try RosterBinary.copyOfScenario("suzhou-96122")
        defer { try? fm.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.csv")
        try "interval_start,offered,aht_seconds\n2026-03-16T00:00+08:00,12,100\n2026-03-16T00:30+08:00,twelve,100\n".write(to: bad, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("new.csv")
        let r = try RosterBinary.run(["forecast", dir.path, "--history", bad.path, "--out", out.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.csv:3: field 'offered': 'twelve' is not a number"), "\(r)")
        #expect(!r.crashed && !fm.fileExists(atPath: out.path))
    }
}
