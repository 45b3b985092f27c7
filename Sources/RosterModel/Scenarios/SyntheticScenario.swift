import Foundation
import RosterCore
import Solver

/// Generated hotline scenarios of any size, for benchmarks and property tests. The curve and rules
/// follow the bundled Suzhou scenario: morning and afternoon peaks, a low night, bumps at the 08:00 and
/// 20:00 handovers, eight paid hours a shift, 40 hours a week.
public enum SyntheticScenario {
    /// The harder variants of issue 14, each one change from the base scenario.
    public enum Variant: String, Sendable, CaseIterable {
        /// 30-minute intervals in Asia/Shanghai (no DST).
        case base
        /// 15-minute intervals (twice the rows, starts every 15 minutes).
        case quarterHour = "quarter-hour"
        /// Europe/London from Monday 2027-03-22: the spring change (a 23-hour day) inside the horizon.
        case dst
        /// The second week at 2.5 × the calls (more than the team can cover: shortfall is priced).
        case surge
        /// Every third agent part-time: 16–24 hours a week.
        case partTime = "part-time"
    }

    /// A variant's scenario.
    public static func make(agents: Int, days: Int = 28, variant: Variant, seed: UInt64 = 1) -> Scenario {
        switch variant {
        case .base: return make(agents: agents, days: days, seed: seed)
        case .quarterHour: return make(agents: agents, days: days, intervalMinutes: 15, seed: seed)
        case .dst: return make(agents: agents, days: days, seed: seed, zone: "Europe/London", startDate: LocalDate(year: 2027, month: 3, day: 22)!)
        case .surge: return make(agents: agents, days: days, seed: seed, surge: (7..<min(days, 14), 2.5))
        case .partTime: return make(agents: agents, days: days, seed: seed, partTimeEvery: 3)
        }
    }

    public static func make(agents: Int, days: Int = 28, intervalMinutes: Int = 30, seed: UInt64 = 1,
                            zone: String = "Asia/Shanghai", startDate: LocalDate = LocalDate(year: 2027, month: 3, day: 1)!,
                            load: Double = 0.85, surge: (days: Range<Int>, factor: Double)? = nil, partTimeEvery: Int? = nil) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let clock = ZoneClock(identifier: zone) ?? ZoneClock(timeZone: TimeZone(identifier: "UTC")!)
        let team = TeamSettings(name: "Synthetic \(agents)", clock: clock, intervalMinutes: intervalMinutes,
                                startDate: startDate, days: days, goal: ServiceGoal(serviceLevel: 0.8, answerSeconds: 20),
                                maxOccupancy: 0.85, shrinkage: 0.3)
        let t = { (h: Int, m: Int) in LocalTime(minutes: h * 60 + m)! }
        let templates = [
            ShiftTemplate(name: "Day", code: "D", earliestStart: t(7, 0), latestStart: t(10, 0), stepMinutes: 30,
                          lengthsMinutes: [510], breakRule: BreakRule(lengthMinutes: 30, earliestOffsetMinutes: 180, latestOffsetMinutes: 300),
                          isNight: false),
            ShiftTemplate(name: "Evening", code: "E", earliestStart: t(12, 0), latestStart: t(15, 0), stepMinutes: 30,
                          lengthsMinutes: [510], breakRule: BreakRule(lengthMinutes: 30, earliestOffsetMinutes: 180, latestOffsetMinutes: 300),
                          isNight: false),
            ShiftTemplate(name: "Night", code: "N", earliestStart: t(19, 30), latestStart: t(22, 0), stepMinutes: 30,
                          lengthsMinutes: [540], breakRule: BreakRule(lengthMinutes: 60, earliestOffsetMinutes: 240, latestOffsetMinutes: 360),
                          isNight: true),
        ]
        let rules = LaborRules(minRestHours: 11, maxConsecutiveDays: 6, minDaysOffPerWeek: 2, minHoursPerWeek: 24,
                               maxHoursPerWeek: 40, maxNightsPerWeek: 3, maxConsecutiveNights: 3, floorAgents: 2)
        let handovers = [HandoverRule(name: "morning handover", time: t(8, 0), minAgents: max(2, agents / 20), overlapMinutes: 30),
                         HandoverRule(name: "evening handover", time: t(20, 0), minAgents: max(2, agents / 20), overlapMinutes: 30)]
        var staff: [Agent] = []
        for a in 0..<agents {
            let partTime = partTimeEvery.map { a % $0 == $0 - 1 } ?? false
            staff.append(Agent(id: String(format: "A%03d", a + 1), name: "Agent \(a + 1)", minHoursPerWeek: partTime ? 16 : nil,
                               maxHoursPerWeek: partTime ? 24 : nil, nightEligible: a % 5 != 0))
        }
        var availability: [AvailabilityEntry] = []
        for a in 0..<agents {
            if rng.next() % 4 == 0 {
                let first = Int(rng.next() % UInt64(max(1, days - 3)))
                availability.append(AvailabilityEntry(agentID: staff[a].id, kind: .leave,
                    span: .dates(startDate.adding(days: first), startDate.adding(days: first + 2))))
            }
            if rng.next() % 3 == 0 {
                let d = Int(rng.next() % UInt64(days))
                availability.append(AvailabilityEntry(agentID: staff[a].id, kind: .prefersOff,
                    span: .dates(startDate.adding(days: d), startDate.adding(days: d)), weight: 5))
            }
        }
        let grid = TimeGrid(clock: clock, startDate: startDate, days: days, intervalMinutes: intervalMinutes)
        // Agent-hours on the line the team can give: 40 h a week less breaks, less leave.
        let partTimers = partTimeEvery.map { agents / $0 } ?? 0
        let supply = (Double(agents - partTimers) * 37.5 + Double(partTimers) * 22) * Double(days) / 7 * 0.95
        var shape: [Double] = []
        for iv in grid.intervals {
            let h = Double(iv.local.time.minutes) / 60
            func bump(_ centre: Double, _ width: Double) -> Double { exp(-pow((h - centre) / width, 2)) }
            var s = 0.15 + 1.0 * bump(10.5, 2) + 0.85 * bump(15, 2.2) + 0.35 * bump(8, 0.6) + 0.35 * bump(20, 0.6) + 0.3 * bump(19, 3)
            if iv.local.date.isWeekend { s *= 0.8 }
            shape.append(s)
        }
        let shapeHours = zip(shape, grid.intervals).reduce(0.0) { $0 + $1.0 * Double($1.1.minutes) / 60 }
        let scale = load * supply / shapeHours
        // The surge scales its days after the base load is set: the team is the same, the calls are not.
        let requirement = zip(shape, grid.intervals).map { v, iv in
            let factor = surge.map { $0.days.contains(iv.day) ? $0.factor : 1 } ?? 1
            return max(1, Int((v * scale * factor).rounded()))
        }
        return Scenario(team: team, templates: templates, rules: rules, handovers: handovers, weights: ObjectiveWeights(),
                        agents: staff, availability: availability, demand: .requirement(requirement))
    }
}
