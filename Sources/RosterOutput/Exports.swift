import Foundation
import RosterCore

/// `roster export csv`: the rows of roster.csv, optionally with a UTF-8 byte-order mark so that
/// spreadsheet programs (Excel) read Chinese names correctly, and with text that a spreadsheet would run
/// as a formula defused (roster.csv itself keeps every id exactly).
public enum CSVExport {
    public static func render(_ context: RosterContext, byteOrderMark: Bool) -> String {
        RosterCSV.render(context.roster, clock: context.clock, byteOrderMark: byteOrderMark, forSpreadsheet: true)
    }

    /// `export csv --excel`: one row per shift with the local date and time in separate columns that
    /// Excel reads as dates and times (ISO-8601 with an offset stays text there), UTF-8 with a byte-order
    /// mark, and what payroll needs: paid hours, break minutes, night hours (the `night` window), weekend
    /// and public-holiday hours (split at local midnights, in real time), and whether it is a night shift.
    public static let excelHeader = ["agent_id", "agent_name", "date", "weekday", "start", "end_date", "end", "shift", "code",
                                     "paid_hours", "break_start", "break_minutes", "night_hours", "weekend_hours",
                                     "holiday_hours", "holiday", "night_shift"]

    public static func excel(_ context: RosterContext, night: HoursReport.NightWindow) -> String {
        let clock = context.clock
        let holidays = Set(context.scenario.team.holidays)
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        var out = "\u{FEFF}" + excelHeader.joined(separator: ",") + "\r\n"
        func num(_ x: Double) -> String { String(format: "%.2f", x) }
        for s in context.roster.shifts.sorted(by: { ($0.start, $0.agentID) < ($1.start, $1.agentID) }) {
            let start = clock.localDateTime(of: s.start), end = clock.localDateTime(of: s.end)
            var paid = 0.0, nightHours = 0.0, weekend = 0.0, holiday = 0.0
            for piece in HoursReport.paidPieces(s, clock: clock) {
                let hours = piece.end.timeIntervalSince(piece.start) / 3600
                let date = clock.localDateTime(of: piece.start).date
                paid += hours
                if date.isWeekend { weekend += hours }
                if holidays.contains(date) { holiday += hours }
                nightHours += HoursReport.overlap(piece.start, piece.end, night: night, clock: clock) / 3600
            }
            var breakMinutes = 0.0
            if let a = s.breakStart, let b = s.breakEnd { breakMinutes = b.timeIntervalSince(a) / 60 }
            let fields = [s.agentID, s.agentName, start.date.description, days[start.date.isoWeekday - 1], start.time.description,
                          end.date.description, end.time.description, s.shiftName, context.code(of: s), num(paid),
                          s.breakStart.map { clock.localDateTime(of: $0).time.description } ?? "", String(Int(breakMinutes.rounded())),
                          num(nightHours), num(weekend), num(holiday), holiday > 0 ? "yes" : "no", context.isNight(s) ? "yes" : "no"]
            out += fields.map { RosterCSV.escape($0, forSpreadsheet: true) }.joined(separator: ",") + "\r\n"
        }
        return out
    }
}

/// `roster export text`: a printable roster for the notice board — one block per Monday–Sunday week,
/// agents × days with start–end times, at most `width` columns (120 fits A4 landscape at 10 pt).
public struct NoticeBoard: Sendable {
    let context: RosterContext
    let width: Int

    public init(context: RosterContext, width: Int = 120) {
        self.context = context
        self.width = width
    }

    public func render() -> String {
        let team = context.scenario.team
        let text = context.timeText
        let m = context.m
        let first = team.startDate, last = team.startDate.adding(days: team.days - 1)
        // Weeks start on Monday; the first may be partial.
        var weekStarts: [LocalDate] = []
        var d = first.adding(days: -(first.isoWeekday - 1))
        while d <= last { weekStarts.append(d); d = d.adding(days: 7) }
        let cellWidth = 15   // "23:30-08:30+1*" and a space
        let nameWidth = max(10, min(width - 7 * cellWidth - 1, context.agents.map { DisplayWidth.width("\($0.name) \($0.id)") }.max() ?? 10))
        let ruleLine = String(repeating: "─", count: min(width, nameWidth + 7 * cellWidth))
        var out = ""
        for (w, monday) in weekStarts.enumerated() {
            if w > 0 { out += "\u{0C}\n" }  // form feed: a new page per week when printed
            out += DisplayWidth.truncate(m.boardTitle(team.name, monday, context.clock.identifier), to: width) + "\n"
            out += ruleLine + "\n"
            var header = DisplayWidth.pad(m.agentColumn, to: nameWidth)
            var dates: [LocalDate] = []
            for k in 0..<7 {
                let day = monday.adding(days: k)
                dates.append(day)
                header += " " + DisplayWidth.pad("\(m.weekday(day)) \(String(format: "%02d-%02d", day.month, day.day))", to: cellWidth - 1)
            }
            out += header + "\n" + ruleLine + "\n"
            var working: [LocalDate: Int] = [:]
            for a in context.agents {
                let byDate = Dictionary(grouping: context.shifts(of: a.id), by: \.date)
                var row = DisplayWidth.pad(DisplayWidth.label(name: a.name, id: a.id, to: nameWidth), to: nameWidth)
                for day in dates {
                    let inHorizon = day >= first && day <= last
                    let cell: String
                    if let s = byDate[day]?.first {
                        let mark = context.isNight(s) ? "*" : ""
                        // A shift that ends on a later date says so (+1), like every other view.
                        let days = context.clock.localDateTime(of: s.end).date.dayNumber - s.date.dayNumber
                        let endMark = days > 0 && !(days == 1 && context.clock.localDateTime(of: s.end).time.minutes == 0) ? "+\(days)" : ""
                        cell = text.hhmm(s.start) + "-" + text.hhmm(s.end) + endMark + mark
                        working[day, default: 0] += 1
                    } else if inHorizon, let away = context.absence(of: a.id, on: day) {
                        cell = away == .leave ? m.leave : m.unavailable
                    } else {
                        cell = inHorizon ? m.off : ""
                    }
                    row += " " + DisplayWidth.pad(cell, to: cellWidth - 1)
                }
                out += String(row.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
            }
            out += ruleLine + "\n"
            // The head-count of each day (shifts starting that day).
            var count = DisplayWidth.pad(m.onShiftRow, to: nameWidth)
            for day in dates { count += " " + DisplayWidth.pad(day >= first && day <= last ? "\(working[day, default: 0])" : "", to: cellWidth - 1) }
            out += String(count.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
            // Night shifts of the eve before the horizon, which run into its first day: listed under the first week.
            let eve = first.adding(days: -1)
            let eveShifts = context.roster.shifts.filter { $0.date == eve }.sorted { ($0.start, $0.agentID) < ($1.start, $1.agentID) }
            if w == 0, !eveShifts.isEmpty, !dates.contains(eve) {
                let names = Dictionary(context.agents.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
                let list = eveShifts.map { "\(names[$0.agentID] ?? $0.agentName) \($0.agentID) \(text.hhmm($0.start))-\(text.hhmm($0.end))" }
                // Wrapped to the page's width.
                var line = m.beforeFirstDay("\(m.weekday(eve)) \(String(format: "%02d-%02d", eve.month, eve.day))")
                for (i, item) in list.enumerated() {
                    let piece = " " + item + (i < list.count - 1 ? "," : "")
                    if DisplayWidth.width(line + piece) > width { out += line + "\n"; line = "  " + item + (i < list.count - 1 ? "," : "") }
                    else { line += piece }
                }
                out += line + "\n"
            }
            out += m.boardFooter(night: !context.scenario.templates.filter(\.isNight).isEmpty) + "\n"
        }
        return out
    }
}
