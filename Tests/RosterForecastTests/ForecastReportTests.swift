import Foundation
import RosterCore
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import RosterForecast

/// forecast.csv as the scenario loader reads it, across daylight-saving changes; the summary and plot.
@Suite struct ForecastReportTests {
    static func team(zone: String, start: String, days: Int) -> String {
        """
        name = "Forecast test line"
        time_zone = "\(zone)"
        interval_minutes = 30
        start_date = \(start)
        days = \(days)
        shrinkage = 0.3
        max_occupancy = 0.85

        [service_goal]
        service_level = 0.8
        answer_seconds = 20

        [rules]
        floor_agents = 0

        [[shifts]]
        name = "day"
        code = "D"
        earliest_start = "07:00"
        latest_start = "09:00"
        step_minutes = 30
        lengths_minutes = [480]

        """
    }

    /// A 15-minute UTC history of Europe/London feeds a 30-minute London horizon that holds a DST change.
    func londonForecast(horizonStart: String, change: String, hours: Int) throws {
        var s = HistoryGenerator.Settings(clock: clock("Europe/London"), start: date(horizonStart).adding(days: -20 * 7), days: 20 * 7 + 14, intervalMinutes: 15)
        s.stamps = .utc
        s.annualGrowth = 0
        let history = try generatedHistory(s, gridMinutes: 30)
        let origin = date(horizonStart)
        let forecaster = CallForecaster(calendar: DayCalendar())
        let model = try forecaster.fit(history, before: origin, horizon: 14)
        let grid = TimeGrid(clock: clock("Europe/London"), startDate: origin, days: 14, intervalMinutes: 30)
        let points = forecaster.forecast(model, grid: grid)
        let report = ForecastReport(grid: grid, points: points, model: model, history: history, events: [], backtest: nil, warnings: [])
        // The file loads as the scenario's forecast: every interval once (the repeated hour's two rows in
        // order), no gap, no skipped time.
        let files = ["team.toml": Data(Self.team(zone: "Europe/London", start: horizonStart, days: 14).utf8),
                     "agents.csv": Data("id,name\na1,Ann\n".utf8), "forecast.csv": Data(report.forecastCSV().utf8)]
        let (scenario, diagnostics) = ScenarioLoader.check(files: files)
        #expect(diagnostics.filter(\.isError).isEmpty, "\(diagnostics)")
        // (The one-agent team's capacity warnings aside.)
        let about = diagnostics.filter { $0.description.contains("forecast.csv") && !$0.description.contains("agent") }
        #expect(about.isEmpty, "\(about)")
        let loaded = try #require(scenario)
        guard case .forecast(let f) = loaded.demand else { Issue.record("no forecast"); return }
        let d = grid.day(of: date(change))!
        #expect(grid.dayRanges[d].count == hours * 2)
        #expect(zip(f, points).allSatisfy { abs($0.calls - $1.calls) <= 0.05 && $0.callsHigh != nil })
        // The change day's calls follow its real hours: against the true intensity within 6 %.
        let k0 = history.grid.day(of: origin)!
        let truth = history.grid.dayRanges[k0 + d].reduce(0.0) { $0 + history.expected![$1]! }
        let forecast = grid.dayRanges[d].reduce(0.0) { $0 + points[$1].calls }
        #expect(abs(forecast / truth - 1) < 0.06, "\(forecast) against \(truth)")
    }

    @Test func springForwardInLondon() throws { try londonForecast(horizonStart: "2027-03-22", change: "2027-03-28", hours: 23) }
    @Test func autumnBackInLondon() throws { try londonForecast(horizonStart: "2026-10-19", change: "2026-10-25", hours: 25) }

    @Test func summaryJSONAndPlotCarryTheBacktest() throws {
        var s = CallForecasterTests.yearSettings()
        s.days = 200
        let history = try generatedHistory(s)
        let forecaster = CallForecaster(calendar: s.calendar, events: s.events)
        let origin = history.lastDate.adding(days: 1)
        let model = try forecaster.fit(history, before: origin, horizon: 14)
        let grid = TimeGrid(clock: s.clock, startDate: origin, days: 14, intervalMinutes: 30)
        let b = try Backtest.run(forecaster, history: history, weeks: 2, horizonDays: 14)
        let report = ForecastReport(grid: grid, points: forecaster.forecast(model, grid: grid), model: model, history: history,
                                    events: s.events, backtest: b, warnings: [])
        let json = try #require(try JSONSerialization.jsonObject(with: report.json()) as? [String: Any])
        let bt = try #require(json["backtest"] as? [String: Any])
        #expect((bt["origins"] as? [String])?.count == 2)
        #expect(((bt["roster"] as? [String: Any])?["wape"] as? Double).map { abs($0 - b.method.wape) < 1e-12 } == true)
        #expect(((json["days"] as? [[String: Any]])?.count) == 14)
        let text = report.text()
        #expect(text.contains("roster forecast") && text.contains("seasonal naive") && text.contains("true intensity (floor)"))
        // The plot parses as XML and draws the actual, the forecast, the band and the events in its window.
        let svg = report.svg()
        let doc = try XMLDocument(data: Data(svg.utf8))
        #expect(doc.rootElement()?.name == "svg")
        #expect(svg.contains("80 % interval") && svg.components(separatedBy: "<path").count - 1 == 3)
    }
}
