import Foundation
@testable import RosterCore
@testable import RosterModel
import Testing

/// Small scenarios whose optimum is worked out by hand: the solver must reach it and prove it.
@Suite struct ExactOptimumTests {
    let day = Small.template("Day", "D", start: Small.time(8), hours: 8)

    @Test func threeAgentsTwoDaysHaveTheirKnownShortfall() throws {
        // Day 1 needs 2 agents 08–16, day 2 needs 4: three agents can give 3, so one agent is missing
        // for 8 one-hour intervals: 8 × 100 (first depth of shortfall) = 800. Nothing else costs.
        let s = Small.scenario(agents: 3, days: 2, templates: [day]) { d, h in (8..<16).contains(h) ? (d == 0 ? 2 : 4) : 0 }
        let (_, solution, roster) = try Small.solve(s)
        #expect(abs(solution.objective - 800) < 1e-6)
        #expect(abs((solution.bound ?? 0) - 800) < 1e-6)
        #expect((solution.gap ?? 1) < 1e-9)
        #expect(roster.shifts.filter { $0.date == Small.start }.count == 2)
        #expect(roster.shifts.filter { $0.date == Small.start.adding(days: 1) }.count == 3)
        let coverage = CoverageReport(scenario: s, requirement: Small.requirement(s), roster: roster)
        #expect(coverage.shortfallAgentHours == 8)
        #expect(RosterChecker(scenario: s).check(roster).isValid)
    }

    @Test func twoShortCostsMoreThanTwiceOneShort() throws {
        // Five needed on one day, three agents: two short in each of 8 hours costs 100 + 200 per hour.
        let s = Small.scenario(agents: 3, days: 1, templates: [day]) { _, h in (8..<16).contains(h) ? 5 : 0 }
        let (_, solution, _) = try Small.solve(s)
        #expect(abs(solution.objective - 8 * 300) < 1e-6)
        #expect(abs(solution.breakdown.shortfall - 2400) < 1e-6)
    }

    @Test func surplusIsPaidForWhenAMinimumForcesWork() throws {
        // Requirement 1 during 08–16 on one day; both agents must work 8 h that week (minimum hours),
        // but the horizon is one day (no whole week), so only the horizon minimum applies: 8 h each.
        var rules = LaborRules(floorAgents: 0)
        rules.minHoursPerHorizon = 8
        let s = Small.scenario(agents: 2, days: 1, templates: [day], rules: rules) { _, h in (8..<16).contains(h) ? 1 : 0 }
        let (_, solution, roster) = try Small.solve(s)
        #expect(roster.shifts.count == 2)
        #expect(abs(solution.breakdown.surplus - 8) < 1e-6)       // one extra agent for 8 hours
        #expect(abs(solution.objective - 8) < 1e-6)
    }

    @Test func restBetweenANightAndAnEarlyShiftIsEnforced() throws {
        // One agent; a night 22:00–06:00 on day 1 and a day shift 08:00–16:00 on day 2 are both wanted,
        // but only 2 hours of rest lie between them (11 required): the agent can work only one.
        let night = Small.template("Night", "N", start: Small.time(22), hours: 8, night: true)
        let s = Small.scenario(agents: 1, days: 2, templates: [day, night]) { d, h in
            (d == 0 && h >= 22) || (d == 1 && h < 6) ? 1 : (d == 1 && (8..<16).contains(h) ? 1 : 0)
        }
        let (_, solution, roster) = try Small.solve(s)
        #expect(roster.shifts.count == 1)
        #expect(abs(solution.objective - 800) < 1e-6)  // 8 uncovered hours either way
        #expect(RosterChecker(scenario: s).check(roster).count(of: .rest) == 0)
    }

    @Test func aNightShiftCoversTheNextMorningAndTheEveIsPlanned() throws {
        // Demand only 00:00–06:00 of day 1: the shift that covers it starts on the eve of the horizon.
        let night = Small.template("Night", "N", start: Small.time(22), hours: 8, night: true)
        let s = Small.scenario(agents: 1, days: 1, templates: [night]) { _, h in h < 6 ? 1 : 0 }
        let (_, solution, roster) = try Small.solve(s)
        #expect(abs(solution.objective - 0) < 1e-6)
        let shift = try #require(roster.shifts.first)
        #expect(shift.date == Small.start.adding(days: -1))
        #expect(RosterChecker(scenario: s).check(roster).isValid)
    }

    @Test func handoverOverlapIsCoveredEvenWithoutDemand() throws {
        // No calls at all, but two agents must work across 08:00 by 30 minutes each day.
        let early = Small.template("Early", "E", start: Small.time(6), hours: 8)
        let late = Small.template("Late", "L", start: Small.time(9), hours: 8)
        let rule = HandoverRule(name: "morning", time: Small.time(8), minAgents: 2, overlapMinutes: 30)
        let s = Small.scenario(agents: 3, days: 2, templates: [early, late], handovers: [rule]) { _, _ in 0 }
        let (_, solution, roster) = try Small.solve(s)
        #expect(solution.breakdown.ruleViolations == 0)
        #expect(roster.shifts.count == 4)
        #expect(roster.shifts.allSatisfy { $0.shiftName == "Early" })
        #expect(abs(solution.objective - 4 * 8) < 1e-6)              // 4 shifts × 8 h of surplus
        #expect(RosterChecker(scenario: s).check(roster).isValid)
    }

    @Test func agentsOnBreakDoNotCount() throws {
        // A 9-hour shift with a one-hour break: the break hour is not covered, so with one agent the
        // requirement of 1 over 08–17 leaves exactly one hour short.
        let withBreak = ShiftTemplate(name: "Day", code: "D", earliestStart: Small.time(8), latestStart: Small.time(8),
                                      stepMinutes: 60, lengthsMinutes: [540],
                                      breakRule: BreakRule(lengthMinutes: 60, earliestOffsetMinutes: 240, latestOffsetMinutes: 240),
                                      isNight: false)
        let s = Small.scenario(agents: 1, days: 1, templates: [withBreak]) { _, h in (8..<17).contains(h) ? 1 : 0 }
        let (_, solution, roster) = try Small.solve(s)
        let coverage = CoverageReport(scenario: s, requirement: Small.requirement(s), roster: roster)
        #expect(coverage.shortfallAgentHours == 1)
        #expect(coverage.scheduled[12] == 0)
        #expect(abs(solution.objective - 100) < 1e-6)
    }

    @Test func hardUnavailabilityAndPinsAreObeyed() throws {
        let s = Small.scenario(agents: 2, days: 2, templates: [day],
                               availability: [AvailabilityEntry(agentID: "a1", kind: .leave, span: .dates(Small.start, Small.start))],
                               pinned: [PinnedShift(agentID: "a2", date: Small.start.adding(days: 1), template: "Day", start: Small.time(8))]) { _, _ in 0 }
        let (_, _, roster) = try Small.solve(s)
        #expect(!roster.shifts.contains { $0.agentID == "a1" && $0.date == Small.start })
        #expect(roster.shifts.contains { $0.agentID == "a2" && $0.date == Small.start.adding(days: 1) })
        #expect(RosterChecker(scenario: s).check(roster).isValid)
    }

    @Test func aPinnedShiftThatMatchesNoOptionIsRefused() {
        let s = Small.scenario(agents: 1, days: 1, templates: [day],
                               pinned: [PinnedShift(agentID: "a1", date: Small.start, template: "Day", start: Small.time(9))]) { _, _ in 0 }
        #expect(throws: RosterModelError.self) { try RosterIntegerModel(scenario: s, requirement: Small.requirement(s)) }
    }

    @Test func theBoundNeverExceedsTheObjective() throws {
        for seed in 1...3 {
            let s = SyntheticScenario.make(agents: 6, days: 7, seed: UInt64(seed))
            let (_, solution, _) = try Small.solve(s, seconds: 5)
            let bound = try #require(solution.bound)
            #expect(bound <= solution.objective + 1e-6)
        }
    }
}
