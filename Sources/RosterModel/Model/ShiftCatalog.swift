import Foundation
import Search
import RosterCore

/// One concrete shift that can be worked on one day: a template, a local start, a length and a
/// break position, resolved to real instants in the team's zone.
public struct ShiftOption: Sendable, Hashable {
    /// Position in ``ShiftCatalog/options``.
    public let id: Int
    /// Day of the horizon the shift starts on: −1 for the eve of the first day, whose night shifts
    /// reach into the horizon and cover its first hours.
    public let day: Int
    /// Position of the day in per-day arrays: `day + 1` (slot 0 is the eve).
    var slot: Int { day + 1 }
    let templateIndex: Int
    let localStart: LocalTime
    let lengthMinutes: Int
    let start: Date
    let end: Date
    let breakStart: Date?
    let breakEnd: Date?
    /// Intervals during which the agent is on the line (at least half of the interval, break excluded).
    let coveredIntervals: [Int]
    let paidHours: Double
    let isNight: Bool
    /// The shift starts on a Saturday or Sunday.
    let isWeekend: Bool
    /// The shift starts on a public holiday.
    let isHoliday: Bool

    /// Whether the agent is on the line at an instant.
    func isOnLine(at t: Date) -> Bool {
        guard t >= start, t < end else { return false }
        if let b0 = breakStart, let b1 = breakEnd, t >= b0, t < b1 { return false }
        return true
    }
}

/// Every shift option of the horizon, day by day.
public struct ShiftCatalog: Sendable {
    public let options: [ShiftOption]
    /// Option ids by slot (slot 0: the eve of the first day; slot d + 1: day d of the horizon).
    let bySlot: [[Int]]
    /// Number of slots: the days of the horizon and its eve.
    var slotCount: Int { bySlot.count }

    init(scenario: Scenario) {
        // First with every break in the middle of its window; then, where that leaves an interval that
        // some shift spans but none covers (every break in the way: a clock change can shorten a day's
        // choice of starts so, e.g. a change at midnight), again with break variants that free it.
        let plain = Self.build(scenario: scenario, variants: [:])
        let grid = scenario.grid
        var covering = [Int](repeating: 0, count: grid.intervals.count)
        for o in plain.options { for i in o.coveredIntervals { covering[i] += 1 } }
        var variants: [Int: [Double]] = [:]
        for (n, o) in plain.options.enumerated() {
            guard let b0 = o.breakStart, let b1 = o.breakEnd, let rule = scenario.templates[o.templateIndex].breakRule else { continue }
            let blocked = Set(plain.blocked[n]).filter { covering[$0] == 0 }
            guard !blocked.isEmpty else { continue }
            var offsets: [Double] = []
            let step = Double(grid.intervalMinutes)
            let length = Double(rule.lengthMinutes)
            for i in blocked.sorted() {
                let iv = grid.intervals[i]
                // The break ends by the interval's start, or starts at its end, on the grid, within the window.
                let before = ((iv.start.timeIntervalSince(o.start) / 60 - length) / step).rounded(.down) * step
                let after = ((iv.end.timeIntervalSince(o.start) / 60) / step).rounded(.up) * step
                for offset in [before, after] where offset >= Double(rule.earliestOffsetMinutes) && offset <= Double(rule.latestOffsetMinutes) {
                    let moved = o.start.addingTimeInterval(offset * 60)
                    if moved != b0 && moved.addingTimeInterval(length * 60) != b1, !offsets.contains(offset) { offsets.append(offset) }
                }
            }
            if !offsets.isEmpty { variants[n] = offsets.sorted() }
        }
        let final = variants.isEmpty ? plain : Self.build(scenario: scenario, variants: variants)
        self.options = final.options
        self.bySlot = final.bySlot
    }

    /// The intervals a shift from `start` to `end` with that break covers (on the line for at least half
    /// of the interval), and those its span holds but its break keeps it off.
    static func coverage(start: Date, end: Date, breakStart b0: Date?, breakEnd b1: Date?, grid: TimeGrid) -> (covered: [Int], off: [Int]) {
        var covered: [Int] = [], off: [Int] = []
        let intervalSeconds = Double(grid.intervalMinutes * 60)
        guard let first = grid.intervalIndex(containing: max(start, grid.horizonStart)) ?? (start < grid.horizonStart ? 0 : nil) else { return ([], []) }
        var i = first
        while i < grid.intervals.count, grid.intervals[i].start < end {
            let iv = grid.intervals[i]
            let span = max(0, min(iv.end, end).timeIntervalSince(max(iv.start, start)))
            var on = span
            if let b0, let b1 { on -= max(0, min(iv.end, b1).timeIntervalSince(max(iv.start, b0))) }
            let ivLength = min(intervalSeconds, iv.end.timeIntervalSince(iv.start))
            if on * 2 >= ivLength - Tolerance.hours { covered.append(i) } else if span * 2 >= ivLength - Tolerance.hours { off.append(i) }
            i += 1
        }
        return (covered, off)
    }

    /// Every option, day by day; `variants` (by position in the plain build, in the same order) are
    /// extra break offsets, in minutes from the start, each an option of its own after the plain one.
    /// Also returns, per option, the intervals its span holds but its break keeps it off.
    private static func build(scenario: Scenario, variants: [Int: [Double]]) -> (options: [ShiftOption], bySlot: [[Int]], blocked: [[Int]]) {
        let grid = scenario.grid
        let clock = scenario.team.clock
        let holidays = Set(scenario.team.holidays)
        var options: [ShiftOption] = []
        var blocked: [[Int]] = []
        var bySlot: [[Int]] = Array(repeating: [], count: grid.days + 1)
        var plainIndex = 0
        for d in -1..<grid.days {
            let date = grid.date(ofDay: d)
            for (t, template) in scenario.templates.enumerated() {
                for startTime in template.startTimes {
                    for length in template.lengthsMinutes {
                        let start = clock.instant(LocalDateTime(date: date, time: startTime))
                        // A wall time skipped by a clock change resolves to a later instant on the same date;
                        // a start whose date moved is not a shift of this day.
                        guard clock.localDateTime(of: start).date == date else { continue }
                        let end = start.addingTimeInterval(Double(length) * 60)
                        var offsets: [Double?] = [nil]
                        if let rule = template.breakRule, rule.lengthMinutes > 0 {
                            // The break sits in the middle of its window, on the grid of intervals.
                            let mid = Double(rule.earliestOffsetMinutes + rule.latestOffsetMinutes) / 2
                            let step = Double(grid.intervalMinutes)
                            var offset = (mid / step).rounded() * step
                            offset = min(max(offset, Double(rule.earliestOffsetMinutes)), Double(rule.latestOffsetMinutes))
                            offsets = [offset]
                        }
                        var kept = false
                        for (v, offset) in (offsets + (variants[plainIndex] ?? []).map { Optional($0) }).enumerated() {
                            var b0: Date? = nil, b1: Date? = nil
                            if let offset, let rule = template.breakRule {
                                b0 = start.addingTimeInterval(offset * 60)
                                b1 = b0!.addingTimeInterval(Double(rule.lengthMinutes) * 60)
                            }
                            let (covered, off) = coverage(start: start, end: end, breakStart: b0, breakEnd: b1, grid: grid)
                            // From the eve, only shifts that reach into the horizon.
                            if d < 0 && (end <= grid.horizonStart || covered.isEmpty) { continue }
                            if v == 0 { kept = true } else if !kept { continue }
                            let breakMinutes = b0 != nil ? Double(template.breakRule!.lengthMinutes) : 0
                            let option = ShiftOption(
                                id: options.count, day: d, templateIndex: t, localStart: startTime, lengthMinutes: length,
                                start: start, end: end, breakStart: b0, breakEnd: b1, coveredIntervals: covered,
                                paidHours: (Double(length) - breakMinutes) / 60, isNight: template.isNight,
                                isWeekend: date.isWeekend, isHoliday: holidays.contains(date))
                            bySlot[d + 1].append(option.id)
                            options.append(option)
                            blocked.append(off)
                        }
                        if kept { plainIndex += 1 }
                    }
                }
            }
        }
        return (options, bySlot, blocked)
    }
}
