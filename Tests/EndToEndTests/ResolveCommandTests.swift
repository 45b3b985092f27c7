import Foundation
import Testing

/// `roster resolve` on the bundled surge variant, from the normal roster, through the built binary.
@Suite(.serialized) struct ResolveCommandTests {
    static let surge = RosterBinary.packageRoot.appendingPathComponent("rosters/suzhou-96122-surge").path
    /// A roster of the normal scenario (solved once and kept with the output tests' golden files).
    static let published = RosterBinary.packageRoot.appendingPathComponent("Tests/RosterOutputTests/Golden/suzhou-96122-roster.csv").path

    func number(after prefix: String, in text: String) -> Double? {
        guard let range = text.range(of: prefix) else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " }
        return Double(rest.prefix { $0.isNumber || $0 == "." })
    }

    @Test func reRosteringTheSurgeFromMidPeriodKeepsThePastAndChangesLessThanAFreshSolve() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("roster-resolve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try RosterBinary.run(["resolve", Self.surge, "--from", "2027-03-22T00:00", "--base", Self.published,
                                        "--time-limit", "20", "--out", dir.path, "--compare-fresh"], timeout: 180)
        #expect(!run.crashed, "\(run)")
        #expect(run.status == 0, "\(run)")
        let changed = try #require(number(after: "changed shifts after the cut-off:", in: run.stdout))
        let before = try #require(number(after: "before it:", in: run.stdout))
        let fresh = try #require(number(after: "a fresh solve would change", in: run.stdout))
        let shortfallBefore = try #require(number(after: "what the change bought: shortfall", in: run.stdout))
        let shortfallAfter = try #require(number(after: "→", in: run.stdout))
        #expect(before == 0)
        #expect(changed < fresh)
        #expect(shortfallAfter < shortfallBefore)
        for file in ["roster.csv", "roster.json", "version.json", "calendar-state.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path))
        }
        // A second resolve into the same folder is refused: versions are never overwritten.
        let again = try RosterBinary.run(["resolve", Self.surge, "--from", "2027-03-22T00:00", "--base", Self.published,
                                          "--time-limit", "2", "--out", dir.path])
        #expect(again.status == 2)
        // The diff of the two rosters shows the same number of changes after the cut-off.
        let diff = try RosterBinary.run(["diff", Self.surge, Self.published, dir.appendingPathComponent("roster.csv").path, "--format", "csv"])
        #expect(diff.status == 0, "\(diff)")
        #expect(diff.stdout.hasPrefix("change,agent_id,agent_name,date,"))
    }

    /// A cut-off the clocks skip (Europe/Berlin, 2027-03-28 02:00 → 03:00) or outside the horizon is refused
    /// with a message, before anything is solved or written.
    @Test func aCutOffInAClockGapOrOutsideTheHorizonIsRefused() throws {
        let copy = try RosterBinary.copyOfScenario("suzhou-96122")
        defer { try? FileManager.default.removeItem(at: copy) }
        let team = copy.appendingPathComponent("team.toml")
        let text = try String(contentsOf: team, encoding: .utf8).replacingOccurrences(of: "time_zone = \"Asia/Shanghai\"", with: "time_zone = \"Europe/Berlin\"")
        try text.write(to: team, atomically: true, encoding: .utf8)
        for (from, message) in [("2027-03-28T02:30", "does not exist in Europe/Berlin"), ("2027-05-01T00:00", "is outside the scenario's horizon"),
                                ("2027-03-14T23:00", "is outside the scenario's horizon")] {
            let run = try RosterBinary.run(["resolve", copy.path, "--from", from, "--base", Self.published])
            #expect(run.status == 2 && run.stderr.contains("--from: \(from) \(message)"), "\(from): \(run)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy.path).filter { $0.hasPrefix("roster-") }.isEmpty)
    }
}
