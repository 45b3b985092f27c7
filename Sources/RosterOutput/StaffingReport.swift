import Foundation
import RosterCore

/// Text renderings of staffing results: an aligned table, a compact daily chart, CSV and JSON.
public enum StaffingReport {
    public enum Format: String, CaseIterable, Sendable {
        case table, chart, csv, json
    }

    static func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
    static func num(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x > 0 ? "inf" : "-" }
        return String(format: "%.\(digits)f", x)
    }

    /// Renders the staffing of a scenario in a format.
    public static func render(_ req: StaffingRequirement, scenario: Scenario, format: Format, language: Language = .english) -> String {
        let m = Messages(language)
        switch format {
        case .table: return table(req, scenario: scenario, m) + "\n" + chart(req, scenario: scenario, m)
        case .chart: return chart(req, scenario: scenario, m)
        case .csv: return csv(req, grid: scenario.grid)
        case .json: return json(req, scenario: scenario)
        }
    }

    private static func pad(_ s: String, _ width: Int, right: Bool = true) -> String {
        let n = s.count
        guard n < width else { return s }
        let fill = String(repeating: " ", count: width - n)
        return right ? fill + s : s + fill
    }

    /// One line per interval: local start, calls, AHT, load, agents needed and to schedule, SL, ASA, occupancy.
    static func table(_ req: StaffingRequirement, scenario: Scenario, _ m: Messages = Messages(.english)) -> String {
        let grid = scenario.grid
        let isRequirement: Bool = { if case .requirement = scenario.demand { return true } else { return false } }()
        var out = ""
        out.reserveCapacity(req.intervals.count * 90)
        let goal = scenario.team.goal
        var goalText: [String] = []
        if let sl = goal.serviceLevel, let t = goal.answerSeconds { goalText.append(m.t("\(Int((sl * 100).rounded()))% within \(fmt(t)) s", "\(Int((sl * 100).rounded()))% 在 \(fmt(t)) 秒内接听")) }
        if let asa = goal.averageSpeedOfAnswer { goalText.append(m.t("ASA ≤ \(fmt(asa)) s", "平均应答 ≤ \(fmt(asa)) 秒")) }
        if let occ = scenario.team.maxOccupancy { goalText.append(m.t("occupancy ≤ \(pct(occ))", "占用率 ≤ \(pct(occ))")) }
        let model = scenario.team.patienceSeconds.map { m.t("Erlang A, patience \(fmt($0)) s", "Erlang A，耐心 \(fmt($0)) 秒") } ?? "Erlang C"
        out += m.t("\(scenario.team.name) — \(scenario.team.clock.identifier), \(scenario.team.intervalMinutes)-min intervals\n",
                   "\(scenario.team.name) — \(scenario.team.clock.identifier)，每 \(scenario.team.intervalMinutes) 分钟一个时段\n")
        if isRequirement {
            out += m.t("requirement given per interval (requirement.csv); shrinkage and goals not applied\n", "按时段给定的需要人数（requirement.csv）；不计损耗和目标\n")
        } else {
            out += m.t("goal: \(goalText.joined(separator: ", ")); shrinkage \(pct(scenario.team.shrinkage)); \(model)\n",
                       "目标：\(goalText.joined(separator: "，"))；损耗 \(pct(scenario.team.shrinkage))；\(model)\n")
        }
        out += "\n"
        let names = m.zh ? ["时段", "来电", "处理秒", "话务量", "需要", "需排", "服务率", "应答秒", "占用率"]
            : ["interval", "calls", "aht_s", "erlangs", "needed", "sched", "SL", "ASA_s", "occ"]
        let widths = [16, 7, 6, 8, 6, 6, 7, 7, 7]
        let header = names.enumerated().map { k, n in DisplayWidth.pad(n, to: widths[k], alignRight: k > 0) }
        out += header.joined(separator: " ") + "\n"
        var lastDay = -1
        for s in req.intervals {
            let iv = grid.intervals[s.interval]
            if iv.day != lastDay, lastDay >= 0 { out += "\n" }
            lastDay = iv.day
            let label = "\(iv.local.date) \(iv.local.time)"
            let cells: [String]
            if isRequirement {
                cells = [pad(label, 16, right: false), pad("-", 7), pad("-", 6), pad("-", 8), pad("-", 6),
                         pad(String(s.agentsToSchedule), 6), pad("-", 7), pad("-", 7), pad("-", 7)]
            } else {
                cells = [pad(label, 16, right: false), pad(num(s.calls, 0), 7), pad(num(s.handleSeconds, 0), 6),
                         pad(num(s.erlangs, 2), 8), pad(String(s.agentsNeeded), 6), pad(String(s.agentsToSchedule), 6),
                         pad(pct(s.serviceLevel), 7), pad(num(s.averageSpeedOfAnswer, 1), 7), pad(pct(s.occupancy), 7)]
            }
            out += cells.joined(separator: " ") + "\n"
        }
        let totalCalls = req.intervals.reduce(0) { $0 + $1.calls }
        let hours = req.scheduledAgentHours(grid: grid)
        out += "\n"
        if m.zh {
            if !isRequirement { out += String(format: "合计：%.0f 个来电，", totalCalls) }
            out += String(format: "%d 天内需排 %.1f 人时（每天 %.1f）\n", scenario.team.days, hours, hours / Double(max(scenario.team.days, 1)))
        } else {
            if !isRequirement { out += String(format: "total: %.0f calls, ", totalCalls) }
            out += String(format: "%.1f agent-hours to schedule over %d days (%.1f per day)\n", hours, scenario.team.days,
                          hours / Double(max(scenario.team.days, 1)))
        }
        return out
    }

    static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One line per day: agents to schedule per interval as block characters (scaled to the horizon's
    /// peak), then that day's peak, its time and the day's agent-hours.
    public static func chart(_ req: StaffingRequirement, scenario: Scenario, _ m: Messages = Messages(.english)) -> String {
        let grid = scenario.grid
        let values = req.agentsToSchedule
        let top = max(values.max() ?? 0, 1)
        var out = m.t("agents to schedule per interval, one line per day (█ = \(top)):\n", "每个时段需排人数，每天一行（█ = \(top)）：\n")
        // An hour ruler every three hours over the columns (a 23- or 25-hour day's later columns shift by its hour).
        let perHour = 60 / max(1, scenario.team.intervalMinutes)
        var ruler = [Character](repeating: " ", count: 24 * perHour + 2)
        for h in stride(from: 0, to: 24, by: 3) {
            let label = Array(String(format: "%02d", h))
            ruler[h * perHour] = label[0]
            ruler[h * perHour + 1] = label[1]
        }
        out += String(repeating: " ", count: m.zh ? 16 : 15) + String(String(ruler).reversed().drop(while: { $0 == " " }).reversed()) + "\n"
        for (d, range) in grid.dayRanges.enumerated() {
            let date = grid.date(ofDay: d)
            var line = "\(m.weekday(date)) \(date) "
            var peak = 0, peakAt = range.lowerBound
            var hours = 0.0
            for i in range where i < values.count {
                let v = values[i]
                let level = v == 0 ? 0 : max(1, min(8, Int((Double(v) / Double(top) * 8).rounded(.up))))
                line.append(blocks[level])
                if v > peak { peak = v; peakAt = i }
                hours += Double(v) * Double(grid.intervals[i].minutes) / 60
            }
            let peakLabel = range.isEmpty ? "-" : grid.intervals[peakAt].local.time.description
            line += m.zh ? String(format: " 高峰 %3d 人（%@），%6.1f 人时", peak, peakLabel, hours) : String(format: " peak %3d at %@, %6.1f agent-h", peak, peakLabel, hours)
            out += line + "\n"
        }
        return out
    }

    public static func csv(_ req: StaffingRequirement, grid: TimeGrid) -> String {
        var out = "interval_start,utc_start,calls,aht_seconds,erlangs,agents_needed,agents_to_schedule,service_level,asa_seconds,occupancy,abandonment\n"
        for s in req.intervals {
            let iv = grid.intervals[s.interval]
            out += [iv.local.description, grid.clock.iso8601(iv.start), num(s.calls, 2), num(s.handleSeconds, 1),
                    num(s.erlangs, 4), String(s.agentsNeeded), String(s.agentsToSchedule), num(s.serviceLevel, 6),
                    num(s.averageSpeedOfAnswer, 3), num(s.occupancy, 6), num(s.abandonment, 6)].joined(separator: ",") + "\n"
        }
        return out
    }

    struct JSONInterval: Encodable {
        let index: Int
        let intervalStart: String
        let start: String
        let minutes: Int
        let calls: Double
        let ahtSeconds: Double
        let erlangs: Double
        let agentsNeeded: Int
        let agentsToSchedule: Int
        let serviceLevel: Double?
        let asaSeconds: Double?
        let occupancy: Double?
        let abandonment: Double?
    }

    struct JSONReport: Encodable {
        let name: String
        let timeZone: String
        let intervalMinutes: Int
        let startDate: String
        let days: Int
        let model: String
        let shrinkage: Double
        let intervals: [JSONInterval]
    }

    static func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }

    static func encode<T: Encodable>(_ value: T) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        enc.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? enc.encode(value), let s = String(data: data, encoding: .utf8) else { return "{}\n" }
        return s + "\n"
    }

    public static func json(_ req: StaffingRequirement, scenario: Scenario) -> String {
        let grid = scenario.grid
        let rows = req.intervals.map { s in
            let iv = grid.intervals[s.interval]
            return JSONInterval(index: s.interval, intervalStart: iv.local.description, start: grid.clock.iso8601(iv.start),
                                minutes: iv.minutes, calls: s.calls, ahtSeconds: s.handleSeconds, erlangs: s.erlangs,
                                agentsNeeded: s.agentsNeeded, agentsToSchedule: s.agentsToSchedule,
                                serviceLevel: finite(s.serviceLevel), asaSeconds: finite(s.averageSpeedOfAnswer),
                                occupancy: finite(s.occupancy), abandonment: finite(s.abandonment))
        }
        let model: String
        if case .requirement = scenario.demand { model = "requirement" } else {
            model = scenario.team.patienceSeconds == nil ? "erlang-c" : "erlang-a"
        }
        return encode(JSONReport(name: scenario.team.name, timeZone: scenario.team.clock.identifier,
                                 intervalMinutes: scenario.team.intervalMinutes, startDate: scenario.team.startDate.description,
                                 days: scenario.team.days, model: model, shrinkage: scenario.team.shrinkage, intervals: rows))
    }
}

extension ErlangRequest {
    /// Renders the result as `table`, `csv` or `json`.
    public func render(_ s: IntervalStaffing, format: StaffingReport.Format) -> String {
        let model = policy.patienceSeconds.map { "erlang-a (patience \(fmt($0)) s)" } ?? "erlang-c"
        switch format {
        case .csv:
            return "calls,aht_seconds,interval_minutes,erlangs,agents_needed,agents_to_schedule,service_level,asa_seconds,occupancy,probability_of_wait,abandonment\n"
                + [fmt(calls), fmt(handleSeconds), fmt(intervalMinutes), StaffingReport.num(s.erlangs, 4), String(s.agentsNeeded),
                   String(s.agentsToSchedule), StaffingReport.num(s.serviceLevel, 6), StaffingReport.num(s.averageSpeedOfAnswer, 3),
                   StaffingReport.num(s.occupancy, 6), StaffingReport.num(s.probabilityOfWait, 6),
                   StaffingReport.num(s.abandonment, 6)].joined(separator: ",") + "\n"
        case .json:
            struct Out: Encodable {
                let model: String; let calls: Double; let ahtSeconds: Double; let intervalMinutes: Double
                let erlangs: Double; let agentsNeeded: Int; let agentsToSchedule: Int; let serviceLevel: Double?
                let answerSeconds: Double?; let asaSeconds: Double?; let occupancy: Double?; let probabilityOfWait: Double?
                let abandonment: Double?; let shrinkage: Double
            }
            return StaffingReport.encode(Out(model: policy.patienceSeconds == nil ? "erlang-c" : "erlang-a", calls: calls,
                                             ahtSeconds: handleSeconds, intervalMinutes: intervalMinutes, erlangs: s.erlangs,
                                             agentsNeeded: s.agentsNeeded, agentsToSchedule: s.agentsToSchedule,
                                             serviceLevel: StaffingReport.finite(s.serviceLevel),
                                             answerSeconds: policy.goal.answerSeconds,
                                             asaSeconds: StaffingReport.finite(s.averageSpeedOfAnswer),
                                             occupancy: StaffingReport.finite(s.occupancy),
                                             probabilityOfWait: StaffingReport.finite(s.probabilityOfWait),
                                             abandonment: StaffingReport.finite(s.abandonment), shrinkage: policy.shrinkage))
        case .table, .chart:
            let t = policy.answerSeconds
            var lines: [(String, String)] = [
                ("model", model),
                ("calls", "\(fmt(calls)) in \(fmt(intervalMinutes)) min"),
                ("average handle time", "\(fmt(handleSeconds)) s"),
                ("offered load", "\(StaffingReport.num(s.erlangs, 3)) erlangs"),
                ("agents needed", String(s.agentsNeeded)),
                ("agents to schedule", "\(s.agentsToSchedule) (shrinkage \(StaffingReport.pct(policy.shrinkage)))"),
                ("service level", "\(StaffingReport.pct(s.serviceLevel)) answered within \(fmt(t)) s"),
                ("average speed of answer", "\(StaffingReport.num(s.averageSpeedOfAnswer, 1)) s"),
                ("occupancy", StaffingReport.pct(s.occupancy)),
                ("probability of waiting", StaffingReport.pct(s.probabilityOfWait)),
            ]
            if policy.patienceSeconds != nil { lines.append(("abandoned", StaffingReport.pct(s.abandonment))) }
            let width = lines.map(\.0.count).max() ?? 0
            return lines.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }.joined(separator: "\n") + "\n"
        }
    }
}

/// A number without needless decimals: 24, 0.85 (as the scenario files write them).
func fmt(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return String(x)
}
