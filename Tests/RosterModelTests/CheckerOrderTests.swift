import Foundation
@testable import RosterCore
@testable import RosterModel
import Testing

/// The checker's full output — every violation's description, in order — on rosters that break many
/// rules at once, against the output recorded before `RosterChecker.check` was split into one step per
/// rule family (issue 13). Any change in what is found, or in the order it is reported, fails here.
@Suite struct CheckerOrderTests {
    /// A shift of `template` for agent `a` on day `d` (−1 for the eve of the horizon), starting
    /// `startOffset` minutes after the template's earliest start, with its break (if the template has a
    /// break rule) `breakDelay` minutes after the earliest break offset.
    static func shift(_ s: Scenario, agent id: String, day d: Int, _ template: ShiftTemplate, startOffset: Int = 0,
                      breakDelay: Int = 0, name: String? = nil) -> RosterShift {
        let date = s.team.startDate.adding(days: d)
        let start = s.team.clock.instant(LocalDateTime(date: date, time: template.earliestStart))
            .addingTimeInterval(Double(startOffset * 60))
        var shift = RosterShift(agentID: id, agentName: id, date: date, shiftName: name ?? template.name, start: start,
                                end: start.addingTimeInterval(Double(template.lengthsMinutes[0] * 60)))
        if let rule = template.breakRule {
            shift.breakStart = start.addingTimeInterval(Double((rule.earliestOffsetMinutes + breakDelay) * 60))
            shift.breakEnd = shift.breakStart!.addingTimeInterval(Double(rule.lengthMinutes * 60))
        }
        return shift
    }

    /// A generated scenario with extra rules (allowed shifts, a skill, an unavailability, pins, a horizon
    /// cap), and a five-on-two-off rota rotating Day, Evening and Night by week — broken in several ways.
    static func syntheticCase() -> (Scenario, Roster) {
        var s = SyntheticScenario.make(agents: 10, days: 14, intervalMinutes: 60, seed: 3, zone: "UTC")
        let start = s.team.startDate
        s.rules.floorAgents = 0
        s.rules.maxHoursPerHorizon = 78
        s.agents[1].allowedShifts = ["Day", "Evening"]
        s.templates[1].requiredSkills = ["chat"]
        for a in s.agents.indices where a != 4 { s.agents[a].skills = ["chat"] }
        s.agents[6].minHoursPerWeek = 45
        s.availability.append(AvailabilityEntry(agentID: "A004", kind: .unavailable, span: .dates(start.adding(days: 3), start.adding(days: 3))))
        s.pinned = [PinnedShift(agentID: "A005", date: start.adding(days: 2), template: "Day", start: LocalTime(minutes: 7 * 60)!),
                    PinnedShift(agentID: "A006", date: start.adding(days: 4), template: "Night", start: LocalTime(minutes: 22 * 60)!, lengthMinutes: 540),
                    PinnedShift(agentID: "A007", date: start.adding(days: 5), template: "Day", start: LocalTime(minutes: 7 * 60)!)]
        var shifts: [RosterShift] = []
        for a in 0..<10 {
            for d in 0..<14 where (d + a) % 7 < 5 || a == 7 {
                shifts.append(shift(s, agent: s.agents[a].id, day: d, s.templates[(a + d / 7) % 3]))
            }
        }
        // No break; a break too late; a start off the template's grid.
        shifts[3].breakStart = nil
        shifts[3].breakEnd = nil
        shifts[10] = shift(s, agent: shifts[10].agentID, day: shifts[10].date.dayNumber - start.dayNumber, s.templates[0], breakDelay: 200)
        shifts[20] = shift(s, agent: shifts[20].agentID, day: shifts[20].date.dayNumber - start.dayNumber, s.templates[2], startOffset: 15)
        // A second shift on a day already worked (shifts per day, overlap); a night carried in from the eve;
        // a shift outside the horizon; an unknown agent and an unknown template.
        shifts.append(shift(s, agent: "A003", day: 2, s.templates[1]))
        shifts.append(shift(s, agent: "A009", day: -1, s.templates[2]))
        shifts.append(shift(s, agent: "A010", day: -3, s.templates[0]))
        shifts.append(shift(s, agent: "ghost", day: 1, s.templates[0]))
        shifts.append(shift(s, agent: "A002", day: 6, s.templates[0], name: "Lunch"))
        // The pinned Night of A006 is there, with the right start and length.
        shifts.append(shift(s, agent: "A006", day: 4, s.templates[2], startOffset: 150))
        return (s, Roster(teamName: "t", timeZoneIdentifier: "UTC", shifts: shifts))
    }

    /// A small scenario with a floor, a handover that asks for two agents and minimum horizon hours.
    static func floorCase() -> (Scenario, Roster) {
        let day = Small.template("Day", "D", start: Small.time(8), hours: 8)
        let night = Small.template("Night", "N", start: Small.time(22), hours: 8, night: true)
        var rules = LaborRules(floorAgents: 1)
        rules.minHoursPerHorizon = 10
        let s = Small.scenario(agents: 2, days: 1, templates: [day, night], rules: rules,
                               handovers: [HandoverRule(name: "noon", time: Small.time(12), minAgents: 2, overlapMinutes: 30)],
                               pinned: [PinnedShift(agentID: "a1", date: Small.start, template: "Day", start: Small.time(9))]) { _, _ in 0 }
        return (s, Roster(teamName: "t", timeZoneIdentifier: "UTC",
                          shifts: [shift(s, agent: "a1", day: 0, day), shift(s, agent: "a2", day: 0, night)]))
    }

    static func descriptions(_ c: (Scenario, Roster)) -> [String] {
        RosterChecker(scenario: c.0).check(c.1).violations.map(\.description)
    }

    // Recorded from commit 93020da (before the split of `RosterChecker.check`).
    static let syntheticExpected: [String] = [
        "[outside the horizon] A010 2027-02-26: the shift's date is outside the planning horizon",
        "[shift shape] A002 2027-03-01: break of 30 min at +380 min breaks the break rule",
        "[eligibility] A005 2027-03-01: the agent lacks skill 'chat'",
        "[shift shape] A003 2027-03-01: Night starting 2027-03-01T19:45 for 540 min is not a start and length of the template",
        "[unknown agent] ghost 2027-03-02: no agent 'ghost' in agents.csv",
        "[eligibility] A006 2027-03-03: the agent may not work nights",
        "[shift shape] A001 2027-03-04: the shift has no break",
        "[eligibility] A005 2027-03-04: the agent lacks skill 'chat'",
        "[eligibility] A006 2027-03-04: the agent may not work nights",
        "[eligibility] A005 2027-03-05: the agent lacks skill 'chat'",
        "[eligibility] A006 2027-03-05: the agent may not work nights",
        "[eligibility] A006 2027-03-05: the agent may not work nights",
        "[eligibility] A005 2027-03-06: the agent lacks skill 'chat'",
        "[eligibility] A006 2027-03-06: the agent may not work nights",
        "[unknown shift] A002 2027-03-07: no shift template 'Lunch'",
        "[eligibility] A005 2027-03-07: the agent lacks skill 'chat'",
        "[eligibility] A006 2027-03-07: the agent may not work nights",
        "[eligibility] A002 2027-03-08: Night is not among the agent's allowed shifts",
        "[eligibility] A002 2027-03-09: Night is not among the agent's allowed shifts",
        "[eligibility] A002 2027-03-10: Night is not among the agent's allowed shifts",
        "[eligibility] A002 2027-03-11: Night is not among the agent's allowed shifts",
        "[eligibility] A002 2027-03-14: Night is not among the agent's allowed shifts",
        "[unavailability] A003 2027-03-03: works Night 2027-03-03T19:30:00+00:00–2027-03-04T04:30:00+00:00 while on leave",
        "[unavailability] A003 2027-03-06: works Night 2027-03-06T19:30:00+00:00–2027-03-07T04:30:00+00:00 while on leave",
        "[unavailability] A005 2027-03-04: works Evening 2027-03-04T12:00:00+00:00–2027-03-04T20:30:00+00:00 while on leave",
        "[unavailability] A005 2027-03-05: works Evening 2027-03-05T12:00:00+00:00–2027-03-05T20:30:00+00:00 while on leave",
        "[unavailability] A010 2027-03-13: works Evening 2027-03-13T12:00:00+00:00–2027-03-13T20:30:00+00:00 while on leave",
        "[weekly hours] A001 2027-03-01: 40.50 h in the week of 2027-03-01 (at most 40.00 h)",
        "[horizon hours] A001: 80.50 h over the horizon (at most 78.00 h)",
        "[shifts per day] A002 2027-03-07: 2 shifts start that day (at most 1)",
        "[overlapping shifts] A002 2027-03-07: the shift overlaps the one before",
        "[consecutive nights] A002 2027-03-11: 4 nights in a row (at most 3)",
        "[weekly hours] A002 2027-03-01: 48.00 h in the week of 2027-03-01 (at most 40.00 h)",
        "[nights per week] A002 2027-03-08: 5 nights in the week of 2027-03-08 (at most 3)",
        "[horizon hours] A002: 88.00 h over the horizon (at most 78.00 h)",
        "[shifts per day] A003 2027-03-03: 2 shifts start that day (at most 1)",
        "[rest between shifts] A003 2027-03-03: 7.50 h rest after the shift of 2027-03-02 (at least 11.00 h)",
        "[overlapping shifts] A003 2027-03-03: the shift overlaps the one before",
        "[rest between shifts] A003 2027-03-08: 2.50 h rest after the shift of 2027-03-07 (at least 11.00 h)",
        "[weekly hours] A003 2027-03-01: 48.00 h in the week of 2027-03-01 (at most 40.00 h)",
        "[nights per week] A003 2027-03-01: 5 nights in the week of 2027-03-01 (at most 3)",
        "[horizon hours] A003: 88.00 h over the horizon (at most 78.00 h)",
        "[horizon hours] A004: 80.00 h over the horizon (at most 78.00 h)",
        "[consecutive nights] A005 2027-03-14: 4 nights in a row (at most 3)",
        "[nights per week] A005 2027-03-08: 5 nights in the week of 2027-03-08 (at most 3)",
        "[horizon hours] A005: 80.00 h over the horizon (at most 78.00 h)",
        "[shifts per day] A006 2027-03-05: 2 shifts start that day (at most 1)",
        "[overlapping shifts] A006 2027-03-05: the shift overlaps the one before",
        "[consecutive nights] A006 2027-03-07: 5 nights in a row (at most 3)",
        "[weekly hours] A006 2027-03-01: 48.00 h in the week of 2027-03-01 (at most 40.00 h)",
        "[nights per week] A006 2027-03-01: 5 nights in the week of 2027-03-01 (at most 3)",
        "[horizon hours] A006: 88.00 h over the horizon (at most 78.00 h)",
        "[weekly hours] A007 2027-03-01: 40.00 h in the week of 2027-03-01 (at least 45.00 h)",
        "[weekly hours] A007 2027-03-08: 40.00 h in the week of 2027-03-08 (at least 45.00 h)",
        "[horizon hours] A007: 80.00 h over the horizon (at most 78.00 h)",
        "[consecutive days] A008 2027-03-14: 14 working days in a row (at most 6)",
        "[consecutive nights] A008 2027-03-14: 7 nights in a row (at most 3)",
        "[days off per week] A008 2027-03-01: 0 days off in the week of 2027-03-01 (at least 2)",
        "[weekly hours] A008 2027-03-01: 56.00 h in the week of 2027-03-01 (at most 40.00 h)",
        "[days off per week] A008 2027-03-08: 0 days off in the week of 2027-03-08 (at least 2)",
        "[weekly hours] A008 2027-03-08: 56.00 h in the week of 2027-03-08 (at most 40.00 h)",
        "[nights per week] A008 2027-03-08: 7 nights in the week of 2027-03-08 (at most 3)",
        "[horizon hours] A008: 112.00 h over the horizon (at most 78.00 h)",
        "[rest between shifts] A009 2027-03-08: 2.50 h rest after the shift of 2027-03-07 (at least 11.00 h)",
        "[consecutive nights] A009 2027-03-04: 5 nights in a row (at most 3)",
        "[nights per week] A009 2027-03-01: 5 nights in the week of 2027-03-01 (at most 3)",
        "[horizon hours] A009: 88.00 h over the horizon (at most 78.00 h)",
        "[horizon hours] A010: 80.00 h over the horizon (at most 78.00 h)",
        "[handover overlap] 2027-03-12: 1 agents work across the morning handover at 08:00 by 30 min (at least 2)",
        "[pinned shift] A005 2027-03-03: pinned Day at 07:00 is missing",
    ]
    static let floorExpected: [String] = [
        "[horizon hours] a1: 8.00 h over the horizon (at least 10.00 h)",
        "[horizon hours] a2: 8.00 h over the horizon (at least 10.00 h)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 00:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 01:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 02:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 03:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 04:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 05:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 06:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 07:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 16:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 17:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 18:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 19:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 20:00 (at least 1)",
        "[floor of agents] 2027-03-01: 0 agents on the line at 21:00 (at least 1)",
        "[handover overlap] 2027-03-01: 1 agents work across the noon at 12:00 by 30 min (at least 2)",
        "[pinned shift] a1 2027-03-01: pinned Day at 09:00 is missing",
    ]

    @Test func syntheticRosterViolationsInOrder() {
        let got = Self.descriptions(Self.syntheticCase())
        if got != Self.syntheticExpected { print(got.map { "        \"\($0)\"," }.joined(separator: "\n")) }
        #expect(got == Self.syntheticExpected)
    }

    @Test func floorRosterViolationsInOrder() {
        let got = Self.descriptions(Self.floorCase())
        if got != Self.floorExpected { print(got.map { "        \"\($0)\"," }.joined(separator: "\n")) }
        #expect(got == Self.floorExpected)
    }
}
