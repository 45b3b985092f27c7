import ArgumentParser
import Foundation
import RosterCore
import RosterOutput

/// Loads the scenario and its roster (given, or the newest inside the folder) for the output commands;
/// any problem is one message and exit 2.
func loadRosterContext(directory: String, roster: String?, lang: String? = nil) throws -> (RosterContext, URL) {
    var language: Language? = nil
    if let lang {
        guard let l = Language(code: lang) else {
            printError("error: --lang: '\(lang)' is not one of en, zh-Hans")
            throw ExitCode(2)
        }
        language = l
    }
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
        // --lang, else team.toml's language, else the locale's, else English.
        let chosen = language ?? scenario.team.language ?? Language.fromLocale(ProcessInfo.processInfo.environment) ?? .english
        return (RosterContext(scenario: scenario, roster: try RosterLocator.load(url, scenario: scenario), language: chosen), url)
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

/// Shell completion of `--agent`: the ids in the agents.csv of the scenario folder on the command line
/// (the first word that names a folder holding one), nothing when there is none.
func agentCompletions(_ words: [String]) -> [String] {
    for w in words where !w.hasPrefix("-") {
        let url = URL(fileURLWithPath: w).appendingPathComponent("agents.csv")
        guard let data = FileManager.default.contents(atPath: url.path), data.count < 5_000_000,
              let records = try? CSVReader.parse(data), let header = records.first,
              let column = header.fields.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "id" }) else { continue }
        return records.dropFirst().compactMap { column < $0.fields.count ? $0.fields[column] : nil }.filter { !$0.isEmpty }
    }
    return []
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
    @Option(name: .long, help: "One agent's shifts, by id or name.", completion: .custom(agentCompletions)) var agent: String?
    @Option(name: .long, help: "One day's timeline (YYYY-MM-DD).") var date: String?
    @Flag(name: .long, help: "Who is on the line now, on break, and next.") var now = false
    @Option(name: .long, help: "Use this time instead of now (YYYY-MM-DDTHH:MM in the team's zone, or ISO 8601 with offset).") var at: String?
    @Flag(name: .long, help: "With --agent: also list past shifts.") var all = false
    @Option(name: .long, help: "Colour: auto (terminal, unless NO_COLOR is set), always or never.", completion: .list(["auto", "always", "never"])) var color: String = "auto"
    @Option(name: .long, help: "The team grid of one Monday–Sunday week of the horizon (1, 2, …).") var week: Int?
    @Option(name: .long, help: "The team grid from this date (YYYY-MM-DD).") var from: String?
    @Option(name: .long, help: "The team grid to this date (YYYY-MM-DD).") var to: String?
    @Option(name: .long, help: "Language: en or zh-Hans (default: language in team.toml, else the locale's).", completion: .list(["en", "zh-Hans"])) var lang: String?
    @Option(name: .long, help: "Width to fit the team grid into (default: $COLUMNS, else the terminal's; 0: no limit).") var width: Int?

    /// The width to fit: --width, else $COLUMNS, else the terminal's when standard output is one.
    func screenWidth() -> Int? {
        if let width { return width > 0 ? width : nil }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    func run() throws {
        let paint = try painter(color)
        let chosen = [agent != nil, date != nil, now, week != nil || from != nil || to != nil].filter { $0 }.count
        if chosen > 1 {
            printError("error: choose one of --agent, --date, --now and the grid's --week/--from/--to")
            throw ExitCode(2)
        }
        if week != nil && (from != nil || to != nil) {
            printError("error: choose --week or --from/--to, not both")
            throw ExitCode(2)
        }
        let (context, _) = try loadRosterContext(directory: directory, roster: roster, lang: lang)
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
            let team = context.scenario.team
            let last = team.startDate.adding(days: team.days - 1)
            var first = team.startDate, end = last
            if let week {
                // Week 1 is the one holding the horizon's first day.
                let monday = team.startDate.adding(days: -(team.startDate.isoWeekday - 1))
                let weeks = (last.dayNumber - monday.dayNumber) / 7 + 1
                guard (1...weeks).contains(week) else {
                    printError("error: --week: \(week); the horizon has weeks 1 to \(weeks)")
                    throw ExitCode(2)
                }
                first = max(team.startDate, monday.adding(days: 7 * (week - 1)))
                end = min(last, monday.adding(days: 7 * week - 1))
            }
            if let from { first = try orExit2 { () throws(OutputInputError) in try context.date(from) } }
            if let to { end = try orExit2 { () throws(OutputInputError) in try context.date(to) } }
            guard first <= end else {
                printError("error: --from \(first) is after --to \(end)")
                throw ExitCode(2)
            }
            print(views.grid(from: first, days: end.dayNumber - first.dayNumber + 1, width: screenWidth()), terminator: "")
        }
    }
}
