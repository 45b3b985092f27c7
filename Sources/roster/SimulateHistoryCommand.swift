import ArgumentParser
import Foundation
import RosterCore
import RosterForecast

/// `roster simulate-history DIR --out FILE`: generated call history with a known intensity, for tests,
/// demonstrations and benchmarks of `roster forecast` (never a stand-in for a real export).
struct SimulateHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-history",
        abstract: "Generate call history with a known intensity (for testing the forecast; clearly not real data).",
        discussion: """
        A non-homogeneous Poisson process over the weeks before the scenario's horizon: weekly and \
        intraday seasonality (working days, rest days, the 08:00 and 20:00 handover peaks), growth, the \
        holidays and make-up workdays of team.toml, and surges after the events of --events (each kind's \
        true uplift and decay set with --effect). Each row carries expected_calls, the intensity over the \
        interval, so a backtest can report the error floor. See Docs/forecast.md.
        """
    )

    @Argument(help: "The scenario folder (zone, grid, horizon start, holidays).") var directory: String
    @Option(name: .long, help: "The file to write ('-' for standard output).") var out: String
    @Option(name: .long, help: "Weeks of history before the horizon's start.") var weeks: Int = 52
    @Option(name: .long, help: "Minutes per row: 5, 10, 15, 20, 30 or 60.") var interval: Int = 30
    @Option(name: .long, help: "Timestamps: offset (local with its UTC offset), utc or local.", completion: .list(["offset", "utc", "local"])) var timestamps: String = "offset"
    @Option(name: .long, help: "Mean calls a day at the start.") var calls: Double = 3800
    @Option(name: .long, help: "Growth a year (0.05 = +5 %).") var growth: Double = 0.05
    @Option(name: .long, help: "Events (date,kind) that set off surges.") var events: String?
    @Option(name: .long, help: "A kind's true effect, KIND=UPLIFT/DECAY_DAYS (e.g. notice=0.5/2.5); repeatable.") var effect: [String] = []
    @Option(name: .long, help: "A span with no data (the feed was down): DATE or DATETHH:MM-HH:MM in local time; repeatable.") var outage: [String] = []
    @Option(name: .long, help: "Seed of the random numbers.") var seed: UInt64 = 96122
    @Flag(name: .long, help: "Replace an existing file.") var force = false

    func run() throws {
        guard [5, 10, 15, 20, 30, 60].contains(interval) else { fail("--interval: \(interval); give 5, 10, 15, 20, 30 or 60") }
        guard (1...520).contains(weeks) else { fail("--weeks: \(weeks); give 1 to 520") }
        guard calls > 0 && calls <= 1_000_000 else { fail("--calls: give a number above 0 and at most 1000000") }
        guard growth > -0.9 && growth < 10 else { fail("--growth: give a share between -0.9 and 10") }
        guard let stamps = HistoryGenerator.Stamps(rawValue: timestamps) else { fail("--timestamps: '\(timestamps)' is not one of offset, utc, local") }
        let team: TeamSettings
        do { team = try ScenarioLoader.teamSettings(directory: URL(fileURLWithPath: directory)).team } catch {
            for e in error.errors { printError(e.description) }
            throw ExitCode(2)
        }
        var s = HistoryGenerator.Settings(clock: team.clock, start: team.startDate.adding(days: -7 * weeks), days: 7 * weeks, intervalMinutes: interval)
        s.meanDailyCalls = calls
        s.annualGrowth = growth
        s.calendar = DayCalendar(holidays: team.holidays, makeUpWorkdays: team.makeUpWorkdays)
        s.stamps = stamps
        s.seed = seed
        if let events {
            guard let data = FileManager.default.contents(atPath: events) else { fail("--events: cannot read \(events)") }
            do { s.events = try CallEventReader.read(data: data, file: events).events } catch {
                for e in error.errors { printError(e.description) }
                throw ExitCode(2)
            }
        }
        for e in effect {
            let parts = e.split(separator: "=", maxSplits: 1)
            let numbers = parts.count == 2 ? parts[1].split(separator: "/") : []
            guard parts.count == 2, numbers.count == 2, let u = Double(numbers[0]), let d = Double(numbers[1]), u > -0.9, u <= 20, d > 0, d <= 60 else {
                fail("--effect: '\(e)' is not KIND=UPLIFT/DECAY_DAYS (e.g. notice=0.5/2.5)")
            }
            s.effects[parts[0].lowercased()] = .init(uplift: u, decayDays: d)
        }
        for o in outage {
            guard let span = parseOutage(o, clock: team.clock) else { fail("--outage: '\(o)' is not DATE or DATETHH:MM-HH:MM (e.g. 2026-08-12T09:00-13:00)") }
            s.outages.append(span)
        }
        let text = HistoryGenerator(s).csv()
        if out == "-" { print(text, terminator: ""); return }
        let url = try outputPath(out, option: "--out")
        if FileManager.default.fileExists(atPath: url.path) && !force { fail("\(displayPath(url)) exists; --force replaces it") }
        do { try AtomicFile.write(text, to: url) } catch {
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
        print("Wrote \(displayPath(url)): \(weeks) weeks of generated history (\(s.start) … \(s.start.adding(days: s.days - 1)), \(interval)-minute rows)")
    }

    private func parseOutage(_ text: String, clock: ZoneClock) -> Range<Date>? {
        if let d = LocalDate(iso: text) { return clock.startOfDay(d)..<clock.startOfDay(d.adding(days: 1)) }
        let parts = text.split(separator: "T")
        guard parts.count == 2, let d = LocalDate(iso: parts[0]) else { return nil }
        let times = parts[1].split(separator: "-")
        guard times.count == 2, let a = LocalTime(hhmm: times[0]), let b = LocalTime(hhmm: times[1]), a < b else { return nil }
        return clock.instant(LocalDateTime(date: d, time: a))..<clock.instant(LocalDateTime(date: d, time: b))
    }

    private func fail(_ message: String) -> Never {
        printError("error: \(message)")
        Foundation.exit(2)
    }
}
