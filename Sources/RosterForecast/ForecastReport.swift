// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterCore

/// What `roster forecast` made: the forecast of the scenario's horizon, the fitted method, the history's
/// notes and (optionally) a backtest; rendered as forecast.csv, a text summary, JSON and an SVG plot.
public struct ForecastReport: Sendable {
    public let grid: TimeGrid
    public let points: [ForecastPoint]
    public let model: CallForecaster.Fitted
    public let history: CallHistory
    public let events: [CallEvent]
    public let backtest: Backtest?
    public let warnings: [String]

    public init(grid: TimeGrid, points: [ForecastPoint], model: CallForecaster.Fitted, history: CallHistory,
                events: [CallEvent], backtest: Backtest?, warnings: [String]) {
        self.grid = grid
        self.points = points
        self.model = model
        self.history = history
        self.events = events
        self.backtest = backtest
        self.warnings = warnings
    }

    // MARK: forecast.csv

    /// The scenario's forecast.csv: one row per interval in local time (the repeated autumn hour twice, in
    /// order), calls with one decimal, the 80 % interval and a note.
    public func forecastCSV() -> String {
        var text = "interval_start,calls,aht_seconds,calls_low,calls_high,note\n"
        for (iv, p) in zip(grid.intervals, points) {
            let note = p.note.isEmpty ? "" : (p.note.contains(",") ? "\"\(p.note)\"" : p.note)
            text += "\(iv.local),\(String(format: "%.1f", p.calls)),\(String(format: "%.0f", p.ahtSeconds)),\(String(format: "%.1f", p.low)),\(String(format: "%.1f", p.high)),\(note)\n"
        }
        return text
    }

    // MARK: Text

    static func pct(_ v: Double) -> String { String(format: "%.1f %%", v * 100) }
    static func signedPct(_ v: Double) -> String { String(format: "%+.1f %%", v * 100) }

    public func text() -> String {
        let h = history
        let m = model
        var out = "History: \(h.rows) rows, \(h.firstDate) … \(h.lastDate) (\(h.grid.days) days), \(h.sourceIntervalMinutes)-minute intervals\n"
        for n in h.notes { out += "  \(n)\n" }
        if m.outageIntervals > 0 { out += "  \(m.outageIntervals) interval(s) of zeros where calls were expected (an outage): left out\n" }
        if !m.outliers.isEmpty {
            out += "  outlier days left out: " + m.outliers.prefix(8).map { "\($0.date) (\(String(format: "%.0f", $0.ratio * 100)) % of expected)" }.joined(separator: ", ")
                + (m.outliers.count > 8 ? " …" : "") + "\n"
        }
        out += "  \(m.daysUsed) plain days fit the level and the weekly pattern\n"
        out += "\nMethod (Docs/forecast.md)\n"
        out += String(format: "  level %.0f calls a day, trend %+.1f a day; damped trend α %.2f, β %.2f, φ %.2f\n", m.level, m.trend, m.alpha, m.beta, m.phi)
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        out += "  weekly factors: " + zip(names, m.weekly).map { "\($0) \(String(format: "%.2f", $1))" }.joined(separator: "  ") + "\n"
        out += String(format: "  holidays: ×%.2f of the level", m.holidayFactor) + (m.holidaysSeen > 0 ? " (from \(m.holidaysSeen) in the history)" : " (none in the history: as a Sunday)") + "\n"
        if m.makeUpSeen > 0 || points.contains(where: { $0.note.contains("make-up") }) {
            out += String(format: "  make-up workdays: ×%.2f", m.makeUpFactor) + (m.makeUpSeen > 0 ? " (from \(m.makeUpSeen))" : " (as an average working day)") + "\n"
        }
        let own = zip(DayType.allCases, m.profileOwnShare).map { "\($0.0.name) \(String(format: "%.0f", $0.1 * 100)) %" }
        out += "  intraday profiles: own shape kept " + own.joined(separator: ", ") + " (the rest pooled)\n"
        for e in m.effects.values.sorted(by: { $0.kind < $1.kind }) {
            out += String(format: "  event '%@': %+.0f %% on its day, decaying with %.1f days", e.kind, e.uplift * 100, e.decayDays)
                + (e.measuredOn > 0 ? " (measured on \(e.measuredOn) past event(s))" : " (given in events.csv)") + "\n"
        }
        for n in m.notes { out += "  \(n)\n" }
        for w in warnings { out += "  warning: \(w)\n" }

        out += "\nForecast: \(grid.startDate) … \(grid.date(ofDay: grid.days - 1)), \(grid.intervalMinutes)-minute intervals in \(grid.clock.identifier)\n"
        out += "  date        day    calls   80 % interval      AHT  note\n"
        for d in 0..<grid.days {
            let r = grid.dayRanges[d]
            let calls = r.reduce(0.0) { $0 + points[$1].calls }
            // The day's interval adds the intervals' deviations with the level error shared (fully correlated).
            let low = r.reduce(0.0) { $0 + points[$1].low }, high = r.reduce(0.0) { $0 + points[$1].high }
            let aht = calls > 0 ? r.reduce(0.0) { $0 + points[$1].calls * points[$1].ahtSeconds } / calls : 0
            let date = grid.date(ofDay: d)
            out += String(format: "  %@  %@  %7.0f   %6.0f – %-6.0f  %5.0f s  %@\n", date.description, names[date.isoWeekday - 1],
                          calls, low, high, aht, points[r.lowerBound].note)
        }
        let total = points.reduce(0.0) { $0 + $1.calls }
        out += String(format: "  total %.0f calls\n", total)
        if let b = backtest { out += "\n" + backtestText(b) }
        return out
    }

    public func backtestText(_ b: Backtest) -> String {
        var out = "Backtest: \(b.origins.count) rolling origin(s) \(b.origins.first!) … \(b.origins.last!), each forecasting \(b.horizonDays) days\n"
        out += "  method                 interval WAPE  daily WAPE    bias   in 80 % interval\n"
        func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return right ? fill + s : s + fill
        }
        func row(_ name: String, _ e: ForecastErrors) -> String {
            "  " + pad(name, 22) + pad(Self.pct(e.wape), 14, right: true) + pad(Self.pct(e.dailyWAPE), 12, right: true)
                + pad(Self.signedPct(e.bias), 8, right: true) + "   " + (e.coverage80.map(Self.pct) ?? "—") + "\n"
        }
        out += row("roster forecast", b.method)
        out += row("seasonal naive", b.seasonalNaive)
        if let f = b.floor { out += row("true intensity (floor)", f) }
        if b.seasonalNaive.wape > 0 {
            out += String(format: "  %.0f %% below seasonal naive", (1 - b.method.wape / b.seasonalNaive.wape) * 100)
            if let f = b.floor, f.wape > 0 { out += String(format: "; %.1f %% above the floor", (b.method.wape / f.wape - 1) * 100) }
            out += "\n"
        }
        return out
    }

    // MARK: JSON

    public func json() throws -> Data {
        struct Day: Encodable { let date: String; let calls: Double; let low: Double; let high: Double; let ahtSeconds: Double; let note: String
            enum CodingKeys: String, CodingKey { case date, calls, low, high, ahtSeconds = "aht_seconds", note } }
        struct Effect: Encodable { let kind: String; let uplift: Double; let decayDays: Double; let measuredOn: Int
            enum CodingKeys: String, CodingKey { case kind, uplift, decayDays = "decay_days", measuredOn = "measured_on" } }
        struct Method: Encodable {
            let level: Double; let trend: Double; let alpha: Double; let beta: Double; let phi: Double
            let weekly: [Double]; let holidayFactor: Double; let makeUpFactor: Double; let events: [Effect]
            let outlierDays: [String]; let outageIntervals: Int
            enum CodingKeys: String, CodingKey { case level, trend, alpha, beta, phi, weekly, holidayFactor = "holiday_factor",
                makeUpFactor = "make_up_factor", events, outlierDays = "outlier_days", outageIntervals = "outage_intervals" }
        }
        struct History: Encodable { let first: String; let last: String; let rows: Int; let intervalMinutes: Int; let missingIntervals: Int; let notes: [String]
            enum CodingKeys: String, CodingKey { case first, last, rows, intervalMinutes = "interval_minutes", missingIntervals = "missing_intervals", notes } }
        struct BT: Encodable {
            let timeZone: String; let intervalMinutes: Int; let horizonDays: Int; let origins: [String]
            let roster: ForecastErrors; let seasonalNaive: ForecastErrors; let floor: ForecastErrors?
            enum CodingKeys: String, CodingKey { case timeZone = "time_zone", intervalMinutes = "interval_minutes", horizonDays = "horizon_days",
                origins, roster, seasonalNaive = "seasonal_naive", floor }
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(timeZone, forKey: .timeZone); try c.encode(intervalMinutes, forKey: .intervalMinutes)
                try c.encode(horizonDays, forKey: .horizonDays); try c.encode(origins, forKey: .origins)
                try c.encode(roster, forKey: .roster); try c.encode(seasonalNaive, forKey: .seasonalNaive)
                if let floor { try c.encode(floor, forKey: .floor) } else { try c.encodeNil(forKey: .floor) }
            }
        }
        struct Top: Encodable {
            let history: History; let method: Method; let timeZone: String; let intervalMinutes: Int
            let days: [Day]; let totalCalls: Double; let backtest: BT?; let warnings: [String]
            enum CodingKeys: String, CodingKey { case history, method, timeZone = "time_zone", intervalMinutes = "interval_minutes", days,
                totalCalls = "total_calls", backtest, warnings }
        }
        let days: [Day] = (0..<grid.days).map { d in
            let r = grid.dayRanges[d]
            let calls = r.reduce(0.0) { $0 + points[$1].calls }
            return Day(date: grid.date(ofDay: d).description, calls: calls, low: r.reduce(0.0) { $0 + points[$1].low },
                       high: r.reduce(0.0) { $0 + points[$1].high },
                       ahtSeconds: calls > 0 ? r.reduce(0.0) { $0 + points[$1].calls * points[$1].ahtSeconds } / calls : 0,
                       note: points[r.lowerBound].note)
        }
        let m = model
        let top = Top(
            history: History(first: history.firstDate.description, last: history.lastDate.description, rows: history.rows,
                             intervalMinutes: history.sourceIntervalMinutes, missingIntervals: history.missingCount, notes: history.notes),
            method: Method(level: m.level, trend: m.trend, alpha: m.alpha, beta: m.beta, phi: m.phi, weekly: m.weekly,
                           holidayFactor: m.holidayFactor, makeUpFactor: m.makeUpFactor,
                           events: m.effects.values.sorted { $0.kind < $1.kind }.map { Effect(kind: $0.kind, uplift: $0.uplift, decayDays: $0.decayDays, measuredOn: $0.measuredOn) },
                           outlierDays: m.outliers.map(\.date.description), outageIntervals: m.outageIntervals),
            timeZone: grid.clock.identifier, intervalMinutes: grid.intervalMinutes, days: days,
            totalCalls: points.reduce(0.0) { $0 + $1.calls },
            backtest: backtest.map { BT(timeZone: history.grid.clock.identifier, intervalMinutes: history.grid.intervalMinutes, horizonDays: $0.horizonDays,
                                        origins: $0.origins.map(\.description), roster: $0.method, seasonalNaive: $0.seasonalNaive, floor: $0.floor) },
            warnings: warnings)
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try e.encode(top)
    }

    // MARK: SVG

    /// Forecast against what happened over the backtest's last window (without a backtest: the last four
    /// weeks of history and the forecast), interval by interval, with the 80 % band and the events marked.
    public func svg() -> String {
        struct P { let t: Date; let actual: Double?; let f: Double?; let lo: Double?; let hi: Double? }
        var series: [P] = []
        var title: String
        if let b = backtest, !b.lastWindow.isEmpty {
            series = b.lastWindow.map { P(t: $0.start, actual: $0.actual, f: $0.forecast.calls, lo: $0.forecast.low, hi: $0.forecast.high) }
            title = "Backtest from \(b.origins.last!): forecast against actual offered calls"
        } else {
            let hg = history.grid
            let from = max(0, hg.days - 28)
            for i in hg.dayRanges[from].lowerBound..<hg.intervals.count { series.append(P(t: hg.intervals[i].start, actual: history.offered[i], f: nil, lo: nil, hi: nil)) }
            for (iv, p) in zip(grid.intervals, points) { series.append(P(t: iv.start, actual: nil, f: p.calls, lo: p.low, hi: p.high)) }
            title = "History (last four weeks) and the forecast of \(grid.startDate) … \(grid.date(ofDay: grid.days - 1))"
        }
        guard let t0 = series.first?.t, let t1 = series.last?.t, t1 > t0 else { return "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n" }
        let W = 1200.0, H = 420.0, left = 60.0, right = 20.0, top = 40.0, bottom = 50.0
        let ymax = max(1, series.map { max($0.actual ?? 0, $0.hi ?? 0, $0.f ?? 0) }.max()!) * 1.05
        func x(_ t: Date) -> Double { left + (W - left - right) * t.timeIntervalSince(t0) / t1.timeIntervalSince(t0) }
        func y(_ v: Double) -> Double { top + (H - top - bottom) * (1 - v / ymax) }
        func path(_ pts: [(Double, Double)?]) -> String {
            var d = "", pen = false
            for p in pts {
                guard let p else { pen = false; continue }
                d += String(format: "%@%.1f,%.1f ", pen ? "L" : "M", p.0, p.1)
                pen = true
            }
            return d
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(W))\" height=\"\(Int(H))\" viewBox=\"0 0 \(Int(W)) \(Int(H))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<title>\(xml(title))</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(left)\" y=\"22\" font-size=\"14\">\(xml(title))</text>\n"
        // Axes and a gridline every 20 % of the range.
        for k in 0...5 {
            let v = ymax * Double(k) / 5
            svg += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", left, y(v), W - right, y(v))
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n", left - 6, y(v) + 4, v)
        }
        // A tick at each local midnight, labelled each Monday.
        let clock = grid.clock
        var day = clock.localDateTime(of: t0).date
        while clock.startOfDay(day) <= t1 {
            let t = clock.startOfDay(day)
            if t >= t0 {
                svg += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>", x(t), top, x(t), H - bottom)
                if day.isoWeekday == 1 { svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%@</text>\n", x(t), H - bottom + 16, day.description) }
            }
            day = day.adding(days: 1)
        }
        let band = series.compactMap { p in p.hi.map { (x(p.t), y($0)) } } + series.reversed().compactMap { p in p.lo.map { (x(p.t), y($0)) } }
        if !band.isEmpty {
            svg += "<path d=\"\(path(band))Z\" fill=\"#9ecae1\" fill-opacity=\"0.45\" stroke=\"none\"/>\n"
        }
        svg += "<path d=\"\(path(series.map { p in p.actual.map { (x(p.t), y($0)) } }))\" fill=\"none\" stroke=\"#555\" stroke-width=\"0.8\"/>\n"
        svg += "<path d=\"\(path(series.map { p in p.f.map { (x(p.t), y($0)) } }))\" fill=\"none\" stroke=\"#08519c\" stroke-width=\"1.2\"/>\n"
        for e in events {
            let t = clock.startOfDay(e.date)
            guard t >= t0, t <= t1 else { continue }
            svg += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d94801\" stroke-dasharray=\"4 3\"/>", x(t), top, x(t), H - bottom)
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" fill=\"#d94801\">%@</text>\n", x(t) + 3, top + 12, xml(e.kind))
        }
        let ly = H - 14
        svg += "<line x1=\"\(left)\" y1=\"\(ly - 4)\" x2=\"\(left + 24)\" y2=\"\(ly - 4)\" stroke=\"#555\"/><text x=\"\(left + 30)\" y=\"\(ly)\">actual offered calls</text>\n"
        svg += "<line x1=\"\(left + 180)\" y1=\"\(ly - 4)\" x2=\"\(left + 204)\" y2=\"\(ly - 4)\" stroke=\"#08519c\" stroke-width=\"1.2\"/><text x=\"\(left + 210)\" y=\"\(ly)\">forecast</text>\n"
        svg += "<rect x=\"\(left + 290)\" y=\"\(ly - 10)\" width=\"24\" height=\"10\" fill=\"#9ecae1\" fill-opacity=\"0.45\"/><text x=\"\(left + 320)\" y=\"\(ly)\">80 % interval</text>\n"
        svg += "<line x1=\"\(left + 430)\" y1=\"\(ly - 4)\" x2=\"\(left + 454)\" y2=\"\(ly - 4)\" stroke=\"#d94801\" stroke-dasharray=\"4 3\"/><text x=\"\(left + 460)\" y=\"\(ly)\">event</text>\n"
        svg += "<text x=\"\(W - right)\" y=\"\(ly)\" text-anchor=\"end\">calls per \(grid.intervalMinutes) min, \(clock.identifier)</text>\n"
        svg += "</svg>\n"
        return svg
    }

    func xml(_ s: String) -> String { XMLText.escape(s) }
}
