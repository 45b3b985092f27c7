import Foundation
import RosterCore
import Solver

/// Surge planning: the fewest extra shifts (of the scenario's templates) that would bring every
/// interval up to its requirement, on top of a roster — and so how many extra agents that takes.
public struct WhatIfPlan: Sendable {
    public struct ExtraShift: Sendable, Hashable {
        public var date: LocalDate
        var template: String
        var start: LocalTime
        var lengthMinutes: Int
        public var count: Int
    }
    /// Extra shifts by day and kind, in time order.
    var extra: [ExtraShift]
    var shortfallBefore: Double
    /// Shortfall left even with the extra shifts (intervals no template can reach), in agent-hours.
    var shortfallAfter: Double
    /// Extra agents needed: the extra shifts spread over agents working at most `shiftsPerAgent` of them
    /// in the horizon (5 days in 7 by default), and at least the busiest day's extra shifts.
    var extraAgents: Int
    var optimal: Bool

    var totalExtraShifts: Int { extra.reduce(0) { $0 + $1.count } }

    public static func make(scenario: Scenario, requirement: [Int], roster: Roster?, timeLimit: Double = 20) throws(SolverError) -> WhatIfPlan {
        let catalog = ShiftCatalog(scenario: scenario)
        let grid = scenario.grid
        let scheduled = roster.map { OnLineCount(grid: grid, roster: $0).counts } ?? Array(repeating: 0, count: grid.intervals.count)
        let gap = zip(requirement, scheduled).map { max(0, $0 - $1) }
        var m = LinearModel(name: "what_if", sense: .minimize)
        // Options of the horizon's days only (an eve shift would need an agent before the horizon).
        let usable = catalog.options.filter { $0.day >= 0 }
        let z = usable.map { o in m.addColumn(kind: .integer, lower: 0, upper: nil, objective: 1 + 0.01 * o.paidHours) }
        var covering = Array(repeating: [Int](), count: grid.intervals.count)
        for (j, o) in usable.enumerated() { for i in o.coveredIntervals { covering[i].append(j) } }
        var unreachable = 0.0
        for i in grid.intervals.indices where gap[i] > 0 {
            if covering[i].isEmpty { unreachable += Double(gap[i]) * Double(grid.intervals[i].minutes) / 60; continue }
            m.addRow(terms: covering[i].map { (z[$0], 1) }, .atLeast(Double(gap[i])))
        }
        let result = try GLPKSolver.solve(m, options: SolveOptions(timeLimit: timeLimit, relativeGap: Tolerance.whatIfGap))
        var extra: [ExtraShift] = []
        if let v = result.values {
            for (j, o) in usable.enumerated() {
                let n = Int(v[z[j].index].rounded())
                if n > 0 {
                    extra.append(ExtraShift(date: grid.date(ofDay: o.day), template: scenario.templates[o.templateIndex].name,
                                            start: o.localStart, lengthMinutes: o.lengthMinutes, count: n))
                }
            }
        }
        extra.sort { ($0.date, $0.start) < ($1.date, $1.start) }
        let before = zip(gap, grid.intervals).reduce(0.0) { $0 + Double($1.0) * Double($1.1.minutes) / 60 }
        let total = extra.reduce(0) { $0 + $1.count }
        let busiest = Dictionary(grouping: extra, by: \.date).values.map { $0.reduce(0) { $0 + $1.count } }.max() ?? 0
        // Shifts one agent can work in the horizon: 7 − days off in each whole week, any other day too.
        let weeks = RuleSemantics(scenario: scenario).weeks
        let daysInWeeks = weeks.reduce(0) { $0 + $1.count }
        let maxShifts = max(1, weeks.count * (7 - scenario.rules.minDaysOffPerWeek) + min(grid.days - daysInWeeks, scenario.rules.maxConsecutiveDays))
        let agents = max(busiest, Int((Double(total) / Double(maxShifts)).rounded(.up)))
        return WhatIfPlan(extra: extra, shortfallBefore: before, shortfallAfter: unreachable, extraAgents: agents,
                          optimal: result.status == .optimal)
    }

    public func render() -> String {
        var out = String(format: "shortfall against the goal: %.1f agent-hours\n", shortfallBefore)
        if extra.isEmpty {
            out += "no extra shifts are needed: every interval already has the agents the goal requires\n"
            return out
        }
        out += "extra shifts that close it (fewest possible\(optimal ? "" : ", within the time limit")):\n"
        for (date, group) in Dictionary(grouping: extra, by: \.date).sorted(by: { $0.key < $1.key }) {
            let items = group.map { "\($0.count) × \($0.template) \($0.start)+\(String(format: "%.1f", Double($0.lengthMinutes) / 60))h" }
            out += "  \(date)  " + items.joined(separator: ", ") + "\n"
        }
        out += "total: \(totalExtraShifts) extra shifts — about \(extraAgents) extra agents"
        out += shortfallAfter > 0 ? String(format: "; %.1f agent-hours no shift template can reach\n", shortfallAfter) : "\n"
        return out
    }
}
