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
        let grid = scenario.grid
        let clock = scenario.team.clock
        let holidays = Set(scenario.team.holidays)
        var options: [ShiftOption] = []
        var bySlot: [[Int]] = Array(repeating: [], count: grid.days + 1)
        let intervalSeconds = Double(grid.intervalMinutes * 60)
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
                        var b0: Date? = nil, b1: Date? = nil
                        if let rule = template.breakRule, rule.lengthMinutes > 0 {
                            // The break sits in the middle of its window, on the grid of intervals.
                            let mid = Double(rule.earliestOffsetMinutes + rule.latestOffsetMinutes) / 2
                            let step = Double(grid.intervalMinutes)
                            var offset = (mid / step).rounded() * step
                            offset = min(max(offset, Double(rule.earliestOffsetMinutes)), Double(rule.latestOffsetMinutes))
                            b0 = start.addingTimeInterval(offset * 60)
                            b1 = b0!.addingTimeInterval(Double(rule.lengthMinutes) * 60)
                        }
                        var covered: [Int] = []
                        if let first = grid.intervalIndex(containing: max(start, grid.horizonStart)) ?? (start < grid.horizonStart ? 0 : nil) {
                            var i = first
                            while i < grid.intervals.count, grid.intervals[i].start < end {
                                let iv = grid.intervals[i]
                                var on = max(0, min(iv.end, end).timeIntervalSince(max(iv.start, start)))
                                if let b0, let b1 { on -= max(0, min(iv.end, b1).timeIntervalSince(max(iv.start, b0))) }
                                let ivLength = min(intervalSeconds, iv.end.timeIntervalSince(iv.start))
                                if on * 2 >= ivLength - Tolerance.hours { covered.append(i) }
                                i += 1
                            }
                        }
                        // From the eve, only shifts that reach into the horizon.
                        if d < 0 && (end <= grid.horizonStart || covered.isEmpty) { continue }
                        let breakMinutes = b0 != nil ? Double(template.breakRule!.lengthMinutes) : 0
                        let option = ShiftOption(
                            id: options.count, day: d, templateIndex: t, localStart: startTime, lengthMinutes: length,
                            start: start, end: end, breakStart: b0, breakEnd: b1, coveredIntervals: covered,
                            paidHours: (Double(length) - breakMinutes) / 60, isNight: template.isNight,
                            isWeekend: date.isWeekend, isHoliday: holidays.contains(date))
                        bySlot[d + 1].append(option.id)
                        options.append(option)
                    }
                }
            }
        }
        self.options = options
        self.bySlot = bySlot
    }
}
