import Foundation
import Testing

/// `roster nrp generate | solve | check` through the built binary: the roster `solve` writes is read back by
/// `check`, which must agree with the objective `solve` printed; broken rosters and unreadable files get
/// the exit statuses and messages the help promises.
@Suite(.serialized) struct NRPCommandTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-nrp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The value after `objective: ` in a run's standard output.
    func objective(_ output: String) -> Int? {
        output.split(separator: "\n").first { $0.hasPrefix("objective: ") }.flatMap { Int($0.dropFirst("objective: ".count)) }
    }

    @Test func checkAgreesWithSolveAndFindsABrokenRule() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = folder.appendingPathComponent("small.txt").path
        let csv = folder.appendingPathComponent("small.csv").path
        let generated = try RosterBinary.run(["nrp", "generate", "--days", "14", "--staff", "6", "--shifts", "2", "--seed", "3", "--out", instance])
        #expect(generated.status == 0, "\(generated)")
        let solved = try RosterBinary.run(["nrp", "solve", instance, "--time-limit", "10", "--out", csv])
        #expect(solved.status == 0, "\(solved)")
        let solvedObjective = try #require(objective(solved.stdout))

        let checked = try RosterBinary.run(["nrp", "check", instance, csv])
        #expect(checked.status == 0, "\(checked)")
        #expect(objective(checked.stdout) == solvedObjective)
        #expect(checked.stdout.contains("hard constraints: all satisfied"))

        // A second shift on a day the first employee already works breaks rule 1 (one shift a day).
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let first = try #require(rows.first)
        let other = first[2] == "A" ? "B" : "A"    // the generator names shift types A, B, …
        try (text + "\(first[0]),\(first[1]),\(other)\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let broken = try RosterBinary.run(["nrp", "check", instance, csv])
        #expect(broken.status == 1, "\(broken)")
        #expect(broken.stdout.contains("violation:"))
        #expect(!broken.crashed)
    }

    @Test func unreadableRosterNamesFileLineAndField() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = folder.appendingPathComponent("small.txt").path
        let csv = folder.appendingPathComponent("bad.csv").path
        _ = try RosterBinary.run(["nrp", "generate", "--days", "7", "--staff", "3", "--shifts", "2", "--seed", "1", "--out", instance])
        try "employee,day,shift\nA,0,A\nA,1,NOPE\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let run = try RosterBinary.run(["nrp", "check", instance, csv])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("bad.csv:3: shift: unknown shift 'NOPE'"))
        #expect(run.stdout.isEmpty)
        #expect(!run.crashed)
    }
}
