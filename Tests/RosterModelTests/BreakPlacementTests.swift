import Foundation
@testable import RosterCore
@testable import RosterModel
import Testing

/// Breaks are placed once the shifts are chosen: agents who start together break at different times
/// and the line keeps its requirement.
@Suite struct BreakPlacementTests {
    // 08:00–16:00 with a one-hour break starting 2 to 4 hours in (10:00–12:00).
    let day = Small.template("Day", "D", start: Small.time(8), hours: 8, breakMinutes: 60)

    /// A shift nobody may work: it keeps the catalog from adding break variants of its own (it only
    /// adds them for an interval that no option covers at all, as around a clock change).
    let late = Small.template("Late", "L", start: Small.time(11), hours: 4)

    /// Two agents needed 08–16, one at 10–13 (lunch).
    func scenario() -> Scenario {
        var s = Small.scenario(agents: 2, days: 1, templates: [day, late]) { _, h in (8..<16).contains(h) ? ((10..<13).contains(h) ? 1 : 2) : 0 }
        for i in s.agents.indices { s.agents[i].allowedShifts = ["Day"] }
        return s
    }

    @Test func agentsWhoStartTogetherBreakApartAndTheLineIsCovered() throws {
        let s = scenario()
        let (_, solution, roster) = try Small.solve(s)
        #expect(roster.shifts.count == 2)
        let breaks = Set(roster.shifts.compactMap(\.breakStart))
        #expect(breaks.count == 2, "both break at \(breaks)")
        let coverage = CoverageReport(scenario: s, requirement: Small.requirement(s), roster: roster)
        #expect(coverage.shortfallAgentHours == 0)
        #expect(RosterChecker(scenario: s).check(roster).isValid)
        #expect(solution.log.contains { $0.hasPrefix("breaks: ") && $0.contains("of 2 breaks moved") }, "\(solution.log)")
        // Without the phase, both breaks sit in the middle of the window and an hour goes short.
        var options = RosterSolveOptions(timeLimit: 10, gapTarget: 0)
        try RosterSolveOptions.registry.apply(["breaks.place=false"], to: &options)
        let model = try RosterIntegerModel(scenario: s, requirement: Small.requirement(s))
        let plain = RosterBuilder.roster(from: try RosterSolver.solve(model, options: options), model: model)
        #expect(Set(plain.shifts.compactMap(\.breakStart)).count == 1)
        #expect(CoverageReport(scenario: s, requirement: Small.requirement(s), roster: plain).shortfallAgentHours == 1)
    }

    @Test func keptBreaksDoNotMove() throws {
        let s = scenario()
        let model = try RosterIntegerModel(scenario: s, requirement: Small.requirement(s))
        let first = try RosterSolver.solve(model, options: RosterSolveOptions(timeLimit: 10, gapTarget: 0))
        let roster = RosterBuilder.roster(from: first, model: model)
        // Keep both agents' breaks where a published roster would have them: at 11:00, together.
        let eleven = s.team.clock.instant(LocalDateTime(date: Small.start, time: Small.time(11)))
        var options = RosterSolveOptions(timeLimit: 10, gapTarget: 0)
        options.keptBreaks = roster.shifts.map { [$0.start: eleven] }
        let kept = RosterBuilder.roster(from: try RosterSolver.solve(model, options: options), model: model)
        #expect(kept.shifts.allSatisfy { $0.breakStart == eleven }, "\(kept.shifts.map(\.breakStart))")
    }

    @Test func whenCoverageIsMetBreaksLeaveOneToSpareWhereTheyCan() throws {
        // Three agents pinned 08–16, one needed: any placement with someone on the line at 11:00 costs the
        // same, but only 10:00, 11:00 and 12:00 apart leave someone to spare in every hour.
        var s = Small.scenario(agents: 3, days: 1, templates: [day, late]) { _, h in (8..<16).contains(h) ? 1 : 0 }
        for i in s.agents.indices { s.agents[i].allowedShifts = ["Day"] }
        s.pinned = s.agents.map { PinnedShift(agentID: $0.id, date: Small.start, template: "Day", start: Small.time(8)) }
        let (_, solution, roster) = try Small.solve(s)
        #expect(Set(roster.shifts.compactMap(\.breakStart)).count == 3, "\(roster.shifts.map(\.breakStart))")
        #expect(solution.log.contains { $0.contains("no one to spare") && $0.hasSuffix(" → 0.0 (MIP optimal)") }, "\(solution.log)")
    }
}
