import Foundation
import RosterCore

/// How the scenario's rules read, shared by the model and the independent checker so that both
/// mean the same thing by "a week" or "an agent's bound". See Docs/model.md.
public struct RuleSemantics: Sendable {
    public let scenario: Scenario
    /// Calendar weeks (Monday–Sunday) lying wholly inside the horizon, as day ranges.
    let weeks: [Range<Int>]
    /// For each agent and day: whether hard unavailability or leave blocks the whole local day.
    let blockedDay: [[Bool]]
    /// For each agent: the working days and the nights in a row of the previous period (`previous_roster`)
    /// that end on the eve (the day before the horizon), so that runs carry on into day 0 (slot 1) across
    /// the boundary (0 without a previous roster). With a previous roster the eve is its business: the
    /// model's eve slot only mirrors it, and every engine counts runs from slot 1 on, starting here.
    let priorRun: [Int]
    let priorNightRun: [Int]
    /// For each agent: the previous period's shifts, by start.
    let previousShifts: [[RosterShift]]
    /// With a previous roster and a horizon that starts after a Monday: the horizon's days of the week that
    /// straddles the boundary (0..<k), whose days off, maximum hours and nights count the previous
    /// roster's days of that week too (`priorWeek`). Nil otherwise.
    let straddlingWeek: Range<Int>?
    /// For each agent: days worked, paid minutes and nights of the previous roster in the straddling week.
    let priorWeek: [(days: Int, minutes: Double, nights: Int)]

    init(scenario: Scenario) {
        self.scenario = scenario
        let grid = scenario.grid
        var weeks: [Range<Int>] = []
        var d = 0
        while d < grid.days {
            if grid.date(ofDay: d).isoWeekday == 1, d + 7 <= grid.days {
                weeks.append(d..<(d + 7))
                d += 7
            } else {
                d += 1
            }
        }
        self.weeks = weeks
        let index = Dictionary(scenario.agents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var blocked = Array(repeating: Array(repeating: false, count: grid.days), count: scenario.agents.count)
        for entry in scenario.availability where entry.kind.isHard {
            guard let a = index[entry.agentID] else { continue }
            let (from, to) = Self.instants(of: entry.span, clock: scenario.team.clock)
            for day in 0..<grid.days {
                let s = grid.clock.startOfDay(grid.date(ofDay: day))
                let e = grid.clock.startOfDay(grid.date(ofDay: day + 1))
                if from <= s && to >= e { blocked[a][day] = true }
            }
        }
        self.blockedDay = blocked
        var previousShifts = Array(repeating: [RosterShift](), count: scenario.agents.count)
        for s in scenario.previous ?? [] { if let a = index[s.agentID] { previousShifts[a].append(s) } }
        self.previousShifts = previousShifts.map { $0.sorted { $0.start < $1.start } }
        let nightNames = Set(scenario.templates.filter(\.isNight).map(\.name))
        let eve = grid.startDate.adding(days: -1)
        func run(_ dates: Set<LocalDate>) -> Int {
            var n = 0, d = eve
            while dates.contains(d) { n += 1; d = d.adding(days: -1) }
            return n
        }
        priorRun = self.previousShifts.map { run(Set($0.map(\.date))) }
        let weekday = grid.startDate.isoWeekday
        if scenario.previous != nil, weekday != 1 {
            let monday = grid.startDate.adding(days: 1 - weekday)
            straddlingWeek = 0..<min(8 - weekday, grid.days)
            priorWeek = self.previousShifts.map { shifts in
                let inWeek = shifts.filter { $0.date >= monday && $0.date < grid.startDate }
                return (Set(inWeek.map(\.date)).count, inWeek.reduce(0.0) { $0 + $1.paidMinutes },
                        inWeek.filter { nightNames.contains($0.shiftName) }.count)
            }
        } else {
            straddlingWeek = nil
            priorWeek = Array(repeating: (0, 0, 0), count: scenario.agents.count)
        }
        priorNightRun = self.previousShifts.map { run(Set($0.filter { nightNames.contains($0.shiftName) }.map(\.date))) }
    }

    /// Whether the previous period's roster is given: the eve's shifts then come from it.
    var hasPrevious: Bool { scenario.previous != nil }

    /// The real span of an availability entry.
    static func instants(of span: AvailabilitySpan, clock: ZoneClock) -> (Date, Date) {
        switch span {
        case let .dates(first, last):
            return (clock.startOfDay(first), clock.startOfDay(last.adding(days: 1)))
        case let .instants(from, to):
            return (from, to)
        }
    }

    /// Days of the horizon an availability entry touches.
    public func days(of span: AvailabilitySpan) -> [Int] {
        let grid = scenario.grid
        let (from, to) = Self.instants(of: span, clock: scenario.team.clock)
        return (0..<grid.days).filter { d in
            let s = grid.clock.startOfDay(grid.date(ofDay: d))
            let e = grid.clock.startOfDay(grid.date(ofDay: d + 1))
            return from < e && to > s
        }
    }

    /// Maximum paid hours in a week for an agent: their own contract's bound in agents.csv when it has one,
    /// else the team's rule (Docs/formats.md: the agent's own bound wins, in both directions).
    func maxWeekHours(_ agent: Agent) -> Double? {
        agent.maxHoursPerWeek ?? scenario.rules.maxHoursPerWeek
    }

    /// The weekly minimum before the reduction for leave: the agent's own, else the team's.
    func baseMinWeekHours(_ agent: Agent) -> Double? {
        agent.minHoursPerWeek ?? scenario.rules.minHoursPerWeek
    }

    /// Minimum paid hours in a week, reduced in proportion to days blocked by leave or unavailability.
    func minWeekHours(agentIndex a: Int, week: Range<Int>) -> Double? {
        let agent = scenario.agents[a]
        guard let base = baseMinWeekHours(agent) else { return nil }
        let free = week.filter { !blockedDay[a][$0] }.count
        return base * Double(free) / Double(week.count)
    }

    func maxHorizonHours(agentIndex a: Int) -> Double? { scenario.rules.maxHoursPerHorizon }

    /// Minimum paid hours over the horizon, reduced in proportion to blocked days.
    func minHorizonHours(agentIndex a: Int) -> Double? {
        guard let base = scenario.rules.minHoursPerHorizon else { return nil }
        let days = scenario.grid.days
        let free = (0..<days).filter { !blockedDay[a][$0] }.count
        return base * Double(free) / Double(days)
    }

    /// The instants of a handover on a day, or nil when it falls outside the horizon.
    func handoverInstant(_ rule: HandoverRule, day: Int) -> Date? {
        let grid = scenario.grid
        let t = grid.clock.instant(LocalDateTime(date: grid.date(ofDay: day), time: rule.time))
        return (t >= grid.horizonStart && t < grid.horizonEnd) ? t : nil
    }

    /// Whether a shift from `start` to `end` spans a handover at `t` by `overlap` minutes each side.
    static func spans(start: Date, end: Date, handover t: Date, overlapMinutes: Int) -> Bool {
        let o = Double(overlapMinutes) * 60
        return start <= t.addingTimeInterval(-o) && end >= t.addingTimeInterval(o)
    }
}

func minOptional(_ a: Double?, _ b: Double?) -> Double? {
    switch (a, b) {
    case let (x?, y?): return min(x, y)
    default: return a ?? b
    }
}

func maxOptional(_ a: Double?, _ b: Double?) -> Double? {
    switch (a, b) {
    case let (x?, y?): return max(x, y)
    default: return a ?? b
    }
}
