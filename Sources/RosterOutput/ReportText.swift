import Foundation
import RosterCore

extension RosterReport {
    /// The summary printed after a solve (English).
    public var summary: String { summary(in: .english) }

    /// The summary in a language: the labels, numbers and sentences made here, and what the solver and
    /// the checker said in their own words (the stop reason, the bound's source, each broken rule, each
    /// conflict) from the report's translations (English when a report has none, e.g. an older roster.json).
    public func summary(in language: Language) -> String {
        let m = Messages(language)
        let words = words(in: language)
        let violations = words.violations, conflicts = words.conflicts
        let zh = language == .simplifiedChinese
        func t(_ en: String, _ cn: String) -> String { zh ? cn : en }
        func f(_ v: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", v) }
        func label(_ en: String, _ cn: String) -> String { "  " + DisplayWidth.pad(t(en, cn), to: 21) }
        var lines: [String] = []
        lines.append(t("roster for \(team) — \(days) days from \(firstDay) (\(timeZone)) — \(words.status)",
                       "\(team) 的排班 — 自 \(firstDay) 起 \(days) 天（\(timeZone)）— \(words.status)"))
        lines.append(label("shortfall", "缺口") + t("\(f(shortfallAgentHours)) agent-hours; \(intervalsBelowRequirement) intervals below requirement, \(intervalsBelowFloor) below the floor",
                                                   "\(f(shortfallAgentHours)) 人时；\(intervalsBelowRequirement) 个时段低于需要，\(intervalsBelowFloor) 个低于最低在线人数"))
        lines.append(label("surplus", "富余") + t("\(f(surplusAgentHours)) agent-hours", "\(f(surplusAgentHours)) 人时")
                     + (forcedSurplusAgentHours.map { t("; any roster with no shortfall carries at least \(f($0)) (the forecast against the shift options)",
                                                        "；任何没有缺口的排班至少富余 \(f($0))（预测与班次选项所决定）") } ?? "")
                     + (relaxedSurplusAgentHours.map { t("; the best fractional roster (the bound's) carries \(f($0))", "；最优分数解（下界的）富余 \(f($0))") } ?? ""))
        lines.append(label("paid hours", "计薪工时") + t("\(f(totalPaidHours)) (\(agents.map(\.shifts).reduce(0, +)) shifts)", "\(f(totalPaidHours))（\(agents.map(\.shifts).reduce(0, +)) 个班次）"))
        lines.append(label("preferences", "偏好") + t("cost \(f(preferenceCost))", "代价 \(f(preferenceCost))"))
        lines.append(label("fairness", "公平") + t("nights spread \(nightSpread), weekend shifts spread \(weekendSpread)", "夜班差距 \(nightSpread)，周末班差距 \(weekendSpread)"))
        lines.append(label("objective", "目标值") + "\(f(objective, 2))  " + t("(shortfall \(f(breakdown.shortfall, 1)), surplus \(f(breakdown.surplus, 1)), rules \(f(breakdown.ruleViolations, 1)), preferences \(f(breakdown.preferences, 1)), fairness \(f(breakdown.fairness, 1)))",
                                                                          "（缺口 \(f(breakdown.shortfall, 1))，富余 \(f(breakdown.surplus, 1))，规则 \(f(breakdown.ruleViolations, 1))，偏好 \(f(breakdown.preferences, 1))，公平 \(f(breakdown.fairness, 1))）"))
        lines.append(label("lower bound", "下界") + "\(bound.map { f($0, 2) } ?? t("none", "无"))  [\(words.boundSource)]")
        lines.append(label("gap", "差距") + (gap.map { f(max(0, $0) * 100, 2) + "%" } ?? t("unknown", "未知")))
        lines.append(label("quality", "质量") + quality(m))
        lines.append(label("time", "用时") + "\(f(seconds)) s")
        if let parameters { lines.append(label("parameters", "参数") + parameters.joined(separator: " ")) }
        if let conflicts, !conflicts.isEmpty {
            lines.append(label("conflicts", "冲突") + t("\(conflicts.count) rule(s) no roster can keep, found before solving:", "求解前发现 \(conflicts.count) 条任何排班都无法满足的规则："))
            for (i, c) in conflicts.prefix(20).enumerated() { lines.append("    \(i + 1). \(c)") }
            if conflicts.count > 20 { lines.append(t("    … and \(conflicts.count - 20) more (see roster.json)", "    … 另有 \(conflicts.count - 20) 条（见 roster.json）")) }
        }
        lines.append(label("hard-rule violations", "违反硬性规则") + "\(violations.count)")
        for (i, v) in violations.prefix(20).enumerated() {
            let cause = violationConflicts.flatMap { i < $0.count ? $0[i] : nil }
            lines.append("    - \(v)" + (cause.map { t(" — because of conflict \($0)", " — 源于冲突 \($0)") } ?? ""))
        }
        if violations.count > 20 { lines.append(t("    … and \(violations.count - 20) more (see roster.json)", "    … 另有 \(violations.count - 20) 条（见 roster.json）")) }
        let slLine = daily.compactMap { d in d.expectedServiceLevel.map { "\(d.date.suffix(5)) \(f($0 * 100, 0))%" } }
        if !slLine.isEmpty {
            lines.append(t("  expected service level per day:", "  每日预期服务水平："))
            for chunk in stride(from: 0, to: slLine.count, by: 7) {
                lines.append("    " + slLine[chunk..<min(slLine.count, chunk + 7)].joined(separator: "  "))
            }
        }
        if let line = goalMissedLine(m) { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    /// How good the roster is proven to be, in words a team lead reads.
    var quality: String { quality(Messages(.english)) }

    func quality(_ m: Messages) -> String {
        guard let gap else { return m.t("unknown: no lower bound was found in the time", "未知：在时限内没有找到下界") }
        if gap <= 1e-6 { return m.t("proven optimal: no roster costs less", "已证明最优：没有代价更低的排班") }
        return m.zh ? String(format: "距最优排班不超过 %.1f%%（没有排班的代价低于下界）", max(0, gap) * 100)
            : String(format: "within %.1f%% of the best possible roster (no roster costs less than the lower bound)", max(0, gap) * 100)
    }

    /// The days whose expected service level is below the goal (nil when none is, or without a forecast).
    var goalMissedLine: String? { goalMissedLine(Messages(.english)) }

    func goalMissedLine(_ m: Messages) -> String? {
        guard let goal = serviceGoal else { return nil }
        let missed = daily.filter { ($0.expectedServiceLevel ?? 1) < goal - 1e-9 }
        guard !missed.isEmpty else { return nil }
        func pct(_ v: Double) -> String { String(format: "%.0f%%", v * 100) }
        let days = missed.prefix(7).map { "\($0.date.suffix(5)) \(pct($0.expectedServiceLevel ?? 0))" }.joined(separator: ", ")
        return m.t("  goal missed          on \(missed.count) of \(daily.count) days the expected service level is below the goal of \(pct(goal)): ",
                   "  未达目标             \(daily.count) 天中有 \(missed.count) 天的预期服务水平低于目标 \(pct(goal))：")
            + days + (missed.count > 7 ? ", …" : "")
    }
}
