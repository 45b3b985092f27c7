// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterCore
import Search

/// Generates call history with a known intensity: a non-homogeneous Poisson process whose rate is
///
///     λ(t) = calls · growth(d) · S(d) · [ p_type(d)(t) + u(d) · q(t) ]
///
/// (weekly factors S, intraday densities p per day type, events' uplift u decaying from their dates with
/// an office-hours shape q). Every row carries `expected_calls`, the integral of λ over its interval, so
/// tests know the best possible forecast and its error floor. For tests and the bundled scenario only:
/// the history it writes is labelled as generated.
public struct HistoryGenerator: Sendable {
    public enum Stamps: String, Sendable, CaseIterable { case offset, utc, local }

    public struct Effect: Sendable, Hashable {
        public var uplift: Double
        public var decayDays: Double
        public init(uplift: Double, decayDays: Double) { self.uplift = uplift; self.decayDays = decayDays }
    }

    public struct Settings: Sendable {
        public var clock: ZoneClock
        public var start: LocalDate
        public var days: Int
        public var intervalMinutes: Int
        public var meanDailyCalls: Double = 3800
        /// Growth of volume per year (0.05: +5 % a year), compounding daily.
        public var annualGrowth: Double = 0.05
        /// Monday … Sunday.
        public var weekly: [Double] = [1.12, 1.04, 1.00, 0.99, 1.03, 0.80, 0.74]
        public var holidayFactor: Double = 0.70
        public var calendar: DayCalendar = DayCalendar()
        public var events: [CallEvent] = []
        /// The true effect of each event kind (events of other kinds get `defaultEffect`).
        public var effects: [String: Effect] = [:]
        public var defaultEffect = Effect(uplift: 0.5, decayDays: 2.5)
        /// Spans of real time with no data at all (the feed was down): rows of zeros.
        public var outages: [Range<Date>] = []
        public var stamps: Stamps = .offset
        public var seed: UInt64 = 96122

        public init(clock: ZoneClock, start: LocalDate, days: Int, intervalMinutes: Int) {
            self.clock = clock
            self.start = start
            self.days = days
            self.intervalMinutes = intervalMinutes
        }
    }

    public let settings: Settings
    public init(_ settings: Settings) { self.settings = settings }

    // MARK: Intraday shapes (densities over the 24 wall-clock hours, each integrating to 1)

    static func gauss(_ h: Double, _ mu: Double, _ sigma: Double) -> Double { exp(-0.5 * pow((h - mu) / sigma, 2)) }

    /// The working-day shape of the bundled scenario's forecast (make_forecast.py): morning and afternoon
    /// peaks, the 08:00 and 20:00 handover peaks, a lunch dip, calls all night.
    static func workingDay(_ h: Double) -> Double {
        var w = 0.035 + 0.25 * gauss(h, 12, 5) + 1.0 * gauss(h, 9.75, 1.5) + 0.8 * gauss(h, 15, 1.4)
        w += 0.35 * gauss(h, 8.25, 0.3) + 0.30 * gauss(h, 20.25, 0.35) + 0.15 * gauss(h, 19, 1.5) - 0.12 * gauss(h, 12.25, 0.6)
        return max(w, 0.05)
    }

    /// Rest days start later and flatter; the handover peaks stay (they come from the line, not callers).
    static func restDay(_ h: Double) -> Double {
        let w = 0.04 + 0.30 * gauss(h, 13, 5) + 0.6 * gauss(h, 10.75, 1.8) + 0.5 * gauss(h, 15.5, 1.8)
            + 0.30 * gauss(h, 8.25, 0.3) + 0.28 * gauss(h, 20.25, 0.35) + 0.2 * gauss(h, 19.5, 1.5)
        return max(w, 0.05)
    }

    /// Extra calls after a notice come in office hours.
    static func eventShape(_ h: Double) -> Double { 0.02 + gauss(h, 10.5, 1.8) + 0.8 * gauss(h, 15, 1.8) }

    struct Density {
        let values: [Double]   // per minute of the day
        init(_ f: (Double) -> Double) {
            let raw = (0..<1440).map { f((Double($0) + 0.5) / 60) }
            let total = raw.reduce(0, +)
            values = raw.map { $0 / total }
        }
        /// The share of a day between wall-clock minutes [a, b) (b ≤ 1440).
        func share(_ a: Int, _ b: Int) -> Double { values[a..<b].reduce(0, +) }
    }

    // MARK: Generation

    public struct Row: Sendable {
        public let start: Date
        public let offered: Int
        public let handled: Int
        public let abandoned: Int
        public let ahtSeconds: Double
        public let expected: Double
    }

    /// The rows, one per export interval of real time over the days (DST days have 23 or 25 hours).
    public func rows() -> [Row] {
        let s = settings
        var rng = Random(seed: s.seed)
        let work = Density(Self.workingDay), rest = Density(Self.restDay), event = Density(Self.eventShape)
        let grid = TimeGrid(clock: s.clock, startDate: s.start, days: s.days, intervalMinutes: s.intervalMinutes)
        var out: [Row] = []
        out.reserveCapacity(grid.intervals.count)
        for d in 0..<s.days {
            let date = grid.date(ofDay: d)
            let type = s.calendar.type(of: date)
            let factor = type == .holiday ? s.holidayFactor
                : s.calendar.makeUpWorkdays.contains(date) ? s.weekly[0..<5].reduce(0, +) / 5 : s.weekly[date.isoWeekday - 1]
            let growth = pow(1 + s.annualGrowth, Double(d) / 365)
            var u = 0.0
            for e in s.events where !e.isOutage {
                let k = date.dayNumber - e.date.dayNumber
                guard k >= 0 else { continue }
                let f = s.effects[e.kind] ?? s.defaultEffect
                u += f.uplift * exp(-Double(k) / f.decayDays)
            }
            let daily = s.meanDailyCalls * growth * factor
            let shape = type == .weekday ? work : rest
            for i in grid.dayRanges[d] {
                let iv = grid.intervals[i]
                let a = iv.local.time.minutes
                let b = min(1440, a + iv.minutes)
                let lambda = daily * (shape.share(a, b) + u * event.share(a, b))
                let down = s.outages.contains { $0.contains(iv.start) }
                let offered = down ? 0 : rng.poisson(lambda)
                var abandoned = 0
                for _ in 0..<offered where rng.uniform() < 0.03 { abandoned += 1 }
                let h = (Double(a) + Double(b - a) / 2) / 60
                let aht = (h >= 7 && h < 22 ? 100.0 : 120.0) * (1 + 0.08 * (rng.uniform() - 0.5))
                out.append(Row(start: iv.start, offered: offered, handled: offered - abandoned, abandoned: abandoned,
                               ahtSeconds: (aht * 10).rounded() / 10, expected: lambda))
            }
        }
        return out
    }

    /// The history as CSV, with a comment-free header (ACD exports have none).
    public func csv() -> String {
        let clock = settings.clock
        var text = "interval_start,offered,handled,abandoned,aht_seconds,expected_calls\n"
        for r in rows() {
            let stamp: String
            switch settings.stamps {
            case .offset: stamp = String(clock.iso8601(r.start).dropLast(9)) + String(clock.iso8601(r.start).suffix(6))
            case .utc:
                let utc = ZoneClock(identifier: "UTC")!.localDateTime(of: r.start)
                stamp = "\(utc.date)T\(utc.time):00Z"
            case .local: stamp = clock.localDateTime(of: r.start).description
            }
            text += "\(stamp),\(r.offered),\(r.handled),\(r.abandoned),\(String(format: "%.1f", r.ahtSeconds)),\(String(format: "%.4f", r.expected))\n"
        }
        return text
    }

    /// SplitMix64 with Poisson draws (Knuth's product method on pieces of at most 20, exact for any mean).
    /// The product's seeded generator (SplitMix64, `Search.SeededGenerator`) with the draws the
    /// generator needs.
    struct Random {
        var source: SeededGenerator
        init(seed: UInt64) { source = SeededGenerator(seed: seed) }
        /// Uniform in [0, 1), 53 bits.
        mutating func uniform() -> Double { Double(source.next() >> 11) / Double(1 << 53) }
        /// Poisson by multiplying uniforms, in pieces of mean 20 (exact; no underflow of e^−mean).
        mutating func poisson(_ mean: Double) -> Int {
            var left = max(0, mean), n = 0
            while left > 0 {
                let piece = min(left, 20)
                left -= piece
                let limit = exp(-piece)
                var p = uniform()
                while p > limit { n += 1; p *= uniform() }
            }
            return n
        }
    }
}
