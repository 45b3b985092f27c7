// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterCore

/// The kind of a local date, for its weekly factor and its intraday profile.
public enum DayType: Int, Sendable, CaseIterable {
    case weekday, saturday, sunday, holiday

    var name: String { ["working day", "Saturday", "Sunday", "holiday"][rawValue] }
}

/// Holidays and make-up working days (China's 调休): which dates are not what their weekday says.
public struct DayCalendar: Sendable {
    public var holidays: Set<LocalDate>
    public var makeUpWorkdays: Set<LocalDate>

    public init(holidays: some Sequence<LocalDate> = [], makeUpWorkdays: some Sequence<LocalDate> = []) {
        self.holidays = Set(holidays)
        self.makeUpWorkdays = Set(makeUpWorkdays)
    }

    public func type(of date: LocalDate) -> DayType {
        if holidays.contains(date) { return .holiday }
        if makeUpWorkdays.contains(date) { return .weekday }
        switch date.isoWeekday { case 6: return .saturday; case 7: return .sunday; default: return .weekday }
    }
}

/// One interval of a forecast: the expected offered calls, an 80 % prediction interval, the handle time.
public struct ForecastPoint: Sendable, Hashable {
    public var calls: Double
    public var low: Double
    public var high: Double
    public var ahtSeconds: Double
    public var note: String
}

/// The forecasting method (Docs/forecast.md). Offered calls in interval *i* of local date *d*:
///
///     F(d, i) = ℓ(d) · S(d) · [ p_type(d)(slot i) + u(d) · q(slot i) ]
///
/// with ℓ the daily level (damped-trend exponential smoothing of deseasonalised daily totals), S the
/// weekly factor of the weekday (or the holiday / make-up-day factor), p the intraday profile of the day
/// type (James–Stein shrunk towards the pooled profile), u the uplift of the events of the days before
/// (each kind's uplift and decay measured on its labelled past events), and q the intraday shape of the
/// extra calls events bring. Handle time per slot and day type from recent weeks.
public struct CallForecaster: Sendable {
    /// How long an event's effect is followed (days from its date); its days are left out of the level.
    public static let eventWindowDays = 28
    /// Recency half-lives, in weeks: weekly factors and intraday profiles, handle time.
    static let seasonalHalfLifeWeeks = 26.0
    static let ahtHalfLifeWeeks = 4.0
    /// A day whose total is below this share of its expectation, or above its inverse, with no holiday or
    /// labelled event to explain it, is an outlier (an outage, a day of zeros, a feed counted twice).
    static let outlierRatio = 0.6
    /// z of the two-sided 80 % interval.
    static let z80 = 1.2815515655446004

    public struct EventEffect: Sendable, Hashable {
        public let kind: String
        public let uplift: Double
        public let decayDays: Double
        /// Past events of this kind the effect was measured on (0: given in events.csv).
        public let measuredOn: Int
    }

    public struct Fitted: Sendable {
        public let origin: LocalDate
        public let intervalMinutes: Int
        public let level: Double
        public let trend: Double
        public let alpha: Double
        public let beta: Double
        public let phi: Double
        /// Weekly factors, Monday … Sunday (mean 1 over the week).
        public let weekly: [Double]
        public let holidayFactor: Double
        public let holidaysSeen: Int
        public let makeUpFactor: Double
        public let makeUpSeen: Int
        public let profiles: [[Double]]
        /// How far each day type's profile kept its own shape (1) or took the pooled one (0).
        public let profileOwnShare: [Double]
        public let eventProfile: [Double]
        public let effects: [String: EventEffect]
        public let aht: [[Double]]
        /// Relative standard deviation of the daily level's error by lead (index 0: one day ahead).
        public let levelError: [Double]
        public let outliers: [(date: LocalDate, ratio: Double)]
        public let outageIntervals: Int
        public let daysUsed: Int
        public let notes: [String]
    }

    let calendar: DayCalendar
    let events: [CallEvent]
    /// Handle time to use when the history has none.
    let fallbackAHT: Double?

    public init(calendar: DayCalendar, events: [CallEvent] = [], fallbackAHT: Double? = nil) {
        self.calendar = calendar
        self.events = events
        self.fallbackAHT = fallbackAHT
    }

    public enum FitError: Error, Equatable, CustomStringConvertible {
        case tooLittleHistory(days: Int)
        case noHandleTime
        public var description: String {
            switch self {
            case .tooLittleHistory(let days):
                return "the history holds \(days) usable day(s) before the forecast starts; at least 14 are needed (two of each weekday)"
            case .noHandleTime: return "the history has no handle time (aht_seconds): give --aht SECONDS"
            }
        }
    }

    // MARK: Fitting

    /// Fits the method on the history's dates before `origin`, for leads up to `horizon` days.
    public func fit(_ history: CallHistory, before origin: LocalDate, horizon: Int) throws(FitError) -> Fitted {
        let grid = history.grid
        let G = grid.intervalMinutes
        let slots = 1440 / G
        let lastDay = min(grid.days, origin.dayNumber - grid.startDate.dayNumber)
        guard lastDay >= 14 else { throw .tooLittleHistory(days: max(0, lastDay)) }
        let dates = (0..<lastDay).map { grid.date(ofDay: $0) }
        func slot(_ i: Int) -> Int { grid.intervals[i].local.time.minutes / G }
        var offered = Array(history.offered[0..<grid.dayRanges[lastDay - 1].upperBound])
        let pastEvents = events.filter { $0.date < origin }
        let outageDays = Set(pastEvents.filter(\.isOutage).map(\.date))
        // Days in the window of a labelled (non-outage) event.
        var eventDay = [Bool](repeating: false, count: lastDay)
        for e in pastEvents where !e.isOutage {
            let k0 = e.date.dayNumber - grid.startDate.dayNumber
            for k in max(0, k0)..<min(lastDay, max(0, k0 + Self.eventWindowDays)) { eventDay[k] = true }
        }
        let types = dates.map { calendar.type(of: $0) }
        func weight(_ k: Int, halfLife: Double) -> Double { pow(0.5, Double(lastDay - k) / (halfLife * 7)) }
        func complete(_ k: Int) -> Bool { grid.dayRanges[k].allSatisfy { offered[$0] != nil } }
        var plain = (0..<lastDay).map { !eventDay[$0] && !outageDays.contains(dates[$0]) && types[$0] != .holiday && !calendar.makeUpWorkdays.contains(dates[$0]) }

        // 1. Intraday profiles from complete plain days (a first pass, before outages are found).
        var profiles = [[Double]](), ownShare = [Double]()
        func estimateProfiles(_ use: [Bool]) {
            (profiles, ownShare) = Self.profiles(types: types, use: use, slots: slots, holidayFallback: .sunday) { k in
                grid.dayRanges[k].compactMap { i in offered[i].map { (slot(i), $0) } }
            } weight: { weight($0, halfLife: Self.seasonalHalfLifeWeeks) }
        }
        estimateProfiles((0..<lastDay).map { (plain[$0] || types[$0] == .holiday) && complete($0) })

        // 2. Outages inside a day (zeros where the profile expects calls) and labelled outage days: missing data.
        let outageIntervals = Self.markOutages(&offered, grid: grid, days: lastDay, profiles: profiles, types: types,
                                               outageDays: Set((0..<lastDay).filter { outageDays.contains(dates[$0]) }))

        // 3. Daily totals in "24-hour days": observed calls over the profile share of the observed intervals
        // (a 25-hour day's profile share is above 1, a day with a gap below).
        var total = [Double?](repeating: nil, count: lastDay)
        func dayTotals() {
            for k in 0..<lastDay {
                let p = profiles[types[k].rawValue]
                var seen = 0.0, share = 0.0
                for i in grid.dayRanges[k] { if let c = offered[i] { seen += c; share += p[slot(i)] } }
                total[k] = share >= 0.75 ? seen / share : nil
            }
        }
        dayTotals()

        // 4. Weekly factors (recency-weighted ratios to each week's median level), then outlier days.
        var weekly = [Double](repeating: 1, count: 7)
        var outliers: [(date: LocalDate, ratio: Double)] = []
        func weekMedianLevel(_ k: Int) -> Double? {
            let monday = k - (dates[k].isoWeekday - 1)
            let values = (max(0, monday)..<min(lastDay, monday + 7)).compactMap { j -> Double? in
                guard plain[j], let t = total[j] else { return nil }
                return t / weekly[dates[j].isoWeekday - 1]
            }.sorted()
            guard values.count >= 3 else { return nil }
            return values[values.count / 2]
        }
        for round in 0..<4 {
            var sum = [Double](repeating: 0, count: 7), wsum = [Double](repeating: 0, count: 7)
            for k in 0..<lastDay where plain[k] && types[k] != .holiday {
                guard let t = total[k], let m = weekMedianLevel(k), m > 0 else { continue }
                let w = weight(k, halfLife: Self.seasonalHalfLifeWeeks)
                sum[dates[k].isoWeekday - 1] += w * t / m
                wsum[dates[k].isoWeekday - 1] += w
            }
            var next = (0..<7).map { wsum[$0] > 0 ? sum[$0] / wsum[$0] : 1 }
            let mean = next.reduce(0, +) / 7
            if mean > 0 { next = next.map { $0 / mean } }
            weekly = next
            if round == 1 {
                // Days far from their week's level with nothing to explain them are outliers.
                for k in 0..<lastDay where plain[k] {
                    guard let t = total[k], let m = weekMedianLevel(k), m > 0 else { continue }
                    let ratio = t / (m * weekly[dates[k].isoWeekday - 1])
                    if ratio < Self.outlierRatio || ratio > 1 / Self.outlierRatio {
                        outliers.append((dates[k], ratio))
                        plain[k] = false
                    }
                }
                if !outliers.isEmpty {
                    estimateProfiles((0..<lastDay).map { (plain[$0] || types[$0] == .holiday) && complete($0) })
                    dayTotals()
                }
            }
        }
        let usable = (0..<lastDay).filter { plain[$0] && total[$0] != nil }.count
        guard usable >= 14 else { throw .tooLittleHistory(days: usable) }

        // 5. The level: damped-trend exponential smoothing of the plain days' totals over their weekly factor,
        // its constants chosen by the error of multi-day forecasts from weekly origins (leads 1 … horizon).
        let z: [Double?] = (0..<lastDay).map { k in plain[k] ? total[k].map { $0 / weekly[dates[k].isoWeekday - 1] } : nil }
        let holt = DampedHolt.choose(z, horizon: max(1, min(horizon, 56)))
        let run = holt.run(z)

        // 6. Holidays and make-up days: their totals against the level the smoother predicted for them.
        func factor(_ which: (Int) -> Bool, default value: Double) -> (Double, Int) {
            var ratios: [Double] = []
            for k in 0..<lastDay where which(k) && !eventDay[k] && !outageDays.contains(dates[k]) {
                if let t = total[k], run.prediction[k] > 0 { ratios.append(t / run.prediction[k]) }
            }
            guard !ratios.isEmpty else { return (value, 0) }
            return (ratios.reduce(0, +) / Double(ratios.count), ratios.count)
        }
        let (holidayFactor, holidaysSeen) = factor({ types[$0] == .holiday }, default: weekly[6])
        let (makeUpFactor, makeUpSeen) = factor({ calendar.makeUpWorkdays.contains(dates[$0]) }, default: weekly[0..<5].reduce(0, +) / 5)
        func seasonal(_ date: LocalDate) -> Double {
            if calendar.holidays.contains(date) { return holidayFactor }
            if calendar.makeUpWorkdays.contains(date) { return makeUpFactor }
            return weekly[date.isoWeekday - 1]
        }

        // 7. Events: each kind's uplift and decay from the days after its labelled past events.
        var residual: [(k: Int, r: Double)] = []
        for k in 0..<lastDay where eventDay[k] && !outageDays.contains(dates[k]) {
            if let t = total[k], run.prediction[k] > 0 { residual.append((k, t / (run.prediction[k] * seasonal(dates[k])) - 1)) }
        }
        let measured = EventFit.fit(events: pastEvents.filter { !$0.isOutage }, residuals: residual.map { (dates[$0.k], $0.r) })
        var effects = measured
        for e in events where !e.isOutage {
            if let u = e.uplift { effects[e.kind] = EventEffect(kind: e.kind, uplift: u, decayDays: e.decayDays ?? effects[e.kind]?.decayDays ?? 2.5, measuredOn: 0) }
        }

        // 8. The intraday shape of events' extra calls.
        let eventProfile = Self.eventProfile(offered, grid: grid, days: lastDay, profiles: profiles, types: types) { k in
            guard eventDay[k] else { return nil }
            let u = Self.uplift(on: dates[k], events: pastEvents, effects: effects)
            guard u >= 0.1, run.prediction[k] > 0 else { return nil }
            return run.prediction[k] * seasonal(dates[k])
        }

        // 9. Handle time per slot, for working days and for rest days, from recent weeks.
        let aht = try Self.handleTimes(history, offered: offered, days: lastDay, types: types, fallback: fallbackAHT,
                                       skip: { outageDays.contains(dates[$0]) }, weight: { weight($0, halfLife: Self.ahtHalfLifeWeeks) })

        // 10. How far the level's forecasts miss, by lead: the relative error of the chosen smoother's
        // forecasts from weekly origins, less the Poisson part of a day's total.
        let levelError = holt.relativeErrors(z, horizon: max(1, horizon))

        var notes: [String] = []
        if holidaysSeen == 0 && !calendar.holidays.filter({ $0 >= origin }).isEmpty {
            notes.append("no holiday in the history: holidays are forecast like a Sunday")
        }
        return Fitted(origin: origin, intervalMinutes: G, level: run.level, trend: run.trend, alpha: holt.alpha, beta: holt.beta,
                      phi: holt.phi, weekly: weekly, holidayFactor: holidayFactor, holidaysSeen: holidaysSeen,
                      makeUpFactor: makeUpFactor, makeUpSeen: makeUpSeen, profiles: profiles, profileOwnShare: ownShare,
                      eventProfile: eventProfile, effects: effects, aht: aht, levelError: levelError, outliers: outliers,
                      outageIntervals: outageIntervals, daysUsed: usable, notes: notes)
    }

    /// Step 2 of `fit`: a run of zeros inside a day where the day's profile expects calls (two intervals
    /// expecting at least 5 each, or any expecting at least 8) is an outage, and every interval of a
    /// labelled outage day (`outageDays`, day numbers) is missing too; both become nil. Returns how many
    /// intervals were set aside.
    static func markOutages(_ offered: inout [Double?], grid: TimeGrid, days: Int, profiles: [[Double]], types: [DayType],
                            outageDays: Set<Int>) -> Int {
        let G = grid.intervalMinutes
        func slot(_ i: Int) -> Int { grid.intervals[i].local.time.minutes / G }
        var marked = 0
        for k in 0..<days {
            let r = grid.dayRanges[k]
            let p = profiles[types[k].rawValue]
            var seen = 0.0, share = 0.0
            for i in r { if let c = offered[i], c > 0 { seen += c; share += p[slot(i)] } }
            guard share > 0.2 else { continue }
            let scale = seen / share
            var i = r.lowerBound
            while i < r.upperBound {
                guard offered[i] == 0 else { i += 1; continue }
                var j = i
                while j < r.upperBound, offered[j] == 0 { j += 1 }
                let run = i..<j
                let expected = run.map { scale * p[slot($0)] }
                if (run.count >= 2 && expected.allSatisfy { $0 >= 5 }) || expected.allSatisfy({ $0 >= 8 }) {
                    for x in run { offered[x] = nil }
                    marked += run.count
                }
                i = j
            }
        }
        for k in 0..<days where outageDays.contains(k) { for i in grid.dayRanges[k] where offered[i] != nil { offered[i] = nil; marked += 1 } }
        return marked
    }

    /// Step 8 of `fit`: the intraday shape of events' extra calls — on each day `base` gives a level for
    /// (a day of a labelled event with an uplift of at least 10 %), the calls above base × the day type's
    /// profile, shrunk towards the pooled profile by how clearly their shape differs from it (a
    /// James–Stein weight from the chi-square of the difference). The weekday profile when there is none.
    static func eventProfile(_ offered: [Double?], grid: TimeGrid, days: Int, profiles: [[Double]], types: [DayType],
                             base: (Int) -> Double?) -> [Double] {
        let G = grid.intervalMinutes, slots = 1440 / G
        func slot(_ i: Int) -> Int { grid.intervals[i].local.time.minutes / G }
        var extra = [Double](repeating: 0, count: slots), extraVar = [Double](repeating: 0, count: slots)
        var extraTotal = 0.0
        for k in 0..<days {
            guard let level = base(k) else { continue }
            let p = profiles[types[k].rawValue]
            for i in grid.dayRanges[k] {
                guard let c = offered[i] else { continue }
                extra[slot(i)] += c - level * p[slot(i)]
                extraVar[slot(i)] += c
                extraTotal += c - level * p[slot(i)]
            }
        }
        guard extraTotal > 0 else { return profiles[DayType.weekday.rawValue] }
        let pooled = pooledProfile(profiles)
        let own = extra.map { max(0, $0) / extraTotal }
        var chi = 0.0
        for s in 0..<slots where extraVar[s] > 0 { chi += pow(extra[s] - extraTotal * pooled[s], 2) / extraVar[s] }
        let w = chi > 0 ? max(0, 1 - Double(slots - 1) / chi) : 0
        let mixed = (0..<slots).map { w * own[$0] + (1 - w) * pooled[$0] }
        let sum = mixed.reduce(0, +)
        return sum > 0 ? mixed.map { $0 / sum } : profiles[DayType.weekday.rawValue]
    }

    /// Step 9 of `fit`: handle time per slot for working days (row 0) and rest days (row 1), weighted by
    /// calls and recency (`weight`); each slot borrows its neighbours' calls until it rests on at least
    /// 200. Without any handle time in the history, `fallback` everywhere, or `FitError.noHandleTime`.
    static func handleTimes(_ history: CallHistory, offered: [Double?], days: Int, types: [DayType], fallback: Double?,
                            skip: (Int) -> Bool, weight: (Int) -> Double) throws(FitError) -> [[Double]] {
        let grid = history.grid, G = grid.intervalMinutes, slots = 1440 / G
        func slot(_ i: Int) -> Int { grid.intervals[i].local.time.minutes / G }
        var sum = [[Double]](repeating: [Double](repeating: 0, count: slots), count: 2)
        var w = sum
        for k in 0..<days where !skip(k) {
            let g = types[k] == .weekday ? 0 : 1
            let rw = weight(k)
            for i in grid.dayRanges[k] {
                guard let a = history.aht[i], let c = offered[i], c > 0 else { continue }
                sum[g][slot(i)] += rw * c * a
                w[g][slot(i)] += rw * c
            }
        }
        let totalW = w.flatMap { $0 }.reduce(0, +)
        if totalW <= 0 {
            guard let fallback else { throw .noHandleTime }
            return [[Double]](repeating: [Double](repeating: fallback, count: slots), count: 2)
        }
        let overall = zip(sum.flatMap { $0 }, w.flatMap { $0 }).reduce(0.0) { $0 + $1.0 } / totalW
        return (0..<2).map { g in
            (0..<slots).map { s in
                var num = 0.0, den = 0.0
                for reach in 0..<slots / 2 {
                    for t in Set([(s - reach + slots) % slots, (s + reach) % slots]) { num += sum[g][t]; den += w[g][t] }
                    if den >= 200 { break }
                }
                return den > 0 ? num / den : overall
            }
        }
    }

    /// The summed uplift of events on a date (each decays from its date for ``eventWindowDays`` days).
    static func uplift(on date: LocalDate, events: [CallEvent], effects: [String: EventEffect]) -> Double {
        var u = 0.0
        for e in events where !e.isOutage {
            let k = date.dayNumber - e.date.dayNumber
            guard k >= 0, k < eventWindowDays, let f = effects[e.kind] else { continue }
            u += f.uplift * exp(-Double(k) / f.decayDays)
        }
        return u
    }

    // MARK: Forecasting

    /// The forecast of every interval of `grid` (the scenario's horizon, in the same zone and interval length).
    public func forecast(_ m: Fitted, grid: TimeGrid) -> [ForecastPoint] {
        let G = grid.intervalMinutes
        precondition(G == m.intervalMinutes)
        var out: [ForecastPoint] = []
        out.reserveCapacity(grid.intervals.count)
        for d in 0..<grid.days {
            let date = grid.date(ofDay: d)
            let h = max(1, date.dayNumber - m.origin.dayNumber + 1)
            let level = max(0, m.level + DampedHolt.trendSum(phi: m.phi, h: h) * m.trend)
            let type = calendar.type(of: date)
            let s = calendar.holidays.contains(date) ? m.holidayFactor : calendar.makeUpWorkdays.contains(date) ? m.makeUpFactor : m.weekly[date.isoWeekday - 1]
            let u = Self.uplift(on: date, events: events, effects: m.effects)
            let err = m.levelError[min(h, m.levelError.count) - 1]
            var notes: [String] = []
            if type == .holiday { notes.append("holiday") }
            if calendar.makeUpWorkdays.contains(date) { notes.append("make-up workday") }
            if abs(u) >= 0.005 { notes.append(String(format: "events %+.0f%%", u * 100)) }
            if grid.dayRanges[d].count * G != 1440 { notes.append("\(grid.dayRanges[d].count * G / 60)-hour day") }
            for i in grid.dayRanges[d] {
                let slot = grid.intervals[i].local.time.minutes / G
                let mu = max(0, level * s * (m.profiles[type.rawValue][slot] + u * m.eventProfile[slot]))
                let sd = (mu + pow(err * mu, 2)).squareRoot()
                out.append(ForecastPoint(calls: mu, low: max(0, mu - Self.z80 * sd), high: mu + Self.z80 * sd,
                                         ahtSeconds: m.aht[type == .weekday ? 0 : 1][slot], note: notes.joined(separator: "; ")))
            }
        }
        return out
    }

    // MARK: Profiles

    /// Each day type's intraday profile (shares of a 24-hour day per slot), recency-weighted, shrunk towards
    /// the pooled profile by the positive-part James–Stein factor of its χ² distance from it; a type with
    /// no day takes `holidayFallback`'s (holidays) or the pooled profile.
    static func profiles(types: [DayType], use: [Bool], slots: Int, holidayFallback: DayType,
                         calls: (Int) -> [(slot: Int, calls: Double)], weight: (Int) -> Double) -> ([[Double]], [Double]) {
        let T = DayType.allCases.count
        var sum = [[Double]](repeating: [Double](repeating: 0, count: slots), count: T)
        var variance = sum
        for k in types.indices where use[k] {
            let w = weight(k)
            for (s, c) in calls(k) {
                sum[types[k].rawValue][s] += w * c
                variance[types[k].rawValue][s] += w * w * c
            }
        }
        var pooledSum = [Double](repeating: 0, count: slots)
        for t in 0..<T { for s in 0..<slots { pooledSum[s] += sum[t][s] } }
        let pooledTotal = pooledSum.reduce(0, +)
        let pooled = pooledTotal > 0 ? pooledSum.map { $0 / pooledTotal } : [Double](repeating: 1 / Double(slots), count: slots)
        var result = [[Double]](), own = [Double]()
        for t in 0..<T {
            let n = sum[t].reduce(0, +)
            guard n > 0 else {
                result.append(pooled)
                own.append(0)
                continue
            }
            var chi = 0.0
            for s in 0..<slots where variance[t][s] > 0 { chi += pow(sum[t][s] - n * pooled[s], 2) / variance[t][s] }
            let w = chi > 0 ? max(0, 1 - Double(slots - 1) / chi) : 0
            result.append((0..<slots).map { w * sum[t][$0] / n + (1 - w) * pooled[$0] })
            own.append(w)
        }
        if sum[DayType.holiday.rawValue].reduce(0, +) == 0 { result[DayType.holiday.rawValue] = result[holidayFallback.rawValue] }
        return (result, own)
    }

    static func pooledProfile(_ profiles: [[Double]]) -> [Double] {
        // Five working days, a Saturday and a Sunday.
        let w = [5.0, 1, 1, 0]
        return (0..<profiles[0].count).map { s in (0..<4).reduce(0.0) { $0 + w[$1] * profiles[$1][s] } / 7 }
    }
}

/// Damped-trend exponential smoothing (Gardner & McKenzie 1985) of a daily series with gaps: a missing
/// day carries the level forward along the damped trend.
struct DampedHolt: Sendable {
    let alpha: Double, beta: Double, phi: Double

    struct Run { var level: Double; var trend: Double; var prediction: [Double] }

    static func trendSum(phi: Double, h: Int) -> Double {
        phi == 1 ? Double(h) : phi * (1 - pow(phi, Double(h))) / (1 - phi)
    }

    /// One day of the recursion: the level and trend after observing `y` (a missing day follows the damped trend).
    func advance(_ level: inout Double, _ trend: inout Double, _ y: Double?) {
        let predicted = level + phi * trend
        if let y {
            let newLevel = alpha * y + (1 - alpha) * predicted
            trend = beta * (newLevel - level) + (1 - beta) * phi * trend
            level = newLevel
        } else {
            level = predicted
            trend *= phi
        }
    }

    /// The first level: the mean of the first two weeks' observed days.
    static func initialLevel(_ z: some Collection<Double?>) -> Double {
        let first = z.compactMap { $0 }.prefix(14)
        return first.isEmpty ? 0 : first.reduce(0, +) / Double(first.count)
    }

    /// The state after the series, and each day's one-step-ahead prediction (the level it would have forecast).
    func run(_ z: [Double?], stopAt end: Int? = nil) -> Run {
        let n = end ?? z.count
        var level = Self.initialLevel(z.prefix(n)), trend = 0.0
        var prediction = [Double](repeating: 0, count: n)
        for t in 0..<n {
            prediction[t] = level + phi * trend
            advance(&level, &trend, z[t])
        }
        return Run(level: level, trend: trend, prediction: prediction)
    }

    /// Weekly origins over the last 26 weeks (at least 28 days after the start), for the error of forecasts.
    static func origins(count n: Int) -> [Int] {
        stride(from: n - 7, through: max(28, n - 182), by: -7).filter { $0 >= 28 }
    }

    /// Sum of squared relative errors of the forecasts from each origin at leads 1 … horizon.
    func multiStepError(_ z: [Double?], horizon: Int) -> Double {
        let n = z.count
        let origins = Self.origins(count: n)
        guard !origins.isEmpty else {
            // Too short for multi-step: one-step errors.
            let r = run(z)
            return z.indices.reduce(0.0) { acc, t in z[t].map { acc + pow(($0 - r.prediction[t]) / max(1e-9, $0), 2) } ?? acc }
        }
        var err = 0.0
        var state = (level: 0.0, trend: 0.0)
        var o = 0
        let sorted = origins.sorted()
        var level = Self.initialLevel(z), trend = 0.0
        for t in 0..<n {
            if o < sorted.count, t == sorted[o] {
                state = (level, trend)
                for h in 1...horizon where t + h - 1 < n {
                    if let y = z[t + h - 1], y > 0 {
                        let f = state.level + Self.trendSum(phi: phi, h: h) * state.trend
                        err += pow((y - f) / y, 2)
                    }
                }
                o += 1
            }
            advance(&level, &trend, z[t])
        }
        return err
    }

    /// The relative error's standard deviation by lead (1 … horizon), smoothed over weeks of leads and
    /// never falling with the lead; Poisson noise of the day's total is taken out.
    func relativeErrors(_ z: [Double?], horizon: Int) -> [Double] {
        let n = z.count
        var sq = [Double](repeating: 0, count: horizon), count = [Double](repeating: 0, count: horizon)
        var poisson = 0.0, pc = 0.0
        let origins = Set(Self.origins(count: n))
        var level = Self.initialLevel(z), trend = 0.0
        for t in 0..<n {
            if origins.contains(t) {
                for h in 1...horizon where t + h - 1 < n {
                    if let y = z[t + h - 1], y > 0 {
                        let f = level + Self.trendSum(phi: phi, h: h) * trend
                        sq[h - 1] += pow((y - f) / f, 2)
                        count[h - 1] += 1
                        poisson += 1 / y
                        pc += 1
                    }
                }
            }
            advance(&level, &trend, z[t])
        }
        let noise = pc > 0 ? poisson / pc : 0
        var out = [Double](repeating: 0, count: horizon)
        var floor = 0.0
        for h in 0..<horizon {
            // Pool the week of leads around h.
            let lo = max(0, h - 3), hi = min(horizon - 1, h + 3)
            let s = (lo...hi).reduce(0.0) { $0 + sq[$1] }, c = (lo...hi).reduce(0.0) { $0 + count[$1] }
            let v = c > 0 ? max(0, s / c - noise) : (h > 0 ? out[h - 1] * out[h - 1] : 0.0025)
            floor = max(floor, v.squareRoot())
            out[h] = floor
        }
        return out
    }

    /// The constants with the least multi-step error (grid search; α, β, φ as in ETS(A,Ad,N)).
    static func choose(_ z: [Double?], horizon: Int) -> DampedHolt {
        var best = DampedHolt(alpha: 0.2, beta: 0, phi: 0.98), bestErr = Double.infinity
        for phi in [0.9, 0.95, 0.98, 1.0] {
            for alpha in [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6] {
                for beta in [0.0, 0.01, 0.03, 0.1] where beta <= alpha {
                    let m = DampedHolt(alpha: alpha, beta: beta, phi: phi)
                    let e = m.multiStepError(z, horizon: horizon)
                    if e < bestErr - 1e-12 { bestErr = e; best = m }
                }
            }
        }
        return best
    }
}

/// Each event kind's uplift u and decay τ: the residual of day k after an event is Σ u·exp(−k/τ) over the
/// events before it; for fixed τs the us are least squares, the τs a grid (coordinate descent over kinds).
enum EventFit {
    static let decayGrid: [Double] = [0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 7, 10, 14]

    static func fit(events: [CallEvent], residuals: [(date: LocalDate, r: Double)]) -> [String: CallForecaster.EventEffect] {
        let kinds = Array(Set(events.map(\.kind))).sorted()
        guard !kinds.isEmpty, !residuals.isEmpty else { return [:] }
        var tau = [Double](repeating: 2.5, count: kinds.count)
        func design(_ tau: [Double]) -> [[Double]] {
            residuals.map { obs in
                kinds.indices.map { j in
                    events.filter { $0.kind == kinds[j] }.reduce(0.0) { acc, e in
                        let k = obs.date.dayNumber - e.date.dayNumber
                        return k >= 0 && k < CallForecaster.eventWindowDays ? acc + exp(-Double(k) / tau[j]) : acc
                    }
                }
            }
        }
        func solve(_ tau: [Double]) -> (u: [Double], sse: Double) {
            let X = design(tau)
            let m = kinds.count
            var A = [[Double]](repeating: [Double](repeating: 0, count: m), count: m), b = [Double](repeating: 0, count: m)
            for (row, obs) in zip(X, residuals) {
                for i in 0..<m { b[i] += row[i] * obs.r; for j in 0..<m { A[i][j] += row[i] * row[j] } }
            }
            for i in 0..<m { A[i][i] += 1e-6 }
            let u = gaussSolve(A, b) ?? [Double](repeating: 0, count: m)
            var sse = 0.0
            for (row, obs) in zip(X, residuals) { sse += pow(obs.r - zip(row, u).reduce(0.0) { $0 + $1.0 * $1.1 }, 2) }
            return (u, sse)
        }
        var best = solve(tau)
        for _ in 0..<3 {
            for j in kinds.indices {
                for t in decayGrid {
                    var trial = tau
                    trial[j] = t
                    let s = solve(trial)
                    if s.sse < best.sse - 1e-12 { best = s; tau = trial }
                }
            }
        }
        var out: [String: CallForecaster.EventEffect] = [:]
        for (j, k) in kinds.enumerated() {
            out[k] = CallForecaster.EventEffect(kind: k, uplift: best.u[j], decayDays: tau[j], measuredOn: events.filter { $0.kind == k }.count)
        }
        return out
    }

    static func gaussSolve(_ A0: [[Double]], _ b0: [Double]) -> [Double]? {
        var A = A0, b = b0
        let n = b.count
        for c in 0..<n {
            guard let p = (c..<n).max(by: { abs(A[$0][c]) < abs(A[$1][c]) }), abs(A[p][c]) > 1e-12 else { return nil }
            A.swapAt(c, p); b.swapAt(c, p)
            for r in 0..<n where r != c {
                let f = A[r][c] / A[c][c]
                if f == 0 { continue }
                for k in c..<n { A[r][k] -= f * A[c][k] }
                b[r] -= f * b[c]
            }
        }
        return (0..<n).map { b[$0] / A[$0][$0] }
    }
}
