// SPDX-License-Identifier: GPL-3.0-or-later

/// The relative optimality gap, in exactly one definition for the whole product:
/// `(objective − bound) / max(|objective − penalty|, 1)`.
///
/// The denominator is the objective (what a lead reads as "within X % of the best possible") without
/// `penalty`, what it pays for broken rules (0 for a solution that keeps every rule): a roster that
/// must break a rule no roster can keep pays a penalty far larger than its real costs, and measured
/// against it any roster would look optimal (0.02 % for one a third above its bound in real costs). It
/// is at least 1, so that an objective near zero does not give an infinite gap. A negative gap would
/// mean a bound above a feasible objective, that is a broken bound: it is returned as it is, never hidden.
public enum Gap {
    public static func relative(objective: Double?, bound: Double?, penalty: Double = 0) -> Double? {
        guard let objective, let bound, objective.isFinite, bound.isFinite else { return nil }
        let p = penalty.isFinite ? max(0, penalty) : 0
        return (objective - bound) / max(abs(objective - p), 1)
    }
}

/// Where a lower bound comes from (typed, so that no report decodes prose).
public enum BoundSource: String, Sendable, Codable, CaseIterable {
    case none = "none"
    /// The LP relaxation of the full model, solved directly.
    case fullRelaxation = "full-lp"
    /// Branch and bound on the shift-count model (agents pooled), a relaxation of the full model.
    case shiftCountModel = "shift-counts"
    /// Column generation: the master LP at convergence (at least the full model's LP relaxation).
    case columnGeneration = "column-generation"
    /// A Lagrangian bound: at some prices of the coupling rows (column generation's before convergence, or
    /// the pooled model's LP duals), every agent's cheapest schedule with all their rules, plus the prices'
    /// share of the requirements (for column generation: the master LP plus every agent's most negative reduced cost).
    case lagrangian = "lagrangian"
    /// GLPK's branch and cut on the full model.
    case branchAndBound = "branch-and-bound"

    /// The sentence a report prints.
    public var sentence: String {
        switch self {
        case .none: return "none"
        case .fullRelaxation: return "LP relaxation of the full model"
        case .shiftCountModel: return "shift-count relaxation (agents pooled), solved by branch and bound"
        case .columnGeneration: return "column generation: master LP at convergence"
        case .lagrangian: return "Lagrangian bound: each agent's cheapest schedule under all their rules, at coverage prices"
        case .branchAndBound: return "branch and cut on the full model"
        }
    }
}

/// How a candidate solution measures: its objective and its largest rule violation.
public struct Evaluation: Sendable, Equatable {
    public var objective: Double
    var violation: Double
    public init(objective: Double, violation: Double) {
        self.objective = objective
        self.violation = violation
    }
    public var isFeasible: Bool { violation <= Tolerance.feasibility }
}

/// The best solution a search has, its objective and the best lower bound it knows.
///
/// Every candidate goes through ``adopt(_:)``, which evaluates it with the model's own objective and
/// rows and takes it only when it keeps every row and is strictly better. The bound only rises, and it
/// is never clamped to the objective: a bound above a feasible objective is a bug that tests must see.
public struct Incumbent<Solution: Sendable>: Sendable {
    public private(set) var solution: Solution?
    public private(set) var objective: Double = .infinity
    /// The objective's parts of the incumbent, named (computed when a solution is taken, not for every
    /// candidate; empty without `describe`).
    public private(set) var parts: [String: Double] = [:]
    public private(set) var bound: Double?
    public private(set) var boundSource: BoundSource = .none
    /// Candidates taken (each strictly better than the one before).
    private(set) var improvements = 0
    let evaluate: @Sendable (Solution) -> Evaluation
    let describe: (@Sendable (Solution) -> [String: Double])?

    public init(evaluate: @escaping @Sendable (Solution) -> Evaluation, describe: (@Sendable (Solution) -> [String: Double])? = nil) {
        self.evaluate = evaluate
        self.describe = describe
    }

    public var hasSolution: Bool { solution != nil }
    public var gap: Double? {
        Gap.relative(objective: objective.isFinite ? objective : nil, bound: bound, penalty: penalty)
    }
    /// What the incumbent pays for broken rules (its `describe` part named ``penaltyPart``; 0 without one).
    public var penalty: Double { parts[Self.penaltyPart] ?? 0 }
    /// The name of the part of `describe` that is the objective's penalty for broken rules (the gap's
    /// denominator leaves it out).
    public static var penaltyPart: String { "rules" }
    /// The bound proves the incumbent optimal (within the integrality of the objective for integer
    /// objectives: pass `integral`).
    public func isClosed(integral: Bool = false) -> Bool {
        guard let bound, objective.isFinite else { return false }
        let b = integral ? (bound - Tolerance.boundRounding).rounded(.up) : bound
        return b >= objective - Tolerance.improvement
    }
    /// The gap is at most `target`.
    public func meets(gap target: Double) -> Bool { gap.map { $0 <= target } ?? false }

    /// Takes `candidate` when it keeps every row and its objective is strictly lower; with `claimed`,
    /// only if the model's objective also equals that value (a heuristic's own count).
    @discardableResult
    public mutating func adopt(_ candidate: Solution, claimed: Double? = nil) -> Bool {
        let e = evaluate(candidate)
        if let claimed, abs(e.objective - claimed) > Tolerance.improvement { return false }
        return adopt(candidate, evaluated: e)
    }

    /// `adopt` for a candidate already evaluated with ``evaluation(of:)``.
    mutating func adopt(_ candidate: Solution, evaluated e: Evaluation) -> Bool {
        guard e.isFeasible, e.objective < objective - Tolerance.improvement else { return false }
        take(candidate, e)
        improvements += 1
        return true
    }

    private mutating func take(_ candidate: Solution, _ e: Evaluation) {
        solution = candidate
        objective = e.objective
        parts = describe?(candidate) ?? [:]
    }

    /// Takes `candidate` even if it is not better (a first solution that may break rules, or a sideways
    /// move); returns its evaluation.
    @discardableResult
    public mutating func replace(with candidate: Solution) -> Evaluation {
        let e = evaluate(candidate)
        take(candidate, e)
        return e
    }

    /// `replace` for a candidate already evaluated with ``evaluation(of:)``.
    mutating func replace(with candidate: Solution, evaluated e: Evaluation) {
        take(candidate, e)
    }

    /// Raises the bound to `value` if it is higher than the one known; returns whether it did.
    @discardableResult
    public mutating func raiseBound(_ value: Double, source: BoundSource) -> Bool {
        guard value.isFinite, value > (bound ?? -.infinity) else { return false }
        bound = value
        boundSource = source
        return true
    }

    /// Evaluates a solution with the incumbent's measure.
    func evaluation(of candidate: Solution) -> Evaluation { evaluate(candidate) }
}
