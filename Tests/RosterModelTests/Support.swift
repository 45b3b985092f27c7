import Foundation
@testable import RosterCore
@testable import RosterModel

/// Small scenarios built in code, for tests whose optimum can be worked out by hand.
enum Small {
    static let start = LocalDate(year: 2027, month: 3, day: 1)!   // a Monday

    static func time(_ h: Int, _ m: Int = 0) -> LocalTime { LocalTime(minutes: h * 60 + m)! }

    static func template(_ name: String, _ code: String, start: LocalTime, hours: Int, night: Bool = false,
                         breakMinutes: Int? = nil) -> ShiftTemplate {
        ShiftTemplate(name: name, code: code, earliestStart: start, latestStart: start, stepMinutes: 60,
                      lengthsMinutes: [hours * 60],
                      breakRule: breakMinutes.map { BreakRule(lengthMinutes: $0, earliestOffsetMinutes: 120, latestOffsetMinutes: 240) },
                      isNight: night)
    }

    /// A scenario with hourly intervals and the requirement given per day as hour ranges.
    static func scenario(agents: Int, days: Int, templates: [ShiftTemplate], rules: LaborRules = LaborRules(floorAgents: 0),
                         handovers: [HandoverRule] = [], availability: [AvailabilityEntry] = [], pinned: [PinnedShift] = [],
                         weights: ObjectiveWeights = ObjectiveWeights(fairness: 0),
                         zone: String = "UTC", requirement: (_ day: Int, _ hour: Int) -> Int) -> Scenario {
        let clock = ZoneClock(identifier: zone)!
        let team = TeamSettings(name: "Test team", clock: clock, intervalMinutes: 60, startDate: start, days: days,
                                goal: ServiceGoal(serviceLevel: 0.8, answerSeconds: 20), maxOccupancy: nil, shrinkage: 0)
        let grid = TimeGrid(clock: clock, startDate: start, days: days, intervalMinutes: 60)
        let req = grid.intervals.map { requirement($0.day, $0.local.time.hour) }
        let staff = (0..<agents).map { Agent(id: "a\($0 + 1)", name: "Agent \($0 + 1)") }
        return Scenario(team: team, templates: templates, rules: rules, handovers: handovers, weights: weights, agents: staff,
                        availability: availability, pinned: pinned, demand: .requirement(req))
    }

    static func requirement(_ s: Scenario) -> [Int] {
        guard case .requirement(let r) = s.demand else { return [] }
        return r
    }

    /// A shift of template `t` for `agent` on the day `offset` days from `start` (which may lie before the horizon).
    static func shift(_ agent: String, day offset: Int, _ t: ShiftTemplate, in s: Scenario) -> RosterShift {
        let date = start.adding(days: offset)
        let begin = s.team.clock.instant(LocalDateTime(date: date, time: t.earliestStart))
        return RosterShift(agentID: agent, agentName: agent, date: date, shiftName: t.name, start: begin,
                           end: begin.addingTimeInterval(Double(t.lengthsMinutes[0] * 60)))
    }

    static func solve(_ s: Scenario, seconds: Double = 10) throws -> (RosterIntegerModel, RosterSolution, Roster) {
        let model = try RosterIntegerModel(scenario: s, requirement: requirement(s))
        let solution = try RosterSolver.solve(model, options: RosterSolveOptions(timeLimit: seconds, gapTarget: 0))
        return (model, solution, RosterBuilder.roster(from: solution, model: model))
    }
}
