// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import NurseRostering

/// `roster nrp check INSTANCE ROSTER.csv`: the independent checker on a roster from anywhere (this tool,
/// another solver, a hand edit).
struct NRPCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a roster (CSV employee,day,shift) against an instance's hard rules and compute its objective.",
        discussion: """
        The checker shares no code with the integer model. Prints the objective and its parts, then every \
        broken hard rule. Exit status: 0 when no hard rule is broken, 1 when one is, 2 for unreadable input \
        (the message names the file, line and field).
        """
    )

    @Argument(help: "An instance file in the benchmark's text format.") var instance: String
    @Argument(help: "A roster: CSV with the header employee,day,shift, days 0-based, IDs as in the instance.") var roster: String

    func run() throws {
        let parsed = try loadNRPInstance(instance)
        let text: String
        do {
            text = try String(contentsOfFile: roster, encoding: .utf8)
        } catch {
            printError("error: \(roster): cannot read the file (\(error.localizedDescription))")
            throw ExitCode(2)
        }
        let assignments: [NRPAssignment]
        do {
            assignments = try NRPSolutionCSV.parse(text, file: roster, instance: parsed)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        let check = NRPChecker.check(parsed, assignments: assignments)
        printObjectiveParts(check.objective)
        printHardRules(check)
        for v in check.violations { print("violation: \(v)") }
        if !check.isFeasible { throw ExitCode(1) }
    }
}
