// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// What a sub-problem solve returns to ``NeighbourhoodSearch``.
public struct SubSolve<Solution: Sendable>: Sendable {
    /// The whole solution with the neighbourhood re-optimised (nil: none found in time).
    var candidate: Solution?
    /// The sub-problem was solved to optimality (so a larger neighbourhood may be worth it).
    public var optimal: Bool
    public var seconds: Double
    /// Why the sub-problem could not be solved (an engine error), for the log.
    public var failure: String?
    public init(candidate: Solution?, optimal: Bool, seconds: Double, failure: String? = nil) {
        self.candidate = candidate
        self.optimal = optimal
        self.seconds = seconds
        self.failure = failure
    }
}

/// A problem that fix-and-optimize can work on: it makes neighbourhoods (parts of the solution to free,
/// the rest fixed) and re-optimises one.
public protocol NeighbourhoodProblem: Sendable {
    associatedtype Solution: Sendable & Equatable
    associatedtype Hood: Sendable
    /// Names of the kinds of neighbourhood, for logs.
    var kindNames: [String] { get }
    /// The order kinds are tried in, repeated (a kind may appear several times).
    var kindCycle: [Int] { get }
    /// A neighbourhood of `kind` with about `size` free columns around `incumbent`, or nil if the kind has
    /// none now.
    mutating func neighbourhood(kind: Int, size: Double, around incumbent: Solution, rng: inout SeededGenerator) -> Hood?
    /// Neighbourhoods that overlap are not solved at the same time.
    func overlaps(_ a: Hood, _ b: Hood) -> Bool
    /// Re-optimises the neighbourhood with the rest of `incumbent` fixed. Called from several threads at once.
    func solve(_ hood: Hood, from incumbent: Solution, budget: Budget, seed: UInt64) -> SubSolve<Solution>
    /// `current` with the neighbourhood `hood` taken from `part` (a solution made from an older incumbent).
    func merge(_ part: Solution, of hood: Hood, into current: Solution) -> Solution
}

/// The settings of ``NeighbourhoodSearch``.
public struct NeighbourhoodSearchOptions: Sendable {
    /// Free columns a neighbourhood of each kind starts with, and the range sizes adapt within.
    var initialSize: Double
    var minimumSize: Double
    var maximumSize: Double
    /// Seconds one sub-problem may take.
    var hoodSeconds: Double
    /// Neighbourhoods solved at once, each on its own thread.
    public var threads: Int
    /// Accept equally good, different solutions (walks plateaus).
    var sideways: Bool
    /// After this many neighbourhoods in a row without gain every size doubles; once all are at the
    /// maximum the search stops (nil: never stop before the budget ends).
    var stallLimit: Int?
    /// Stop when the incumbent's gap is at most this.
    public var gapTarget: Double
    /// The objective takes integer values only (a bound within 1 proves optimality).
    var integral: Bool
    public var seed: UInt64

    public init(initialSize: Double, minimumSize: Double = 40, maximumSize: Double, hoodSeconds: Double, threads: Int = 2,
                sideways: Bool = false, stallLimit: Int? = nil, gapTarget: Double = 0, integral: Bool = false, seed: UInt64 = 1) {
        self.initialSize = initialSize
        self.minimumSize = minimumSize
        self.maximumSize = max(minimumSize, maximumSize)
        self.hoodSeconds = hoodSeconds
        self.threads = threads
        self.sideways = sideways
        self.stallLimit = stallLimit
        self.gapTarget = gapTarget
        self.integral = integral
        self.seed = seed
    }
}

/// What a neighbourhood search did.
public struct NeighbourhoodSearchStats: Sendable, Equatable {
    var solved = 0
    var improved = 0
    var sideways = 0
    /// Sub-problems the engine could not solve (errors, not time-outs).
    var failures = 0
    /// The workers' seconds (threads × wall) against the sum of their sub-problems' seconds (how much of
    /// the threads' time went to solving).
    var workerSeconds = 0.0
    var subSolveSeconds = 0.0
    /// The size each kind ended with.
    var sizes: [Int] = []
    public init() {}
    public var summary: String {
        "\(solved) neighbourhoods, \(improved) improved the incumbent, \(sideways) sideways moves, sizes \(sizes)"
            + (failures > 0 ? ", \(failures) failed" : "")
            + String(format: "; %.1f s in sub-problems of %.1f s of the workers", subSolveSeconds, workerSeconds)
    }
}

/// The one fix-and-optimize / large-neighbourhood engine of both solvers.
///
/// Kinds of neighbourhood are tried in the problem's cycle. `threads` workers run at once, without a
/// barrier between them: each takes the next neighbourhood (made from the incumbent of that moment, and
/// not overlapping one another worker is solving, when the cycle offers one), solves it, and offers the
/// result. A result made from an incumbent that has moved on since is first merged into the current one
/// (its neighbourhood's part replaces the current part), then evaluated with the model's own objective
/// and rows. Each kind keeps its own size: it grows (×1.15) when its sub-problems solve to optimality
/// fast without gain and shrinks (×0.8) when they time out (the adaptive sizes of fix-and-optimize
/// practice and of ALNS, Ropke & Pisinger 2006).
public enum NeighbourhoodSearch {
    // The Search module is built without optimisation (Package.swift): Swift 6.3's optimiser
    // mis-specialised this engine for the solvers' neighbourhood types (null type metadata in
    // `SharedSearch.init`, over-releases of the solver state; release builds only).
    public static func run<P: NeighbourhoodProblem>(_ problem: inout P, incumbent: inout Incumbent<P.Solution>,
                                                   options: NeighbourhoodSearchOptions, budget: Budget,
                                                   log: ((String) -> Void)? = nil) -> NeighbourhoodSearchStats {
        guard incumbent.hasSolution, !problem.kindNames.isEmpty else { return NeighbourhoodSearchStats() }
        let shared = SharedSearch(problem: problem, incumbent: incumbent, options: options, budget: budget)
        let workers = max(1, min(options.threads, ProcessInfo.processInfo.activeProcessorCount))
        let started = Date()
        // Solving reads only what does not change during the search: one copy serves every worker.
        let frozen = Frozen(problem)
        performConcurrently(workers, threads: workers) { _ in
            while let job = shared.next() {
                let result = frozen.value.solve(job.hood, from: job.base, budget: budget.capped(options.hoodSeconds), seed: job.seed)
                shared.offer(job, result)
            }
        }
        problem = shared.problem
        incumbent = shared.incumbent
        for line in shared.lines { log?(line) }
        var stats = shared.stats
        stats.workerSeconds = Date().timeIntervalSince(started) * Double(workers)
        stats.sizes = shared.size.map { Int($0) }
        return stats
    }
}

/// An immutable copy on the heap, shared by the workers.
final class Frozen<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A neighbourhood handed to a worker, with the incumbent it was made from.
struct SearchJob<P: NeighbourhoodProblem>: @unchecked Sendable {
    let kind: Int
    let hood: P.Hood
    let base: P.Solution
    /// Which neighbourhood in flight this is, and the incumbent's version it was made from.
    let ticket: Int
    let version: Int
    let seed: UInt64
}

/// The state the workers share, behind one lock.
final class SharedSearch<P: NeighbourhoodProblem>: @unchecked Sendable {
    private let lock = NSLock()
    var problem: P
    var incumbent: Incumbent<P.Solution>
    let options: NeighbourhoodSearchOptions
    let budget: Budget
    var size: [Double]
    var stats = NeighbourhoodSearchStats()
    var lines: [String] = []
    private var rng: SeededGenerator
    private let cycle: [Int]
    private var position = 0
    private var sinceGain = 0
    /// Bumped at every change of the incumbent.
    private var version = 0
    /// Neighbourhoods being solved and their tickets.
    private var inFlightTickets: [Int] = []
    private var inFlightHoods: [P.Hood] = []
    private var nextTicket = 0
    private var stopped = false

    init(problem: P, incumbent: Incumbent<P.Solution>, options: NeighbourhoodSearchOptions, budget: Budget) {
        self.problem = problem
        self.incumbent = incumbent
        self.options = options
        self.budget = budget
        let kinds = problem.kindNames.count
        size = [Double](repeating: min(options.initialSize, options.maximumSize), count: kinds)
        rng = SeededGenerator(seed: options.seed)
        cycle = problem.kindCycle.isEmpty ? Array(0..<kinds) : problem.kindCycle
    }

    /// The next neighbourhood to solve, or nil when the search is over.
    func next() -> (SearchJob<P>)? {
        lock.lock(); defer { lock.unlock() }
        guard !stopped, budget.hasTime(0.1), let base = incumbent.solution,
              !incumbent.isClosed(integral: options.integral), !incumbent.meets(gap: options.gapTarget) else {
            stopped = true
            return nil
        }
        if let limit = options.stallLimit, sinceGain >= limit {
            guard size.contains(where: { $0 < options.maximumSize }) else { stopped = true; return nil }
            size = size.map { min(options.maximumSize, $0 * 2) }
            sinceGain = 0
            lines.append("neighbourhoods widened to \(size.map { Int($0) })")
        }
        // The next kind in the cycle whose neighbourhood overlaps none being solved (else the last one made).
        var chosen: (kind: Int, hood: P.Hood)? = nil
        for _ in 0..<cycle.count {
            let kind = cycle[position % cycle.count]
            position += 1
            guard let hood = problem.neighbourhood(kind: kind, size: size[kind], around: base, rng: &rng) else { continue }
            chosen = (kind, hood)
            if !inFlightHoods.contains(where: { problem.overlaps($0, hood) }) { break }
        }
        guard let chosen else { stopped = true; return nil }
        nextTicket += 1
        inFlightTickets.append(nextTicket)
        inFlightHoods.append(chosen.hood)
        return SearchJob(kind: chosen.kind, hood: chosen.hood, base: base, ticket: nextTicket, version: version,
                         seed: rng.next())
    }

    /// Takes a worker's result: merged into the current incumbent if that moved on, then adopted if better.
    func offer(_ job: SearchJob<P>, _ result: SubSolve<P.Solution>) {
        lock.lock(); defer { lock.unlock() }
        if let i = inFlightTickets.firstIndex(of: job.ticket) {
            inFlightTickets.remove(at: i)
            inFlightHoods.remove(at: i)
        }
        stats.solved += 1
        stats.subSolveSeconds += result.seconds
        if let failure = result.failure {
            stats.failures += 1
            lines.append("neighbourhood \(stats.solved) failed: \(failure)")
        }
        var gained = false
        if var candidate = result.candidate, let current = incumbent.solution {
            if job.version != version { candidate = problem.merge(candidate, of: job.hood, into: current) }
            // One evaluation decides both: strictly better, or (sideways) as good and different.
            let e = incumbent.evaluation(of: candidate)
            if incumbent.adopt(candidate, evaluated: e) {
                gained = true
                version += 1
                stats.improved += 1
                let name = problem.kindNames[job.kind]
                if lines.count < 200 { lines.append(String(format: "neighbourhood %d (%@): objective %.2f", stats.solved, name, incumbent.objective)) }
                budget.report(phase: "fix-and-optimize", incumbent: incumbent.objective, bound: incumbent.bound,
                              note: "\(stats.solved) neighbourhoods, last: \(name)")
            } else if options.sideways, candidate != current, e.isFeasible, e.objective <= incumbent.objective + Tolerance.improvement {
                // An equally good, different solution: the next neighbourhoods start from it.
                incumbent.replace(with: candidate, evaluated: e)
                version += 1
                stats.sideways += 1
            }
        }
        sinceGain = gained ? 0 : sinceGain + 1
        // Solved to optimality fast without gain: widen; ran out of time: narrow.
        if result.optimal, !gained, result.seconds < options.hoodSeconds / 3 {
            size[job.kind] = min(options.maximumSize, size[job.kind] * 1.15)
        }
        if !result.optimal { size[job.kind] = max(options.minimumSize, size[job.kind] * 0.8) }
    }
}
