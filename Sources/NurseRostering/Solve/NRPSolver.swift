// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Search
import Solver

/// The tuning of a benchmark solve. Every field but the run's own (time limit, cancellation, log) is a
/// documented parameter: `roster nrp solve --list-params`, `--param name=value` (``NRPSolveOptions/registry``).
public struct NRPSolveOptions: Sendable {
    /// Wall-clock seconds for the whole solve.
    var timeLimit: Double
    /// Models with at most this many x columns get GLPK's branch and cut on the whole model at the end
    /// (warm-started), after fix-and-optimize.
    var directColumnLimit = 1_000
    /// Options for GLPK's branch and cut on the whole model.
    var gomoryCuts = false
    var mirCuts = true
    var coverCuts = true
    var cliqueCuts = true
    var feasibilityPump = false
    var proximitySearch = false
    var branching = BranchingRule.hybridPseudoCost
    /// Free x columns a fix-and-optimize neighbourhood starts with (it adapts).
    var neighbourhoodSize = 150
    /// Share of the time given to the full MIP after fix-and-optimize on models above `directColumnLimit` (0: none).
    var finalMIPShare = 0.0
    /// Share of the time fix-and-optimize gets before the full MIP on models under `directColumnLimit`.
    var directFixAndOptimizeShare = 0.5
    /// Models with at most this many x columns skip fix-and-optimize.
    var tinyColumnLimit = 150
    /// Column generation over employee schedules (bound, dives, best response, an integer master).
    public var columnGeneration = true
    /// Shares of the time left for column generation and for the integer master after it.
    var columnGenerationShare = 0.5
    var integerMasterShare = 0.05
    /// The same on large models (above `compactLPColumnLimit` x columns), where the best response gets the
    /// rest: on a generated 364 × 150 × 32 instance at 570 s, column generation at 20 % of the time instead
    /// of 50 % left the best response 226 s instead of 141 s and ended at 145 445 instead of 167 926.
    var largeColumnGenerationShare = 0.2
    var largeDiveShare = 0.25
    /// The integer master is skipped on instances with more cover rows than this (GLPK's root ignores
    /// the time limit on such masters).
    var integerMasterRowLimit = 4_000
    /// The compact LP relaxation (a weak bound, see Docs/nrp.md) is skipped above this many x columns.
    var compactLPColumnLimit = 200_000
    /// Share of the time left after the column generation for the dives.
    var diveShare = 0.5
    /// Share of the time left after the dives for the best response on small instances (it usually stops
    /// sooner, at a local optimum); large ones give it all the time left.
    var bestResponseShare = 0.2
    /// Best response also takes equally cheap moves, until this many passes in a row gain nothing (0: only
    /// strict gains).
    var bestResponseSidewaysPasses = 3
    /// Times a schedule dive may undo a fixing that cost the master LP a unit of cover.
    var diveBacktracks = 10
    /// Seconds per pricing MIP, and threads for pricing, best response and neighbourhoods.
    var pricingTimeLimit = 2.0
    var pricingThreads = 2
    /// Wentges dual smoothing factor of the column generation (0: off).
    var dualSmoothing = 0.5
    /// Random tie-breaking costs in neighbourhoods (walks plateaus, but stops GLPK rounding bounds).
    var noise = false
    /// Log every neighbourhood, dive node and column-generation round.
    var debug = false
    var seed: UInt64
    public var cancellation: CancellationFlag?
    /// Called with a line of progress now and then.
    public var log: (@Sendable (String) -> Void)?

    public init(timeLimit: Double = 60, seed: UInt64 = 1, cancellation: CancellationFlag? = nil, log: (@Sendable (String) -> Void)? = nil) {
        self.timeLimit = timeLimit
        self.seed = seed
        self.cancellation = cancellation
        self.log = log
    }

    var cuts: CutOptions {
        CutOptions(gomory: gomoryCuts, mixedIntegerRounding: mirCuts, cover: coverCuts, clique: cliqueCuts)
    }
}

public struct NRPSolveResult: Sendable {
    public var roster: NRPRoster
    /// The objective as the model computes it.
    public var objective: Int
    /// A lower bound on the optimum (the objective is an integer, so bounds are rounded up; never clamped).
    public var bound: Int?
    public var boundSource: BoundSource
    public var provenOptimal: Bool { bound.map { $0 >= objective } ?? false }
    public var gap: Double? { Gap.relative(objective: Double(objective), bound: bound.map(Double.init)) }
    public var elapsed: Double
    var phases: [PhaseRecord]
    public var log: [String]
}

/// The state the benchmark solve's phases share.
struct NRPSearch {
    let nrp: NRPModel
    let options: NRPSolveOptions
    /// Above `compactLPColumnLimit` x columns: no compact LP, and the best response fills the cover.
    let large: Bool
    let origin: Date
    var incumbent: Incumbent<NRPRoster>
    /// The schedule pool of the column generation (nil until seeded).
    var pool: NRPColumnGeneration?
    var converged = false
    /// A fractional point of the compact model (column generation's, else the LP's) for RINS.
    var lpValues: [Double]?
    var log: [String] = []

    init(_ nrp: NRPModel, options: NRPSolveOptions, origin: Date) {
        self.nrp = nrp
        self.options = options
        self.origin = origin
        large = nrp.xCount > options.compactLPColumnLimit
        let model = nrp.model
        incumbent = Incumbent { roster in
            let v = nrp.values(roster)
            return Evaluation(objective: model.objectiveValue(v), violation: model.maxViolation(v))
        }
    }

    mutating func note(_ line: String) {
        let stamped = String(format: "%6.1f s  ", Date().timeIntervalSince(origin)) + line
        log.append(stamped)
        options.log?(stamped)
    }
    var objective: Int { Int(incumbent.objective.rounded()) }
    var closed: Bool { incumbent.isClosed(integral: true) }
    /// Raises the bound to a real-valued bound rounded up (the optimum is an integer).
    mutating func raise(_ value: Double, _ source: BoundSource) {
        incumbent.raiseBound((value - Tolerance.boundRounding).rounded(.up), source: source)
    }
}

/// Solves an instance as a table of phases (Docs/nrp.md): column generation over employee schedules
/// (first schedules, then the master LP with exact pricing: the bound), dives, iterated best response
/// and an integer master over the pool; a constructive roster if none came; the compact LP when column
/// generation did not converge; fix-and-optimize with the shared engine; GLPK's branch and cut on small
/// models; local search over the pool.
public enum NRPSolver {
    public static func solve(_ nrp: NRPModel, options: NRPSolveOptions = NRPSolveOptions()) throws(NRPError) -> NRPSolveResult {
        // Phase starts and ends (and fix-and-optimize's gains) go to the log as they happen.
        var sink: (@Sendable (SearchProgress) -> Void)? = nil
        if let log = options.log { sink = { @Sendable p in log(progressLine(p)) } }
        let budget = Budget(seconds: options.timeLimit, cancellation: options.cancellation, progress: sink)
        var s = NRPSearch(nrp, options: options, origin: budget.origin)
        s.note("model: \(nrp.xCount) x columns, \(nrp.model.columnCount) columns, \(nrp.model.rowCount) rows, \(nrp.model.nonZeroCount) non-zeros")
        let o = options
        let direct = nrp.xCount <= o.directColumnLimit
        let finalShare = direct ? 1 - o.directFixAndOptimizeShare : max(0, min(1, o.finalMIPShare))
        let withPool: (NRPSearch) -> Bool = { $0.pool != nil }
        let plan = PhasePlan<NRPSearch, NRPError>([
            Phase("construct", share: 0.5, when: { !$0.options.columnGeneration }, run: construct),
            Phase("first schedules", share: 0.5, when: { $0.options.columnGeneration }, run: firstSchedules),
            Phase("column generation", share: s.large ? o.largeColumnGenerationShare : o.columnGenerationShare, when: withPool,
                  run: columnGeneration),
            Phase("dives", share: s.large ? o.largeDiveShare : o.diveShare, when: withPool, run: dives),
            Phase("best response", share: s.large ? 1 : o.bestResponseShare,
                  when: { $0.pool != nil && $0.incumbent.hasSolution }, run: bestResponse),
            Phase("integer master", share: o.integerMasterShare / max(0.05, 1 - o.columnGenerationShare),
                  when: { $0.pool != nil && $0.nrp.instance.cover.count <= $0.options.integerMasterRowLimit }, run: integerMaster),
            Phase("construct", share: 0.5, when: { !$0.incumbent.hasSolution }, run: construct),
            Phase("LP bound", share: 0.2, when: { !$0.converged && $0.nrp.xCount <= $0.options.compactLPColumnLimit }, run: compactLP),
            Phase("fix-and-optimize", share: 1 - finalShare, when: { $0.nrp.xCount > $0.options.tinyColumnLimit }, run: fixAndOptimize),
            Phase("branch and cut", share: 1, when: { _ in direct || finalShare > 0 }, run: branchAndCut),
            Phase("pool local search", share: 1, finishing: true, when: withPool, run: poolLocalSearch),
        ], measure: { ($0.incumbent.hasSolution ? $0.incumbent.objective : nil, $0.incumbent.bound) }, isFinished: { $0.closed })
        let records = try plan.run(&s, budget: budget)
        guard let roster = s.incumbent.solution else {
            throw .noScheduleInTime(nrp.instance.employees.first?.id ?? "?")
        }
        return NRPSolveResult(roster: roster, objective: s.objective, bound: s.incumbent.bound.map { Int($0.rounded()) },
                              boundSource: s.incumbent.boundSource, elapsed: budget.elapsed, phases: records,
                              log: s.log + records.map(\.line))
    }

    /// Each employee in turn, the rest fixed (those not yet scheduled are off), each a small MIP.
    static func construct(_ s: inout NRPSearch, _ budget: Budget) throws(NRPError) -> String {
        let instance = s.nrp.instance, model = s.nrp.model
        let E = instance.employees.count, h = instance.horizon
        var roster = NRPRoster(employees: E, horizon: h)
        var values = s.nrp.values(roster)
        let order = (0..<E).sorted { flexibility(instance, $0) < flexibility(instance, $1) }
        for e in order {
            let restricted = RestrictedModel(model, isFree: s.nrp.mask(employees: [e], days: Array(0..<h)), values: values)
            let r = try solveMIP(restricted.model, SolveOptions(timeLimit: budget.capped(min(5, budget.remaining / 4)).seconds(floor: 0.5),
                                                                relativeGap: 1e-4, branching: .hybridPseudoCost, cancellation: budget.cancellation))
            guard let v = r.values else {
                if r.status == .infeasible { throw .employeeInfeasible(instance.employees[e].id) }
                throw .noScheduleInTime(instance.employees[e].id)
            }
            roster.shift[e] = s.nrp.roster(restricted.lift(v)).shift[e]
            values = s.nrp.values(roster)
        }
        guard s.incumbent.adopt(roster) || s.incumbent.hasSolution else {
            throw .solver(.glpkFailure("constructed roster violates the model (max violation \(model.maxViolation(values)))"))
        }
        return "objective \(s.objective)"
    }

    /// Every employee's first schedule in the pool (a tenth of the phase, then the rest if some are missing).
    static func firstSchedules(_ s: inout NRPSearch, _ budget: Budget) throws(NRPError) -> String {
        var cg = NRPColumnGeneration(s.nrp)
        var seeded = try cg.seed(budget: budget.share(0.2), threads: s.options.pricingThreads)
        if !seeded, budget.hasTime() { seeded = try cg.seed(budget: budget, threads: s.options.pricingThreads) }
        guard seeded else { return "no first schedule for every employee in time" }
        s.pool = cg
        return "\(cg.columnCount) schedules"
    }

    /// Column generation to convergence or the end of its share: the bound, and a rounded pool roster.
    static func columnGeneration(_ s: inout NRPSearch, _ budget: Budget) throws(NRPError) -> String {
        let o = s.options
        let r = try s.pool!.run(NRPColumnGenerationOptions(pricingTimeLimit: o.pricingTimeLimit, smoothing: o.dualSmoothing,
                                                           threads: o.pricingThreads), budget: budget)
        if o.debug { r.log.forEach { s.note("  " + $0) } }
        s.converged = r.converged
        if let rounded = r.roster, let value = r.rosterObjective { s.incumbent.adopt(rounded, claimed: Double(value)) }
        // Every cost is non-negative, so a bound below 0 says nothing.
        if let lb = r.lowerBound, lb > 0 { s.raise(lb, r.converged ? .columnGeneration : .lagrangian) }
        s.lpValues = r.compactValues
        return String(format: "%d iterations, %d columns, master LP %@, bound %@ (%@)", r.iterations, r.columns,
                      r.masterLP.map { String(format: "%.2f", $0) } ?? "—", r.lowerBound.map { String(format: "%.2f", $0) } ?? "—",
                      r.converged ? "converged" : "not converged")
    }

    /// Dives in turn while their share lasts: on schedules (λ above 0.9 per node; fast), on cells (x̄ near
    /// 1; finer), and a stricter one on schedules (integral λ only); from the second round on, the schedule
    /// dives avoid the best roster's schedules when choosing what to fix. Four dives in a row without a
    /// better roster end the phase.
    static func dives(_ s: inout NRPSearch, _ budget: Budget) throws(NRPError) -> String {
        let threads = s.options.pricingThreads
        var dives = 0, stale = 0
        var bestChoice: [Int]? = nil
        var trace: [String] = []
        let diveLog: ((String) -> Void)? = s.options.debug ? { trace.append("  " + $0) } : nil
        while budget.hasTime(0.5), !s.closed, stale < 4 {
            let kind = dives % 3
            let found: (choice: [Int], objective: Int)?
            if kind == 1 {
                found = try s.pool!.cellDive(budget: budget, threads: threads, log: diveLog)
            } else {
                let strict = kind == 2
                found = try s.pool!.priceAndDive(budget: budget, nodeIterations: strict ? 12 : 8, fixThreshold: strict ? 1 - Tolerance.integrality : 0.9,
                                                 threads: threads, avoid: dives >= 3 ? bestChoice : nil, backtracks: s.options.diveBacktracks,
                                                 log: diveLog)
            }
            guard let (choice, value) = found else { break }
            dives += 1
            if s.incumbent.adopt(s.pool!.roster(choice)) { bestChoice = choice; stale = 0 } else { stale += 1 }
            if bestChoice == nil { bestChoice = choice }
            s.note("dive \(dives) (\(kind == 1 ? "cells" : kind == 2 ? "strict" : "schedules")): \(value), incumbent \(s.objective)")
        }
        trace.forEach { s.note($0) }
        return "\(dives) dives"
    }

    /// Iterated best response from the incumbent: exact one-employee moves by the programme. It stops by
    /// itself at a local optimum on small instances; on large ones it gets the rest of the time, restarted
    /// with a new seed whenever three passes in a row gained nothing.
    static func bestResponse(_ s: inout NRPSearch, _ budget: Budget) throws(NRPError) -> String {
        var current = s.incumbent.solution!
        var moves = 0, rounds: UInt64 = 0
        var trace: [String] = []
        repeat {
            let r = s.pool!.bestResponse(current, budget: budget, threads: s.options.pricingThreads, seed: s.options.seed &+ rounds,
                                         sidewaysPasses: s.options.bestResponseSidewaysPasses,
                                         log: s.options.debug ? { trace.append("  " + $0) } : nil)
            rounds += 1
            moves += r.moves
            current = r.roster
            s.incumbent.adopt(r.roster, claimed: Double(r.objective))
        } while s.large && budget.hasTime(1)
        trace.forEach { s.note($0) }
        return "\(moves) moves in \(rounds) rounds"
    }

    /// GLPK's branch and cut over the schedule pool, warm-started with the incumbent.
    static func integerMaster(_ s: inout NRPSearch, _ budget: Budget) throws(NRPError) -> String {
        let start = s.incumbent.solution
        guard let m = try s.pool!.solveInteger(incumbent: start, budget: budget) else { return "no solution" }
        s.incumbent.adopt(m.roster)
        return "\(s.pool!.columnCount) columns: \(m.status), objective \(m.objective)"
    }

    /// The compact model's LP relaxation: a bound when column generation did not converge, and a
    /// fractional point for RINS.
    static func compactLP(_ s: inout NRPSearch, _ budget: Budget) throws(NRPError) -> String {
        let lp = try solveLP(s.nrp.model, SolveOptions(timeLimit: budget.seconds(), cancellation: budget.cancellation))
        guard lp.status == .optimal, let b = lp.objective else { return "\(lp.status)" }
        if s.lpValues == nil { s.lpValues = lp.values }
        s.raise(b, .fullRelaxation)
        return String(format: "%.3f", b)
    }

    /// Fix-and-optimize with the shared engine over the benchmark's neighbourhoods.
    static func fixAndOptimize(_ s: inout NRPSearch, _ budget: Budget) throws(NRPError) -> String {
        guard s.incumbent.hasSolution else { return "no roster to improve" }
        var problem = NRPNeighbourhoods(s.nrp, lpValues: s.lpValues, noise: s.options.noise)
        var trace: [String] = []
        let stats = NeighbourhoodSearch.run(&problem, incumbent: &s.incumbent, options: NeighbourhoodSearchOptions(
            initialSize: Double(s.options.neighbourhoodSize), maximumSize: 0.7 * Double(s.nrp.xCount),
            hoodSeconds: max(1, min(3, s.options.timeLimit / 30)), threads: s.options.pricingThreads, sideways: true,
            integral: true, seed: s.options.seed), budget: budget, log: { trace.append($0) })
        if s.options.debug { trace.forEach { s.note("  " + $0) } }
        return stats.summary
    }

    /// GLPK's branch and cut on the whole model, warm-started: a bound and, given time, the optimum.
    static func branchAndCut(_ s: inout NRPSearch, _ budget: Budget) throws(NRPError) -> String {
        let part = budget.leaving(0.2)
        guard part.hasTime(0.5) else { return "no time" }
        let o = s.options
        let r = try solveMIP(s.nrp.model, SolveOptions(
            timeLimit: part.seconds(), relativeGap: 1e-9, cuts: o.cuts, feasibilityPump: o.feasibilityPump,
            proximitySearch: o.proximitySearch, branching: o.branching, backtracking: .bestLocalBound,
            warmStart: s.incumbent.solution.map { s.nrp.values($0) }, cancellation: budget.cancellation))
        if let v = r.values { s.incumbent.adopt(s.nrp.roster(v)) }
        if r.status == .optimal, s.incumbent.hasSolution {
            s.incumbent.raiseBound(s.incumbent.objective, source: .branchAndBound)
        } else if let b = r.bound {
            s.raise(b, .branchAndBound)
        }
        return "\(r.status), objective \(s.objective)"
    }

    /// Local search over the schedule pool from the final incumbent (its schedules added).
    static func poolLocalSearch(_ s: inout NRPSearch, _ budget: Budget) throws(NRPError) -> String {
        guard let roster = s.incumbent.solution, !s.closed else { return "skipped" }
        s.pool!.add(roster)
        let cg = s.pool!
        let choice = roster.shift.enumerated().map { e, row in cg.schedules[e].firstIndex(of: row)! }
        let (better, value) = cg.improve(choice)
        s.incumbent.adopt(cg.roster(better), claimed: Double(value))
        return "objective \(s.objective)"
    }

    /// A progress line for the log: elapsed time, phase, what it did, incumbent and bound.
    static func progressLine(_ p: SearchProgress) -> String {
        let incumbent = p.incumbent.map { String(Int($0.rounded())) } ?? "—"
        let bound = p.bound.map { String(Int($0.rounded())) } ?? "—"
        return String(format: "%6.1f s  ", p.elapsed) + "\(p.phase): \(p.note) (incumbent \(incumbent), bound \(bound))"
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
