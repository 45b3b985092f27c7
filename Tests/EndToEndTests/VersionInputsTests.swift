import Foundation
import Testing

/// Versions carry their inputs: a roster made with `resolve --agents/--availability` is read with those
/// files by every command, the next `resolve` keeps them, and `verify` agrees with `resolve`.
@Suite(.serialized) struct VersionInputsTests {
    /// "N hard-rule violation(s)" of verify's last line.
    func verifyCount(_ out: String) -> Int? {
        guard let r = out.range(of: #"(\d+) hard-rule violation\(s\)"#, options: .regularExpression) else { return nil }
        return Int(out[r].prefix { $0.isNumber })
    }

    /// Violations `resolve` counts against the version: all of the report's minus those before the cut-off.
    func resolveCount(_ out: String) -> Int? {
        guard let r = out.range(of: #"hard-rule violations (\d+)"#, options: .regularExpression) else { return 0 }
        let total = Int(out[r].split(separator: " ").last!)!
        var past = 0
        if let p = out.range(of: #"(\d+) violation\(s\) lie wholly before the cut-off"#, options: .regularExpression) {
            past = Int(out[p].prefix { $0.isNumber })!
        }
        return total - past
    }

    func shifts(of agent: String, in version: URL, from: String, to: String) throws -> [String] {
        try String(contentsOf: version.appendingPathComponent("roster.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
            .filter { $0.hasPrefix(agent + ",") }
            .filter { let d = $0.split(separator: ",")[2]; return d >= from && d <= to }
    }

    @Test func aChainOfResolvesKeepsItsInputsAndVerifyAgreesWithResolve() throws {
        let fm = FileManager.default
        let dir = try RosterBinary.copyOfScenario("suzhou-96122")
        defer { try? fm.removeItem(at: dir) }
        let surgeAgents = RosterBinary.packageRoot.appendingPathComponent("rosters/suzhou-96122-surge/agents.csv").path
        // a02 falls sick from 03-24 to 03-31: a new availability file, given with the option only.
        let sick = dir.appendingPathComponent("sick.csv")
        let availability = try String(contentsOf: dir.appendingPathComponent("availability.csv"), encoding: .utf8)
        try (availability + (availability.hasSuffix("\n") ? "" : "\n") + "a02,2027-03-24,2027-03-31,leave,,,sick leave\n")
            .write(to: sick, atomically: true, encoding: .utf8)

        let v1 = dir.appendingPathComponent("v1"), v2 = dir.appendingPathComponent("v2"), v3 = dir.appendingPathComponent("v3")
        let solve = try RosterBinary.run(["solve", dir.path, "--time-limit", "6", "--out", v1.path], timeout: 120)
        try #require(solve.status == 0 || solve.status == 1, "\(solve)")
        #expect(fm.fileExists(atPath: v1.appendingPathComponent("input.agents.csv").path))
        #expect(fm.fileExists(atPath: v1.appendingPathComponent("inputs.json").path))

        // 2. Reinforcements and the sick note, given with options; the folder's files stay as they were.
        let r2 = try RosterBinary.run(["resolve", dir.path, "--from", "2027-03-23T00:00", "--base", v1.path + "/roster.csv",
                                       "--agents", surgeAgents, "--availability", sick.path, "--time-limit", "6", "--out", v2.path], timeout: 120)
        try #require(r2.status == 0 || r2.status == 1, "\(r2)")
        #expect(try shifts(of: "a02", in: v2, from: "2027-03-24", to: "2027-03-31").isEmpty)
        #expect(try shifts(of: "r01", in: v2, from: "2027-03-01", to: "2027-03-22").isEmpty, "a reinforcement works before the cut-off")

        // 3. The next resolve, without the options: it keeps both files (and says so); a02 stays off.
        let r3 = try RosterBinary.run(["resolve", dir.path, "--from", "2027-03-26T00:00", "--base", v2.path + "/roster.csv",
                                       "--time-limit", "6", "--out", v3.path], timeout: 120)
        try #require(r3.status == 0 || r3.status == 1, "\(r3)")
        #expect(r3.stderr.contains("note: availability.csv: kept from v2"), "\(r3.stderr)")
        #expect(r3.stderr.contains("note: agents.csv: kept from v2"), "\(r3.stderr)")
        #expect(try shifts(of: "a02", in: v3, from: "2027-03-24", to: "2027-03-31").isEmpty, "the sick agent was put back on shifts")

        // Every command reads the versions with their own inputs: the reinforcement is known.
        for v in [v2, v3] {
            let show = try RosterBinary.run(["show", dir.path, "--roster", v.path + "/roster.csv", "--agent", "r01"])
            #expect(show.status == 0 && show.stdout.contains("r01"), "\(show)")
            let export = try RosterBinary.run(["export", "ical", dir.path, "--roster", v.path + "/roster.csv", "--out", v.path + "-ics"])
            #expect(export.status == 0, "\(export)")
        }
        // verify agrees with resolve on every version: the same violations counted, the same exit status.
        for (v, run) in [(v2, r2), (v3, r3)] {
            let verify = try RosterBinary.run(["verify", dir.path, v.path])
            #expect(verify.status == run.status, "\(v.lastPathComponent): verify \(verify.status), resolve \(run.status)\n\(verify.stdout)")
            #expect(verifyCount(verify.stdout) == resolveCount(run.stdout), "\(v.lastPathComponent): \(verify.stdout)\n\(run.stdout)")
        }

        // A kept input changed by hand is refused, not silently used.
        try "id,name\nx,y\n".write(to: v3.appendingPathComponent("input.agents.csv"), atomically: true, encoding: .utf8)
        let tampered = try RosterBinary.run(["show", dir.path, "--roster", v3.path + "/roster.csv"])
        #expect(tampered.status == 2 && tampered.stderr.contains("was changed after the version was made"), "\(tampered)")
    }

    @Test func verifyOnAnotherScenariosRosterIsOneErrorNotAHundredViolations() throws {
        let surge = RosterBinary.packageRoot.appendingPathComponent("rosters/suzhou-96122-surge").path
        let normal = RosterBinary.packageRoot.appendingPathComponent("Tests/RosterOutputTests/Golden/suzhou-96122-roster.csv").path
        let run = try RosterBinary.run(["verify", surge, normal])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("roster of another scenario?"), "\(run)")
        #expect(!run.stdout.contains("violation:"), "\(run)")
    }
}
