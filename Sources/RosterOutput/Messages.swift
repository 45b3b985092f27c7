import Foundation
import RosterCore

/// The message catalog: every string the views, the notice board, the hours report, the coverage charts
/// and the calendars show people, in English and Simplified Chinese (`Language`). Numbers, dates
/// (ISO `2027-03-15`), times and codes stay as they are in both; Chinese text keeps the terminal's
/// alignment through `DisplayWidth` (a Han character is two columns).
///
/// Written by hand, not with a localisation package: the strings are few, the views build them with
/// arguments, and Foundation's String Catalogs need Apple's tooling to compile (Docs/guide.md, "Languages").
public struct Messages: Sendable {
    public let language: Language
    public init(_ language: Language) { self.language = language }

    var zh: Bool { language == .simplifiedChinese }
    /// The text in the chosen language.
    func t(_ en: String, _ zh: String) -> String { self.zh ? zh : en }

    // MARK: Time

    static let weekdaysEN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let weekdaysZH = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    func weekday(_ d: LocalDate) -> String { (zh ? Self.weekdaysZH : Self.weekdaysEN)[d.isoWeekday - 1] }
    /// Two columns for the grid's header: `Mo`, `一`.
    func weekdayShort(_ d: LocalDate) -> String { zh ? ["一", "二", "三", "四", "五", "六", "日"][d.isoWeekday - 1] : String(Self.weekdaysEN[d.isoWeekday - 1].prefix(2)) }

    /// `2 h 10 min`, `3 d 4 h` / `2小时10分`, `3天4小时`.
    func duration(_ seconds: Double) -> String {
        let m = Int((abs(seconds) / 60).rounded())
        if zh {
            if m < 60 { return "\(m)分钟" }
            if m < 24 * 60 { return m % 60 == 0 ? "\(m / 60)小时" : "\(m / 60)小时\(m % 60)分" }
            let h = m / 60
            return h % 24 == 0 ? "\(h / 24)天" : "\(h / 24)天\(h % 24)小时"
        }
        if m < 60 { return "\(m) min" }
        if m < 24 * 60 { return m % 60 == 0 ? "\(m / 60) h" : "\(m / 60) h \(m % 60) min" }
        let h = m / 60
        return h % 24 == 0 ? "\(h / 24) d" : "\(h / 24) d \(h % 24) h"
    }

    /// `8 h`, `7.5 h` / `8小时`, `7.5小时`.
    func hours(_ minutes: Double) -> String {
        let h = minutes / 60
        let n = h == h.rounded() ? String(format: "%.0f", h) : String(format: "%.1f", h)
        return zh ? n + "小时" : n + " h"
    }

    // MARK: Shared

    func timesIn(_ team: String, _ zone: String) -> String { t("\(team) · times in \(zone)", "\(team) · 时间为 \(zone) 当地时间") }
    var agentColumn: String { t("agent", "坐席") }
    var onShiftRow: String { t("on shift", "在班人数") }
    var dayOff: String { t("day off", "休息") }
    var leave: String { t("leave", "休假") }
    var unavailable: String { t("unavailable", "不可排班") }
    var nightSuffix: String { t(" (night)", "（夜班）") }

    // MARK: Agent view

    func asOf(_ day: String, _ time: String) -> String { t("as of \(day) \(time)", "截至 \(day) \(time)") }
    func onBreakNow(backAt: String) -> String { t("on break now, back at \(backAt)", "正在休息，\(backAt) 回到线上") }
    func onShiftNow(until: String) -> String { t("on shift now, until \(until)", "正在上班，到 \(until)") }
    func startsIn(_ d: String) -> String { t("starts in \(d)", "\(d)后开始") }
    var next: String { t("Next: ", "下一班：") }
    func withBreak(_ span: String) -> String { t(", break \(span)", "，休息 \(span)") }
    var noShiftAfter: String { t("No shift after this time in the roster.", "排班表中此后没有班次。") }
    var leaveLabel: String { t("Leave: ", "休假：") }
    func upcoming(_ n: Int, _ paid: String) -> String { t("Upcoming (\(n) shifts, \(paid) paid)", "即将上班（\(n) 个班次，计薪 \(paid)）") }
    func past(_ n: Int, _ paid: String) -> String { t("Past (\(n) shifts, \(paid) paid)", "已上班次（\(n) 个班次，计薪 \(paid)）") }
    func pastNotShown(_ n: Int) -> String { t("\(n) past shift(s) not shown (--all lists them).", "另有 \(n) 个已过去的班次未显示（加 --all 列出）。") }
    var tableHeads: [String] { zh ? ["日期", "时间", "班次", "休息", "计薪"] : ["date", "time", "shift", "break", "paid"] }

    // MARK: Day view

    func agentsOnShift(_ day: String, _ n: Int) -> String { t("\(day): \(n) agents on shift", "\(day)：\(n) 名坐席上班") }
    func dstDay(_ hours: Int) -> String { t("This day has \(hours) hours (daylight-saving change).", "这一天有 \(hours) 小时（夏令时切换）。") }
    var nobodyRostered: String { t("(nobody is rostered on this day)", "（这一天没有人排班）") }
    func handoverOverlap(_ time: String, _ name: String, _ n: Int, _ min: Int) -> String {
        t("^ \(time) \(name): \(n) agent(s) overlap (at least \(min))", "^ \(time) \(name)：\(n) 名坐席跨交接（至少 \(min) 名）")
    }
    func dayLegend(night: Bool) -> String {
        t("█ on the line  ░ break  · off" + (night ? "  (blue: night shift)" : ""), "█ 在线  ░ 休息  · 不在班" + (night ? "  （蓝色：夜班）" : ""))
    }

    // MARK: Now

    func nowTitle(_ when: String, _ on: Int, _ onBreak: Int) -> String { t("\(when): \(on) on the line, \(onBreak) on break", "\(when)：\(on) 人在线，\(onBreak) 人休息") }
    func requiredNow(_ r: Int, _ on: Int) -> String { t("required now: \(r), on the line: \(on)", "当前需要：\(r)，在线：\(on)") }
    func shortBy(_ n: Int) -> String { t(" — short by \(n)", " — 缺 \(n) 人") }
    var onTheLine: String { t("On the line", "在线") }
    var onBreak: String { t("On break", "休息中") }
    var nobody: String { t("nobody", "无") }
    func until(_ time: String) -> String { t(", until \(time)", "，到 \(time)") }
    func breakAt(_ time: String) -> String { t(", break at \(time)", "，\(time) 休息") }
    func backAt(_ time: String) -> String { t("back at \(time)", "\(time) 回到线上") }
    var comingNext: String { t("Coming next", "接下来上班") }
    var rosterEnds: String { t("nobody (the roster ends)", "无（排班表结束）") }
    /// `14:00 (in 2 h): ` / `14:00（2小时后）：`
    func startGroup(_ time: String, _ d: String) -> String { t("\(time) (in \(d)): ", "\(time)（\(d)后）：") }

    // MARK: Grid

    func gridTitle(_ n: Int, _ from: LocalDate, _ to: LocalDate) -> String { t("Team roster: \(n) agents, \(from) to \(to)", "团队排班：\(n) 名坐席，\(from) 至 \(to)") }
    var eveLegend: String { t("┊ before it: the eve's night shifts", "┊ 之前：前一晚的夜班") }
    var leaveLegend: [String] { zh ? ["L 休假", "U 不可排班"] : ["L leave", "U unavailable"] }

    // MARK: Notice board

    func boardTitle(_ team: String, _ monday: LocalDate, _ zone: String) -> String {
        t("\(team) — roster, week of \(monday) (times in \(zone))", "\(team) — 排班表，\(monday) 当周（时间为 \(zone) 当地时间）")
    }
    var off: String { t("off", "休") }
    func beforeFirstDay(_ day: String) -> String { t("Before the first day, \(day):", "第一天之前，\(day)：") }
    func boardFooter(night: Bool) -> String {
        t((night ? "* night shift. " : "") + "+1: ends the next day. Each break is planned: 'roster show --agent NAME' and the calendars give its time.",
          (night ? "* 夜班。" : "") + "+1：次日结束。每次休息都已排定：'roster show --agent 姓名' 和日历里有休息时间。")
    }

    // MARK: Hours report

    func hoursTitle(_ period: String, _ team: String, _ zone: String, _ night: String) -> String {
        let p = zh ? ["week": "周", "month": "月", "horizon": "整个排班期"][period] ?? period : period
        return t("Paid hours by \(period) — \(team), times in \(zone); night \(night)", "按\(p)统计的计薪工时 — \(team)，时间为 \(zone)；夜间 \(night)")
    }
    var hoursPeriod: String { t("period", "期间") }
    var hoursColumns: [String] { zh ? ["班次", "计薪", "夜间", "周末", "节假日", "夜班", "周末班"] : ["shifts", "paid", "night", "wkend", "holiday", "nights", "wk.sh"] }
    var contractColumns: [String] { zh ? ["下限", "上限", "加班"] : ["min", "max", "over"] }
    func hoursTotal(_ shifts: Int, _ paid: String, _ night: String, _ weekend: String, _ holiday: String, overtime: String?) -> String {
        if zh {
            return "合计：\(shifts) 个班次，计薪 \(paid) 小时（夜间 \(night)，周末 \(weekend)，法定节假日 \(holiday)" + (overtime.map { "；加班 \($0)" } ?? "") + "）"
        }
        return "total: \(shifts) shifts, \(paid) paid hours (night \(night), weekend \(weekend), public holidays \(holiday)" + (overtime.map { "; overtime \($0)" } ?? "") + ")"
    }
    func fairnessSpread(_ nights: Int, _ weekend: Int) -> String {
        t("fairness spread over the horizon: nights \(nights), weekend shifts \(weekend)", "整个排班期的公平差距：夜班 \(nights)，周末班 \(weekend)")
    }

    // MARK: Coverage

    func coverageTitle(_ minutes: Int) -> String { t("Coverage: scheduled − required per \(minutes)-minute interval", "覆盖：每 \(minutes) 分钟时段的在班人数 − 需要人数") }
    var shortfallColumn: String { t("shortfall", "缺口") }
    func agentHours(_ h: Double) -> String { zh ? String(format: "%5.1f 人时", h) : String(format: "%5.1f agent-h", h) }
    func dstHours(_ h: Int) -> String { t("(DST: \(h) h day)", "（夏令时：当天 \(h) 小时）") }
    var coverageLegend: String { t("▼ short by 3+  ▽ short by 1–2  · exact  + 1–2 over  ▲ 3+ over   ^ handover", "▼ 缺 3 人以上  ▽ 缺 1–2 人  · 刚好  + 多 1–2 人  ▲ 多 3 人以上   ^ 交接") }
    func coverageTotal(_ short: Double, _ intervals: Int, _ surplus: Double) -> String {
        zh ? String(format: "合计：缺口 %.1f 人时，共 %d 个时段；富余 %.1f 人时。", short, intervals, surplus)
            : String(format: "Total: shortfall %.1f agent-hours in %d intervals; surplus %.1f agent-hours.", short, intervals, surplus)
    }
    func coverageOn(_ day: String) -> String { t("Coverage on \(day)", "\(day) 的覆盖") }
    func coverageDayHead(_ scale: String) -> String { t("time   req  sched  diff  █ scheduled, │ required", "时间   需要   在班    差  █ 在班，│ 需要") + scale }
    func agentPerColumns(_ n: Int) -> String { t(" (1 agent = \(n) columns)", "（1 人 = \(n) 列）") }
    func columnPerAgents(_ x: Double) -> String { zh ? String(format: "（1 列 = %.2g 人）", x) : String(format: " (1 column = %.2g agents)", x) }
    func short(_ n: Int) -> String { t("  short \(n)", "  缺 \(n)") }
    func dayShortfall(_ h: Double, _ n: Int) -> String {
        zh ? String(format: "当天缺口：%.1f 人时，共 %d 个时段。", h, n) : String(format: "Shortfall on this day: %.1f agent-hours in %d intervals.", h, n)
    }
    // SVG
    func svgTitle(_ team: String) -> String { t("Coverage — \(team)", "覆盖 — \(team)") }
    func svgHeading(_ team: String) -> String { t("Coverage: \(team)", "覆盖：\(team)") }
    func svgSubtitle(_ minutes: Int, _ zone: String, _ short: Double, _ n: Int) -> String {
        zh ? String(format: "每 %d 分钟时段的在班 − 需要人数，时间为 %@ 当地时间。缺口 %.1f 人时，共 %d 个时段。", minutes, zone, short, n)
            : String(format: "Scheduled − required agents per %d-minute interval, times in %@. Shortfall %.1f agent-hours in %d intervals.", minutes, zone, short, n)
    }
    func svgCell(_ when: String, _ r: Int, _ s: Int, _ d: Int) -> String {
        t("\(when): required \(r), scheduled \(s) (\(d >= 0 ? "+" : "")\(d))", "\(when)：需要 \(r)，在班 \(s)（\(d >= 0 ? "+" : "")\(d)）")
    }
    var svgShort: String { t("short", "缺") }
    var svgOver: String { t("over", "多") }
    var svgHandover: String { t("handover", "交接") }
    func svgDST(_ h: Int) -> String { t("DST: \(h) h day", "夏令时：\(h) 小时") }
    /// Beside a day's row: who is away that day.
    func svgAway(leave: Int, unavailable: Int) -> String {
        var parts: [String] = []
        if leave > 0 { parts.append(t("\(leave) on leave", "休假 \(leave) 人")) }
        if unavailable > 0 { parts.append(t("\(unavailable) unavailable", "不可排班 \(unavailable) 人")) }
        return parts.joined(separator: t(", ", "，"))
    }
    func svgAwayNames(_ leave: [String], _ unavailable: [String]) -> String {
        var lines: [String] = []
        if !leave.isEmpty { lines.append(t("on leave: ", "休假：") + leave.joined(separator: ", ")) }
        if !unavailable.isEmpty { lines.append(t("unavailable all day: ", "全天不可排班：") + unavailable.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
    var svgEachDay: String { t("Each day: required (grey) and scheduled (blue); red where short", "每天：需要（灰）与在班（蓝）；红色为缺口") }
    func svgScale(_ max: Int) -> String { t("Vertical scale 0–\(max) agents in every small chart.", "每个小图的纵轴为 0–\(max) 人。") }

    // MARK: Calendar

    func eventSummary(shift: String, code: String, team: String, agent: String?) -> String {
        // (In Chinese the template's own name stands alone: "白班（D）", not "白班班".)
        if let agent { return t("\(agent): \(shift) shift (\(code))", "\(agent)：\(shift)（\(code)）") }
        return t("\(shift) shift (\(code)) – \(team)", "\(shift)（\(code)） – \(team)")
    }
    func leaveSummary(agent: String?, team: String) -> String {
        if let agent { return t("\(agent): leave", "\(agent)：休假") }
        return t("Leave – \(team)", "休假 – \(team)")
    }
    func leaveDescription(agent: String, id: String, from: String, to: String) -> String {
        t("Leave: \(agent) (\(id))\nFrom \(from) to \(to), whole days", "休假：\(agent)（\(id)）\n\(from) 至 \(to)，全天")
    }
    var cancelledPrefix: String { t("Cancelled: ", "已取消：") }
    func eventDescription(shift: String, code: String, agent: String, id: String, team: String, time: String, zone: String, breakSpan: String?, paid: String) -> String {
        if zh {
            return "班次：\(shift)（\(code)）\n坐席：\(agent)（\(id)）\n团队：\(team)\n时间：\(time)（\(zone)）\n休息：\(breakSpan ?? "无")\n计薪：\(paid)"
        }
        return "Shift: \(shift) (\(code))\nAgent: \(agent) (\(id))\nTeam: \(team)\nTime: \(time) (\(zone))\nBreak: \(breakSpan ?? "none")\nPaid: \(paid)"
    }
    func calendarName(agent: String, id: String, team: String) -> String { t("\(agent) (\(id)) – \(team)", "\(agent)（\(id)） – \(team)") }
    func teamCalendarName(_ team: String) -> String { t("\(team) – team roster", "\(team) – 团队排班") }
}
