import Foundation
import RosterCore

extension RosterReport {
    /// The summary printed after a solve.
    public var summary: String {
        func f(_ v: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", v) }
        var lines: [String] = []
        lines.append("roster for \(team) — \(days) days from \(firstDay) (\(timeZone)) — \(status)")
        lines.append("  shortfall            \(f(shortfallAgentHours)) agent-hours; \(intervalsBelowRequirement) intervals below requirement, \(intervalsBelowFloor) below the floor")
        lines.append("  surplus              \(f(surplusAgentHours)) agent-hours"
                     + (forcedSurplusAgentHours.map { "; any roster with no shortfall carries at least \(f($0)) (the forecast against the shift options)" } ?? "")
                     + (relaxedSurplusAgentHours.map { "; the best fractional roster (the bound's) carries \(f($0))" } ?? ""))
        lines.append("  paid hours           \(f(totalPaidHours)) (\(agents.map(\.shifts).reduce(0, +)) shifts)")
        lines.append("  preferences          cost \(f(preferenceCost))")
        lines.append("  fairness             nights spread \(nightSpread), weekend shifts spread \(weekendSpread)")
        lines.append("  objective            \(f(objective, 2))  (shortfall \(f(breakdown.shortfall, 1)), surplus \(f(breakdown.surplus, 1)), rules \(f(breakdown.ruleViolations, 1)), preferences \(f(breakdown.preferences, 1)), fairness \(f(breakdown.fairness, 1)))")
        lines.append("  lower bound          \(bound.map { f($0, 2) } ?? "none")  [\(boundSource)]")
        lines.append("  gap                  \(gap.map { f(max(0, $0) * 100, 2) + "%" } ?? "unknown")")
        lines.append("  quality              " + quality)
        lines.append("  time                 \(f(seconds)) s")
        if let parameters { lines.append("  parameters           " + parameters.joined(separator: " ")) }
        if let conflicts, !conflicts.isEmpty {
            lines.append("  conflicts            \(conflicts.count) rule(s) no roster can keep, found before solving:")
            for (i, c) in conflicts.prefix(20).enumerated() { lines.append("    \(i + 1). \(c)") }
            if conflicts.count > 20 { lines.append("    … and \(conflicts.count - 20) more (see roster.json)") }
        }
        lines.append("  hard-rule violations \(violations.count)")
        for (i, v) in violations.prefix(20).enumerated() {
            let cause = violationConflicts.flatMap { i < $0.count ? $0[i] : nil }
            lines.append("    - \(v)" + (cause.map { " — because of conflict \($0)" } ?? ""))
        }
        if violations.count > 20 { lines.append("    … and \(violations.count - 20) more (see roster.json)") }
        let slLine = daily.compactMap { d in d.expectedServiceLevel.map { "\(d.date.suffix(5)) \(f($0 * 100, 0))%" } }
        if !slLine.isEmpty {
            lines.append("  expected service level per day:")
            for chunk in stride(from: 0, to: slLine.count, by: 7) {
                lines.append("    " + slLine[chunk..<min(slLine.count, chunk + 7)].joined(separator: "  "))
            }
        }
        if let line = goalMissedLine { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    /// How good the roster is proven to be, in words a team lead reads.
    var quality: String {
        guard let gap else { return "unknown: no lower bound was found in the time" }
        if gap <= 1e-6 { return "proven optimal: no roster costs less" }
        return String(format: "within %.1f%% of the best possible roster (no roster costs less than the lower bound)", max(0, gap) * 100)
    }

    /// The days whose expected service level is below the goal (nil when none is, or without a forecast).
    var goalMissedLine: String? {
        guard let goal = serviceGoal else { return nil }
        let missed = daily.filter { ($0.expectedServiceLevel ?? 1) < goal - 1e-9 }
        guard !missed.isEmpty else { return nil }
        func pct(_ v: Double) -> String { String(format: "%.0f%%", v * 100) }
        let days = missed.prefix(7).map { "\($0.date.suffix(5)) \(pct($0.expectedServiceLevel ?? 0))" }.joined(separator: ", ")
        return "  goal missed          on \(missed.count) of \(daily.count) days the expected service level is below the goal of \(pct(goal)): "
            + days + (missed.count > 7 ? ", …" : "")
    }
}
