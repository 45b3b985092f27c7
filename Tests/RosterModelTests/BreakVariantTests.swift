import Foundation
import Testing
@testable import RosterCore
@testable import RosterModel
@testable import Search

/// Issue 19: a clock change at midnight (America/Nuuk, 2027-03-27: 23:00 → 00:00) leaves the night only
/// its 22:00 start, whose break in the middle of its window takes the one shift off the line at 02:00.
/// The catalog then offers the same shift with its break earlier or later in the window, so no interval
/// that a shift spans is left with no option on the line — no false floor conflict, and a roster that
/// keeps the floor.
@Suite struct BreakVariantTests {
    static func nightScenario(zone: String, agents: Int) -> Scenario {
        let night = ShiftTemplate(name: "Night", code: "N", earliestStart: Small.time(22), latestStart: Small.time(23), stepMinutes: 60,
                                  lengthsMinutes: [480],
                                  breakRule: BreakRule(lengthMinutes: 60, earliestOffsetMinutes: 120, latestOffsetMinutes: 240),
                                  isNight: true)
        let start = LocalDate(year: 2027, month: 3, day: 25)!
        let clock = ZoneClock(identifier: zone)!
        let team = TeamSettings(name: "Night team", clock: clock, intervalMinutes: 60, startDate: start, days: 4,
                                goal: ServiceGoal(serviceLevel: 0.8, answerSeconds: 20), maxOccupancy: nil, shrinkage: 0)
        let grid = TimeGrid(clock: clock, startDate: start, days: 4, intervalMinutes: 60)
        let requirement = grid.intervals.map { iv in iv.local.time.hour < 5 || iv.local.time.hour >= 23 ? 1 : 0 }
        let early = Small.template("Early", "E", start: Small.time(6), hours: 8)
        let late = Small.template("Late", "L", start: Small.time(14), hours: 8)
        return Scenario(team: team, templates: [early, late, night], rules: LaborRules(minRestHours: 8, maxConsecutiveDays: 7, minDaysOffPerWeek: 0, floorAgents: 1),
                        handovers: [], weights: ObjectiveWeights(fairness: 0),
                        agents: (0..<agents).map { Agent(id: "a\($0 + 1)", name: "Agent \($0 + 1)") },
                        availability: [], pinned: [], demand: .requirement(requirement))
    }

    /// Intervals that some option spans (at least half) but none has on the line.
    static func uncovered(_ s: Scenario, _ catalog: ShiftCatalog) -> [Int] {
        var covered = Set<Int>()
        for o in catalog.options { covered.formUnion(o.coveredIntervals) }
        return s.grid.intervals.indices.filter { i in
            let iv = s.grid.intervals[i]
            let spanned = catalog.options.contains { o in
                min(iv.end, o.end).timeIntervalSince(max(iv.start, o.start)) * 2 >= iv.end.timeIntervalSince(iv.start)
            }
            return spanned && !covered.contains(i)
        }
    }

    @Test func aMidnightClockChangeGetsBreakVariantsAndNoFalseConflict() throws {
        let s = Self.nightScenario(zone: "America/Nuuk", agents: 6)
        let catalog = ShiftCatalog(scenario: s)
        #expect(Self.uncovered(s, catalog).isEmpty)
        // The 22:00 start of 2027-03-27 has its plain option and at least one variant, with other breaks.
        let day = try #require(s.grid.day(of: LocalDate(year: 2027, month: 3, day: 27)!))
        let those = catalog.bySlot[day + 1].map { catalog.options[$0] }.filter { $0.isNight }
        #expect(those.count >= 2 && Set(those.compactMap(\.breakStart)).count == those.count, "\(those.map(\.breakStart))")
        #expect(FeasibilityAnalysis.conflicts(in: s, catalog: catalog).filter { $0.kind == .floor }.isEmpty)
        // Solved, the roster keeps the floor: the checker (real break instants) finds no violation.
        let (model, solution, roster) = try Small.solve(s, seconds: 10)
        #expect(model.catalog.options.count == catalog.options.count)
        let check = RosterChecker(scenario: s).check(roster)
        #expect(check.violations.isEmpty, "\(check.violations.map(\.description))")
        #expect(solution.breakdown.ruleViolations < 1e-6)
    }

    /// Where the plain options already have every spanned interval on the line, nothing is added.
    @Test func noVariantsWithoutAClockChange() {
        let s = Self.nightScenario(zone: "Asia/Shanghai", agents: 6)
        let catalog = ShiftCatalog(scenario: s)
        #expect(Self.uncovered(s, catalog).isEmpty)
        // Two night starts a day (22:00 and 23:00) for four days and the eve, an early and a late one for
        // each of the four days: one option each.
        #expect(catalog.options.count == 18)
    }
}
