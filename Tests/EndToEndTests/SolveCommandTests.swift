import Foundation
import Testing

/// `roster solve` and `roster verify` on the bundled scenario, through the built binary.
@Suite(.serialized) struct SolveCommandTests {
    static let scenario = RosterBinary.packageRoot.appendingPathComponent("rosters/suzhou-96122").path

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func solvingTheBundledScenarioGivesAValidRosterThatVerifies() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("roster")
        let run = try RosterBinary.run(["solve", Self.scenario, "--time-limit", "40", "--out", out.path], timeout: 180)
        #expect(!run.crashed, "\(run)")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("hard-rule violations 0"))
        #expect(run.stdout.contains("0 below the floor"))
        #expect(run.stdout.contains("gap "))
        #expect(run.stdout.contains("lower bound "))
        let csv = try String(contentsOf: out.appendingPathComponent("roster.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n")
        #expect(rows.first == "agent_id,agent_name,date,start,end,shift,break_start,break_end")
        #expect(rows.count > 500)
        #expect(csv.contains("+08:00"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("roster.json"))) as? [String: Any]
        let report = try #require(json?["report"] as? [String: Any])
        #expect((report["violations"] as? [Any])?.isEmpty == true)
        #expect(report["gap"] is Double)

        let verify = try RosterBinary.run(["verify", Self.scenario, out.appendingPathComponent("roster.csv").path])
        #expect(verify.status == 0, "\(verify)")
        #expect(verify.stdout.contains("0 hard-rule violation(s)"))

        // The roster is never overwritten without --force.
        let again = try RosterBinary.run(["solve", Self.scenario, "--time-limit", "5", "--out", out.path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("--force"))
    }

    @Test func verifyReportsABrokenRosterAndExitsNonZero() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // a31 is unavailable on 2027-03-17 (training); a02 gets a night and then an early day shift.
        let csv = """
        agent_id,agent_name,date,start,end,shift,break_start,break_end
        a31,x,2027-03-17,2027-03-17T08:00:00+08:00,2027-03-17T16:00:00+08:00,day,2027-03-17T12:00:00+08:00,2027-03-17T13:00:00+08:00
        a02,x,2027-03-15,2027-03-15T22:00:00+08:00,2027-03-16T06:00:00+08:00,night,2027-03-16T02:00:00+08:00,2027-03-16T03:00:00+08:00
        a02,x,2027-03-16,2027-03-16T08:00:00+08:00,2027-03-16T16:00:00+08:00,day,2027-03-16T12:00:00+08:00,2027-03-16T13:00:00+08:00

        """
        let file = dir.appendingPathComponent("bad.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let run = try RosterBinary.run(["verify", Self.scenario, file.path])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("[unavailability] a31 2027-03-17"))
        #expect(run.stdout.contains("[rest between shifts] a02 2027-03-16"))
        #expect(run.stdout.contains("[floor of agents]"))
    }

    @Test func badArgumentsAndFilesExitWithTwo() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.csv")
        try "agent_id,agent_name,date,start,end,shift\na1,A,2027-03-15,noon,2027-03-15T16:00:00+08:00,day\n".write(to: bad, atomically: true, encoding: .utf8)
        let verify = try RosterBinary.run(["verify", Self.scenario, bad.path])
        #expect(verify.status == 2)
        #expect(verify.stderr.contains("bad.csv:2: field 'start'"))
        let limit = try RosterBinary.run(["solve", Self.scenario, "--time-limit", "-3"])
        #expect(limit.status != 0 && !limit.crashed)
        let model = try RosterBinary.run(["solve", Self.scenario, "--write-model", dir.appendingPathComponent("m.txt").path])
        #expect(model.status != 0 && !model.crashed)
    }
}
