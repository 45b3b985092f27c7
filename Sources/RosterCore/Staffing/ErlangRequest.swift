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
}
