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

/// The solve report and the staffing views in Simplified Chinese: the labels and sentences made in
/// RosterOutput are translated and keep their columns; numbers stay as they are.
@Suite struct ChineseReportTests {
    @Test func solveSummaryInChinese() {
        var r = ReportTextTests.report(objective: 200, bound: 180, goal: 0.8, levels: [0.9, 0.75])
        r.forcedSurplusAgentHours = 1187.4
        let zh = r.summary(in: .simplifiedChinese)
        #expect(zh.contains("  缺口                 "))
        #expect(zh.contains("任何没有缺口的排班至少富余 1187.4"))
        #expect(zh.contains("距最优排班不超过 10.0%"))
        #expect(zh.contains("未达目标") && zh.contains("违反硬性规则"))
        // Every labelled line's value starts at display column 23 (a Han character is two columns wide).
        for label in ["缺口", "富余", "计薪工时", "偏好", "公平", "目标值", "下界", "差距", "质量", "用时", "违反硬性规则"] {
            let line = zh.split(separator: "\n").first { $0.hasPrefix("  " + label) }.map(String.init) ?? ""
            var width = 0, index = line.startIndex
            while index < line.endIndex, width < 23 { width += DisplayWidth.width(String(line[index])); index = line.index(after: index) }
            #expect(width == 23 && index < line.endIndex && line[index] != " ", "\(label): \(line)")
        }
        // English is unchanged by the catalog.
        #expect(r.summary == r.summary(in: .english))
        #expect(r.summary.contains("any roster with no shortfall carries at least 1187.4"))
    }

    @Test func staffingInChinese() {
        let scenario = Fixture.scenario
        let req = Staffing.requirement(for: scenario)
        let zh = StaffingReport.render(req, scenario: scenario, format: .chart, language: .simplifiedChinese)
        #expect(zh.hasPrefix("每个时段需排人数，每天一行"))
        #expect(zh.contains("周五 2026-03-27") && zh.contains("高峰"))
        let en = StaffingReport.render(req, scenario: scenario, format: .chart)
        #expect(en.hasPrefix("agents to schedule per interval") && en.contains("Fri 2026-03-27"))
    }
}
