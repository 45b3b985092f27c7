import Foundation
import NurseRostering
import RosterCore
import RosterForecast

/// The readers of untrusted files, as targets for coverage-guided fuzzing (libFuzzer: `Scripts/fuzz.sh`)
/// and for replaying the committed corpus in the tests (`Tests/Fuzz/corpus/<target>/`). Each target takes
/// any bytes and must return — a trap, a stack overflow or a sanitizer report is a bug — and checks what
/// can be checked about its answer.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `CSVReader`: any bytes.
    case csv
    /// `ScenarioLoader` on a small valid scenario in memory, one of whose files the input replaces: its
    /// first byte picks the file (`scenarioFiles`), the rest is the file's content. Every diagnostic must
    /// name a scenario file, and a CSV file's row diagnostics a line.
    case scenario
    /// `RosterCSV`: any text; what it reads must render and read back the same.
    case roster
    /// The benchmark's instance parser, within small limits.
    case nrp
    /// `roster forecast`'s readers: the first byte picks the call-history reader (even: Europe/London, odd:
    /// Asia/Shanghai, a 30-minute grid) or the events reader; a history that reads is forecast a week ahead
    /// when short enough. Every diagnostic names the file; a forecast is finite and not negative.
    case history

    /// The files of the `scenario` target's scenario, in the order the selector byte picks them.
    public static let scenarioFiles = ["team.toml", "agents.csv", "requirement.csv", "availability.csv", "pinned.csv", "forecast.csv"]

    /// A failed check of a target's answer (a crash needs no report: the process dies).
    public struct Finding: Error, CustomStringConvertible {
        public var description: String
    }

    public func run(_ data: Data) throws(Finding) {
        switch self {
        case .csv:
            _ = try? CSVReader.parse(data)
        case .scenario:
            try Self.scenario(data)
        case .roster:
            try Self.roster(data)
        case .nrp:
            var limits = NRPLimits()
            limits.maxHorizon = 400
            limits.maxShiftTypes = 40
            limits.maxEmployees = 300
            limits.maxCells = 200_000
            _ = try? NRPParser.parse(String(decoding: data, as: UTF8.self), file: "fuzz.txt", limits: limits)
        case .history:
            try Self.history(data)
        }
    }

    /// The scenario the `scenario` target varies: two agents, three days, an early and a night shift with
    /// a break, a handover, leave and a pin.
    public static let baseScenario: [String: Data] = [
        "team.toml": Data("""
        name = "Fuzz team"
        time_zone = "Europe/Berlin"
        interval_minutes = 60
        start_date = 2027-03-27
        days = 3
        shrinkage = 0.1

        [service_goal]
        service_level = 0.8
        answer_seconds = 20

        [rules]
        min_rest_hours = 11
        floor_agents = 0

        [[shifts]]
        name = "early"
        code = "E"
        earliest_start = "06:00"
        latest_start = "08:00"
        step_minutes = 60
        lengths_minutes = [480]

        [shifts.break]
        length_minutes = 60
        earliest_offset_minutes = 180
        latest_offset_minutes = 300

        [[shifts]]
        name = "night"
        code = "N"
        earliest_start = "22:00"
        latest_start = "22:00"
        step_minutes = 60
        lengths_minutes = [480]
        night = true

        [[handovers]]
        name = "morning"
        time = "07:00"
        min_agents = 1

        """.utf8),
        "agents.csv": Data("id,name,min_hours_per_week,max_hours_per_week,skills,night,allowed_shifts\na1,Ann,0,40,,yes,\na2,Bo,0,40,,no,early\n".utf8),
        "requirement.csv": Data("interval_start,agents\n2027-03-27T08:00,1\n2027-03-28T02:00,1\n2027-03-28T03:00,1\n2027-03-29T23:00,1\n".utf8),
        "availability.csv": Data("agent,from,to,kind,note\na2,2027-03-29,2027-03-29,leave,\n".utf8),
        "pinned.csv": Data("agent,date,shift,start,length_minutes,note\na1,2027-03-27,early,07:00,480,\n".utf8),
    ]

    static func scenario(_ data: Data) throws(Finding) {
        guard let selector = data.first else { return }
        let name = scenarioFiles[Int(selector) % scenarioFiles.count]
        var files = baseScenario
        if name == "forecast.csv" { files["requirement.csv"] = nil }
        files[name] = data.dropFirst()
        let (_, diagnostics) = ScenarioLoader.check(files: files)
        for d in diagnostics {
            guard scenarioFiles.contains(d.location.file) else {
                throw Finding(description: "diagnostic without a scenario file: \(d)")
            }
            // A CSV file's problems with a row name its line (whole-file ones need none).
            if d.location.file.hasSuffix(".csv"), d.location.field != nil, d.location.line == nil,
               !d.description.contains("column"), !d.description.contains("interval(s) of the horizon") {
                throw Finding(description: "a field of a CSV row named without its line: \(d)")
            }
        }
    }

    static func history(_ data: Data) throws(Finding) {
        guard let selector = data.first else { return }
        let body = Data(data.dropFirst())
        if selector % 4 == 3 {
            do { _ = try CallEventReader.read(data: body, file: "events.csv") } catch {
                for d in error.errors where d.location.file != "events.csv" { throw Finding(description: "diagnostic without its file: \(d)") }
            }
            return
        }
        guard let clock = ZoneClock(identifier: selector % 2 == 0 ? "Europe/London" : "Asia/Shanghai") else { return }
        let read: CallHistory
        do { read = try CallHistoryReader.read(data: body, file: "history.csv", clock: clock, gridMinutes: 30).history } catch {
            for d in error.errors + error.warnings where d.location.file != "history.csv" {
                throw Finding(description: "diagnostic without its file: \(d)")
            }
            return
        }
        guard read.offered.allSatisfy({ $0.map { $0.isFinite && $0 >= 0 } ?? true }) else {
            throw Finding(description: "a re-binned interval with a negative or non-finite count")
        }
        // Fitting is linear in the days; a long fuzzed history is only read.
        guard read.grid.days <= 120 else { return }
        let forecaster = CallForecaster(calendar: DayCalendar(), fallbackAHT: 120)
        let origin = read.lastDate.adding(days: 1)
        guard let model = try? forecaster.fit(read, before: origin, horizon: 7) else { return }
        let points = forecaster.forecast(model, grid: TimeGrid(clock: clock, startDate: origin, days: 7, intervalMinutes: 30))
        for p in points where !(p.calls.isFinite && p.calls >= 0 && p.low <= p.calls + 1e-9 && p.high >= p.calls - 1e-9 && p.ahtSeconds.isFinite) {
            throw Finding(description: "a forecast interval that is not finite, negative or outside its interval: \(p)")
        }
    }

    static func roster(_ data: Data) throws(Finding) {
        guard let text = String(data: data, encoding: .utf8), let clock = ZoneClock(identifier: "Asia/Shanghai") else { return }
        guard let first = try? RosterCSV.parse(text, file: "roster.csv") else { return }
        let again: Roster
        do { again = try RosterCSV.parse(RosterCSV.render(first, clock: clock), file: "again.csv") } catch {
            throw Finding(description: "a roster read does not read back after rendering: \(error)")
        }
        guard again.shifts == first.shifts else { throw Finding(description: "a roster changes when rendered and read back") }
    }
}
