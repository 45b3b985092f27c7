import ArgumentParser
import Foundation
import RosterCore
import RosterForecast

/// `roster forecast DIR --history FILE [--events FILE] [--backtest WEEKS] [--out FILE]`: the scenario's
/// forecast.csv from the ACD's call history.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Make the scenario's forecast.csv from call history (the ACD's export), with a backtest.",
        discussion: """
        Reads the history (offered calls and handle time per interval, in UTC, with an offset or in local \
        time, at 5 to 60 minutes), re-bins it onto the team's grid, and forecasts every interval of the \
        horizon in team.toml: level and trend by damped exponential smoothing, weekly factors, intraday \
        profiles by day type, holidays and make-up workdays from team.toml, and the uplift of events \
        (events.csv) measured on labelled past events. calls_low and calls_high are an 80 % prediction \
        interval. --backtest WEEKS scores the method on the history's last weeks against seasonal naive. \
        See Docs/forecast.md.
        """
    )

    @Argument(help: "The scenario folder (its team.toml gives the zone, grid, horizon and holidays).") var directory: String
    @Option(name: .long, help: "The call history CSV (default: history.csv in the folder).") var history: String?
    @Option(name: .long, help: "Dated events: date,kind[,uplift,decay_days] (default: events.csv in the folder, if any).") var events: String?
    @Option(name: .customLong("history-zone"), help: "IANA zone of history timestamps without an offset (default: the team's).") var historyZone: String?
    @Option(name: .customLong("history-interval"), help: "The history's interval length in minutes (default: read from the timestamps).") var historyInterval: Int?
    @Option(name: .long, help: "Handle time in seconds when the history has none.") var aht: Double?
    @Option(name: .long, help: "Score the method on this many rolling weekly origins at the end of the history.") var backtest: Int?
    @Option(name: .long, help: "Where to write the forecast (default: forecast.csv in the folder; '-' for standard output).") var out: String?
    @Flag(name: .long, help: "Replace an existing forecast file.") var force = false
    @Option(help: "Summary format: text or json.", completion: .list(["text", "json"])) var format: String = "text"
    @Option(name: .long, help: "Also draw forecast against actual (the backtest's last window, else history and forecast) as SVG.") var plot: String?

    func run() throws {
        guard ["text", "json"].contains(format) else { fail("--format: '\(format)' is not one of text, json") }
        if let b = backtest, !(1...52).contains(b) { fail("--backtest: \(b) weeks; give 1 to 52") }
        if let a = aht, !(a > 0 && a <= 7200) { fail("--aht: \(a) seconds; give a number above 0 and at most 7200") }
        let folder = URL(fileURLWithPath: directory)
        let team: TeamSettings
        do {
            let loaded = try ScenarioLoader.teamSettings(directory: folder)
            team = loaded.team
            for w in loaded.warnings { printError(w.description) }
        } catch {
            for e in error.errors { printError(e.description) }
            throw ExitCode(2)
        }
        var zone: ZoneClock? = nil
        if let historyZone {
            guard let z = ZoneClock(identifier: historyZone) else { fail("--history-zone: '\(historyZone)' is not an IANA time zone (e.g. UTC, Asia/Shanghai)") }
            zone = z
        }
        // Inputs.
        let historyURL = history.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("history.csv")
        guard let historyData = FileManager.default.contents(atPath: historyURL.path) else {
            fail(history == nil ? "no history.csv in \(directory): give the ACD's export with --history FILE" : "--history: cannot read \(historyURL.path)")
        }
        let historyName = history ?? "history.csv"
        let read: (history: CallHistory, warnings: [Diagnostic])
        do {
            read = try CallHistoryReader.read(data: historyData, file: historyName, clock: team.clock, gridMinutes: team.intervalMinutes,
                                              zone: zone, intervalMinutes: historyInterval)
        } catch {
            for e in error.errors { printError(e.description) }
            for w in error.warnings { printError(w.description) }
            throw ExitCode(2)
        }
        var warnings = read.warnings.map(\.description)
        var eventList: [CallEvent] = []
        let eventsURL = events.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("events.csv")
        if events != nil || FileManager.default.fileExists(atPath: eventsURL.path) {
            guard let data = FileManager.default.contents(atPath: eventsURL.path) else { fail("--events: cannot read \(eventsURL.path)") }
            do {
                let r = try CallEventReader.read(data: data, file: events ?? "events.csv")
                eventList = r.events
                warnings += r.warnings.map(\.description)
            } catch {
                for e in error.errors { printError(e.description) }
                throw ExitCode(2)
            }
        }
        let h = read.history
        // The forecast starts where the history ends (or at the horizon, if the history runs past it).
        let origin = min(h.lastDate.adding(days: 1), team.startDate)
        if h.lastDate >= team.startDate {
            warnings.append("the history runs to \(h.lastDate), past the horizon's start \(team.startDate): only the days before \(team.startDate) are used")
        }
        let calendar = DayCalendar(holidays: team.holidays, makeUpWorkdays: team.makeUpWorkdays)
        let forecaster = CallForecaster(calendar: calendar, events: eventList, fallbackAHT: aht)
        let lead = team.startDate.dayNumber - origin.dayNumber + team.days
        let model: CallForecaster.Fitted
        do {
            model = try forecaster.fit(h, before: origin, horizon: lead)
        } catch {
            fail("\(historyName): \(error.description)")
        }
        let measuredKinds = Set(model.effects.keys)
        for e in eventList where e.date >= origin {
            if e.isOutage {
                warnings.append("\(events ?? "events.csv"):\(e.line): an outage on \(e.date) is in the future; it is not forecast")
            } else if !measuredKinds.contains(e.kind) {
                warnings.append("\(events ?? "events.csv"):\(e.line): kind '\(e.kind)' has no labelled past event in the history and no uplift column: forecast without its effect")
            }
        }
        let grid = TimeGrid(clock: team.clock, startDate: team.startDate, days: team.days, intervalMinutes: team.intervalMinutes)
        let points = forecaster.forecast(model, grid: grid)
        var bt: Backtest? = nil
        if let weeks = backtest {
            do {
                bt = try Backtest.run(forecaster, history: h, weeks: weeks, horizonDays: team.days) { n in
                    if format == "text" { writeStandardError("backtest: origin \(n + 1) of \(weeks)\r") }
                }
                if format == "text" { writeStandardError("\u{1B}[2K\r") }
            } catch let e as Backtest.Failure {
                fail(e.description)
            } catch let e as CallForecaster.FitError {
                fail("backtest: \(e.description)")
            }
        }
        let report = ForecastReport(grid: grid, points: points, model: model, history: h, events: eventList, backtest: bt, warnings: warnings)

        // Outputs: all checked before any is written.
        let csv = report.forecastCSV()
        let toStdout = out == "-"
        if toStdout && format == "json" { fail("--out -: the forecast and the JSON summary would share standard output; name a file") }
        let outURL = toStdout ? nil : try out.map { try outputPath($0, option: "--out") } ?? folder.appendingPathComponent("forecast.csv")
        if let outURL {
            if FileManager.default.fileExists(atPath: outURL.path) && !force {
                fail("\(displayPath(outURL)) exists; --force replaces it (or --out another file)")
            }
            if outURL.deletingLastPathComponent().standardizedFileURL == folder.standardizedFileURL, outURL.lastPathComponent == "forecast.csv",
               FileManager.default.fileExists(atPath: folder.appendingPathComponent("requirement.csv").path) {
                fail("\(directory) has requirement.csv: a folder holds forecast.csv or requirement.csv, not both; remove it or --out another file")
            }
        }
        let plotURL = try plot.map { try outputPath($0, option: "--plot") }
        let summary: String
        if format == "json" {
            do { summary = String(decoding: try report.json(), as: UTF8.self) + "\n" } catch { fail("cannot encode the summary: \(error)") }
        } else {
            summary = report.text()
        }
        do {
            if let outURL { try AtomicFile.write(csv, to: outURL) }
            if let plotURL { try AtomicFile.write(report.svg(), to: plotURL) }
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
        if toStdout {
            print(csv, terminator: "")
            writeStandardError(summary)
        } else {
            print(summary, terminator: "")
            if format == "text", let outURL { print("Wrote \(displayPath(outURL))" + (plotURL.map { " and \(displayPath($0))" } ?? "")) }
        }
    }

    private func fail(_ message: String) -> Never {
        printError("error: \(message)")
        Foundation.exit(2)
    }
}
