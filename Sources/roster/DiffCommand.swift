import ArgumentParser
import Foundation
import RosterCore
import RosterModel
import RosterOutput

/// `roster diff DIR OLD NEW`: what changed between two rosters.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show, per agent, the shifts added, removed and moved between two rosters, and the change in coverage.")

    @Argument(help: "The scenario folder.") var directory: String
    @Argument(help: "The old roster.csv.") var old: String
    @Argument(help: "The new roster.csv.") var new: String
    @Option(help: "Output format: text or csv.", completion: .list(["text", "csv"])) var format: String = "text"

    func run() throws {
        guard ["text", "csv"].contains(format) else {
            printError("error: --format: '\(format)' is not one of text, csv")
            throw ExitCode(2)
        }
        // The coverage before and after is judged by the new roster's inputs (its version's, when it keeps them).
        let scenario = try loadScenario(directory, forRosterAt: rosterFileURL(new)).scenario
        let clock = scenario.team.clock
        let oldRoster: Roster, newRoster: Roster
        do {
            oldRoster = try RosterCSV.read(rosterFileURL(old), teamName: scenario.team.name, timeZoneIdentifier: clock.identifier)
            newRoster = try RosterCSV.read(rosterFileURL(new), teamName: scenario.team.name, timeZoneIdentifier: clock.identifier)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        // Only the scenario's horizon is compared (a roster of a longer period has shifts beyond it).
        let (a, b) = (oldRoster.within(scenario.grid), newRoster.within(scenario.grid))
        let diff = RosterDiff(old: a, new: b)
        if format == "csv" {
            print(DiffView.csv(diff, clock: clock), terminator: "")
        } else {
            let (_, required) = requirement(of: scenario)
            print(DiffView.text(diff, clock: clock,
                                coverageBefore: CoverageReport(scenario: scenario, requirement: required, roster: a),
                                coverageAfter: CoverageReport(scenario: scenario, requirement: required, roster: b)), terminator: "")
        }
    }
}
