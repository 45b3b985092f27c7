import ArgumentParser
import Foundation
import RosterCore
import RosterOutput

/// `roster hours DIR [--by week|month|horizon] [--format table|csv|json] [--night 22:00-06:00]`: what HR pays.
struct HoursCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hours",
        abstract: "Paid hours per agent and week or month: contract, overtime, night, weekend and holiday hours.",
        discussion: """
        Paid time is the shift less its break, in real hours, split at local midnights: a night shift \
        counts on both dates, a 23- or 25-hour day what was worked. Weekly rows show the contract (the \
        agent's own bounds in agents.csv, else the team's) and the overtime above its maximum. The roster \
        is --roster FILE, else the published version (else the newest).
        """
    )

    @Argument(help: "The scenario folder.") var directory: String
    @Option(name: .long, help: "The roster file (default: the published version, else the newest).") var roster: String?
    @Option(name: .customLong("by"), help: "Rows per week, month or horizon.", completion: .list(["week", "month", "horizon"])) var by: String = "week"
    @Option(help: "Output format: table, csv or json.", completion: .list(["table", "csv", "json"])) var format: String = "table"
    @Option(name: .long, help: "The night window in local time, for night hours.") var night: String = "22:00-06:00"
    @Option(name: .long, help: "Language of the table: en or zh-Hans (default: language in team.toml, else the locale's).", completion: .list(["en", "zh-Hans"])) var lang: String?

    func run() throws {
        guard let period = HoursReport.Period(rawValue: by) else {
            printError("error: --by: '\(by)' is not one of week, month, horizon")
            throw ExitCode(2)
        }
        guard ["table", "csv", "json"].contains(format) else {
            printError("error: --format: '\(format)' is not one of table, csv, json")
            throw ExitCode(2)
        }
        guard let window = HoursReport.NightWindow(night) else {
            printError("error: --night: '\(night)' is not a window HH:MM-HH:MM (e.g. 22:00-06:00)")
            throw ExitCode(2)
        }
        let (context, _) = try loadRosterContext(directory: directory, roster: roster, lang: lang)
        let report = HoursReport(context: context, period: period, night: window)
        switch format {
        case "csv": print(report.csv(), terminator: "")
        case "json":
            do { print(String(decoding: try report.json(), as: UTF8.self)) } catch {
                printError("error: \(error.description)")
                throw ExitCode(1)
            }
        default: print(report.table(), terminator: "")
        }
    }
}
