import Foundation
import RosterCore

/// The terminal views of `roster show`: an agent's shifts, one day's timeline, who is on now, the team grid.
public struct ShowViews: Sendable {
    let context: RosterContext
    let painter: Painter
    var text: TimeText { context.timeText }
    var m: Messages { context.m }

    public init(context: RosterContext, painter: Painter = .plain) {
        self.context = context
        self.painter = painter
    }

    func header(_ title: String) -> String {
        painter.paint(title, .bold) + "\n" + painter.paint(m.timesIn(context.scenario.team.name, context.clock.identifier), .dim) + "\n"
    }

    // MARK: - One agent

    /// An agent's shifts: the next (or current) one first, then the later ones; past ones after them
    /// with `includePast`, else counted.
    public func agent(_ agent: Agent, at now: Date, includePast: Bool = false) -> String {
        let all = context.shifts(of: agent.id)
        let upcoming = all.filter { $0.end > now }
        let past = all.filter { $0.end <= now }
        var out = header("\(agent.name) (\(agent.id))")
        out += m.asOf(text.day(context.clock.localDateTime(of: now).date), text.hhmm(now)) + "\n\n"
        if let next = upcoming.first {
            let when: String
            if next.start <= now {
                if let b0 = next.breakStart, let b1 = next.breakEnd, now >= b0, now < b1 {
                    when = m.onBreakNow(backAt: text.hhmm(b1))
                } else {
                    when = m.onShiftNow(until: text.hhmm(next.end))
                }
            } else {
                when = m.startsIn(m.duration(next.start.timeIntervalSince(now)))
            }
            out += painter.paint(m.next, .bold) + painter.paint("\(text.day(next.date)) \(text.span(next)) \(next.shiftName)", .bold, .green)
                + (text.breakSpan(next).map { m.withBreak($0) } ?? "") + " — \(when)\n\n"
        } else {
            out += m.noShiftAfter + "\n\n"
        }
        // Leave, from today on (all of it with --all).
        let today = context.clock.localDateTime(of: now).date
        let leave = context.leave(of: agent.id).filter { includePast || $0.upperBound >= today }
        if !leave.isEmpty {
            out += painter.paint(m.leaveLabel, .bold, .yellow)
                + leave.map { $0.lowerBound == $0.upperBound ? text.day($0.lowerBound) : "\(text.day($0.lowerBound)) – \(text.day($0.upperBound))" }.joined(separator: ", ") + "\n\n"
        }
        if !upcoming.isEmpty {
            out += painter.paint(m.upcoming(upcoming.count, m.hours(upcoming.reduce(0) { $0 + $1.paidMinutes })), .underline) + "\n"
            out += table(upcoming, highlightFirst: true)
        }
        if includePast {
            if !past.isEmpty {
                out += "\n" + painter.paint(m.past(past.count, m.hours(past.reduce(0) { $0 + $1.paidMinutes })), .underline) + "\n"
                out += table(past.reversed(), highlightFirst: false)
            }
        } else if !past.isEmpty {
            out += "\n" + m.pastNotShown(past.count) + "\n"
        }
        return out
    }

    func table(_ shifts: [RosterShift], highlightFirst: Bool) -> String {
        let nameWidth = max(5, shifts.map { DisplayWidth.width($0.shiftName) }.max() ?? 5)
        let heads = m.tableHeads
        // The date column fits its longest entry ("Sat 2027-03-20", "周六 2027-03-20") and a space.
        let dayWidth = max(15, (shifts.map { DisplayWidth.width(text.day($0.date)) }.max() ?? 14) + 1)
        var out = "  " + DisplayWidth.pad(heads[0], to: dayWidth) + DisplayWidth.pad(heads[1], to: 15) + DisplayWidth.pad(heads[2], to: nameWidth + 2)
            + DisplayWidth.pad(heads[3], to: 17) + DisplayWidth.pad(heads[4], to: 6, alignRight: true) + "\n"
        for (i, s) in shifts.enumerated() {
            var shift = DisplayWidth.pad(s.shiftName, to: nameWidth)
            if context.isNight(s) { shift = painter.paint(shift, .blue) }
            let row = DisplayWidth.pad(text.day(s.date), to: dayWidth) + DisplayWidth.pad(text.span(s), to: 15) + shift + "  "
                + DisplayWidth.pad(text.breakSpan(s) ?? "—", to: 17) + DisplayWidth.pad(m.hours(s.paidMinutes), to: 6, alignRight: true)
            out += (highlightFirst && i == 0 ? painter.paint("▸ ", .green) : "  ") + row + "\n"
        }
        return out
    }

    // MARK: - One day

    /// Who works when on a date: one row per agent whose shift touches the local day (a night shift of
    /// the day before included), a bar over the day's real hours (`█` on the line, `░` on break),
    /// handover times marked under the axis.
    public func day(_ date: LocalDate) -> String {
        let clock = context.clock
        let dayStart = clock.startOfDay(date), dayEnd = clock.startOfDay(date.adding(days: 1))
        let step = 1800.0
        let cells = Int((dayEnd.timeIntervalSince(dayStart) / step).rounded(.up))
        let shifts = context.roster.shifts.filter { $0.start < dayEnd && $0.end > dayStart }
            .sorted { ($0.start, $0.agentID) < ($1.start, $1.agentID) }
        let names = Dictionary(context.agents.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let label = { (s: RosterShift) in "\(names[s.agentID] ?? s.agentName) \(s.agentID)" }
        let nameWidth = min(24, max(10, shifts.map { DisplayWidth.width(label($0)) }.max() ?? 10))
        let timeWidth = 17
        var out = header(m.agentsOnShift(text.day(date), Set(shifts.map(\.agentID)).count))
        if cells != 48 { out += painter.paint(m.dstDay(cells / 2), .yellow) + "\n" }
        out += "\n"
        // Axis: a label every three hours, at the cell where that local hour begins.
        var axis = [Character](repeating: " ", count: cells + 2)
        var ticks = [Character](repeating: " ", count: cells)
        for c in 0..<cells {
            let t = clock.localDateTime(of: dayStart.addingTimeInterval(Double(c) * step)).time
            if t.minute == 0 {
                ticks[c] = t.hour % 3 == 0 ? "|" : "·"
                if t.hour % 3 == 0 {
                    let h = String(format: "%02d", t.hour)
                    axis[c] = h.first!; axis[c + 1] = h.last!
                }
            } else {
                ticks[c] = " "
            }
        }
        let indent = String(repeating: " ", count: nameWidth + timeWidth + 2)
        out += indent + String(String(axis).reversed().drop(while: { $0 == " " }).reversed()) + "\n"
        out += indent + String(ticks) + "\n"
        for s in shifts {
            var bar = ""
            for c in 0..<cells {
                let a = dayStart.addingTimeInterval(Double(c) * step), b = min(dayEnd, a.addingTimeInterval(step))
                let onLine = s.secondsOnLine(from: a, to: b)
                let worked = max(0, min(s.end, b).timeIntervalSince(max(s.start, a)))
                if onLine * 2 >= b.timeIntervalSince(a) { bar += painter.paint("█", context.isNight(s) ? .blue : .green) }
                else if worked * 2 >= b.timeIntervalSince(a) { bar += painter.paint("░", .yellow) }
                else { bar += painter.paint("·", .dim) }
            }
            let name = DisplayWidth.pad(label(s), to: nameWidth)
            out += name + "  " + DisplayWidth.pad(text.hhmm(s.start, from: date) + "–" + text.hhmm(s.end, from: date), to: timeWidth) + bar + "\n"
        }
        if shifts.isEmpty { out += m.nobodyRostered + "\n" }
        // Handovers.
        var marks = [Character](repeating: " ", count: cells)
        var notes: [String] = []
        for h in context.scenario.handovers {
            let t = clock.instant(LocalDateTime(date: date, time: h.time))
            let c = Int((t.timeIntervalSince(dayStart) / step).rounded(.down))
            guard (0..<cells).contains(c) else { continue }
            marks[c] = "^"
            let before = t.addingTimeInterval(-Double(h.overlapMinutes) * 60), after = t.addingTimeInterval(Double(h.overlapMinutes) * 60)
            let n = shifts.filter { $0.start <= before && $0.end >= after }.count
            notes.append(m.handoverOverlap(h.time.description, h.name, n, h.minAgents))
        }
        if !notes.isEmpty {
            out += indent + String(marks) + "\n"
            for n in notes { out += indent + n + "\n" }
        }
        out += "\n" + m.dayLegend(night: context.scenario.templates.contains(where: \.isNight)) + "\n"
        return out
    }

    // MARK: - Now

    /// Who is on the line at an instant, who is on break, and who comes next.
    public func now(_ t: Date) -> String {
        let names = Dictionary(context.agents.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let current = context.roster.shifts.filter { $0.start <= t && $0.end > t }
        let onLine = current.filter { $0.isOnLine(at: t) }.sorted { ($0.end, $0.agentID) < ($1.end, $1.agentID) }
        let onBreak = current.filter { !$0.isOnLine(at: t) }.sorted { ($0.breakEnd ?? $0.end, $0.agentID) < ($1.breakEnd ?? $1.end, $1.agentID) }
        let local = context.clock.localDateTime(of: t)
        var out = header(m.nowTitle("\(text.day(local.date)) \(local.time)", onLine.count, onBreak.count))
        let nameWidth = min(24, max(12, (current.map { DisplayWidth.width(names[$0.agentID] ?? $0.agentName) + 1 + $0.agentID.count }.max() ?? 12)))
        func who(_ s: RosterShift) -> String { DisplayWidth.pad("\(names[s.agentID] ?? s.agentName) \(s.agentID)", to: nameWidth) }
        // The requirement of this interval, when the instant is inside the horizon.
        if let i = context.scenario.grid.intervalIndex(containing: t) {
            let required = OutputRequirement.required(for: context.scenario)[i]
            let line = m.requiredNow(required, onLine.count)
            out += (onLine.count < required ? painter.paint(line + m.shortBy(required - onLine.count), .red, .bold) : line) + "\n"
        }
        out += "\n" + painter.paint(m.onTheLine, .bold, .green) + "\n"
        if onLine.isEmpty { out += "  \(m.nobody)\n" }
        for s in onLine {
            out += "  " + who(s) + "  \(s.shiftName) \(text.span(s))" + m.until(text.hhmm(s.end))
                + (s.breakStart.map { $0 > t ? m.breakAt(text.hhmm($0)) : "" } ?? "") + "\n"
        }
        out += "\n" + painter.paint(m.onBreak, .bold, .yellow) + "\n"
        if onBreak.isEmpty { out += "  \(m.nobody)\n" }
        for s in onBreak { out += "  " + who(s) + "  " + m.backAt(s.breakEnd.map(text.hhmm) ?? "?") + "\n" }
        // Next: the shifts of the next three start times.
        let later = context.roster.shifts.filter { $0.start > t }
        let starts = Array(Set(later.map(\.start))).sorted().prefix(3)
        out += "\n" + painter.paint(m.comingNext, .bold, .cyan) + "\n"
        if starts.isEmpty { out += "  \(m.rosterEnds)\n" }
        for start in starts {
            let group = later.filter { $0.start == start }.sorted { $0.agentID < $1.agentID }
            out += "  " + m.startGroup(text.hhmm(start), m.duration(start.timeIntervalSince(t)))
                + group.map { "\(names[$0.agentID] ?? $0.agentName) \($0.agentID) (\($0.shiftName))" }.joined(separator: ", ") + "\n"
        }
        return out
    }

    // MARK: - Team grid

    /// Agents × days with shift codes; nights and days off stand out; weeks separated by `│`.
    /// `days` limits the columns (default: the whole horizon).
    /// The team grid; with `width`, a grid wider than that is cut into pages of whole Monday–Sunday weeks
    /// (or of as many days as fit, when not even a week does), each with its own header.
    public func grid(from first: LocalDate? = nil, days: Int? = nil, width: Int? = nil) -> String {
        let team = context.scenario.team
        let start = first ?? team.startDate
        let count = days ?? team.days
        if let width {
            let nameWidth = min(20, max(8, context.agents.map { DisplayWidth.width($0.name) + 1 + DisplayWidth.width($0.id) }.max() ?? 8))
            let perDay = max(2, context.scenario.templates.map { DisplayWidth.width($0.code) }.max() ?? 1) + 1
            let eve = start == team.startDate && context.roster.shifts.contains { $0.date == team.startDate.adding(days: -1) } ? perDay : 0
            let fit = max(1, (width - nameWidth - 1 - eve) / perDay)
            if count > fit {
                var pages: [String] = []
                var d = 0
                while d < count {
                    var n = 0
                    // Whole weeks while they fit; the first page's partial week counts as one.
                    while d + n < count {
                        let date = start.adding(days: d + n)
                        let toSunday = 8 - date.isoWeekday
                        let next = min(toSunday, count - d - n)
                        if n + next > fit { break }
                        n += next
                    }
                    if n == 0 { n = min(fit, count - d) }
                    pages.append(gridPage(from: start.adding(days: d), days: n, wrap: width))
                    d += n
                }
                return pages.joined(separator: "\n")
            }
        }
        return gridPage(from: start, days: count, wrap: width)
    }

    func gridPage(from start: LocalDate, days count: Int, wrap: Int?) -> String {
        let team = context.scenario.team
        // Night shifts of the eve (they cover the first hours of day 1) get a column of their own, before `┊`.
        let eve = team.startDate.adding(days: -1)
        let showEve = start == team.startDate && context.roster.shifts.contains { $0.date == eve }
        let dates = (showEve ? [eve] : []) + (0..<count).map { start.adding(days: $0) }
        let nameWidth = min(20, max(8, context.agents.map { DisplayWidth.width($0.name) + 1 + DisplayWidth.width($0.id) }.max() ?? 8))
        let codeWidth = max(2, context.scenario.templates.map { DisplayWidth.width($0.code) }.max() ?? 1)
        var out = header(m.gridTitle(context.agents.count, start, dates.last!))
        out += "\n"
        func sep(_ d: LocalDate) -> String {
            if showEve && d == team.startDate { return "┊" }
            return d.isoWeekday == 1 && d != dates.first! ? "│" : " "
        }
        // Header rows: weekday initial and day of month.
        var h1 = DisplayWidth.pad("", to: nameWidth + 1), h2 = DisplayWidth.pad(m.agentColumn, to: nameWidth + 1)
        for d in dates {
            let wd = m.weekdayShort(d)
            let cell = DisplayWidth.pad(wd, to: codeWidth)
            h1 += sep(d) + (d.isWeekend ? painter.paint(cell, .bold) : cell)
            h2 += sep(d) + DisplayWidth.pad(String(format: "%02d", d.day), to: codeWidth)
        }
        out += h1 + "\n" + h2 + "\n"
        var perDay = [Int](repeating: 0, count: dates.count)
        var marksAbsence = false
        for a in context.agents {
            let byDate = Dictionary(context.shifts(of: a.id).map { ($0.date, $0) }, uniquingKeysWith: { x, _ in x })
            var row = DisplayWidth.pad(DisplayWidth.label(name: a.name, id: a.id, to: nameWidth), to: nameWidth) + " "
            for (i, d) in dates.enumerated() {
                let cell: String
                if let s = byDate[d] {
                    perDay[i] += 1
                    let code = DisplayWidth.pad(context.code(of: s), to: codeWidth)
                    cell = context.isNight(s) ? painter.paint(code, .reverse, .blue) : painter.paint(code, .green)
                } else if let away = context.absence(of: a.id, on: d) {
                    // Leave and whole days of unavailability are not ordinary days off.
                    cell = painter.paint(DisplayWidth.pad(away == .leave ? "L" : "U", to: codeWidth), .yellow)
                    marksAbsence = true
                } else {
                    cell = painter.paint(DisplayWidth.pad("·", to: codeWidth), .dim)
                }
                row += sep(d) + cell
            }
            out += row + "\n"
        }
        var total = DisplayWidth.pad(m.onShiftRow, to: nameWidth) + " "
        for (i, d) in dates.enumerated() { total += sep(d) + DisplayWidth.pad(String(perDay[i]), to: codeWidth, alignRight: true) }
        out += total + "\n\n"
        let items = context.scenario.templates.map { "\($0.code) \($0.name)\($0.isNight ? m.nightSuffix : "")" } + ["· " + m.dayOff]
            + (marksAbsence ? m.leaveLegend : []) + (showEve ? [m.eveLegend] : [])
        // The legend wraps to the width the grid fits in.
        var line = ""
        for item in items {
            if let wrap, !line.isEmpty, DisplayWidth.width(line) + 2 + DisplayWidth.width(item) > wrap {
                out += line + "\n"
                line = ""
            }
            line += (line.isEmpty ? "" : "  ") + item
        }
        out += line + "\n"
        return out
    }
}

/// The requirement the coverage views compare against: the staffing of the scenario (Erlang with
/// shrinkage), or the requirement file — the same as `roster solve` covers.
enum OutputRequirement {
    static func required(for scenario: Scenario) -> [Int] {
        switch scenario.demand {
        case .forecast: return Staffing.requirement(for: scenario).agentsToSchedule
        case .requirement(let r): return r
        }
    }
}
