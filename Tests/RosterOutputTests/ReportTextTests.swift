import Foundation
import Testing
@testable import RosterCore
@testable import RosterOutput

/// The report's words for a team lead: how good the roster is proven to be, and the days the goal is missed.
struct ReportTextTests {
    static func report(objective: Double, bound: Double?, goal: Double?, levels: [Double?]) -> RosterReport {
        var r = RosterReport()
        r.team = "T"; r.timeZone = "UTC"; r.firstDay = "2027-03-15"; r.days = levels.count; r.status = "time limit reached"
        r.objective = objective
        r.bound = bound
        r.gap = bound.map { (objective - $0) / max(abs(objective), 1) }
        r.serviceGoal = goal
        r.daily = levels.enumerated().map { d, level in
            RosterReport.Day(date: "2027-03-\(15 + d)", shortfallAgentHours: 0, intervalsBelowRequirement: 0, expectedServiceLevel: level)
        }
        return r
    }

    @Test func qualitySaysHowFarFromTheBestTheRosterCanBe() {
        let text = Self.report(objective: 200, bound: 180, goal: nil, levels: []).summary
        #expect(text.contains("quality              within 10.0% of the best possible roster"))
        #expect(Self.report(objective: 180, bound: 180, goal: nil, levels: []).summary.contains("proven optimal"))
        #expect(Self.report(objective: 180, bound: nil, goal: nil, levels: []).summary.contains("quality              unknown"))
        // A bound a hair above the objective (rounding) never shows a negative gap.
        #expect(Self.report(objective: 180, bound: 180.0000001, goal: nil, levels: []).summary.contains("gap                  0.00%"))
    }

    @Test func surplusLineSaysWhatTheBestFractionalRosterCarries() {
        var r = Self.report(objective: 1, bound: 1, goal: nil, levels: [])
        r.surplusAgentHours = 1437
        #expect(!r.summary.contains("best fractional roster"))
        r.relaxedSurplusAgentHours = 1168.24
        #expect(r.summary.contains("surplus              1437.0 agent-hours; the best fractional roster (the bound's) carries 1168.2"))
    }

    @Test func goalMissedListsTheDaysBelowTheGoal() {
        let text = Self.report(objective: 1, bound: 1, goal: 0.8, levels: [0.9, 0.75, 0.8, 0.62]).summary
        #expect(text.contains("goal missed          on 2 of 4 days the expected service level is below the goal of 80%: 03-16 75%, 03-18 62%"))
        #expect(!Self.report(objective: 1, bound: 1, goal: 0.8, levels: [0.9, 0.85]).summary.contains("goal missed"))
        #expect(!Self.report(objective: 1, bound: 1, goal: nil, levels: [0.5]).summary.contains("goal missed"))
    }
}
