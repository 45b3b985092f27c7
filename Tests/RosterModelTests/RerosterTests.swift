import Foundation
@testable import RosterCore
@testable import RosterModel
import Testing

/// Re-rostering keeps the past, changes as little as the costs say, and welcomes new staff.
@Suite struct RerosterTests {
    let day = Small.template("Day", "D", start: Small.time(8), hours: 8)
    let late = Small.template("Late", "L", start: Small.time(9), hours: 8)

    func published(_ s: Scenario) throws -> Roster {
        let (_, _, roster) = try Small.solve(s)
        return roster
    }

    @Test func thePastStaysAndOnlyTheNeededShiftIsAdded() throws {
        // Two agents, four days, one agent needed 08–16 each day: the published roster has 4 shifts.
        let before = Small.scenario(agents: 2, days: 4, templates: [day, late]) { _, h in (8..<16).contains(h) ? 1 : 0 }
        let base = try published(before)
        #expect(base.shifts.count == 4)
        // Now two are needed on days 1 and 3; the cut-off is the start of day 2.
        let now = Small.scenario(agents: 2, days: 4, templates: [day, late]) { d, h in (8..<16).contains(h) ? (d == 1 || d == 3 ? 2 : 1) : 0 }
        let cutoff = now.team.clock.instant(LocalDateTime(date: Small.start.adding(days: 2), time: Small.time(0)))
        let result = try Reroster.run(scenario: now, requirement: Small.requirement(now),
                                      plan: RerosterPlan(base: base, cutoff: cutoff), options: RosterSolveOptions(timeLimit: 10, gapTarget: 0))
        #expect(result.changedBeforeCutoff == 0)
        // Day 1 (before the cut-off) stays one short; day 3 gets exactly one added shift.
        #expect(result.diff.changes.count == 1)
        #expect(result.diff.changes.first?.kind == .added)
        #expect(result.diff.changes.first?.date == Small.start.adding(days: 3))
        #expect(result.coverageAfter.shortfallAgentHours == 8)
        #expect(result.coverageBefore.shortfallAgentHours == 16)
        #expect(RosterChecker(scenario: result.scenario).check(result.roster).isValid)
    }

    /// A published roster that leaves a week short of the weekly minimum, re-rostered after that week: the
    /// short week lies in the frozen past (its slack costs nothing in the re-roster), so no bound — the
    /// pooled shift counts' included — may charge for it: every bound stays at or below the objective.
    @Test func boundsStayBelowTheObjectiveWhenTheFrozenPastBreaksTheWeeklyMinimum() throws {
        let rules = LaborRules(minDaysOffPerWeek: 1, minHoursPerWeek: 24, floorAgents: 0)
        // Published: one shift each on day 8; week 1 is empty (nobody was needed).
        let base = try published(Small.scenario(agents: 2, days: 14, templates: [day]) { d, h in d == 8 && (8..<16).contains(h) ? 2 : 0 })
        #expect(Set(base.shifts.map(\.agentID)).count == 2)
        let now = Small.scenario(agents: 2, days: 14, templates: [day], rules: rules) { d, h in d >= 7 && (8..<16).contains(h) ? 1 : 0 }
        let cutoff = now.team.clock.instant(LocalDateTime(date: Small.start.adding(days: 7), time: Small.time(0)))
        let result = try Reroster.run(scenario: now, requirement: Small.requirement(now),
                                      plan: RerosterPlan(base: base, cutoff: cutoff), options: RosterSolveOptions(timeLimit: 10, gapTarget: 0))
        let bound = try #require(result.solution.bound)
        #expect(bound <= result.solution.objective + 1e-6, "bound \(bound) above the objective \(result.solution.objective)")
        #expect(result.coverageAfter.shortfallAgentHours == 0)
    }

    @Test func aSmallMoveIsPreferredToASwapWhenItIsCheaper() throws {
        // One agent works Day (08–16) on both days. Demand moves to 09–17 on day 2: moving the start
        // by one hour costs 5, far less than the 100 of the uncovered hour.
        let before = Small.scenario(agents: 1, days: 2, templates: [day, late]) { _, h in (8..<16).contains(h) ? 1 : 0 }
        let base = try published(before)
        let now = Small.scenario(agents: 1, days: 2, templates: [day, late]) { d, h in
            d == 0 ? ((8..<16).contains(h) ? 1 : 0) : ((9..<17).contains(h) ? 1 : 0)
        }
        let cutoff = now.team.clock.instant(LocalDateTime(date: Small.start.adding(days: 1), time: Small.time(0)))
        let result = try Reroster.run(scenario: now, requirement: Small.requirement(now),
                                      plan: RerosterPlan(base: base, cutoff: cutoff), options: RosterSolveOptions(timeLimit: 10, gapTarget: 0))
        #expect(result.diff.changes.map(\.kind) == [.moved])
        #expect(result.diff.changes.first?.new?.shiftName == "Late")
        #expect(abs(result.solution.objective - 5) < 1e-6, "\(result.solution.breakdown)")
        // With a move dearer than the uncovered hours, nothing moves.
        let stubborn = try Reroster.run(scenario: now, requirement: Small.requirement(now),
                                        plan: RerosterPlan(base: base, cutoff: cutoff, costs: ChangeCosts(smallMove: 500, move: 500)),
                                        options: RosterSolveOptions(timeLimit: 10, gapTarget: 0))
        #expect(stubborn.diff.changes.isEmpty)
    }

    @Test func newStaffWorkOnlyAfterTheCutOff() throws {
        let before = Small.scenario(agents: 1, days: 3, templates: [day]) { _, h in (8..<16).contains(h) ? 1 : 0 }
        let base = try published(before)
        var now = Small.scenario(agents: 2, days: 3, templates: [day]) { _, h in (8..<16).contains(h) ? 2 : 0 }
        now.agents[1] = Agent(id: "new", name: "Reinforcement")
        let cutoff = now.team.clock.instant(LocalDateTime(date: Small.start.adding(days: 1), time: Small.time(0)))
        let result = try Reroster.run(scenario: now, requirement: Small.requirement(now),
                                      plan: RerosterPlan(base: base, cutoff: cutoff), options: RosterSolveOptions(timeLimit: 10, gapTarget: 0))
        let newShifts = result.roster.shifts.filter { $0.agentID == "new" }
        #expect(newShifts.count == 2)
        #expect(newShifts.allSatisfy { $0.start >= cutoff })
        #expect(result.changedBeforeCutoff == 0)
    }
}

@Suite struct WhatIfTests {
    @Test func theFewestExtraShiftsCloseTheGap() throws {
        // 08–16 needs 3 agents on day 1 and 1 on day 2; the roster has one Day shift on day 1 only.
        let day = Small.template("Day", "D", start: Small.time(8), hours: 8)
        let s = Small.scenario(agents: 1, days: 2, templates: [day]) { d, h in (8..<16).contains(h) ? (d == 0 ? 3 : 1) : 0 }
        let start = s.team.clock.instant(LocalDateTime(date: Small.start, time: Small.time(8)))
        let roster = Roster(teamName: "t", timeZoneIdentifier: "UTC", shifts: [
            RosterShift(agentID: "a1", agentName: "A", date: Small.start, shiftName: "Day", start: start, end: start.addingTimeInterval(8 * 3600))])
        let plan = try WhatIfPlan.make(scenario: s, requirement: Small.requirement(s), roster: roster)
        #expect(plan.totalExtraShifts == 3)
        #expect(plan.extra.first { $0.date == Small.start }?.count == 2)
        #expect(plan.shortfallBefore == 24)
        #expect(plan.shortfallAfter == 0)
        #expect(plan.extraAgents == 2)          // the busiest day needs two more
    }

    @Test func violationsInTheFrozenPastAreToldApart() {
        let cutoff = Small.start.adding(days: 7)
        let weekly = RuleViolation(rule: .weeklyHours, agentID: "a", date: Small.start, message: Phrase(verbatim: ""))
        let lateWeek = RuleViolation(rule: .weeklyHours, agentID: "a", date: Small.start.adding(days: 1), message: Phrase(verbatim: ""))
        let rest = RuleViolation(rule: .rest, agentID: "a", date: cutoff.adding(days: -1), message: Phrase(verbatim: ""))
        let after = RuleViolation(rule: .rest, agentID: "a", date: cutoff, message: Phrase(verbatim: ""))
        let (past, open) = Reroster.partition([weekly, lateWeek, rest, after], cutoff: cutoff)
        #expect(past == [weekly, rest])
        #expect(open == [lateWeek, after])
    }
}
