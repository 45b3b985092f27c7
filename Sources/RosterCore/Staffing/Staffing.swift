import Foundation

/// What the staffing calculation needs from the team: the service goal, the occupancy cap, shrinkage and
/// (for Erlang A) the callers' patience.
public struct StaffingPolicy: Sendable, Hashable {
    public var goal: ServiceGoal
    public var maxOccupancy: Double?
    public var shrinkage: Double
    public var patienceSeconds: Double?

    init(goal: ServiceGoal, maxOccupancy: Double? = nil, shrinkage: Double = 0, patienceSeconds: Double? = nil) {
        self.goal = goal
        self.maxOccupancy = maxOccupancy
        self.shrinkage = shrinkage
        self.patienceSeconds = patienceSeconds
    }

    init(team: TeamSettings) {
        self.init(goal: team.goal, maxOccupancy: team.maxOccupancy, shrinkage: team.shrinkage,
                  patienceSeconds: team.patienceSeconds)
    }

    public var model: QueueModel { QueueModel(patienceSeconds: patienceSeconds) }

    /// The answer time used for the reported service level: the goal's, or 0 (share answered at once)
    /// when the goal is an average speed of answer only.
    public var answerSeconds: Double { goal.answerSeconds ?? 0 }

    /// Whether measures for `agents` on the phones meet every part of the goal.
    func isMet(by m: QueueMetrics) -> Bool {
        let tolerance = Tolerance.queueing
        if let target = goal.serviceLevel, m.serviceLevel < target - tolerance { return false }
        if let asa = goal.averageSpeedOfAnswer, !(m.averageSpeedOfAnswer <= asa + tolerance) { return false }
        if let cap = maxOccupancy, !(m.occupancy <= cap + tolerance) { return false }
        return true
    }
}

/// Staffing of one planning interval.
public struct IntervalStaffing: Sendable, Hashable {
    /// Index of the interval in the time grid.
    public let interval: Int
    public let calls: Double
    public let handleSeconds: Double
    /// Offered load A = calls × handle time / interval length.
    public let erlangs: Double
    /// Agents needed on the phones to meet the goal.
    public let agentsNeeded: Int
    /// Agents to put on the roster: agentsNeeded grossed up for shrinkage.
    public let agentsToSchedule: Int
    /// Expected service level with `agentsNeeded` on the phones.
    public let serviceLevel: Double
    /// Expected average speed of answer in seconds with `agentsNeeded` on the phones.
    public let averageSpeedOfAnswer: Double
    /// Expected occupancy with `agentsNeeded` on the phones.
    public let occupancy: Double
    /// Share of calls that wait (added; not in the first API sketch).
    public let probabilityOfWait: Double
    /// Share of calls abandoned (Erlang A; 0 for Erlang C).
    public let abandonment: Double

    public init(interval: Int, calls: Double, handleSeconds: Double, erlangs: Double, agentsNeeded: Int,
                agentsToSchedule: Int, serviceLevel: Double, averageSpeedOfAnswer: Double, occupancy: Double,
                probabilityOfWait: Double = 0, abandonment: Double = 0) {
        self.interval = interval
        self.calls = calls
        self.handleSeconds = handleSeconds
        self.erlangs = erlangs
        self.agentsNeeded = agentsNeeded
        self.agentsToSchedule = agentsToSchedule
        self.serviceLevel = serviceLevel
        self.averageSpeedOfAnswer = averageSpeedOfAnswer
        self.occupancy = occupancy
        self.probabilityOfWait = probabilityOfWait
        self.abandonment = abandonment
    }
}

/// Staffing of every interval of the horizon, in grid order.
public struct StaffingRequirement: Sendable {
    public let intervals: [IntervalStaffing]

    public init(intervals: [IntervalStaffing]) { self.intervals = intervals }

    /// Agents to schedule per grid interval (the model's requirement).
    public var agentsToSchedule: [Int] { intervals.map(\.agentsToSchedule) }

    /// Agent-hours to schedule over the horizon, counting each interval's real length.
    public func scheduledAgentHours(grid: TimeGrid) -> Double {
        var total = 0.0
        for s in intervals where grid.intervals.indices.contains(s.interval) {
            total += Double(s.agentsToSchedule) * Double(grid.intervals[s.interval].minutes) / 60
        }
        return total
    }
}

public enum Staffing {
    /// The Erlang model's largest input it promises to handle quickly: 20,000 calls in one interval.
    static let maxCallsPerInterval = 20_000.0

    /// Agents to schedule for `agents` on the phones: ⌈agents / (1 − shrinkage)⌉, computed in integer
    /// basis points (shrinkage 0.30 → 3000) so that 14 / 0.7 gives 20, not 20.000000000000004 → 21.
    public static func agentsToSchedule(agents: Int, shrinkage: Double) -> Int {
        guard agents > 0 else { return 0 }
        let bp = shrinkageBasisPoints(shrinkage)
        let keep = 10_000 - bp
        let (product, overflow) = agents.multipliedReportingOverflow(by: 10_000)
        guard !overflow else { return agents }
        return (product + keep - 1) / keep
    }

    /// Agents on the phones out of `scheduled` rostered agents: ⌊scheduled × (1 − shrinkage)⌋, in basis points.
    static func agentsOnPhones(scheduled: Int, shrinkage: Double) -> Int {
        guard scheduled > 0 else { return 0 }
        let keep = 10_000 - shrinkageBasisPoints(shrinkage)
        let (product, overflow) = scheduled.multipliedReportingOverflow(by: keep)
        guard !overflow else { return scheduled }
        return product / 10_000
    }

    static func shrinkageBasisPoints(_ shrinkage: Double) -> Int {
        guard shrinkage.isFinite, shrinkage > 0 else { return 0 }
        return min(Int((shrinkage * 10_000).rounded()), 9_900)
    }

    /// The smallest number of agents on the phones meeting the policy's goal, with its measures.
    /// Zero calls need zero agents. Erlang C searches upward from ⌊A⌋+1 (N ≤ A never meets a goal),
    /// carrying the Erlang B recursion along, so each step costs O(1).
    public static func agentsNeeded(calls: Double, handleSeconds: Double, intervalSeconds: Double,
                                    policy: StaffingPolicy) -> (agents: Int, metrics: QueueMetrics) {
        let a = Erlang.load(calls: calls, handleSeconds: handleSeconds, intervalSeconds: intervalSeconds)
        guard a > 0 else { return (0, .idle) }
        let t = policy.answerSeconds
        switch policy.model {
        case .erlangC:
            let start = Int(a.rounded(.down)) + 1
            var bn = Erlang.b(servers: start - 1, load: a)
            var n = start - 1
            var m = QueueMetrics.unstable
            let limit = start + 10_000_000
            repeat {
                n += 1
                bn = a * bn / (Double(n) + a * bn)
                m = Erlang.erlangCMetrics(servers: n, load: a, erlangB: bn, handleSeconds: handleSeconds, answerSeconds: t)
            } while !policy.isMet(by: m) && n < limit
            return (n, m)
        case .erlangA(let patience):
            func eval(_ n: Int) -> QueueMetrics {
                Erlang.erlangAMetrics(servers: n, load: a, erlangB: Erlang.b(servers: n, load: a),
                                      handleSeconds: handleSeconds, patienceSeconds: patience, answerSeconds: t)
            }
            // Find an upper bracket from ⌊A⌋+1 upward, then bisect: every measure is monotone in n.
            var lo = 0
            var hi = max(1, Int(a.rounded(.down)) + 1)
            var mHi = eval(hi)
            var step = max(1, Int(a.squareRoot().rounded(.up)))
            while !policy.isMet(by: mHi) {
                lo = hi
                hi += step
                step *= 2
                mHi = eval(hi)
                if hi > 100_000_000 { return (hi, mHi) }
            }
            // lo fails (or is 0), hi meets the goal.
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2
                let m = eval(mid)
                if policy.isMet(by: m) { hi = mid; mHi = m } else { lo = mid }
            }
            return (hi, mHi)
        }
    }

    /// Staffing of one interval: the single-interval calculator behind `roster erlang`.
    public static func interval(_ index: Int = 0, calls: Double, handleSeconds: Double, intervalSeconds: Double,
                                policy: StaffingPolicy) -> IntervalStaffing {
        let a = Erlang.load(calls: calls, handleSeconds: handleSeconds, intervalSeconds: intervalSeconds)
        let (n, m) = agentsNeeded(calls: calls, handleSeconds: handleSeconds, intervalSeconds: intervalSeconds,
                                  policy: policy)
        return IntervalStaffing(interval: index, calls: calls, handleSeconds: handleSeconds, erlangs: a,
                                agentsNeeded: n, agentsToSchedule: agentsToSchedule(agents: n, shrinkage: policy.shrinkage),
                                serviceLevel: m.serviceLevel, averageSpeedOfAnswer: m.averageSpeedOfAnswer,
                                occupancy: m.occupancy, probabilityOfWait: m.probabilityOfWait,
                                abandonment: m.abandonment)
    }

    /// Staffing of every grid interval of a scenario. For a forecast, Erlang C (or A, when the team sets a
    /// patience) per interval; for a requirement file, its numbers as `agentsToSchedule` and 0 elsewhere.
    public static func requirement(for scenario: Scenario) -> StaffingRequirement {
        let grid = scenario.grid
        switch scenario.demand {
        case .requirement(let agents):
            let rows = grid.intervals.indices.map { i in
                IntervalStaffing(interval: i, calls: 0, handleSeconds: 0, erlangs: 0, agentsNeeded: 0,
                                 agentsToSchedule: i < agents.count ? max(agents[i], 0) : 0,
                                 serviceLevel: 0, averageSpeedOfAnswer: 0, occupancy: 0)
            }
            return StaffingRequirement(intervals: rows)
        case .forecast(let forecast):
            let policy = StaffingPolicy(team: scenario.team)
            // Many intervals repeat the same (calls, handle time, length): compute each once.
            struct Key: Hashable { let calls: Double; let handle: Double; let seconds: Double }
            var cache: [Key: IntervalStaffing] = [:]
            var rows: [IntervalStaffing] = []
            rows.reserveCapacity(grid.intervals.count)
            for iv in grid.intervals {
                let f = iv.index < forecast.count ? forecast[iv.index] : ForecastInterval(calls: 0, handleSeconds: 0)
                let seconds = iv.end.timeIntervalSince(iv.start)
                let key = Key(calls: f.calls, handle: f.handleSeconds, seconds: seconds)
                let s: IntervalStaffing
                if let hit = cache[key] {
                    s = hit
                } else {
                    s = interval(iv.index, calls: f.calls, handleSeconds: f.handleSeconds, intervalSeconds: seconds,
                                 policy: policy)
                    cache[key] = s
                }
                rows.append(IntervalStaffing(interval: iv.index, calls: s.calls, handleSeconds: s.handleSeconds,
                                             erlangs: s.erlangs, agentsNeeded: s.agentsNeeded,
                                             agentsToSchedule: s.agentsToSchedule, serviceLevel: s.serviceLevel,
                                             averageSpeedOfAnswer: s.averageSpeedOfAnswer, occupancy: s.occupancy,
                                             probabilityOfWait: s.probabilityOfWait, abandonment: s.abandonment))
            }
            return StaffingRequirement(intervals: rows)
        }
    }

    /// Expected queue measures in one interval when `scheduledAgents` are rostered: of them
    /// ⌊scheduled × (1 − shrinkage)⌋ are on the phones (pass shrinkage 0 when the count is already the
    /// agents on the phones).
    static func metrics(calls: Double, handleSeconds: Double, intervalSeconds: Double, scheduledAgents: Int,
                               shrinkage: Double, goal: ServiceGoal, patience: Double?) -> QueueMetrics {
        let onPhones = agentsOnPhones(scheduled: scheduledAgents, shrinkage: shrinkage)
        return Erlang.metrics(calls: calls, handleSeconds: handleSeconds, intervalSeconds: intervalSeconds,
                              agents: onPhones, answerSeconds: goal.answerSeconds ?? 0,
                              model: QueueModel(patienceSeconds: patience))
    }

    /// Expected service level (share of calls answered within the goal's answer time) in one interval
    /// when `scheduledAgents` are rostered. 1 when there are no calls; 0 when nobody is on the phones.
    public static func serviceLevel(calls: Double, handleSeconds: Double, intervalSeconds: Double,
                                    scheduledAgents: Int, shrinkage: Double, goal: ServiceGoal,
                                    patience: Double?) -> Double {
        metrics(calls: calls, handleSeconds: handleSeconds, intervalSeconds: intervalSeconds,
                scheduledAgents: scheduledAgents, shrinkage: shrinkage, goal: goal, patience: patience).serviceLevel
    }
}
