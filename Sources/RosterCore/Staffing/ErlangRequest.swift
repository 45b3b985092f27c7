import Foundation

/// A bad value given to the single-interval calculator (`roster erlang`).
public enum ErlangRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    case missing(option: String)
    case notANumber(option: String, value: String)
    case outOfRange(option: String, allowed: String)
    case noGoal
    case serviceLevelWithoutAnswerTime
    case answerTimeWithoutServiceLevel
    case unknownFormat(String)

    public var description: String {
        switch self {
        case .missing(let o): return "\(o) is required"
        case .notANumber(let o, let v): return "\(o): '\(v)' is not a finite number"
        case .outOfRange(let o, let allowed): return "\(o): \(allowed)"
        case .noGoal: return "give a service goal: --sl with --answer-time, and/or --asa"
        case .serviceLevelWithoutAnswerTime: return "--sl needs --answer-time (seconds)"
        case .answerTimeWithoutServiceLevel: return "--answer-time needs --sl (a share, e.g. 0.8)"
        case .unknownFormat(let f): return "--format: '\(f)' is not one of table, csv, json"
        }
    }
}

/// Every bad value of one `roster erlang` call.
public struct ErlangRequestFailure: Error, Hashable, Sendable {
    public let errors: [ErlangRequestError]
}

/// A validated single-interval staffing question.
public struct ErlangRequest: Sendable, Hashable {
    public var calls: Double
    public var handleSeconds: Double
    public var intervalMinutes: Double
    public var policy: StaffingPolicy

    public init(calls: Double, handleSeconds: Double, intervalMinutes: Double, policy: StaffingPolicy) {
        self.calls = calls
        self.handleSeconds = handleSeconds
        self.intervalMinutes = intervalMinutes
        self.policy = policy
    }

    /// Parses and checks the command-line values (as typed); returns every problem at once.
    public static func parse(calls: String?, aht: String?, interval: String?, serviceLevel: String?,
                             answerTime: String?, asa: String?, shrinkage: String?, maxOccupancy: String?,
                             patience: String?) throws(ErlangRequestFailure) -> ErlangRequest {
        var errors: [ErlangRequestError] = []
        func value(_ text: String?, _ option: String, _ range: ClosedRange<Double>, _ allowed: String,
                   required: Bool = false) -> Double? {
            guard let text else {
                if required { errors.append(.missing(option: option)) }
                return nil
            }
            guard let d = CSVTable.parseNumber(text.trimmingCharacters(in: .whitespaces)) else {
                errors.append(.notANumber(option: option, value: text)); return nil
            }
            guard range.contains(d) else { errors.append(.outOfRange(option: option, allowed: allowed)); return nil }
            return d
        }
        let c = value(calls, "--calls", 0...Staffing.maxCallsPerInterval * 5, "must be between 0 and 100000 calls", required: true)
        let h = value(aht, "--aht", 1...7200, "must be between 1 and 7200 seconds", required: true)
        let i = value(interval ?? "30", "--interval", 1...1440, "must be between 1 and 1440 minutes")
        let sl = value(serviceLevel, "--sl", 0.01...0.999, "must be a share above 0 and below 1, e.g. 0.8")
        let t = value(answerTime, "--answer-time", 0...3600, "must be between 0 and 3600 seconds")
        let a = value(asa, "--asa", 0.1...3600, "must be above 0 and at most 3600 seconds")
        let s = value(shrinkage, "--shrinkage", 0...0.95, "must be between 0 and 0.95 (a share, e.g. 0.3)")
        let o = value(maxOccupancy, "--max-occupancy", 0.01...1, "must be above 0 and at most 1 (a share, e.g. 0.85)")
        let p = value(patience, "--patience", 1...86_400, "must be between 1 and 86400 seconds")
        if serviceLevel != nil && answerTime == nil { errors.append(.serviceLevelWithoutAnswerTime) }
        if answerTime != nil && serviceLevel == nil { errors.append(.answerTimeWithoutServiceLevel) }
        if serviceLevel == nil && answerTime == nil && asa == nil { errors.append(.noGoal) }
        if let c, let h, let i, c * h / (i * 60) > ScenarioLoader.maxErlangsPerInterval {
            errors.append(.outOfRange(option: "--calls", allowed: "the load calls × aht ÷ interval is \(Int(c * h / (i * 60))) erlangs; at most \(Int(ScenarioLoader.maxErlangsPerInterval)) are supported"))
        }
        guard errors.isEmpty, let c, let h, let i else { throw ErlangRequestFailure(errors: errors) }
        let goal = ServiceGoal(serviceLevel: sl, answerSeconds: t, averageSpeedOfAnswer: a)
        return ErlangRequest(calls: c, handleSeconds: h, intervalMinutes: i,
                             policy: StaffingPolicy(goal: goal, maxOccupancy: o, shrinkage: s ?? 0, patienceSeconds: p))
    }

    /// The staffing of this interval.
    public func solve() -> IntervalStaffing {
        Staffing.interval(calls: calls, handleSeconds: handleSeconds, intervalSeconds: intervalMinutes * 60, policy: policy)
    }

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
