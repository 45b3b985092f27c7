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
        let date = Small.start.adding(days: offset)
        let start = s.team.clock.instant(LocalDateTime(date: date, time: t.earliestStart))
        return RosterShift(agentID: agent, agentName: agent, date: date, shiftName: t.name, start: start,
                           end: start.addingTimeInterval(Double(t.lengthsMinutes[0]) * 60))
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
}
