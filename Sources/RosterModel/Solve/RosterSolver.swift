import Foundation
import RosterCore
import Solver

/// What the roster solve is doing, for progress displays.
public enum SolvePhase: String, Sendable, Codable {
    case building = "build"
    case shiftCounts = "shift counts"
    case relaxation = "LP bound"
    case construction = "construct"
    case improvement = "improve"
    case done = "done"
}

public struct RosterProgress: Sendable {
    public var phase: SolvePhase
    public var elapsed: Double
    public var incumbent: Double?
    public var bound: Double?
    public var gap: Double? {
        guard let incumbent, let bound else { return nil }
        return max(0, incumbent - bound) / max(abs(incumbent), 1)
    }
    public var note: String
}

public struct RosterSolveOptions: Sendable {
    /// Wall-clock seconds for the whole solve.
    public var timeLimit: Double
    /// Stop improving once the gap to the bound is at most this.
    public var gapTarget: Double
    /// Solve the full model's LP relaxation for the bound when it has at most this many columns.
    public var relaxationColumnLimit: Int
    public var cancellation: CancellationFlag?
    public var progress: (@Sendable (RosterProgress) -> Void)?
    /// Seed for the order of neighbourhoods (results are repeatable for a seed).
    public var seed: UInt64
    /// Neighbourhoods solved at once, each on its own thread (at most the number of cores).
    public var threads: Int
    /// About how many assignment columns a fix-and-optimize neighbourhood frees at first.
    public var neighbourhoodColumns = 600
    /// Seconds GLPK may spend on one neighbourhood.
    public var neighbourhoodSeconds = 1.0

    public init(timeLimit: Double = 60, gapTarget: Double = 0.005, relaxationColumnLimit: Int = 10_000,
                cancellation: CancellationFlag? = nil, progress: (@Sendable (RosterProgress) -> Void)? = nil,
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

/// Which relaxation gave the reported lower bound.
public enum BoundSource: String, Sendable, Codable {
    /// The LP relaxation of the full roster model.
    case fullRelaxation = "LP relaxation of the full model"
    /// Branch and bound on the shift-count model, a relaxation of the full model (agents pooled).
    case shiftCountModel = "shift-count relaxation (agents pooled), solved by branch and bound"
    case none = "none"
}

/// The outcome of a roster solve.
public struct RosterSolution: Sendable {
    public var assignment: [[Int]]
    public var values: [Double]
    public var objective: Double
    public var breakdown: ObjectiveBreakdown
    public var bound: Double?
    public var boundSource: BoundSource
    public var gap: Double? {
        guard let bound else { return nil }
        return max(0, objective - bound) / max(abs(objective), 1)
    }
    public var elapsed: Double
    public var interrupted: Bool
    /// What each phase took and found, in order.
    public var log: [String]
    public var neighbourhoodsSolved: Int
    public var neighbourhoodsImproved: Int
}

/// Solves the roster model: shift-count selection, a constructive roster, then fix-and-optimize over
/// windows of days and groups of agents, with a valid lower bound throughout. See Docs/model.md.
public enum RosterSolver {
    /// `initial`, when given, is a roster to start from instead of the constructive one (a re-roster
    /// starts from the published roster): each agent's option ids; those that break a rule are dropped.
    public static func solve(_ full: RosterIntegerModel, options: RosterSolveOptions, initial: [[Int]]? = nil) throws(SolverError) -> RosterSolution {
        let start = Date()
        let deadline = start.addingTimeInterval(options.timeLimit)
        var log: [String] = []
        func elapsed() -> Double { Date().timeIntervalSince(start) }
        func left() -> Double { deadline.timeIntervalSinceNow }
        func cancelled() -> Bool { options.cancellation?.isCancelled == true }
        var bound: Double? = nil
        var boundSource = BoundSource.none
        var incumbent: Double? = nil
        func report(_ phase: SolvePhase, _ note: String) {
            options.progress?(RosterProgress(phase: phase, elapsed: elapsed(), incumbent: incumbent, bound: bound, note: note))
        }

        // 1. Shift counts (pooled agents): a bound and the counts to hand out.
        report(.shiftCounts, "agents pooled: \(full.catalog.options.count) shift options")
        let aggregate = AggregateModel(full)
        let aggregateResult = try GLPKSolver.solve(aggregate.model, options: SolveOptions(
            timeLimit: max(1, min(options.timeLimit * 0.15, 30, left())), relativeGap: 0.002,
            cuts: CutOptions(gomory: false, mixedIntegerRounding: true, cover: false, clique: false),
            cancellation: options.cancellation))
        if let b = aggregateResult.bound {
            bound = b
            boundSource = .shiftCountModel
        }
        var counts = [Int](repeating: 0, count: full.catalog.options.count)
        if let v = aggregateResult.values {
            for (k, c) in aggregate.count.enumerated() { counts[k] = Int(v[c.index].rounded()) }
        } else if !cancelled(), let v = try GLPKSolver.solve(aggregate.model, options: SolveOptions(
            timeLimit: max(1, min(10, left())), cancellation: options.cancellation), relaxation: true).values {
            // No integer counts in time: the relaxation's, rounded up, still say where people are needed.
            for (k, c) in aggregate.count.enumerated() { counts[k] = Int((v[c.index] - 1e-6).rounded(.up)) }
            log.append("shift counts: relaxation rounded up (no integer solution in time)")
        }
        log.append(String(format: "shift counts: %@, objective %@, bound %@ (%.1f s)", aggregateResult.status.description,
                          format(aggregateResult.objective), format(aggregateResult.bound), aggregateResult.elapsed))

        // 2. A roster from the counts.
        report(.construction, "handing out shifts")
        var builder = ConstructiveRoster(full)
        if let initial {
            builder.take(initial)
            builder.repairMinimumHours(deadline: Date().addingTimeInterval(max(1, min(left() * 0.3, 60))),
                                       cancellation: options.cancellation)
        } else {
            try builder.assignByDayPatterns(counts: counts, deadline: Date().addingTimeInterval(max(1, min(left() * 0.3, 60))),
                                            cancellation: options.cancellation)
        }
        var assignment = builder.assignment
        var values = full.completeSolution(assignment)
        incumbent = full.model.objectiveValue(values)
        log.append("constructive roster: objective \(format(incumbent)) \(full.breakdown(values))")
        report(.construction, "first roster")

        // 3. The full model's LP relaxation, when it is small enough, for a tighter bound.
        if full.model.columnCount <= options.relaxationColumnLimit, !cancelled(), left() > 2 {
            report(.relaxation, "LP relaxation of \(full.model.columnCount) columns, \(full.model.rowCount) rows")
            let lp = try GLPKSolver.solve(full.model, options: SolveOptions(timeLimit: min(left() * 0.35, left() - 1),
                                                                            cancellation: options.cancellation), relaxation: true)
            if lp.status == .optimal, let b = lp.objective {
                if bound == nil || b > bound! { bound = b; boundSource = .fullRelaxation }
                log.append(String(format: "full LP relaxation: %@ (%.1f s)", format(b), lp.elapsed))
            } else {
                log.append("full LP relaxation: \(lp.status) after \(String(format: "%.1f", lp.elapsed)) s; bound from shift counts")
            }
        }

        // 4. Fix-and-optimize.
        var rng = SeededGenerator(seed: options.seed)
        let agents = full.scenario.agents.count
        let days = full.catalog.slotCount
        var solved = 0, improved = 0
        var neighbourhoods: [(agents: [Int], days: Range<Int>)] = []
        // Neighbourhoods of about `target` assignment columns, which GLPK solves in about a second:
        //  - two-day windows for a group of agents (moves shifts in time, fixes coverage),
        //  - one-week windows for a smaller group (moves shifts between days: days off, weekly hours),
        //  - the whole horizon for the agents with the most and the fewest nights or weekend shifts
        //    plus a random one (swaps that even out the shares),
        // interleaved, in an order that changes every pass.
        let perAgentDay = max(1, full.catalog.options.count / max(days, 1))
        var target = options.neighbourhoodColumns
        func plan() {
            neighbourhoods.removeAll()
            var order = Array(0..<agents)
            order.shuffle(using: &rng)
            let pairSize = max(2, min(agents, target / (perAgentDay * 2)))
            var twoDay: [(agents: [Int], days: Range<Int>)] = []
            for g in stride(from: 0, to: agents, by: pairSize).map({ Array(order[$0..<min(agents, $0 + pairSize)]) }) {
                for d in 0..<days { twoDay.append((g, d..<min(days, d + 2))) }
            }
            order.shuffle(using: &rng)
            let weekSize = max(1, min(agents, target / (perAgentDay * 7)))
            var weekly: [(agents: [Int], days: Range<Int>)] = []
            for g in stride(from: 0, to: agents, by: weekSize).map({ Array(order[$0..<min(agents, $0 + weekSize)]) }) {
                for w in stride(from: 0, to: days, by: 7) { weekly.append((g, w..<min(days, w + 8))) }
            }
            weekly.shuffle(using: &rng)
            var shares: [(agents: [Int], days: Range<Int>)] = []
            let load = full.assignment(from: values).map { chosen in
                (nights: chosen.filter { full.catalog.options[$0].isNight }.count,
                 weekends: chosen.filter { full.catalog.options[$0].isWeekend }.count)
            }
            for key in [\(nights: Int, weekends: Int).nights, \.weekends] {
                let sorted = (0..<agents).sorted { load[$0][keyPath: key] < load[$1][keyPath: key] }
                if let lo = sorted.first, let hi = sorted.last, lo != hi {
                    shares.append(([lo, hi, order[0]].uniqued(), 0..<days))
                }
            }
            // Interleave: every few two-day windows, a weekly window; the share swaps first.
            neighbourhoods = shares
            var w = 0
            for (i, hood) in twoDay.enumerated() {
                neighbourhoods.append(hood)
                if i % 3 == 2, w < weekly.count { neighbourhoods.append(weekly[w]); w += 1 }
            }
            neighbourhoods += weekly[w...]
        }
        plan()
        var position = 0
        var sinceImprovement = 0
        let workers = max(1, min(options.threads, ProcessInfo.processInfo.activeProcessorCount))
        let hoodSeconds = options.neighbourhoodSeconds
        while left() > 0.5, !cancelled() {
            if let gap = RosterProgress(phase: .improvement, elapsed: 0, incumbent: incumbent, bound: bound, note: "").gap,
               gap <= options.gapTarget { break }
            if sinceImprovement >= neighbourhoods.count {
                // A whole pass found nothing: widen the neighbourhoods (up to 4 × 600 columns), else stop.
                guard target < 2400 else { break }
                target *= 2
                plan(); position = 0; sinceImprovement = 0
                log.append("fix-and-optimize: neighbourhoods widened to about \(target) columns")
            }
            // Take up to `workers` neighbourhoods that share no agent and no day, and solve them at once,
            // each on its own thread (GLPK keeps its state per thread).
            var batch: [(agents: [Int], days: Range<Int>)] = []
            while batch.count < workers {
                if position >= neighbourhoods.count {
                    if !batch.isEmpty { break }
                    plan(); position = 0
                }
                let hood = neighbourhoods[position]
                if batch.contains(where: { !Set($0.agents).isDisjoint(with: hood.agents) || $0.days.overlaps(hood.days) }) { break }
                batch.append(hood)
                position += 1
            }
            let snapshot = values
            let limit = min(hoodSeconds, left())
            let hoods = batch
            let threshold = incumbent! - 1e-6
            let results = ConcurrentSlots<[[Int]]>(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: hoods.count) { b in
                let hood = hoods[b]
                let restricted = RestrictedModel(full.model, isFree: full.neighbourhoodMask(agents: Set(hood.agents), slots: hood.days),
                                                 values: snapshot)
                let result = try? GLPKSolver.solve(restricted.model, options: SolveOptions(
                    timeLimit: limit, relativeGap: 1e-4, warmStart: restricted.restrict(snapshot), cancellation: options.cancellation))
                if let v = result?.values, let obj = result?.objective, obj < threshold {
                    results.set(b, full.assignment(from: restricted.lift(v)))
                }
            }
            solved += batch.count
            // Each improved neighbourhood alone, and all of them together; keep the best valid one.
            var candidates: [[[Int]]] = results.all.compactMap { $0 }
            if candidates.count > 1 {
                var merged = assignment
                for (b, hood) in batch.enumerated() {
                    guard let mine = results.all[b] else { continue }
                    let slots = hood.days
                    for a in hood.agents {
                        merged[a] = merged[a].filter { !slots.contains(full.catalog.options[$0].slot) }
                            + mine[a].filter { slots.contains(full.catalog.options[$0].slot) }
                    }
                }
                candidates.append(merged)
            }
            var accepted = false
            for candidate in candidates {
                let completed = full.completeSolution(candidate)
                let value = full.model.objectiveValue(completed)
                if value < incumbent! - 1e-6, full.model.maxViolation(completed) <= 1e-6 {
                    assignment = candidate
                    values = completed
                    incumbent = value
                    accepted = true
                }
            }
            if accepted {
                improved += 1
                sinceImprovement = 0
                report(.improvement, "\(solved) neighbourhoods, last: \(batch.map { "\($0.agents.count) agents × \($0.days.count) days" }.joined(separator: " | "))")
            } else {
                sinceImprovement += batch.count
                if solved % 10 < batch.count { report(.improvement, "\(solved) neighbourhoods") }
            }
        }
        log.append("fix-and-optimize: \(solved) neighbourhoods solved, \(improved) improved the roster")
        let objective = full.model.objectiveValue(values)
        if let b = bound, b > objective { bound = objective }
        report(.done, "finished")
        return RosterSolution(assignment: assignment, values: values, objective: objective, breakdown: full.breakdown(values),
                              bound: bound, boundSource: boundSource, elapsed: elapsed(), interrupted: cancelled(),
                              log: log, neighbourhoodsSolved: solved, neighbourhoodsImproved: improved)
    }

    static func format(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "—" }
}


extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

