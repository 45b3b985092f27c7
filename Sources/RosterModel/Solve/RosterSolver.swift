import Foundation
import RosterCore
import Search
import Solver

/// The tuning of a roster solve. Every field but the run's own (time limit, cancellation, progress) is a
/// documented parameter (`roster solve --list-params`, `--param name=value`; see ``RosterSolveOptions/registry``).
public struct RosterSolveOptions: Sendable {
    /// Wall-clock seconds for the whole solve.
    public var timeLimit: Double
    /// Stop improving once the gap to the bound is at most this.
    var gapTarget: Double
    /// Solve the full model's LP relaxation for the bound when it has at most this many columns.
    var relaxationColumnLimit: Int
    public var cancellation: CancellationFlag?
    public var progress: (@Sendable (SearchProgress) -> Void)?
    /// Seed for the order of neighbourhoods (results are repeatable for a seed and one thread).
    var seed: UInt64
    /// Neighbourhoods solved at once, each on its own thread (at most the number of cores).
    var threads: Int
    /// About how many assignment columns a fix-and-optimize neighbourhood frees at first, and at most.
    var neighbourhoodColumns = 600
    var maxNeighbourhoodColumns = 2400
    /// Seconds GLPK may spend on one neighbourhood.
    var neighbourhoodSeconds = 1.0
    /// Phase shares (of the time left when the phase starts) and caps in seconds.
    var shiftCountShare = 0.2
    var shiftCountSeconds = 30.0
    var constructionShare = 0.3
    var constructionSeconds = 60.0
    var relaxationShare = 0.35
    /// The Lagrangian bound at the pooled model's LP prices (one pricing of every agent).
    var lagrangianBound = true
    /// Column generation over agents' schedules for the bound (and a roster): its share of the time left.
    var columnGenerationShare = 0.0
    /// Dual smoothing of its pricing (0: off).
    var smoothing = 0.5
    /// Column generation in the time fix-and-optimize leaves when it stops early (no roster is lost: the
    /// search had ended; the bound can only rise).
    var columnGenerationAfter = true
    /// Place breaks after the shifts are chosen (`BreakPlacement`), and the share of the time limit
    /// kept for it (at most `breakSeconds`).
    var placeBreaks = true
    var breakShare = 0.05
    var breakSeconds = 5.0
    /// Breaks that stay where they are (a re-roster's published shifts), per agent: shift start → break start.
    public var keptBreaks: [[Date: Date]]? = nil

    public init(timeLimit: Double = 60, gapTarget: Double = 0.005, relaxationColumnLimit: Int = 10_000,
                cancellation: CancellationFlag? = nil, progress: (@Sendable (SearchProgress) -> Void)? = nil,
                seed: UInt64 = 1, threads: Int = 2) {
        self.threads = threads
        self.timeLimit = timeLimit
        self.gapTarget = gapTarget
        self.relaxationColumnLimit = relaxationColumnLimit
        self.cancellation = cancellation
        self.progress = progress
        self.seed = seed
    }
}

/// The outcome of a roster solve.
public struct RosterSolution: Sendable {
    var assignment: [[Int]]
    var values: [Double]
    public var objective: Double
    public var breakdown: ObjectiveBreakdown
    /// A valid lower bound on the optimum (never clamped to the objective).
    public var bound: Double?
    public var boundSource: BoundSource
    public var gap: Double? { Gap.relative(objective: objective, bound: bound, penalty: breakdown.ruleViolations) }
    public var elapsed: Double
    var interrupted: Bool
    /// What each phase took and found, in order.
    var phases: [PhaseRecord]
    /// The solve's log (each phase's details).
    public var log: [String]
    var neighbourhoods: NeighbourhoodSearchStats
    /// `name=value` of each parameter that differs from its default (``RosterSolveOptions/registry``).
    var parameters: [String]
    /// Surplus agent-hours of the best fractional roster (converged column generation), nil when unknown.
    var relaxedSurplusHours: Double? = nil
    /// The least surplus of any roster with no shortfall (``AggregateModel/forcedSurplusModel()``), nil
    /// when not solved or when no roster covers every interval.
    var forcedSurplusHours: Double? = nil
    /// Why the solve stopped, in words: proven optimal, within the gap target, or time limit reached.
    public var stopReason: Phrase
    /// Breaks the last phase moved, per agent: option id → break start (`BreakPlacement`); the objective,
    /// bound and gap are the model's, with every break where its option puts it.
    var breaks: [[Int: Date]] = []
}

/// The state the hotline solve's phases share.
struct HotlineSearch {
    let full: RosterIntegerModel
    let options: RosterSolveOptions
    let initial: [[Int]]?
    var incumbent: Incumbent<[[Int]]>
    /// Surplus agent-hours of the best fractional roster (converged column generation).
    var relaxedSurplusHours: Double? = nil
    var forcedSurplusHours: Double? = nil
    /// Master prices from the pooled model's LP duals, where column generation starts (nil: not solved).
    var aggregatePrices: (cover: [Double], floor: [Double], handover: [Double])? = nil
    /// Whether the counts are an integer solution of the pooled model (else rounded from its relaxation, or none).
    var countsAreInteger = false
    /// The whole solve's budget (the priced construction's first pass may use all of it).
    var solveBudget: Budget? = nil
    /// Shift counts from the pooled model, handed out by the construction.
    var counts: [Int]
    var log: [String] = []
    var neighbourhoods = NeighbourhoodSearchStats()

    init(_ full: RosterIntegerModel, options: RosterSolveOptions, initial: [[Int]]?) {
        self.full = full
        self.options = options
        self.initial = initial
        counts = [Int](repeating: 0, count: full.catalog.options.count)
        incumbent = Incumbent(evaluate: { assignment in
            let v = full.completeSolution(assignment)
            return Evaluation(objective: full.model.objectiveValue(v), violation: full.model.maxViolation(v))
        }, describe: { assignment in
            let b = full.breakdown(full.completeSolution(assignment))
            return ["shortfall": b.shortfall, "surplus": b.surplus, Incumbent<[[Int]]>.penaltyPart: b.ruleViolations,
                    "preferences": b.preferences, "fairness": b.fairness, "paid hours": b.paidHours]
        })
    }
}

/// Solves the roster model as a table of phases (Docs/model.md, "Search"): shift counts with agents
/// pooled (a bound and the counts), a constructive roster, the full model's LP relaxation when small
/// enough (a tighter bound), then fix-and-optimize over windows of days and groups of agents.
public enum RosterSolver {
    /// `initial`, when given, is a roster to start from instead of the constructive one (a re-roster
    /// starts from the published roster): each agent's option ids; those that break a rule are dropped.
    public static func solve(_ full: RosterIntegerModel, options: RosterSolveOptions, initial: [[Int]]? = nil) throws(SolverError) -> RosterSolution {
        let budget = Budget(seconds: options.timeLimit, cancellation: options.cancellation, progress: options.progress)
        var state = HotlineSearch(full, options: options, initial: initial)
        state.solveBudget = budget
        let plan = PhasePlan<HotlineSearch, SolverError>([
            Phase("shift counts", share: options.shiftCountShare, run: shiftCounts),
            Phase("construct", share: options.constructionShare, run: construct),
            Phase("LP bound", share: options.relaxationShare,
                  when: { $0.full.model.columnCount <= $0.options.relaxationColumnLimit }, run: relaxation),
            Phase("Lagrangian bound", share: 0.05, when: { $0.aggregatePrices != nil && $0.options.lagrangianBound },
                  run: lagrangianBound),
            Phase("column generation", share: options.columnGenerationShare, when: { $0.options.columnGenerationShare > 0 },
                  run: columnGeneration),
            Phase("fix-and-optimize", share: 1, run: fixAndOptimize),
            Phase("column generation (time left)", share: 1,
                  when: { $0.options.columnGenerationAfter && $0.options.columnGenerationShare == 0 }, run: columnGenerationWithTimeLeft),
        ], measure: { ($0.incumbent.hasSolution ? $0.incumbent.objective : nil, $0.incumbent.bound) },
           penalty: { $0.incumbent.penalty },
           isFinished: { $0.incumbent.hasSolution && ($0.incumbent.isClosed() || $0.incumbent.meets(gap: $0.options.gapTarget)) })
        // The last seconds are the break placement's.
        let breakReserve = options.placeBreaks ? min(options.breakSeconds, options.breakShare * options.timeLimit) : 0
        let records = try plan.run(&state, budget: breakReserve > 0 ? budget.leaving(breakReserve) : budget)
        if !state.incumbent.hasSolution {
            // Cancelled before the construction: the empty roster, honestly reported.
            state.incumbent.replace(with: [[Int]](repeating: [], count: full.scenario.agents.count))
        }
        let assignment = state.incumbent.solution!
        let values = full.completeSolution(assignment)
        let penalty = state.incumbent.penalty
        var breaks = Array(repeating: [Int: Date](), count: assignment.count)
        var breakLine: String? = nil
        if options.placeBreaks && !budget.isCancelled {
            budget.report(phase: "breaks", incumbent: state.incumbent.objective, bound: state.incumbent.bound, note: "started", penalty: penalty)
            let placed = BreakPlacement.place(full, assignment: assignment, kept: options.keptBreaks, budget: budget)
            breaks = placed.breaks
            breakLine = "breaks: " + placed.note
            budget.report(phase: "breaks", incumbent: state.incumbent.objective, bound: state.incumbent.bound, note: placed.note, penalty: penalty)
        }
        budget.report(phase: "done", incumbent: state.incumbent.objective, bound: state.incumbent.bound, note: "finished", penalty: penalty)
        return RosterSolution(assignment: assignment, values: values, objective: full.model.objectiveValue(values),
                              breakdown: full.breakdown(values), bound: state.incumbent.bound, boundSource: state.incumbent.boundSource,
                              elapsed: budget.elapsed, interrupted: budget.isCancelled, phases: records,
                              log: records.map(\.line) + state.log + (breakLine.map { [$0] } ?? []), neighbourhoods: state.neighbourhoods,
                              parameters: RosterSolveOptions.registry.changed(options), relaxedSurplusHours: state.relaxedSurplusHours,
                              forcedSurplusHours: state.forcedSurplusHours,
                              stopReason: state.incumbent.isClosed() ? Phrase("proven optimal", "已证明最优")
                                  : state.incumbent.meets(gap: options.gapTarget) ? Phrase("within the gap target", "已达到差距目标")
                                  : Phrase("time limit reached", "已到时限"),
                              breaks: breaks)
    }

    /// Shift counts with agents pooled: a relaxation of the full model, so its branch-and-bound bound is a
    /// valid lower bound; its counts seed the construction.
    static func shiftCounts(_ s: inout HotlineSearch, _ budget: Budget) throws(SolverError) -> String {
        let aggregate = AggregateModel(s.full)
        let mip = budget.capped(s.options.shiftCountSeconds).share(0.75)
        // A portfolio on the two cores: GLPK's branch and cut with MIR cuts and pseudo-cost branching, and
        // with the feasibility pump and Driebeck–Tomlin branching; the better solution and the higher
        // bound are kept (each bound is valid).
        let configurations = [
            SolveOptions(timeLimit: mip.seconds(), relativeGap: 0.002,
                         cuts: CutOptions(gomory: false, mixedIntegerRounding: true, cover: false, clique: false), cancellation: budget.cancellation),
            SolveOptions(timeLimit: mip.seconds(), relativeGap: 0.002, feasibilityPump: true, branching: .driebeckTomlin,
                         cancellation: budget.cancellation),
        ].prefix(max(1, min(2, s.options.threads)))
        let results = ConcurrentSlots<Result<SolveResult, SolverError>>(count: configurations.count)
        let model = aggregate.model
        performConcurrently(configurations.count, threads: configurations.count) { i in
            do throws(SolverError) { results.set(i, .success(try GLPKSolver.solve(model, options: configurations[configurations.startIndex + i]))) }
            catch { results.set(i, .failure(error)) }
        }
        var solved: [SolveResult] = []
        for slot in results.all {
            switch slot {
            case .success(let r)?: solved.append(r)
            case .failure(let error)?: throw error
            case nil: continue
            }
        }
        for b in solved.compactMap(\.bound) { s.incumbent.raiseBound(b, source: .shiftCountModel) }
        var relaxed: SolveResult? = nil
        if budget.hasTime() {
            // Its LP duals give a Lagrangian bound and are where column generation starts.
            relaxed = try GLPKSolver.solve(aggregate.model, options: SolveOptions(timeLimit: budget.seconds(), cancellation: budget.cancellation),
                                           relaxation: true)
            if relaxed?.status == .optimal, let duals = relaxed?.rowDuals { s.aggregatePrices = aggregate.prices(duals) }
        }
        if budget.seconds() >= 1 {
            // What surplus the forecast and the shift options force on any roster with no shortfall: a line of
            // the report beside the roster's own (an LP of the pooled model, usually well under a second).
            // Only with a second of the phase left, and half of it at most: a very short solve keeps its
            // time for the first roster.
            let forced = try GLPKSolver.solve(aggregate.forcedSurplusModel(),
                                              options: SolveOptions(timeLimit: min(budget.seconds() / 2, 10), cancellation: budget.cancellation),
                                              relaxation: true)
            if forced.status == .optimal { s.forcedSurplusHours = forced.objective }
        }
        let r = solved.filter { $0.values != nil }.min { ($0.objective ?? .infinity) < ($1.objective ?? .infinity) } ?? solved[0]
        if let v = r.values {
            for (k, c) in aggregate.count.enumerated() { s.counts[k] = Int(v[c.index].rounded()) }
            s.countsAreInteger = true
            return "\(r.status), objective \(fmt(r.objective)), bound \(fmt(r.bound))"
        }
        guard budget.hasTime() else { return "\(r.status), no counts" }
        // No integer counts in time: the relaxation's, rounded up, still say where people are needed.
        let lp: SolveResult
        if let relaxed { lp = relaxed } else {
            lp = try GLPKSolver.solve(aggregate.model, options: SolveOptions(timeLimit: budget.seconds(), cancellation: budget.cancellation),
                                      relaxation: true)
        }
        guard let v = lp.values else { return "\(r.status); relaxation \(lp.status), no counts" }
        for (k, c) in aggregate.count.enumerated() { s.counts[k] = Int((v[c.index] - Tolerance.integrality).rounded(.up)) }
        return "\(r.status): relaxation rounded up (no integer solution in time)"
    }

    /// A first roster: the published one when re-rostering (rule-breaking shifts dropped, hours repaired);
    /// else the shift counts handed out by day patterns when they are an integer solution, and schedules
    /// priced agent by agent (``PricedConstruction``) when the counts are only rounded or the day patterns
    /// break rules. The incumbent keeps the best.
    static func construct(_ s: inout HotlineSearch, _ budget: Budget) throws(SolverError) -> String {
        var builder = ConstructiveRoster(s.full)
        let part = budget.capped(s.options.constructionSeconds)
        if let initial = s.initial {
            builder.take(initial)
            builder.repairMinimumHours(budget: part)
            if !s.incumbent.adopt(builder.assignment) { s.incumbent.replace(with: builder.assignment) }
            return "published roster: objective \(fmt(s.incumbent.objective)) \(s.full.breakdown(s.full.completeSolution(builder.assignment)))"
        }
        var notes: [String] = []
        var slack = Double.infinity
        if s.countsAreInteger {
            try builder.assignByDayPatterns(counts: s.counts, budget: part)
            s.incumbent.adopt(builder.assignment)
            slack = s.full.breakdown(s.full.completeSolution(builder.assignment)).ruleViolations
            notes.append("day patterns \(fmt(s.full.model.objectiveValue(s.full.completeSolution(builder.assignment))))")
        }
        // Its first pass may run up to a second past the solve's limit: a roster that breaks no rule is
        // worth that on a very short limit (`--time-limit 1`).
        if slack > 0, let solve = s.solveBudget,
           let priced = PricedConstruction(s.full).build(firstPass: Budget(seconds: solve.remaining + 1, cancellation: solve.cancellation),
                                                         budget: budget) {
            let adopted = s.incumbent.adopt(priced) || (!s.incumbent.hasSolution && { s.incumbent.replace(with: priced); return true }())
            notes.append("priced schedules \(fmt(s.full.model.objectiveValue(s.full.completeSolution(priced))))\(adopted ? " (taken)" : "")")
        }
        if !s.incumbent.hasSolution {
            // Neither in time: the counts, however rough, handed out by day patterns.
            try builder.assignByDayPatterns(counts: s.counts, budget: part)
            if !s.incumbent.adopt(builder.assignment) { s.incumbent.replace(with: builder.assignment) }
            notes.append("day patterns from rough counts \(fmt(s.incumbent.objective))")
        }
        let values = s.full.completeSolution(s.incumbent.solution!)
        return notes.joined(separator: "; ") + "; objective \(fmt(s.incumbent.objective)) \(s.full.breakdown(values))"
    }

    /// The full model's LP relaxation: a bound at least as strong as the pooled one when it finishes.
    static func relaxation(_ s: inout HotlineSearch, _ budget: Budget) throws(SolverError) -> String {
        let lp = try GLPKSolver.solve(s.full.model, options: SolveOptions(timeLimit: budget.seconds(), cancellation: budget.cancellation),
                                      relaxation: true)
        guard lp.status == .optimal, let b = lp.objective else { return "\(lp.status); bound kept" }
        s.incumbent.raiseBound(b, source: .fullRelaxation)
        return "\(fmt(b)) (\(s.full.model.columnCount) columns, \(s.full.model.rowCount) rows)"
    }

    /// The Lagrangian bound at the pooled model's LP prices (``HotlineColumnGeneration/lagrangianBound(at:)``):
    /// every agent's cheapest schedule under all their rules, one pricing on both cores. It holds what the
    /// pooled model cannot (each agent's own availability, rest and hours), so it is often the stronger bound.
    static func lagrangianBound(_ s: inout HotlineSearch, _ budget: Budget) throws(SolverError) -> String {
        guard let p = s.aggregatePrices else { return "no prices" }
        let engine = HotlineColumnGeneration(s.full, threads: s.options.threads, smoothing: 0)
        guard let b = engine.lagrangianBound(at: engine.master.prices(cover: p.cover, floor: p.floor, handover: p.handover)) else {
            return "some agent has no schedule that meets their rules"
        }
        s.incumbent.raiseBound(b, source: .lagrangian)
        return fmt(b)
    }

    /// Column generation over agents' schedules (``HotlineColumnGeneration``): at convergence a bound at
    /// least as strong as the full model's LP relaxation, before it the Lagrangian bound (kept when higher).
    static func columnGeneration(_ s: inout HotlineSearch, _ budget: Budget) throws(SolverError) -> String {
        let engine = HotlineColumnGeneration(s.full, threads: s.options.threads, smoothing: s.options.smoothing)
        let warm = s.aggregatePrices.map { engine.master.prices(cover: $0.cover, floor: $0.floor, handover: $0.handover) }
        guard let outcome = try engine.run(seed: s.incumbent.solution, warm: warm, budget: budget) else {
            s.log += engine.outcome.log
            return engine.outcome.log.last ?? "no schedule for some agent"
        }
        s.log += outcome.log
        if let b = outcome.bound { s.incumbent.raiseBound(b, source: outcome.converged ? .columnGeneration : .lagrangian) }
        if outcome.converged { s.relaxedSurplusHours = outcome.relaxedSurplusHours }
        if let rounded = outcome.rounded { s.incumbent.adopt(rounded) }
        return String(format: "%d rounds, %d columns, master LP %@, %@", outcome.iterations, outcome.columns, fmt(outcome.masterLP),
                      outcome.converged ? "converged" : "not converged")
    }

    /// Column generation in what fix-and-optimize left of the time: only when a few seconds remain (its
    /// first pricing of every agent takes a moment), so a search that used its whole limit is not overrun.
    static func columnGenerationWithTimeLeft(_ s: inout HotlineSearch, _ budget: Budget) throws(SolverError) -> String {
        guard budget.seconds() >= max(2, 0.05 * s.options.timeLimit) else { return "no time left" }
        return try columnGeneration(&s, budget)
    }

    /// Fix-and-optimize with the shared engine over the hotline's neighbourhoods.
    static func fixAndOptimize(_ s: inout HotlineSearch, _ budget: Budget) throws(SolverError) -> String {
        var problem = HotlineNeighbourhoods(s.full, seed: s.options.seed)
        let o = s.options
        let stall = max(20, 3 * problem.assignmentColumns / max(1, o.neighbourhoodColumns))
        var log: [String] = []
        let stats = NeighbourhoodSearch.run(&problem, incumbent: &s.incumbent, options: NeighbourhoodSearchOptions(
            initialSize: Double(o.neighbourhoodColumns), minimumSize: Double(o.neighbourhoodColumns) / 4,
            maximumSize: Double(o.maxNeighbourhoodColumns), hoodSeconds: o.neighbourhoodSeconds, threads: o.threads,
            stallLimit: stall, gapTarget: o.gapTarget, seed: o.seed), budget: budget, log: { log.append($0) })
        s.log += log.suffix(20)
        s.neighbourhoods = stats
        return stats.summary
    }

    static func fmt(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "—" }
}
