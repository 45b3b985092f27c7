import ArgumentParser
import Foundation
import RosterCore
import RosterModel
import RosterOutput

/// `roster staffing DIR`: agents needed per interval of a scenario.
struct StaffingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staffing",
        abstract: "Agents needed per interval to meet the service goal (Erlang C or A).",
        discussion: "Formats: table (table and daily chart), chart, csv, json. Exit status 2 when the scenario has errors."
    )

    @Argument(help: "The scenario folder.") var directory: String
    @Option(help: "Output format: table, chart, csv or json.", completion: .list(["table", "chart", "csv", "json"])) var format: String = "table"
    @Option(help: "Only this local date (YYYY-MM-DD) in the table, csv and json.") var date: String?
    @Flag(name: .long, help: "Surge planning: the extra shifts and agents needed, on top of the roster, to reach the goal again.")
    var whatIf = false
    @Option(name: .long, help: "With --what-if: the roster to add to (default: the newest roster-*/roster.csv; 'none' for an empty one).")
    var roster: String?
    @Option(name: .customLong("case"), help: "Plan for the forecast's expected calls or its high case (calls_high, the 80 % interval's top).",
            completion: .list(["expected", "high"]))
    var forecastCase: String = "expected"
    @Option(name: .long, help: "Language of the table and chart: en or zh-Hans (default: language in team.toml, else the locale's).", completion: .list(["en", "zh-Hans"]))
    var lang: String?

    func run() throws {
        guard let fmt = StaffingReport.Format(rawValue: format.lowercased()) else {
            printError("error: --format: '\(format)' is not one of table, chart, csv, json")
            throw ExitCode(2)
        }
        let loaded = try loadScenario(directory)
        var scenario = loaded.scenario
        switch forecastCase {
        case "expected": break
        case "high":
            guard let high = scenario.highCase() else {
                printError("error: --case high: the forecast has no calls_high column (roster forecast writes one)")
                throw ExitCode(2)
            }
            scenario = high
        default:
            printError("error: --case: '\(forecastCase)' is not one of expected, high")
            throw ExitCode(2)
        }
        if whatIf {
            try runWhatIf(scenario)
            return
        }
        var req = Staffing.requirement(for: scenario)
        if let date {
            guard let d = LocalDate(iso: date), let day = scenario.grid.day(of: d) else {
                printError("error: --date: '\(date)' is not a date of the horizon (\(scenario.team.startDate) + \(scenario.team.days) days)")
                throw ExitCode(2)
            }
            let range = scenario.grid.dayRanges[day]
            req = StaffingRequirement(intervals: req.intervals.filter { range.contains($0.interval) })
        }
        print(StaffingReport.render(req, scenario: scenario, format: fmt, language: try chosenLanguage(lang, scenario: scenario)), terminator: "")
    }
}

extension StaffingCommand {
    func runWhatIf(_ scenario: Scenario) throws {
        var base: Roster? = nil
        if roster != "none" {
            if let url = roster.map({ URL(fileURLWithPath: $0) }) ?? RosterLocator.newestRoster(in: URL(fileURLWithPath: directory), notes: { printError("note: \($0)") }) {
                printError("roster: \(displayPath(url))")
                do {
                    base = try RosterPipeline.readRoster(url, of: scenario)
                } catch {
                    printError("error: \(error.description)")
                    throw ExitCode(2)
                }
            }
        }
        do {
            print(try RosterPipeline.whatIf(scenario, roster: base).render(), terminator: "")
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
    }
}
