import ArgumentParser
import Foundation
import RosterCore
import RosterOutput

/// Loads the scenario and its roster (given, or the newest inside the folder) for the output commands;
/// any problem is one message and exit 2.
func loadRosterContext(directory: String, roster: String?) throws -> (RosterContext, URL) {
    let url: URL
    do {
        url = try RosterLocator.resolve(rosterPath: roster, scenarioDirectory: URL(fileURLWithPath: directory), notes: { printError("note: \($0)") })
    } catch {
        printError("error: \(error.description)")
        throw ExitCode(2)
    }
    if roster == nil { printError("roster: \(displayPath(url))") }
    // A version is read with the inputs it was made from.
    let scenario = try loadScenario(directory, forRosterAt: url).scenario
    do {
        return (RosterContext(scenario: scenario, roster: try RosterLocator.load(url, scenario: scenario)), url)
    } catch {
        printError("error: \(error.description)")
        throw ExitCode(2)
    }
}

/// Runs a step of an output command, turning an input error into one message and exit 2.
func orExit2<T>(_ body: () throws(OutputInputError) -> T) throws -> T {
    do { return try body() } catch {
        printError("error: \(error.description)")
        throw ExitCode(2)
    }
}

func painter(_ mode: String) throws -> Painter {
    guard let m = ColorMode(rawValue: mode.lowercased()) else {
        printError("error: --color: '\(mode)' is not one of auto, always, never")
        throw ExitCode(2)
    }
    return Painter(enabled: m.enabled(isTerminal: isatty(1) == 1, environment: ProcessInfo.processInfo.environment))
}

/// `roster show DIR`: the roster in the terminal, for agents and team leads.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a roster: an agent's shifts, one day's timeline, who is on now, or the team grid.",
        discussion: """
        Without an option: the team grid (agents × days, shift codes). The roster is --roster FILE, or else \
        the newest roster-*/roster.csv in the scenario folder (named on standard error).
        Exit status 2 for bad input (unknown agent, bad date, missing roster, roster of another scenario).
        """
    )

    @Argument(help: "The scenario folder.") var directory: String
    @Option(name: .long, help: "The roster file (default: the newest roster-*/roster.csv in the scenario folder).") var roster: String?
    @Option(name: .long, help: "One agent's shifts, by id or name.") var agent: String?
    @Option(name: .long, help: "One day's timeline (YYYY-MM-DD).") var date: String?
    @Flag(name: .long, help: "Who is on the line now, on break, and next.") var now = false
    @Option(name: .long, help: "Use this time instead of now (YYYY-MM-DDTHH:MM in the team's zone, or ISO 8601 with offset).") var at: String?
    @Flag(name: .long, help: "With --agent: also list past shifts.") var all = false
    @Option(name: .long, help: "Colour: auto (terminal, unless NO_COLOR is set), always or never.", completion: .list(["auto", "always", "never"])) var color: String = "auto"

    func run() throws {
        let paint = try painter(color)
        let chosen = [agent != nil, date != nil, now].filter { $0 }.count
        if chosen > 1 {
            printError("error: choose one of --agent, --date and --now")
            throw ExitCode(2)
        }
        let (context, _) = try loadRosterContext(directory: directory, roster: roster)
        let views = ShowViews(context: context, painter: paint)
        let instant = try at.map { text in try orExit2 { () throws(OutputInputError) in try context.instant(text) } } ?? Date()
        if let agent {
            let a = try orExit2 { () throws(OutputInputError) in try context.agent(matching: agent) }
            print(views.agent(a, at: instant, includePast: all), terminator: "")
        } else if let date {
            let d = try orExit2 { () throws(OutputInputError) in try context.date(date) }
            print(views.day(d), terminator: "")
        } else if now {
            print(views.now(instant), terminator: "")
        } else {
            print(views.grid(), terminator: "")
        }
    }
}
