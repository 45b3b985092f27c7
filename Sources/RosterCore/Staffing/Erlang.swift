import Foundation

// Queueing formulas for one interval of a call line: Erlang C (M/M/n, callers wait forever) and
// Erlang A (M/M/n+M, callers abandon after an exponential patience). Formulas and numerics are in
// Docs/staffing.md. Everything here is pure and total: any finite input gives a finite result, and
// non-finite or negative input is treated as zero load.

/// Steady-state measures of one interval with a given number of agents on the phones.
public struct QueueMetrics: Sendable, Hashable {
    /// Share of all offered calls answered within the answer time (abandoned calls count as not answered).
    public var serviceLevel: Double
    /// Share of calls that must wait (all agents busy on arrival).
    public var probabilityOfWait: Double
    /// Mean wait in seconds over all offered calls (Erlang A: including the waits of callers who hang up).
    public var averageSpeedOfAnswer: Double
    /// Carried load per agent, 0 … 1.
    public var occupancy: Double
    /// Share of calls abandoned (always 0 for Erlang C).
    public var abandonment: Double

    init(serviceLevel: Double, probabilityOfWait: Double, averageSpeedOfAnswer: Double, occupancy: Double,
                abandonment: Double) {
        self.serviceLevel = serviceLevel
        self.probabilityOfWait = probabilityOfWait
        self.averageSpeedOfAnswer = averageSpeedOfAnswer
        self.occupancy = occupancy
        self.abandonment = abandonment
    }

    /// The measures when no caller ever waits (no load, or servers far above the load).
    static let idle = QueueMetrics(serviceLevel: 1, probabilityOfWait: 0, averageSpeedOfAnswer: 0,
                                          occupancy: 0, abandonment: 0)
    /// The measures of an overloaded Erlang C queue (N ≤ A): it never reaches a steady state.
    static let unstable = QueueMetrics(serviceLevel: 0, probabilityOfWait: 1,
                                              averageSpeedOfAnswer: .infinity, occupancy: 1, abandonment: 0)
}

/// The queueing model of one interval.
public enum QueueModel: Sendable, Hashable {
    /// Erlang C: callers never hang up.
    case erlangC
    /// Erlang A: callers hang up after an exponentially distributed patience with this mean, in seconds.
    case erlangA(patienceSeconds: Double)

    /// Erlang A when a finite positive patience is given, else Erlang C.
    init(patienceSeconds: Double?) {
        if let p = patienceSeconds, p.isFinite, p > 0 { self = .erlangA(patienceSeconds: p) } else { self = .erlangC }
    }
}

public enum Erlang {
    /// Erlang B below this has underflowed: servers so far above the load that nobody waits.
    static let erlangBUnderflow = 1e-300
    /// The Erlang A sums are rescaled (by its inverse) when a term grows beyond this, before it overflows.
    static let rescaleAbove = 1e250
    /// A term smaller than this share of the sum so far changes no digit of a Double: the sum stops.
    static let negligibleTerm = 1e-17

    /// Offered load A = calls × handle time / interval length, in erlangs (0 for invalid input).
    public static func load(calls: Double, handleSeconds: Double, intervalSeconds: Double) -> Double {
        guard calls.isFinite, handleSeconds.isFinite, intervalSeconds.isFinite,
              calls > 0, handleSeconds > 0, intervalSeconds > 0 else { return 0 }
        let a = calls * handleSeconds / intervalSeconds
        return a.isFinite ? a : 0
    }

    /// Erlang B blocking probability B(n, A) by the forward recursion B(k) = A·B(k−1) / (k + A·B(k−1)),
    /// B(0) = 1. Every step stays in [0, 1]: no factorials, no overflow.
    static func b(servers n: Int, load a: Double) -> Double {
        guard a > 0, a.isFinite else { return n <= 0 ? 1 : 0 }
        var b = 1.0
        if n <= 0 { return 1 }
        for k in 1...n { b = a * b / (Double(k) + a * b) }
        return b
    }

    /// Erlang C probability of wait C(n, A) = n·B / (n − A·(1 − B)); 1 when n ≤ A.
    static func c(servers n: Int, load a: Double) -> Double {
        guard a > 0, a.isFinite else { return 0 }
        guard Double(n) > a else { return 1 }
        return probabilityOfWait(servers: n, load: a, erlangB: b(servers: n, load: a))
    }

    static func probabilityOfWait(servers n: Int, load a: Double, erlangB bn: Double) -> Double {
        let nd = Double(n)
        let c = nd * bn / (nd - a * (1 - bn))
        return min(max(c, 0), 1)
    }

    /// Erlang C measures for `n` agents, given the Erlang B value B(n, A) already computed.
    static func erlangCMetrics(servers n: Int, load a: Double, erlangB bn: Double, handleSeconds: Double,
                               answerSeconds: Double) -> QueueMetrics {
        guard a > 0 else { return .idle }
        let nd = Double(n)
        guard nd > a else { return .unstable }
        let c = probabilityOfWait(servers: n, load: a, erlangB: bn)
        let sl = 1 - c * exp(-(nd - a) * max(answerSeconds, 0) / handleSeconds)
        let asa = c * handleSeconds / (nd - a)
        return QueueMetrics(serviceLevel: min(max(sl, 0), 1), probabilityOfWait: c, averageSpeedOfAnswer: asa,
                            occupancy: a / nd, abandonment: 0)
    }

    /// Queue measures of one interval with `agents` on the phones.
    static func metrics(calls: Double, handleSeconds: Double, intervalSeconds: Double, agents: Int,
                               answerSeconds: Double, model: QueueModel = .erlangC) -> QueueMetrics {
        let a = load(calls: calls, handleSeconds: handleSeconds, intervalSeconds: intervalSeconds)
        guard a > 0 else { return .idle }
        guard agents > 0 else {
            switch model {
            case .erlangC: return .unstable
            case .erlangA: return QueueMetrics(serviceLevel: 0, probabilityOfWait: 1,
                                               averageSpeedOfAnswer: patienceOf(model), occupancy: 0, abandonment: 1)
            }
        }
        let bn = b(servers: agents, load: a)
        switch model {
        case .erlangC:
            return erlangCMetrics(servers: agents, load: a, erlangB: bn, handleSeconds: handleSeconds,
                                  answerSeconds: answerSeconds)
        case .erlangA(let patience):
            return erlangAMetrics(servers: agents, load: a, erlangB: bn, handleSeconds: handleSeconds,
                                  patienceSeconds: patience, answerSeconds: answerSeconds)
        }
    }

    private static func patienceOf(_ model: QueueModel) -> Double {
        if case .erlangA(let p) = model { return p }
        return .infinity
    }

    /// Erlang A (M/M/n+M) measures for `n` agents; `bn` is Erlang B B(n, A).
    ///
    /// With x = nμ/θ, y = λ/θ, the stationary probabilities above n are π(n+j) = π(n)·y^j / ((x+1)…(x+j)),
    /// and below n they sum (relative to π(n)) to 1/B − 1. A caller who finds j others queued is
    /// served without abandoning with probability x/(x+j+1), and within T with probability
    /// x/(x+j+1) · I_p(j+1, x+1), p = 1 − e^{−θT} (regularised incomplete beta): see Docs/staffing.md.
    static func erlangAMetrics(servers n: Int, load a: Double, erlangB bn: Double, handleSeconds: Double,
                               patienceSeconds: Double, answerSeconds: Double) -> QueueMetrics {
        guard a > 0 else { return .idle }
        guard n > 0 else {
            return QueueMetrics(serviceLevel: 0, probabilityOfWait: 1, averageSpeedOfAnswer: patienceSeconds,
                                occupancy: 0, abandonment: 1)
        }
        // Servers so far above the load that Erlang B underflows: nobody waits.
        guard bn > Self.erlangBUnderflow else {
            return QueueMetrics(serviceLevel: 1, probabilityOfWait: 0, averageSpeedOfAnswer: 0,
                                occupancy: a / Double(n), abandonment: 0)
        }
        let mu = 1 / handleSeconds
        let theta = 1 / patienceSeconds
        let lambda = a * mu
        let x = Double(n) * mu / theta
        let y = lambda / theta
        let t = max(answerSeconds, 0)
        // p = 1 − e^{−θT}; the beta terms are carried in logs, since (1−p)^(x+1) underflows for large n·T/AHT.
        let p = -expm1(-theta * t)
        let logP = p > 0 ? log(p) : -Double.infinity
        let bParam = x + 1
        // I_p(1, b) = 1 − (1−p)^b; I_p(k+1, b) = I_p(k, b) − τ_k, τ_1 = b·p·(1−p)^b, τ_{k+1} = τ_k · p(k+b)/(k+1).
        var incBeta = p > 0 ? -expm1(-theta * t * bParam) : 0
        var logTau = p > 0 ? log(bParam) + logP - theta * t * bParam : -Double.infinity

        // Sums relative to π(n), rescaled whenever the terms grow large (overloaded queues).
        var low = 1 / bn - 1            // Σ_{k<n} π(k) / π(n): callers answered at once
        var weight = 1.0                // π(n+j) / π(n)
        var total = 0.0                 // Σ_j weight
        var answeredInTime = 0.0        // Σ_j weight · x/(x+j+1) · I_p(j+1, x+1)
        var abandoned = 0.0             // Σ_j weight · (j+1)/(x+j+1)
        var j = 0
        let peak = max(y - x, 0)
        let maxTerms = 50_000_000
        while j < maxTerms {
            let jd = Double(j)
            let served = x / (x + jd + 1)
            total += weight
            answeredInTime += weight * served * incBeta
            abandoned += weight * (jd + 1) / (x + jd + 1)
            // next incomplete-beta value I_p(j+2, x+1)
            if incBeta > 0 {
                incBeta = max(incBeta - exp(logTau), 0)
                logTau += logP + log(jd + 1 + bParam) - log(jd + 2)
            }
            j += 1
            weight *= y / (x + Double(j))
            if weight > Self.rescaleAbove {
                let s = 1 / Self.rescaleAbove
                weight *= s; total *= s; answeredInTime *= s; abandoned *= s; low *= s
            }
            if Double(j) > peak && (weight < Self.negligibleTerm * total || weight == 0) { break }
        }
        let denominator = low + total
        guard denominator > 0, denominator.isFinite else { return .idle }
        let sl = (low + answeredInTime) / denominator
        let pAbandon = abandoned / denominator
        let pWait = total / denominator
        let asa = pAbandon * patienceSeconds      // E[W] = P(Ab)/θ (Little's law on the queue)
        let occupancy = a * (1 - pAbandon) / Double(n)
        return QueueMetrics(serviceLevel: min(max(sl, 0), 1), probabilityOfWait: min(max(pWait, 0), 1),
                            averageSpeedOfAnswer: max(asa, 0), occupancy: min(max(occupancy, 0), 1),
                            abandonment: min(max(pAbandon, 0), 1))
    }
}
