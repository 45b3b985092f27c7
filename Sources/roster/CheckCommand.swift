import ArgumentParser
import Foundation
import RosterCore
import RosterModel

/// `roster check DIR`: load and validate a scenario folder, print every problem, exit 0 only when usable.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a scenario folder and list every problem at once.",
        discussion: "Also lists, as conflict: lines, hard rules that no roster can keep (e.g. minimum hours beyond what an agent's days allow). Exit status: 0 when the scenario can be used (warnings allowed), 2 when it has errors or conflicts."
    )

    @Argument(help: "The scenario folder (holding team.toml, agents.csv, forecast.csv, ...).")
    var directory: String

    @Flag(name: .long, help: "Print errors only, no warnings.")
    var quiet = false

    @Option(name: .long, help: "Language of the conflict: lines (rules no roster can keep): en or zh-Hans (default: language in team.toml, else the locale's). File errors are in English.", completion: .list(["en", "zh-Hans"]))
    var lang: String?

    func run() throws {
        let url = URL(fileURLWithPath: directory)
        let (scenario, diagnostics) = ScenarioLoader.check(directory: url)
        let errors = diagnostics.filter(\.isError)
        let warnings = diagnostics.filter { !$0.isError }
        for d in errors { print(d.description) }
        if !quiet { for d in warnings { print(d.description) } }
        // Hard rules that no roster can keep (solving would break them whatever it does).
        let conflicts = scenario.map { errors.isEmpty ? FeasibilityAnalysis.conflicts(in: $0) : [] } ?? []
        let language = try scenario.map { try chosenLanguage(lang, scenario: $0) } ?? .english
        for c in conflicts { print(c.description(in: language)) }
        if let scenario, errors.isEmpty, conflicts.isEmpty {
            let s = scenario
            let demand: String
            switch s.demand {
            case .forecast(let f): demand = String(format: "%.0f calls forecast", f.reduce(0) { $0 + $1.calls })
            case .requirement: demand = "requirement given per interval"
            }
            print("ok: \(directory): '\(s.team.name)', \(s.team.clock.identifier), \(s.team.days) days from \(s.team.startDate), "
                  + "\(s.grid.intervals.count) intervals of \(s.team.intervalMinutes) min, \(s.agents.count) agents, "
                  + "\(s.templates.count) shift templates, \(demand); \(warnings.count) warning(s)")
        } else if errors.isEmpty {
            print(language == .simplifiedChinese
                  ? "未通过：\(directory)：\(conflicts.count) 个冲突：任何排班都无法满足的规则（'roster solve' 仍会给出最好的排班，违反它们并说明原因）；\(warnings.count) 条警告"
                  : "failed: \(directory): \(conflicts.count) conflict(s): rules no roster can keep ('roster solve' still makes "
                  + "the best roster, breaking them and saying why); \(warnings.count) warning(s)")
            throw ExitCode(2)
        } else {
            print("failed: \(directory): \(errors.count) error(s), \(warnings.count) warning(s)")
            throw ExitCode(2)
        }
    }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    writeStandardError(line + "\n")
}
