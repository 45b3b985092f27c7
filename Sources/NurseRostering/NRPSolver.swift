// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Solver

public struct NRPSolveOptions: Sendable {
    /// Wall-clock seconds for the whole solve.
    public var timeLimit: Double
    /// Solve the whole model as one MIP (warm-started from the constructed roster) when it has at most
    /// this many x columns; larger models get fix-and-optimize first.
    public var directColumnLimit: Int
    /// Options for GLPK's branch and cut on the whole model.
    public var cuts: CutOptions
    public var feasibilityPump: Bool
    public var proximitySearch: Bool
    public var branching: BranchingRule
    public var backtracking: BacktrackingRule
    /// Free x columns a fix-and-optimize neighbourhood starts with (it adapts).
    public var neighbourhoodSize: Int
    /// Share of the time given to the full MIP after fix-and-optimize on large models (0: none).
    public var finalMIPShare: Double
    public var seed: UInt64
    public var cancellation: CancellationFlag?
    /// Called with a line of progress now and then.
    public var log: (@Sendable (String) -> Void)?

    public init(timeLimit: Double = 60, directColumnLimit: Int = 1_000, cuts: CutOptions = CutOptions(gomory: false, mixedIntegerRounding: true, cover: true, clique: true),
                feasibilityPump: Bool = false, proximitySearch: Bool = false, branching: BranchingRule = .hybridPseudoCost,
                backtracking: BacktrackingRule = .bestLocalBound, neighbourhoodSize: Int = 500, finalMIPShare: Double = 0,
                seed: UInt64 = 1, cancellation: CancellationFlag? = nil, log: (@Sendable (String) -> Void)? = nil) {
        self.timeLimit = timeLimit
        self.directColumnLimit = directColumnLimit
        self.cuts = cuts
        self.feasibilityPump = feasibilityPump
        self.proximitySearch = proximitySearch
        self.branching = branching
        self.backtracking = backtracking
        self.neighbourhoodSize = neighbourhoodSize
        self.finalMIPShare = finalMIPShare
        self.seed = seed
        self.cancellation = cancellation
        self.log = log
    }
}

/// Which relaxation the reported lower bound comes from.
public enum NRPBoundSource: String, Sendable {
    case branchAndBound = "GLPK branch and cut on the full model"
    case lpRelaxation = "LP relaxation of the full model, rounded up"
    case none = "none"
}

public struct NRPSolveResult: Sendable {
    public var roster: NRPRoster
    /// The objective as the model computes it.
    public var objective: Int
    /// A lower bound on the optimum.
    public var bound: Int?
    public var boundSource: NRPBoundSource
    public var provenOptimal: Bool { bound.map { $0 >= objective } ?? false }
    public var elapsed: Double
    public var log: [String]
}

/// Solves an instance: a constructive roster (one employee at a time, each a small MIP against the cover
/// left by the others), the LP relaxation for a bound, then either GLPK's branch and cut on the whole
/// model (small instances) or fix-and-optimize over groups of employees and windows of days.
public enum NRPSolver {
    public static func solve(_ nrp: NRPModel, options: NRPSolveOptions = NRPSolveOptions()) throws(NRPError) -> NRPSolveResult {
        let start = Date()
        let deadline = start.addingTimeInterval(options.timeLimit)
        func left() -> Double { deadline.timeIntervalSinceNow }
        func cancelled() -> Bool { options.cancellation?.isCancelled == true }
        var log: [String] = []
        func note(_ line: String) {
            let stamped = String(format: "%6.1f s  ", Date().timeIntervalSince(start)) + line
            log.append(stamped)
            options.log?(stamped)
        }
        let instance = nrp.instance
        let model = nrp.model
        let E = instance.employees.count, h = instance.horizon
        var rng = NRPRandom(seed: options.seed)
        note("model: \(nrp.xCount) x columns, \(model.columnCount) columns, \(model.rowCount) rows, \(model.nonZeroCount) non-zeros")

        // 1. Construction: each employee in turn, the rest fixed (those not yet scheduled are off).
        var roster = NRPRoster(employees: E, horizon: h)
        var values = nrp.values(roster)
        let order = (0..<E).sorted { flexibility(instance, $0) < flexibility(instance, $1) }
        for e in order {
            let restricted = RestrictedModel(model, isFree: nrp.mask(employees: [e], days: Array(0..<h)), values: values)
            let r = try solveMIP(restricted.model, SolveOptions(timeLimit: max(1, min(5, left() / 4)), relativeGap: 1e-4,
                                                                branching: .hybridPseudoCost, cancellation: options.cancellation))
            guard let v = r.values else { throw .employeeInfeasible(instance.employees[e].id) }
            roster.shift[e] = nrp.roster(restricted.lift(v)).shift[e]
            values = nrp.values(roster)
        }
        var objective = model.objectiveValue(values)
        guard model.maxViolation(values) <= 1e-6 else {
            throw .solver(.glpkFailure("constructed roster violates the model (max violation \(model.maxViolation(values)))"))
        }
        note("constructed roster: objective \(Int(objective.rounded()))")

        // 2. Bound from the LP relaxation (the optimum is an integer, so it rounds up).
        var bound: Int? = nil
        var boundSource = NRPBoundSource.none
        if left() > 1, !cancelled() {
            let lp = try solveLP(model, SolveOptions(timeLimit: max(1, min(left() * 0.2, left() - 0.5)), cancellation: options.cancellation))
            if lp.status == .optimal, let b = lp.objective {
                bound = Int((b - 1e-6).rounded(.up))
                boundSource = .lpRelaxation
                note(String(format: "LP relaxation: %.3f → bound %d (%.1f s)", b, bound!, lp.elapsed))
            } else {
                note("LP relaxation: \(lp.status) after \(String(format: "%.1f", lp.elapsed)) s")
            }
        }
        func closed() -> Bool { bound.map { Double($0) >= objective - 1e-6 } ?? false }

        func fullMIP(_ seconds: Double) throws(NRPError) {
            guard seconds > 0.5, !closed(), !cancelled() else { return }
            let r = try solveMIP(model, SolveOptions(
                timeLimit: seconds, relativeGap: 1e-9, cuts: options.cuts, feasibilityPump: options.feasibilityPump,
                proximitySearch: options.proximitySearch, branching: options.branching, backtracking: options.backtracking,
                warmStart: values, cancellation: options.cancellation))
            if let v = r.values, let obj = r.objective, obj < objective - 1e-6, model.maxViolation(v) <= 1e-6 {
                roster = nrp.roster(v)
                values = nrp.values(roster)
                objective = model.objectiveValue(values)
            }
            if let b = r.bound {
                let rounded = Int((b - 1e-6).rounded(.up))
                if r.status == .optimal { bound = Int(objective.rounded()); boundSource = .branchAndBound }
                else if rounded > (bound ?? Int.min) { bound = rounded; boundSource = .branchAndBound }
            }
            note("branch and cut on the full model: \(r.status), objective \(Int(objective.rounded())), bound \(bound.map(String.init) ?? "—") (\(String(format: "%.1f", r.elapsed)) s)")
        }

        if nrp.xCount <= options.directColumnLimit {
            // 3a. Small: GLPK on the whole model.
            try fullMIP(left() - 0.2)
        } else {
            // 3b. Fix-and-optimize, then (optionally) the whole model warm-started.
            let finalShare = max(0, min(1, options.finalMIPShare))
            let improveUntil = Date().addingTimeInterval(left() * (1 - finalShare))
            var size = Double(options.neighbourhoodSize)
            let S = Double(instance.shifts.count)
            var solved = 0, improved = 0, stale = 0
            var kind = 0
            while improveUntil.timeIntervalSinceNow > 0.3, !cancelled(), !closed() {
                // Neighbourhood: alternate employee groups over the whole horizon, and day windows over
                // a random subset of employees sized to about `size` free x columns.
                let employees: [Int], days: [Int]
                kind = (kind + 1) % 3
                switch kind {
                case 0:
                    let g = max(2, min(E, Int((size / (Double(h) * S * 0.8)).rounded())))
                    employees = Array((0..<E).shuffled(using: &rng).prefix(g))
                    days = Array(0..<h)
                case 1:
                    let length = max(3, min(h, Int((size / (Double(E) * S * 0.8)).rounded())))
                    let first = Int.random(in: 0...(h - length), using: &rng)
                    employees = Array(0..<E)
                    days = Array(first..<(first + length))
                default:
                    let length = min(h, max(7, h / 2))
                    let g = max(2, min(E, Int((size / (Double(length) * S * 0.8)).rounded())))
                    let first = Int.random(in: 0...(h - length), using: &rng)
                    employees = Array((0..<E).shuffled(using: &rng).prefix(g))
                    days = Array(first..<(first + length))
                }
                let restricted = RestrictedModel(model, isFree: nrp.mask(employees: employees, days: days), values: values)
                let limit = min(max(2, options.timeLimit / 15), improveUntil.timeIntervalSinceNow)
                guard limit > 0.2 else { break }
                let r = try solveMIP(restricted.model, SolveOptions(timeLimit: limit, relativeGap: 1e-9,
                                                                    cuts: CutOptions(gomory: false, mixedIntegerRounding: false, cover: false, clique: true),
                                                                    branching: .hybridPseudoCost,
                                                                    warmStart: restricted.restrict(values), cancellation: options.cancellation))
                solved += 1
                if let v = r.values, let obj = r.objective, obj < objective - 1e-6 {
                    let candidate = restricted.lift(v)
                    let next = nrp.roster(candidate)
                    let nextValues = nrp.values(next)
                    let value = model.objectiveValue(nextValues)
                    if value < objective - 1e-6, model.maxViolation(nextValues) <= 1e-6 {
                        roster = next
                        values = nextValues
                        objective = value
                        improved += 1
                        stale = 0
                        note("neighbourhood \(solved) (\(employees.count) employees × \(days.count) days, \(restricted.model.columnCount) columns): objective \(Int(objective.rounded()))")
                        continue
                    }
                }
                stale += 1
                // Solved to optimality without gain: widen the neighbourhood; ran out of time: narrow it.
                if r.status == .optimal, stale % 3 == 0 { size = min(size * 1.25, Double(nrp.xCount)) }
                if r.status != .optimal { size = max(100, size * 0.8) }
            }
            note("fix-and-optimize: \(solved) neighbourhoods, \(improved) improvements, final size \(Int(size))")
            if finalShare > 0 { try fullMIP(left() - 0.2) }
        }
        if let b = bound, b > Int(objective.rounded()) { bound = Int(objective.rounded()) }
        return NRPSolveResult(roster: roster, objective: Int(objective.rounded()), bound: bound, boundSource: boundSource,
                              elapsed: Date().timeIntervalSince(start), log: log)
    }

    /// How constrained an employee is (fewer workable cells first in the construction).
    static func flexibility(_ instance: NRPInstance, _ e: Int) -> Int {
        let emp = instance.employees[e]
        return (instance.horizon - emp.daysOff.count) * emp.maxShifts.filter { $0 > 0 }.count
    }

    static func solveMIP(_ model: LinearModel, _ options: SolveOptions) throws(NRPError) -> SolveResult {
        do { return try GLPKSolver.solve(model, options: options) } catch { throw .solver(error) }
    }

    static func solveLP(_ model: LinearModel, _ options: SolveOptions) throws(NRPError) -> SolveResult {
        do { return try GLPKSolver.solve(model, options: options, relaxation: true) } catch { throw .solver(error) }
    }
}

/// SplitMix64: a small seedable generator so runs repeat for a seed.
struct NRPRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
