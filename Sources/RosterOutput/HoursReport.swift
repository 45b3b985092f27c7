import Foundation
import RosterCore

/// `roster hours`: what HR pays — per agent and period (week, month or the whole horizon), paid hours
/// against the contract, overtime, night, weekend and public-holiday hours, shifts, nights and weekend
/// shifts; totals; the fairness spread. Every hour is paid time (the shift less its break), in real
/// time, split at local midnights and at the night window's edges, so a night shift across midnight
/// counts on both dates and a 23- or 25-hour day counts what was worked.
public struct HoursReport: Sendable {
    public enum Period: String, Sendable, CaseIterable { case week, month, horizon }

    /// A night window in local time, e.g. 22:00–06:00 (it may cross midnight).
    public struct NightWindow: Sendable, Equatable {
        public var from: LocalTime
        public var to: LocalTime
        public init(from: LocalTime, to: LocalTime) { self.from = from; self.to = to }
        /// `22:00-06:00`.
        public init?(_ text: String) {
            let parts = text.split(separator: "-")
            guard parts.count == 2, let a = LocalTime(hhmm: String(parts[0])), let b = LocalTime(hhmm: String(parts[1])), a != b else { return nil }
            (from, to) = (a, b)
        }
        public var description: String { "\(from)–\(to)" }
    }

    public struct Row: Sendable, Equatable, Codable {
        public var agentID: String
        public var agentName: String
        /// First and last date of the period (within the horizon).
        public var from: String
        public var to: String
        public var shifts: Int
        public var paidHours: Double
        public var nightHours: Double
        public var weekendHours: Double
        public var holidayHours: Double
        public var nights: Int
        public var weekendShifts: Int
        /// The contract's weekly bounds (the agent's own, else the team's), for week rows.
        public var minHours: Double?
        public var maxHours: Double?
        /// Paid hours above the weekly maximum (week rows).
        public var overtimeHours: Double
    }

    public let rows: [Row]
    public let period: Period
    public let night: NightWindow
    let context: RosterContext

    public init(context: RosterContext, period: Period, night: NightWindow) {
        self.context = context
        self.period = period
        self.night = night
        let team = context.scenario.team
        let clock = context.clock
        let holidays = Set(team.holidays)
        let first = team.startDate, last = team.startDate.adding(days: team.days - 1)
        // The periods: Monday–Sunday weeks, calendar months, or the horizon, clipped to it.
        var periods: [ClosedRange<LocalDate>] = []
        switch period {
        case .horizon: periods = [first...last]
        case .week:
            var d = first
            while d <= last {
                let end = min(last, d.adding(days: 7 - d.isoWeekday))
                periods.append(d...end)
                d = end.adding(days: 1)
            }
        case .month:
            var d = first
            while d <= last {
                var end = d
                while end < last, end.adding(days: 1).month == d.month { end = end.adding(days: 1) }
                periods.append(d...end)
                d = end.adding(days: 1)
            }
        }
        let nights = Set(context.scenario.templates.filter(\.isNight).map(\.name))
        var rows: [Row] = []
        for agent in context.agents {
            let shifts = context.shifts(of: agent.id)
            for p in periods {
                var row = Row(agentID: agent.id, agentName: agent.name, from: p.lowerBound.description, to: p.upperBound.description,
                              shifts: 0, paidHours: 0, nightHours: 0, weekendHours: 0, holidayHours: 0, nights: 0, weekendShifts: 0,
                              minHours: nil, maxHours: nil, overtimeHours: 0)
                // The first and last periods also hold the hours of shifts reaching outside the horizon (the
                // eve's night shifts, the last night), so that every hour of the roster is counted once.
                let from = p.lowerBound == first ? .distantPast : clock.startOfDay(p.lowerBound)
                let to = p.upperBound == last ? .distantFuture : clock.startOfDay(p.upperBound.adding(days: 1))
                for s in shifts {
                    // A shift belongs to the period it starts in (its date; the eve's to the first); its hours
                    // are split by instants.
                    if p.contains(s.date) || (p.lowerBound == first && s.date < first) || (p.upperBound == last && s.date > last) {
                        row.shifts += 1
                        if nights.contains(s.shiftName) { row.nights += 1 }
                        if s.date.isWeekend { row.weekendShifts += 1 }
                    }
                    for piece in Self.paidPieces(s, clock: clock) where piece.start < to && piece.end > from {
                        let a = max(piece.start, from), b = min(piece.end, to)
                        let hours = b.timeIntervalSince(a) / 3600
                        guard hours > 0 else { continue }
                        let date = clock.localDateTime(of: a).date
                        row.paidHours += hours
                        if date.isWeekend { row.weekendHours += hours }
                        if holidays.contains(date) { row.holidayHours += hours }
                        row.nightHours += Self.overlap(a, b, night: night, clock: clock) / 3600
                    }
                }
                if period == .week {
                    row.minHours = agent.minHoursPerWeek ?? context.scenario.rules.minHoursPerWeek
                    row.maxHours = agent.maxHoursPerWeek ?? context.scenario.rules.maxHoursPerWeek
                    if let m = row.maxHours { row.overtimeHours = max(0, row.paidHours - m) }
                }
                rows.append(row)
            }
        }
        self.rows = rows
    }

    /// The paid parts of a shift (its span less its break), each within one local day.
    static func paidPieces(_ s: RosterShift, clock: ZoneClock) -> [(start: Date, end: Date)] {
        var spans: [(Date, Date)] = [(s.start, s.end)]
        if let b0 = s.breakStart, let b1 = s.breakEnd { spans = [(s.start, b0), (b1, s.end)].filter { $0.0 < $0.1 } }
        var pieces: [(start: Date, end: Date)] = []
        for (a, b) in spans {
            var t = a
            while t < b {
                let midnight = clock.startOfDay(clock.localDateTime(of: t).date.adding(days: 1))
                let e = min(b, midnight)
                pieces.append((t, e))
                t = e
            }
        }
        return pieces
    }

    /// Seconds of [a, b) (within one local day) inside the night window.
    static func overlap(_ a: Date, _ b: Date, night: NightWindow, clock: ZoneClock) -> Double {
        let date = clock.localDateTime(of: a).date
        let at = { (t: LocalTime, d: LocalDate) in clock.instant(LocalDateTime(date: d, time: t)) }
        var windows: [(Date, Date)]
        if night.from < night.to {
            windows = [(at(night.from, date), at(night.to, date))]
        } else {
            // Crossing midnight: the evening part of this date and the morning part that ends on it.
            windows = [(clock.startOfDay(date), at(night.to, date)), (at(night.from, date), clock.startOfDay(date.adding(days: 1)))]
        }
        return windows.reduce(0) { $0 + max(0, min(b, $1.1).timeIntervalSince(max(a, $1.0))) }
    }

    // MARK: Output

    /// The spread of nights and of weekend shifts over the horizon (most − fewest among agents).
    public var spread: (nights: Int, weekendShifts: Int) {
        var nights: [String: Int] = [:], weekends: [String: Int] = [:]
        for r in rows { nights[r.agentID, default: 0] += r.nights; weekends[r.agentID, default: 0] += r.weekendShifts }
        let n = nights.values, w = weekends.values
        return ((n.max() ?? 0) - (n.min() ?? 0), (w.max() ?? 0) - (w.min() ?? 0))
    }

    static func h(_ x: Double) -> String { String(format: "%.1f", x) }

    public func table() -> String {
        let team = context.scenario.team
        let m = context.m
        var out = m.hoursTitle(period.rawValue, team.name, context.clock.identifier, night.description) + "\n\n"
        let nameWidth = min(24, max(10, context.agents.map { DisplayWidth.width("\($0.name) \($0.id)") }.max() ?? 10))
        var head = DisplayWidth.pad(m.agentColumn, to: nameWidth) + "  " + DisplayWidth.pad(m.hoursPeriod, to: 23)
        head += m.hoursColumns.map { DisplayWidth.pad($0, to: 8, alignRight: true) }.joined()
        if period == .week { head += m.contractColumns.map { DisplayWidth.pad($0, to: 8, alignRight: true) }.joined() }
        out += head + "\n"
        for r in rows {
            var line = DisplayWidth.pad(DisplayWidth.truncate("\(r.agentName) \(r.agentID)", to: nameWidth), to: nameWidth) + "  "
            line += DisplayWidth.pad("\(r.from) – \(r.to)", to: 23)
            line += ["\(r.shifts)", Self.h(r.paidHours), Self.h(r.nightHours), Self.h(r.weekendHours), Self.h(r.holidayHours), "\(r.nights)", "\(r.weekendShifts)"]
                .map { DisplayWidth.pad($0, to: 8, alignRight: true) }.joined()
            if period == .week {
                line += [r.minHours.map(Self.h) ?? "—", r.maxHours.map(Self.h) ?? "—", r.overtimeHours > 0 ? Self.h(r.overtimeHours) : "—"]
                    .map { DisplayWidth.pad($0, to: 8, alignRight: true) }.joined()
            }
            out += line + "\n"
        }
        let total = rows.reduce(0.0) { $0 + $1.paidHours }, nightH = rows.reduce(0.0) { $0 + $1.nightHours }
        let weekend = rows.reduce(0.0) { $0 + $1.weekendHours }, holiday = rows.reduce(0.0) { $0 + $1.holidayHours }
        let overtime = rows.reduce(0.0) { $0 + $1.overtimeHours }
        out += "\n" + m.hoursTotal(rows.reduce(0) { $0 + $1.shifts }, Self.h(total), Self.h(nightH), Self.h(weekend), Self.h(holiday),
                                   overtime: period == .week ? Self.h(overtime) : nil) + "\n"
        let s = spread
        out += m.fairnessSpread(s.nights, s.weekendShifts) + "\n"
        return out
    }

    public func csv() -> String {
        var out = "agent_id,agent_name,from,to,shifts,paid_hours,night_hours,weekend_hours,holiday_hours,nights,weekend_shifts,min_hours,max_hours,overtime_hours\r\n"
        for r in rows {
            let fields = [RosterCSV.escape(r.agentID, forSpreadsheet: true), RosterCSV.escape(r.agentName, forSpreadsheet: true), r.from, r.to, "\(r.shifts)",
                          Self.h(r.paidHours), Self.h(r.nightHours), Self.h(r.weekendHours), Self.h(r.holidayHours), "\(r.nights)", "\(r.weekendShifts)",
                          r.minHours.map(Self.h) ?? "", r.maxHours.map(Self.h) ?? "", Self.h(r.overtimeHours)]
            out += fields.joined(separator: ",") + "\r\n"
        }
        return out
    }

    public func json() throws(JSONEncodeError) -> Data {
        struct Document: Encodable {
            var period: String
            var nightWindow: String
            var timeZone: String
            var rows: [Row]
            var spreadNights: Int
            var spreadWeekendShifts: Int
        }
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        let s = spread
        return try JSONOutput.encode(Document(period: period.rawValue, nightWindow: night.description, timeZone: context.clock.identifier,
                                              rows: rows, spreadNights: s.nights, spreadWeekendShifts: s.weekendShifts), as: "hours", with: e)
    }
}
