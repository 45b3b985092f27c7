import ArgumentParser
import Foundation
import RosterCore
import RosterModel

/// `roster verify DIR ROSTER.csv`: check every hard rule of the scenario on a roster file.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-verify every hard rule of a scenario on a roster file (roster.csv).",
        discussion: "Exit status: 0 when no rule is broken, 1 when one is (each is printed), 2 for bad input."
    )

    @Argument(help: "The scenario folder.") var directory: String
    @Argument(help: "The roster file (roster.csv as written by 'roster solve').") var rosterFile: String

    func run() throws {
        let scenario = try loadScenario(directory).scenario
        let roster: Roster
        do {
            roster = try RosterCSV.read(URL(fileURLWithPath: rosterFile), teamName: scenario.team.name,
                                        timeZoneIdentifier: scenario.team.clock.identifier)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        let result = RosterChecker(scenario: FeasibilityAnalysis.inHorizon(scenario)).check(roster)
        let (_, required) = requirement(of: scenario)
        let coverage = CoverageReport(scenario: scenario, requirement: required, roster: roster)
        for v in result.violations { print("violation: \(v)") }
        print(String(format: "%@: %d shifts, %d hard-rule violation(s); shortfall %.1f agent-hours in %d intervals",
                     rosterFile, roster.shifts.count, result.violations.count, coverage.shortfallAgentHours,
                     coverage.intervalsBelowRequirement))
        if !result.isValid { throw ExitCode(1) }
    }
}
