// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterCore

/// Error measures of a forecast against what happened, pooled over intervals.
public struct ForecastErrors: Sendable, Hashable, Codable {
    /// Σ|F − A| / Σ A over intervals.
    public var wape: Double
    /// The same over local-date totals.
    public var dailyWAPE: Double
    /// Σ(F − A) / Σ A: above 0 over-forecasts.
    public var bias: Double
    /// Share of intervals whose calls fell inside the 80 % prediction interval (nil: the method gives none).
    public var coverage80: Double?

    enum CodingKeys: String, CodingKey { case wape, dailyWAPE = "daily_wape", bias, coverage80 = "coverage_80" }
}

/// Rolling-origin evaluation (Tashman 2000): the method is fitted on the history before each origin and
/// forecasts the next `horizonDays` days; errors are pooled over all origins. Seasonal naive (each
/// interval as the same interval of the last week before the origin) is the baseline; with
/// `expected_calls` in the history (a generated one) the true intensity gives the error floor.
public struct Backtest: Sendable {
    public struct Window: Sendable {
        public let origin: LocalDate
        public let method: ForecastErrors
        public let seasonalNaive: ForecastErrors
        public let floor: ForecastErrors?
    }

    public let horizonDays: Int
    public let origins: [LocalDate]
    public let method: ForecastErrors
    public let seasonalNaive: ForecastErrors
    public let floor: ForecastErrors?
    public let windows: [Window]
    /// The last window, interval by interval, for the plot: start, actual (nil: missing), forecast.
    public let lastWindow: [(start: Date, local: LocalDateTime, actual: Double?, forecast: ForecastPoint, naive: Double?)]

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooShort(needed: Int, have: Int)
        public var description: String {
            switch self {
            case .tooShort(let needed, let have):
                return "the backtest needs \(needed) days of history (4 weeks to fit, then the windows); the history has \(have)"
            }
        }
    }

    /// Runs `weeks` windows of `horizonDays` days, the last one ending with the history's last whole day.
    public static func run(_ forecaster: CallForecaster, history: CallHistory, weeks: Int, horizonDays: Int,
                           progress: ((Int) -> Void)? = nil) throws -> Backtest {
        let grid = history.grid
        let end = history.lastDate.adding(days: 1)   // exclusive
        let origins = (0..<weeks).map { end.adding(days: -horizonDays - 7 * $0) }.reversed().map { $0 }
        let needed = horizonDays + 7 * (weeks - 1) + 28
        guard let first = origins.first, first.dayNumber - grid.startDate.dayNumber >= 28 else {
            throw Failure.tooShort(needed: needed, have: grid.days)
        }
        let outage = Set(forecaster.events.filter(\.isOutage).map(\.date))
        var acc = (m: Accumulator(), n: Accumulator(), f: Accumulator())
        var windows: [Window] = []
        var last: [(start: Date, local: LocalDateTime, actual: Double?, forecast: ForecastPoint, naive: Double?)] = []
        let G = grid.intervalMinutes
        for (n, origin) in origins.enumerated() {
            progress?(n)
            let model = try forecaster.fit(history, before: origin, horizon: horizonDays)
            let window = TimeGrid(clock: grid.clock, startDate: origin, days: horizonDays, intervalMinutes: G)
            let points = forecaster.forecast(model, grid: window)
            var w = (m: Accumulator(), n: Accumulator(), f: Accumulator())
            let o = origin.dayNumber - grid.startDate.dayNumber
            // The last week before the origin, slot by slot (the seasonal-naive forecast).
            func naive(_ date: LocalDate, slot: Int) -> Double? {
                let lead = date.dayNumber - origin.dayNumber
                for back in 0..<4 {
                    let k = date.dayNumber - 7 * (lead / 7 + 1 + back) - grid.startDate.dayNumber
                    guard k >= 0, k < o else { return nil }
                    if let i = grid.dayRanges[k].first(where: { grid.intervals[$0].local.time.minutes / G == slot }), let v = history.offered[i] { return v }
                }
                return nil
            }
            var pos = 0
            let isLast = n == origins.count - 1
            for d in 0..<horizonDays {
                let k = o + d
                let date = origin.adding(days: d)
                let range = window.dayRanges[d]
                guard k < grid.days, grid.dayRanges[k].count == range.count, !outage.contains(date) else {
                    pos += range.count
                    continue
                }
                var day = (a: 0.0, m: 0.0, n: 0.0, f: 0.0)
                for (j, i) in grid.dayRanges[k].enumerated() {
                    let p = points[range.lowerBound + j]
                    let slot = grid.intervals[i].local.time.minutes / G
                    let nv = naive(date, slot: slot)
                    if isLast { last.append((grid.intervals[i].start, grid.intervals[i].local, history.offered[i], p, nv)) }
                    guard let a = history.offered[i] else { continue }
                    w.m.add(forecast: p.calls, actual: a, inside: a >= p.low && a <= p.high)
                    w.n.add(forecast: nv ?? p.calls, actual: a, inside: nil)
                    if let e = history.expected?[i] { w.f.add(forecast: e, actual: a, inside: nil) }
                    day.a += a; day.m += p.calls; day.n += nv ?? p.calls; day.f += history.expected?[i] ?? 0
                }
                w.m.day(forecast: day.m, actual: day.a); w.n.day(forecast: day.n, actual: day.a); w.f.day(forecast: day.f, actual: day.a)
                pos += range.count
            }
            windows.append(Window(origin: origin, method: w.m.errors(coverage: true), seasonalNaive: w.n.errors(coverage: false),
                                  floor: history.expected == nil ? nil : w.f.errors(coverage: false)))
            acc.m.merge(w.m); acc.n.merge(w.n); acc.f.merge(w.f)
        }
        return Backtest(horizonDays: horizonDays, origins: origins, method: acc.m.errors(coverage: true),
                        seasonalNaive: acc.n.errors(coverage: false), floor: history.expected == nil ? nil : acc.f.errors(coverage: false),
                        windows: windows, lastWindow: last)
    }

    struct Accumulator {
        var abs = 0.0, signed = 0.0, actual = 0.0, dayAbs = 0.0, dayActual = 0.0, inside = 0.0, count = 0.0
        mutating func add(forecast f: Double, actual a: Double, inside i: Bool?) {
            abs += Swift.abs(f - a); signed += f - a; actual += a; count += 1
            if i == true { inside += 1 }
        }
        mutating func day(forecast f: Double, actual a: Double) { dayAbs += Swift.abs(f - a); dayActual += a }
        mutating func merge(_ o: Accumulator) {
            abs += o.abs; signed += o.signed; actual += o.actual; dayAbs += o.dayAbs; dayActual += o.dayActual
            inside += o.inside; count += o.count
        }
        func errors(coverage: Bool) -> ForecastErrors {
            ForecastErrors(wape: actual > 0 ? abs / actual : 0, dailyWAPE: dayActual > 0 ? dayAbs / dayActual : 0,
                           bias: actual > 0 ? signed / actual : 0, coverage80: coverage && count > 0 ? inside / count : nil)
        }
    }
}
