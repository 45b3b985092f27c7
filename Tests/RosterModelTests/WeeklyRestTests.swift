import Foundation
@testable import RosterCore
@testable import RosterModel
import Testing

/// `min_weekly_rest_hours`: an uninterrupted rest of that many real hours inside every Monday–Sunday week.
@Suite struct WeeklyRestTests {
    let day = Small.template("Day", "D", start: Small.time(8), hours: 8)
    let early = Small.template("Early", "E", start: Small.time(6), hours: 8)
    let night = Small.template("Night", "N", start: Small.time(22), hours: 8, night: true)

    func rules(_ rest: Double?) -> LaborRules {
        LaborRules(maxConsecutiveDays: 7, minDaysOffPerWeek: 0, floorAgents: 0, minWeeklyRestHours: rest)
    }

    func shift(_ t: ShiftTemplate, day d: Int, in s: Scenario) -> RosterShift { Small.shift("a1", day: d, t, in: s) }

    @Test func theRuleTakesADayOffThatDemandWouldFill() throws {
        // One agent, one day shift wanted every day of a Monday–Sunday week.
        let free = Small.scenario(agents: 1, days: 7, templates: [day], rules: rules(nil)) { _, h in (8..<16).contains(h) ? 1 : 0 }
        #expect(try Small.solve(free).2.shifts.count == 7)
        let rested = Small.scenario(agents: 1, days: 7, templates: [day], rules: rules(35)) { _, h in (8..<16).contains(h) ? 1 : 0 }
        let (_, solution, roster) = try Small.solve(rested)
        #expect(roster.shifts.count == 6, "\(roster.shifts.map(\.date))")
        #expect(RosterChecker(scenario: rested).check(roster).isValid)
        #expect(solution.breakdown.ruleViolations == 0)
    }

    @Test func aDayOffBetweenANightAndAnEarlyIsNotEnough() throws {
        let s = Small.scenario(agents: 1, days: 7, templates: [day, early, night], rules: rules(35)) { _, _ in 0 }
        let model = try RosterIntegerModel(scenario: s, requirement: Small.requirement(s))
        func option(_ x: RosterShift) -> Int {
            model.catalog.options.firstIndex { $0.start == x.start && s.templates[$0.templateIndex].name == x.shiftName }!
        }
        // Night on Tuesday (to Wednesday 06:00), Wednesday off, Early on Thursday 06:00: only 24 h around the
        // day off; the longest rest of the week is Monday 16:00 to Tuesday 22:00, 30 h.
        var short = [shift(day, day: 0, in: s), shift(night, day: 1, in: s), shift(early, day: 3, in: s),
                     shift(day, day: 4, in: s), shift(day, day: 5, in: s), shift(day, day: 6, in: s)]
        let violations = RosterChecker(scenario: s).check(Roster(teamName: "t", timeZoneIdentifier: "UTC", shifts: short)).violations
        #expect(violations.map(\.rule) == [.weeklyRest], "\(violations)")
        #expect(violations.first?.message.contains("30.00 h") == true, "\(violations)")
        let v = model.completeSolution([short.map(option)])
        #expect(model.breakdown(v).ruleViolations > 0)
        #expect(model.model.maxViolation(v) < 1e-9)
        // Thursday off as well: 48 h, and the model agrees.
        short.removeAll { $0.shiftName == "Early" }
        #expect(RosterChecker(scenario: s).check(Roster(teamName: "t", timeZoneIdentifier: "UTC", shifts: short)).isValid)
        let w = model.completeSolution([short.map(option)])
        #expect(model.breakdown(w).ruleViolations == 0)
        #expect(model.model.maxViolation(w) < 1e-9)
    }

    @Test func pinsThatLeaveNoWeeklyRestAreExplainedBeforeSolving() throws {
        var s = Small.scenario(agents: 1, days: 7, templates: [day], rules: rules(35)) { _, _ in 0 }
        s.pinned = (0..<7).map { PinnedShift(agentID: "a1", date: Small.start.adding(days: $0), template: "Day", start: Small.time(8)) }
        let conflicts = FeasibilityAnalysis.conflicts(in: s)
        #expect(conflicts.count == 1, "\(conflicts)")
        #expect(conflicts.first?.description.contains("below min_weekly_rest_hours = 35") == true, "\(conflicts)")
        // The week's last day off alone is not enough (Saturday 16:00 to the week's end is 32 h), but a
        // Wednesday off leaves 40 h: no conflict.
        #expect(conflicts.first?.dates == [Small.start.adding(days: 5)])
        s.pinned.remove(at: 2)
        #expect(FeasibilityAnalysis.conflicts(in: s).isEmpty)
    }
}
