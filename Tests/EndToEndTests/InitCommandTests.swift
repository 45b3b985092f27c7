import Foundation
import Testing

/// `roster init`: a new folder that `roster check` reads, and that becomes a scenario once agents and a
/// forecast are in it.
@Suite struct InitCommandTests {
    @Test func aNewScenarioFromInitToCheck() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("roster-init-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        let made = try RosterBinary.run(["init", dir.path, "--name", "Hotline \"Nord\"", "--zone", "Europe/Berlin", "--start", "2027-03-22"])
        try #require(made.status == 0, "\(made)")
        // What is missing, and nothing else.
        let first = try RosterBinary.run(["check", dir.path])
        #expect(first.status == 2)
        let said = first.stdout + first.stderr
        #expect(said.contains("agents.csv:1: no agents") && said.contains("forecast.csv:1: no rows"), "\(first)")
        #expect(said.components(separatedBy: "error:").count - 1 == 2, "\(first)")
        // A second init never replaces the files.
        let again = try RosterBinary.run(["init", dir.path])
        #expect(again.status == 2 && again.stderr.contains("nothing was written"))
        // Agents, and a forecast from (generated) history: the scenario loads, across the DST change of 2027-03-28.
        let agents = dir.appendingPathComponent("agents.csv")
        var text = try String(contentsOf: agents, encoding: .utf8)
        for n in 1...12 { text += "a\(n),Agent \(n),,,consult,yes,\n" }
        try text.write(to: agents, atomically: true, encoding: .utf8)
        let history = dir.appendingPathComponent("history.csv")
        let sim = try RosterBinary.run(["simulate-history", dir.path, "--out", history.path, "--weeks", "12", "--calls", "900", "--interval", "15", "--timestamps", "utc"])
        try #require(sim.status == 0, "\(sim)")
        let forecast = try RosterBinary.run(["forecast", dir.path, "--force"])
        try #require(forecast.status == 0, "\(forecast)")
        #expect(forecast.stdout.contains("2027-03-28  Sun") && forecast.stdout.contains("23-hour day"), "\(forecast.stdout)")
        let second = try RosterBinary.run(["check", dir.path])
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.contains("'Hotline \"Nord\"', Europe/Berlin, 28 days from 2027-03-22"), "\(second)")
    }
}
