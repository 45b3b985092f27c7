import Foundation
import RosterCore
import Testing
@testable import RosterForecast

/// The method on generated history, whose true intensity is known (the acceptance case).
@Suite struct CallForecasterTests {
    /// A year of 30-minute history in Asia/Shanghai: weekly and intraday seasonality, growth, the 2026
    /// holidays and make-up workdays, four labelled notices, a partial outage and a day of zeros.
    static func yearSettings(extraEvents: [CallEvent] = []) -> HistoryGenerator.Settings {
        var s = HistoryGenerator.Settings(clock: clock("Asia/Shanghai"), start: date("2026-03-16"), days: 364 + 28, intervalMinutes: 30)
        s.calendar = DayCalendar(holidays: holidays2026, makeUpWorkdays: makeUp2026)
        s.events = [CallEvent(date: date("2026-06-01"), kind: "notice"), CallEvent(date: date("2026-08-24"), kind: "notice"),
                    CallEvent(date: date("2026-11-09"), kind: "notice"), CallEvent(date: date("2026-12-14"), kind: "notice")] + extraEvents
        s.effects = ["notice": .init(uplift: 0.5, decayDays: 2.5)]
        let c = s.clock
        s.outages = [c.instant(LocalDateTime(iso: "2026-07-15T09:00")!)..<c.instant(LocalDateTime(iso: "2026-07-15T13:00")!),
                     c.startOfDay(date("2026-10-20"))..<c.startOfDay(date("2026-10-21"))]
        return s
    }

    @Test func fourWeekBacktestIsNearTheFloorAndWellBelowSeasonalNaive() throws {
        var s = Self.yearSettings()
        s.days = 364
        let history = try generatedHistory(s)
        let forecaster = CallForecaster(calendar: s.calendar, events: s.events)
        let b = try Backtest.run(forecaster, history: history, weeks: 4, horizonDays: 28)
        let floor = try #require(b.floor)
        // The bar: within 10 % of the true intensity's error, at least 20 % below seasonal naive.
        #expect(b.method.wape <= floor.wape * 1.10, "WAPE \(b.method.wape) against floor \(floor.wape)")
        #expect(b.method.wape <= b.seasonalNaive.wape * 0.80, "WAPE \(b.method.wape) against seasonal naive \(b.seasonalNaive.wape)")
        #expect(abs(b.method.bias) < 0.02)
        // The 80 % intervals hold about 80 % of the intervals' calls.
        let coverage = try #require(b.method.coverage80)
        #expect(coverage > 0.72 && coverage < 0.88, "coverage \(coverage)")
        #expect(b.origins.count == 4 && b.windows.count == 4)
    }

    @Test func aKindLabelledOnlyInThePastIsForecastWithItsUplift() throws {
        // A notice on the horizon's third day, never seen as a future event: its kind's effect comes from the
        // four labelled past notices.
        let future = CallEvent(date: date("2027-03-17"), kind: "notice")
        let s = Self.yearSettings(extraEvents: [future])
        let history = try generatedHistory(s)
        let origin = date("2027-03-15")
        let forecaster = CallForecaster(calendar: s.calendar, events: s.events)
        let model = try forecaster.fit(history, before: origin, horizon: 28)
        let effect = try #require(model.effects["notice"])
        #expect(effect.measuredOn == 4)
        #expect(abs(effect.uplift - 0.5) < 0.12, "uplift \(effect.uplift)")
        #expect(abs(effect.decayDays - 2.5) <= 1.0, "decay \(effect.decayDays)")
        let grid = TimeGrid(clock: s.clock, startDate: origin, days: 28, intervalMinutes: 30)
        let with = forecaster.forecast(model, grid: grid)
        let without = CallForecaster(calendar: s.calendar, events: s.events.filter { $0 != future }).forecast(model, grid: grid)
        let k0 = history.grid.day(of: origin)!
        func day(_ points: [ForecastPoint], _ d: Int) -> Double { grid.dayRanges[d].reduce(0.0) { $0 + points[$1].calls } }
        func truth(_ d: Int) -> Double { history.grid.dayRanges[k0 + d].reduce(0.0) { $0 + history.expected![$1]! } }
        // The event's day: about +50 %, and within 6 % of the true intensity; two days later still raised.
        #expect(day(with, 2) / day(without, 2) > 1.38)
        #expect(abs(day(with, 2) / truth(2) - 1) < 0.06, "\(day(with, 2)) against \(truth(2))")
        #expect(day(with, 4) > day(without, 4) * 1.1)
        #expect(abs(day(with, 4) / truth(4) - 1) < 0.06)
        // Before the event nothing moves.
        #expect(abs(day(with, 1) - day(without, 1)) < 1e-9)
        // Office hours carry the extra calls (the generator's event shape): 10:00 rises more than 03:00.
        let r = grid.dayRanges[2]
        let ten = r.first { grid.intervals[$0].local.time.minutes == 600 }!, three = r.first { grid.intervals[$0].local.time.minutes == 180 }!
        #expect(with[ten].calls / without[ten].calls > with[three].calls / without[three].calls)
    }

    @Test func holidaysAndMakeUpWorkdaysFollowTheirOwnPattern() throws {
        var s = Self.yearSettings()
        s.days = 364
        let history = try generatedHistory(s)
        let forecaster = CallForecaster(calendar: s.calendar, events: s.events)
        let model = try forecaster.fit(history, before: date("2027-03-15"), horizon: 28)
        // Holidays and make-up days inside a notice's window are left to the event (06-19…21 after 06-01,
        // 09-20 after 08-24).
        #expect(model.holidaysSeen == holidays2026.count - 3)
        #expect(model.makeUpSeen == 2)
        // The generator's holidays run at 0.70 of its base and make-up days at the working days' mean (1.036),
        // its weekly factors average 0.96: against the level, 0.729 and 1.079.
        #expect(abs(model.holidayFactor - 0.70 / 0.96) < 0.03, "holiday factor \(model.holidayFactor)")
        #expect(abs(model.makeUpFactor - 1.036 / 0.96) < 0.06, "make-up factor \(model.makeUpFactor)")
        // Weekly factors near the generator's (Monday 1.12 … Sunday 0.74, normalised to mean 1).
        let truth = [1.12, 1.04, 1.00, 0.99, 1.03, 0.80, 0.74]
        let mean = truth.reduce(0, +) / 7
        for d in 0..<7 { #expect(abs(model.weekly[d] - truth[d] / mean) < 0.03, "weekday \(d + 1)") }
    }

    @Test func outagesAreFoundAndLeftOut() throws {
        var s = Self.yearSettings()
        s.days = 364
        let history = try generatedHistory(s)
        let model = try CallForecaster(calendar: s.calendar, events: s.events).fit(history, before: date("2027-03-15"), horizon: 28)
        // 09:00–13:00 of zeros: eight half-hours; the day of zeros is an outlier.
        #expect(model.outageIntervals == 8)
        #expect(model.outliers.map(\.date) == [date("2026-10-20")])
        #expect(model.outliers[0].ratio < 0.01)
    }

    @Test func eventFitRecoversUpliftAndDecayOfOverlappingKinds() {
        // Residuals made exactly by two kinds whose windows overlap.
        let events = [CallEvent(date: date("2026-05-01"), kind: "notice"), CallEvent(date: date("2026-05-04"), kind: "campaign"),
                      CallEvent(date: date("2026-09-01"), kind: "notice"), CallEvent(date: date("2026-09-03"), kind: "campaign")]
        var residuals: [(date: LocalDate, r: Double)] = []
        for e in events {
            for k in 0..<CallForecaster.eventWindowDays {
                let d = e.date.adding(days: k)
                guard !residuals.contains(where: { $0.date == d }) else { continue }
                var r = 0.0
                for f in events where d >= f.date && d.dayNumber - f.date.dayNumber < CallForecaster.eventWindowDays {
                    let t = Double(d.dayNumber - f.date.dayNumber)
                    r += f.kind == "notice" ? 0.6 * exp(-t / 2) : 0.25 * exp(-t / 7)
                }
                residuals.append((d, r))
            }
        }
        let fit = EventFit.fit(events: events, residuals: residuals)
        #expect(abs(fit["notice"]!.uplift - 0.6) < 1e-6 && fit["notice"]!.decayDays == 2)
        #expect(abs(fit["campaign"]!.uplift - 0.25) < 1e-6 && fit["campaign"]!.decayDays == 7)
    }

    @Test func tooShortAHistoryIsRefusedWithTheReason() throws {
        let s = HistoryGenerator.Settings(clock: clock("Asia/Shanghai"), start: date("2027-03-01"), days: 10, intervalMinutes: 30)
        let history = try generatedHistory(s)
        #expect(throws: CallForecaster.FitError.tooLittleHistory(days: 10)) {
            try CallForecaster(calendar: DayCalendar()).fit(history, before: date("2027-03-15"), horizon: 28)
        }
    }
}
