import ArgumentParser
import Foundation
import NurseRostering

/// `roster nrp generate`: a synthetic instance in the benchmark's format (scaling tests, Docs/nrp.md).
struct NRPGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic instance in the benchmark's format (up to 364 days × 150 staff × 32 shift types and beyond).",
        discussion: "The instance is feasible (every staff member alone has a schedule meeting their rules); see Docs/nrp.md."
    )

    @Option(name: .long, help: "Days (rounded down to whole weeks).") var days: Int = 364
    @Option(name: .long, help: "Staff.") var staff: Int = 150
    @Option(name: .long, help: "Shift types.") var shifts: Int = 32
    @Option(name: .long, help: "Seed.") var seed: UInt64 = 1
    @Option(name: .long, help: "Output file.") var out: String
    @Flag(name: .long, help: "Overwrite an existing output file.") var force = false

    /// The parser's limits, so every generated instance can be read back.
    func validate() throws {
        let limits = NRPLimits.standard
        guard (7...limits.maxHorizon).contains(days) else { throw ValidationError("--days must be between 7 and \(limits.maxHorizon)") }
        guard (1...limits.maxEmployees).contains(staff) else { throw ValidationError("--staff must be between 1 and \(limits.maxEmployees)") }
        guard (1...limits.maxShiftTypes).contains(shifts) else { throw ValidationError("--shifts must be between 1 and \(limits.maxShiftTypes)") }
        guard days / 7 * 7 * staff * shifts <= limits.maxCells else {
            throw ValidationError("days × staff × shift types must be at most \(limits.maxCells)")
        }
    }

    func run() throws {
        if FileManager.default.fileExists(atPath: out), !force {
            printError("error: \(out) exists; pass --force to overwrite it")
            throw ExitCode(2)
        }
        let instance = NRPGenerator.generate(days: days, staff: staff, shiftTypes: shifts, seed: seed)
        do {
            try NRPGenerator.text(instance).write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            printError("error: cannot write \(out): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        print("\(out): \(instance.horizon) days, \(instance.employees.count) staff, \(instance.shifts.count) shift types")
    }
}
