import ArgumentParser
import Foundation
import RosterCore
import RosterOutput

/// `roster coverage DIR`: required against scheduled agents, in the terminal and as coverage.svg.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Required against scheduled agents per interval: a text chart, and coverage.svg beside the roster.",
        discussion: """
        Without --date: one row per day, one symbol per interval. With --date: that day interval by interval. \
        Also writes coverage.svg (heat map and a chart of each day) next to the roster file, unless --no-svg.
        Exit status 2 for bad input.
        """
    )

    @Argument(help: "The scenario folder.") var directory: String
    @Option(name: .long, help: "The roster file (default: the newest roster-*/roster.csv in the scenario folder).") var roster: String?
    @Option(name: .long, help: "One day, interval by interval (YYYY-MM-DD).") var date: String?
    @Option(name: .long, help: "Write the SVG here instead of coverage.svg beside the roster.") var svg: String?
    @Flag(name: .customLong("no-svg"), help: "Do not write the SVG file.") var noSVG = false
    @Option(name: .long, help: "Colour: auto, always or never.", completion: .list(["auto", "always", "never"])) var color: String = "auto"
    @Flag(name: .long, help: "With --svg: replace the file if it exists.") var force = false
    @Option(name: .long, help: "Language: en or zh-Hans (default: language in team.toml, else the locale's).", completion: .list(["en", "zh-Hans"])) var lang: String?

    func run() throws {
        let paint = try painter(color)
        if let svg, !noSVG { try refuseToOverwrite(svg, force: force, option: "--svg") }
        let (context, url) = try loadRosterContext(directory: directory, roster: roster, lang: lang)
        let data = CoverageData(scenario: context.scenario, roster: context.roster)
        let chart = CoverageText(data: data, painter: paint, language: context.language)
        if let date {
            let d = try orExit2 { () throws(OutputInputError) in try context.date(date) }
            guard let day = data.days.first(where: { $0.date == d }) else {
                printError("error: --date: \(d) is not a day of the horizon")
                throw ExitCode(2)
            }
            print(chart.day(day), terminator: "")
        } else {
            print(chart.overview(), terminator: "")
        }
        if !noSVG {
            let target = try svg.map { try outputPath($0, option: "--svg") } ?? url.deletingLastPathComponent().appendingPathComponent("coverage.svg")
            do {
                try AtomicFile.write(CoverageSVG(data: data, language: context.language).render(), to: target)
                printError("written: \(displayPath(target))")
            } catch {
                printError("error: \(error.description)")
                throw ExitCode(1)
            }
        }
    }
}
