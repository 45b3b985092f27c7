import Foundation
@testable import RosterCore
@testable import RosterModel
import Testing

/// Periods join up: the previous period's last shifts (`previous_roster`, `--previous`) carry on into
/// rest, consecutive days and nights, and decide the eve — in the model, in the search and in the checker.
@Suite struct ContinuityTests {
    let day = Small.template("Day", "D", start: Small.time(8), hours: 8)
    let early = Small.template("Early", "E", start: Small.time(6), hours: 8)
    let night = Small.template("Night", "N", start: Small.time(22), hours: 8, night: true)

    /// A previous-period shift of agent `a` on the day `offset` days from the horizon's start.
    func previous(_ agent: String, _ t: ShiftTemplate, dayOffset offset: Int, in s: Scenario) -> RosterShift {
        Small.shift(agent, day: offset, t, in: s)
    }

    @Test func aRunOfThePreviousPeriodCarriesOnAcrossTheBoundary() throws {
        // One agent, needed every day 08–16; at most 6 days in a row. The previous period ends with five
        // working days (days −5…−1): the agent may work day 0 (6 in a row) but then must have day 1 off.
        let rules = LaborRules(maxConsecutiveDays: 6, minDaysOffPerWeek: 0, floorAgents: 0)
        var s = Small.scenario(agents: 1, days: 4, templates: [day], rules: rules) { _, h in (8..<16).contains(h) ? 1 : 0 }
        s.previous = (-5 ... -1).map { previous("a1", day, dayOffset: $0, in: s) }
        let (_, _, roster) = try Small.solve(s)
        let worked = Set(roster.shifts.filter { $0.date >= Small.start }.map { s.grid.day(of: $0.date)! })
        // Day 0 or day 1 is off (either keeps the run at six at most); the other three days are worked.
        #expect(worked.count == 3 && !(worked.contains(0) && worked.contains(1)), "days worked: \(worked.sorted())")
        #expect(RosterChecker(scenario: s).check(roster).isValid, "\(RosterChecker(scenario: s).check(roster).violations)")
        // Column generation's pricing holds the same run: the cheapest schedule when every shift pays.
        let model = try RosterIntegerModel(scenario: s, requirement: Small.requirement(s))
        let best = try #require(AgentSchedulePricer(model, agent: 0).cheapest([Double](repeating: -1, count: model.catalog.options.count)))
        let priced = Set(best.options.map { model.catalog.options[$0].day })
        #expect(priced.count == 3 && !(priced.contains(0) && priced.contains(1)), "priced days: \(priced.sorted())")
        // The checker sees the run: working the day off as well breaks the rule, though the horizon alone has 4 days.
        var broken = roster
        broken.shifts.append(previous("a1", day, dayOffset: worked.contains(0) ? 1 : 0, in: s))
        let violations = RosterChecker(scenario: s).check(broken).violations
        #expect(violations.contains { $0.rule == .consecutiveDays }, "\(violations)")
    }

    @Test func restAfterThePreviousNightAndTheEveComeFromThePreviousRoster() throws {
        // The previous roster has the agent on the night of the eve (22:00–06:00 into day 0). Day 0 needs
        // someone 06–14: an Early shift would start with no rest at all; the model must not give it, and
        // it may not invent other eve shifts.
        let rules = LaborRules(minRestHours: 11, minDaysOffPerWeek: 0, floorAgents: 0)
        var s = Small.scenario(agents: 2, days: 2, templates: [early, night], rules: rules) { d, h in
            (d == 0 && (6..<14).contains(h)) ? 1 : 0
        }
        let eveNight = previous("a1", night, dayOffset: -1, in: s)
        s.previous = [eveNight]
        let (_, _, roster) = try Small.solve(s)
        let day0 = roster.shifts.filter { $0.date == Small.start }
        #expect(day0.count == 1 && day0.first?.agentID == "a2", "\(roster.shifts)")
        // The eve: exactly the previous roster's night shift.
        let eve = roster.shifts.filter { $0.date == Small.start.adding(days: -1) }
        #expect(eve.count == 1 && eve.first?.agentID == "a1" && eve.first?.start == eveNight.start)
        #expect(RosterChecker(scenario: s).check(roster).isValid)
        // The checker flags a1 on the early shift (no rest after the previous night) and an invented eve shift.
        var broken = roster
        broken.shifts.append(previous("a1", early, dayOffset: 0, in: s))
        broken.shifts.append(previous("a2", night, dayOffset: -1, in: s))
        let rulesBroken = Set(RosterChecker(scenario: s).check(broken).violations.map(\.rule))
        #expect(rulesBroken.contains(.overlap) || rulesBroken.contains(.rest), "\(rulesBroken)")
        #expect(rulesBroken.contains(.outsideHorizon), "\(rulesBroken)")
    }

    @Test func nightsInARowCarryOnToo() throws {
        let rules = LaborRules(minDaysOffPerWeek: 0, maxConsecutiveNights: 3, floorAgents: 0)
        var s = Small.scenario(agents: 1, days: 3, templates: [night], rules: rules) { _, h in h >= 22 ? 1 : 0 }
        s.previous = (-3 ... -2).map { previous("a1", night, dayOffset: $0, in: s) }   // nights on days −3, −2; not the eve
        // Without the eve the run is broken: all three nights of the horizon are allowed.
        let (_, _, free) = try Small.solve(s)
        #expect(free.shifts.filter { $0.date >= Small.start }.count == 3)
        // With the eve's night as well (three in a row), the first night of the horizon must be off.
        s.previous!.append(previous("a1", night, dayOffset: -1, in: s))
        let (_, _, roster) = try Small.solve(s)
        let nights = Set(roster.shifts.filter { $0.date >= Small.start }.map { s.grid.day(of: $0.date)! })
        #expect(!nights.contains(0), "\(nights.sorted())")
        #expect(RosterChecker(scenario: s).check(roster).isValid)
    }

    @Test func theWeekAcrossTheBoundaryCountsThePreviousRostersDays() throws {
        // A horizon from Wednesday to Sunday; the previous roster has day shifts on Monday and Tuesday of
        // that week (16 h). With at most 24 h a week, the horizon's part of the week holds one more shift.
        let rules = LaborRules(maxConsecutiveDays: 7, minDaysOffPerWeek: 0, maxHoursPerWeek: 24, floorAgents: 0)
        let base = Small.scenario(agents: 1, days: 5, templates: [day], rules: rules) { _, _ in 0 }
        let clock = base.team.clock
        var team = base.team
        team.startDate = Small.start.adding(days: 2)
        let grid = TimeGrid(clock: clock, startDate: team.startDate, days: 5, intervalMinutes: 60)
        let requirement = grid.intervals.map { (8..<16).contains($0.local.time.hour) ? 1 : 0 }
        var s = Scenario(team: team, templates: [day], rules: rules, handovers: [], weights: base.weights, agents: base.agents,
                         availability: [], demand: .requirement(requirement))
        #expect(try Small.solve(s).2.shifts.count == 5)          // no previous roster: the part-week has no weekly rule
        s.previous = [previous("a1", day, dayOffset: 0, in: s), previous("a1", day, dayOffset: 1, in: s)]
        let (model, _, roster) = try Small.solve(s)
        #expect(roster.shifts.count == 1, "\(roster.shifts.map(\.date))")
        #expect(RosterChecker(scenario: s).check(roster).isValid)
        // The pricing starts the week at what the previous roster used up.
        let best = try #require(AgentSchedulePricer(model, agent: 0).cheapest([Double](repeating: -1, count: model.catalog.options.count)))
        #expect(best.options.count == 1)
        // Two shifts break the week's maximum, counted with the previous roster's 16 h.
        var broken = roster
        let other = (2...6).map { Small.start.adding(days: $0) }.first { d in !roster.shifts.contains { $0.date == d } }!
        broken.shifts.append(previous("a1", day, dayOffset: other.dayNumber - Small.start.dayNumber, in: s))
        #expect(RosterChecker(scenario: s).check(broken).violations.map(\.rule) == [.weeklyHours])
    }
}
