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
    /// Share of the time fix-and-optimize gets before the full MIP on models under `directColumnLimit`.
    public var directFixAndOptimizeShare: Double = 0.5
    /// Models with at most this many x columns go straight to the full MIP.
    public var tinyColumnLimit: Int = 150
    /// Share of the remaining time for RENS after the LP (0: skip).
    public var rensShare: Double = 0
    /// Column generation over employee schedules after the construction (bound, and an integer master
    /// over the generated columns).
    public var columnGeneration = true
    /// Share of the time for column generation, and for the integer master after it.
    public var columnGenerationShare: Double = 0.5
    public var integerMasterShare: Double = 0.05
    /// The same shares on large models (above `compactLPColumnLimit` x columns), where the best response gets
    /// the rest: on a generated 364 × 150 × 32 instance at 570 s, column generation at 20 % of the time instead
    /// of 50 % left the best response 226 s instead of 141 s and ended at 145 445 instead of 167 926.
    public var largeColumnGenerationShare: Double = 0.2
    public var largeDiveShare: Double = 0.25
    /// The integer master is skipped on instances with more cover rows than this.
    public var integerMasterRowLimit = 4_000
    /// The compact LP relaxation (a weak bound, see Docs/nrp.md) is skipped above this many x columns.
    public var compactLPColumnLimit = 200_000
    /// Share of the time left after the column generation for the price-and-dive.
    public var diveShare: Double = 0.5
    /// Share of the time left after the dives for the iterated best response on small instances (it
    /// usually stops sooner, at a local optimum); large ones give it all the time left.
    public var bestResponseShare: Double = 0.2
    /// Best response also takes equally cheap moves, until this many passes in a row gain nothing (0: only
    /// strict gains, stop at the first pass without one).
    public var bestResponseSidewaysPasses = 3
    /// Times a schedule dive may undo a fixing that cost the master LP a unit of cover (see priceAndDive).
    public var diveBacktracks = 10
    /// Seconds per pricing MIP, and pricing threads.
    public var pricingTimeLimit: Double = 2
    public var pricingThreads = 2
    /// Wentges dual smoothing factor of the column generation (0: off).
    public var dualSmoothing: Double = 0.5
    /// Random tie-breaking costs in neighbourhoods (walks plateaus, but stops GLPK rounding bounds).
    public var noise = false
    /// Log every neighbourhood.
    public var debug = false
    public var seed: UInt64
    public var cancellation: CancellationFlag?
    /// Called with a line of progress now and then.
    public var log: (@Sendable (String) -> Void)?

    public init(timeLimit: Double = 60, directColumnLimit: Int = 1_000, cuts: CutOptions = CutOptions(gomory: false, mixedIntegerRounding: true, cover: true, clique: true),
                feasibilityPump: Bool = false, proximitySearch: Bool = false, branching: BranchingRule = .hybridPseudoCost,
                backtracking: BacktrackingRule = .bestLocalBound, neighbourhoodSize: Int = 150, finalMIPShare: Double = 0,
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
    case columnGeneration = "column generation: master LP at convergence, rounded up"
    case lagrangian = "column generation: Lagrangian bound (master LP + sum of min reduced costs), rounded up"
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

/// Solves an instance: column generation over employee schedules (bound, pool rosters, a dive and an
/// integer master over the pool; see NRPColumnGeneration), falling back to a constructive roster (one
/// employee at a time, each a small MIP against the cover left by the others), the compact LP relaxation
/// when column generation did not converge, then either GLPK's branch and cut on the whole model (small
/// instances) or fix-and-optimize over groups of employees and windows of days.
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
        var rng = SeededGenerator(seed: options.seed)
        note("model: \(nrp.xCount) x columns, \(model.columnCount) columns, \(model.rowCount) rows, \(model.nonZeroCount) non-zeros")

        // Large models (above `compactLPColumnLimit` x columns): no compact LP, no integer master, and the best
        // response is what fills the cover, so the column generation and the dives get less of the time.
        let large = nrp.xCount > options.compactLPColumnLimit
        var roster = NRPRoster(employees: E, horizon: h)
        var values = nrp.values(roster)
        var objective = Double.infinity
        /// Makes `next` the incumbent if it keeps every row of the model and its objective is strictly lower;
        /// with `agreeing`, only if the model's objective equals that value (a heuristic's own count).
        func adopt(_ next: NRPRoster, agreeing claimed: Int? = nil) -> Bool {
            let nextValues = nrp.values(next)
            let value = model.objectiveValue(nextValues)
            guard value < objective - 1e-6, model.maxViolation(nextValues) <= 1e-6 else { return false }
            if let claimed, abs(value - Double(claimed)) >= 1e-6 { return false }
            roster = next
            values = nextValues
            objective = value
            return true
        }
        // 1. Construction: each employee in turn, the rest fixed (those not yet scheduled are off). With
        //    column generation on, its rounded pool roster replaces this (run only as a fallback).
        func construct() throws(NRPError) {
            roster = NRPRoster(employees: E, horizon: h)
            values = nrp.values(roster)
            let order = (0..<E).sorted { flexibility(instance, $0) < flexibility(instance, $1) }
            for e in order {
                let restricted = RestrictedModel(model, isFree: nrp.mask(employees: [e], days: Array(0..<h)), values: values)
                let r = try solveMIP(restricted.model, SolveOptions(timeLimit: max(1, min(5, left() / 4)), relativeGap: 1e-4,
                                                                    branching: .hybridPseudoCost, cancellation: options.cancellation))
                guard let v = r.values else {
                    if r.status == .infeasible { throw .employeeInfeasible(instance.employees[e].id) }
                    throw .noScheduleInTime(instance.employees[e].id)
                }
                roster.shift[e] = nrp.roster(restricted.lift(v)).shift[e]
                values = nrp.values(roster)
            }
            objective = model.objectiveValue(values)
            guard model.maxViolation(values) <= 1e-6 else {
                throw .solver(.glpkFailure("constructed roster violates the model (max violation \(model.maxViolation(values)))"))
            }
            note("constructed roster: objective \(Int(objective.rounded()))")
        }
        if !options.columnGeneration { try construct() }

        var bound: Int? = nil
        var boundSource = NRPBoundSource.none
        var lpValues: [Double]? = nil
        func closed() -> Bool { bound.map { Double($0) >= objective - 1e-6 } ?? false }

        // 2. Column generation over employee schedules: a bound (master LP at convergence, else the best
        //    Lagrangian bound), fractional x for RINS, then an integer master over the generated columns.
        var cgConverged = false
        var pool: NRPColumnGeneration? = nil
        if options.columnGeneration, left() > 1, !cancelled() {
            var cg = NRPColumnGeneration(nrp)
            defer { pool = cg }
            if objective.isFinite { cg.add(roster) }
            // The first schedules: 10 % of the time, up to half of it on large instances where pricing is slow.
            var seeded = try cg.seed(timeLimit: max(0.5, left() * 0.1), threads: options.pricingThreads, cancellation: options.cancellation)
            if !seeded, !cancelled() {
                seeded = try cg.seed(timeLimit: max(0.5, left() * 0.4), threads: options.pricingThreads, cancellation: options.cancellation)
            }
            if !seeded { note("column generation: no first schedule for every employee in time") }
            if seeded {
            let r = try cg.run(NRPColumnGenerationOptions(timeLimit: left() * (large ? options.largeColumnGenerationShare : options.columnGenerationShare),
                                                          pricingTimeLimit: options.pricingTimeLimit, smoothing: options.dualSmoothing,
                                                          threads: options.pricingThreads, cancellation: options.cancellation))
            if options.debug { r.log.forEach { note("  " + $0) } }
            cgConverged = r.converged
            if let rounded = r.roster, let value = r.rosterObjective, Double(value) < objective - 1e-6, adopt(rounded, agreeing: value) {
                note("column generation: rounded pool roster \(value)")
            }
            // Every cost is non-negative, so a bound below 0 says nothing.
            if let lb = r.lowerBound, lb > 0 {
                // Margin for the pricing tolerance (each employee may leave up to 1e-6 of reduced cost).
                bound = Int((lb - 1e-3).rounded(.up))
                boundSource = r.converged ? .columnGeneration : .lagrangian
            }
            lpValues = r.compactValues
            note(String(format: "column generation: %d iterations, %d columns, master LP %@, bound %@ (%@) (%.1f s)",
                        r.iterations, r.columns, r.masterLP.map { String(format: "%.2f", $0) } ?? "—",
                        r.lowerBound.map { String(format: "%.2f", $0) } ?? "—", r.converged ? "converged" : "not converged", r.elapsed))
            if left() > 0.5, !cancelled(), !closed() {
                // Dives while their share of the time lasts, in turn: on schedules (λ above 0.9 per node; fast), on
                // cells (x̄ near 1; finer, slower), and a stricter one on schedules (only integral λ, more pricing
                // per node); from the second round on the schedule dives avoid the best roster's schedules when
                // choosing what to fix.
                let dive = Date().addingTimeInterval(left() * (large ? options.largeDiveShare : options.diveShare))
                let diveLog: ((String) -> Void)? = options.debug ? { note("  " + $0) } : nil
                var dives = 0, stale = 0
                var bestChoice: [Int]? = nil
                // (Four dives in a row without a better roster end the dives.)
                while dive.timeIntervalSinceNow > 0.5, !cancelled(), !closed(), stale < 4 {
                    let t1 = Date()
                    let kind = dives % 3
                    let found: (choice: [Int], objective: Int)?
                    if kind == 1 {
                        found = try cg.cellDive(until: dive, threads: options.pricingThreads, cancellation: options.cancellation, log: diveLog)
                    } else {
                        let strict = kind == 2
                        found = try cg.priceAndDive(until: dive, nodeIterations: strict ? 12 : 8, fixThreshold: strict ? 1 - 1e-6 : 0.9,
                                                    threads: options.pricingThreads, avoid: dives >= 3 ? bestChoice : nil, backtracks: options.diveBacktracks,
                                                    cancellation: options.cancellation, log: diveLog)
                    }
                    guard let (choice, value) = found else { break }
                    dives += 1
                    if Double(value) < objective - 1e-6, adopt(cg.roster(choice)) {
                        bestChoice = choice
                        stale = 0
                    } else {
                        stale += 1
                    }
                    if bestChoice == nil { bestChoice = choice }
                    note(String(format: "dive %d (%@): %d, incumbent %d (%.1f s)", dives, kind == 1 ? "cells" : kind == 2 ? "strict" : "schedules",
                                value, Int(objective.rounded()), Date().timeIntervalSince(t1)))
                }
            }
            // Iterated best response from the incumbent: exact one-employee moves by the programme. It stops by
            // itself at a local optimum on small instances; on large ones (no compact LP, no integer master,
            // neighbourhood MIPs too slow to matter) it gets the rest of the time, restarted with a new seed
            // from where it stopped whenever three passes in a row gained nothing.
            if objective.isFinite, left() > 0.5, !cancelled(), !closed() {
                let t0 = Date()
                let until = Date().addingTimeInterval(large ? left() - 0.5 : left() * options.bestResponseShare)
                var current = roster
                var moves = 0, rounds: UInt64 = 0
                repeat {
                    let r = cg.bestResponse(current, until: until, threads: options.pricingThreads, seed: options.seed &+ rounds,
                                            sidewaysPasses: options.bestResponseSidewaysPasses, cancellation: options.cancellation,
                                            log: options.debug ? { note("  " + $0) } : nil)
                    rounds += 1
                    moves += r.moves
                    current = r.roster
                    if Double(r.objective) < objective - 1e-6 { _ = adopt(r.roster, agreeing: r.objective) }
                } while large && until.timeIntervalSinceNow > 1 && !cancelled()
                note(String(format: "best response: %d moves in %d rounds, incumbent %d (%.1f s)", moves, rounds, Int(objective.rounded()),
                            Date().timeIntervalSince(t0)))
            }
            // GLPK's branch and cut over the pool: its root (cuts, preprocessing) ignores the time limit on
            // masters with many cover rows, so it is skipped there.
            if left() > 0.5, !cancelled(), !closed(), instance.cover.count <= options.integerMasterRowLimit {
                let t0 = Date()
                if let m = try cg.solveInteger(incumbent: objective.isFinite ? roster : nil, timeLimit: min(left() - 0.2, left() * options.integerMasterShare / max(0.05, 1 - options.columnGenerationShare)),
                                               cancellation: options.cancellation) {
                    _ = adopt(m.roster)
                    note(String(format: "integer master (%d columns): %@, objective %d, incumbent %d (%.1f s)", cg.columnCount, m.status.description,
                                m.objective, Int(objective.rounded()), Date().timeIntervalSince(t0)))
                } else {
                    note(String(format: "integer master: no solution (%.1f s)", Date().timeIntervalSince(t0)))
                }
            }
            }
        }
        if !objective.isFinite { try construct() }

        // 2. Bound from the LP relaxation (the optimum is an integer, so it rounds up).
        if !cgConverged, left() > 1, !cancelled(), !closed(), nrp.xCount <= options.compactLPColumnLimit {
            let lp = try solveLP(model, SolveOptions(timeLimit: max(1, min(left() * 0.2, left() - 0.5)), cancellation: options.cancellation))
            if lp.status == .optimal, let b = lp.objective {
                if lpValues == nil { lpValues = lp.values }
                if let v = lp.values {
                    let xs = (0..<model.columnCount).filter { model.columnKinds[$0] == .binary }
                    let fractional = xs.filter { v[$0] > 1e-6 && v[$0] < 1 - 1e-6 }.count
                    note("LP solution: \(fractional) of \(xs.count) binaries fractional")
                }
                let rounded = Int((b - 1e-6).rounded(.up))
                if rounded > (bound ?? Int.min) {
                    bound = rounded
                    boundSource = .lpRelaxation
                }
                note(String(format: "LP relaxation: %.3f → %d (%.1f s)", b, rounded, lp.elapsed))
            } else {
                note("LP relaxation: \(lp.status) after \(String(format: "%.1f", lp.elapsed)) s")
            }
        }

        // 2b. RENS: fix the binaries the LP optimum sets to 0 or 1 and solve the rest as a MIP.
        if let lpv = lpValues, options.rensShare > 0, left() > 1, !closed() {
            var isFree = [Bool](repeating: true, count: model.columnCount)
            var fixed = lpv
            for j in 0..<model.columnCount where model.columnKinds[j] == .binary {
                if lpv[j] < 1e-6 { isFree[j] = false; fixed[j] = 0 }
                else if lpv[j] > 1 - 1e-6 { isFree[j] = false; fixed[j] = 1 }
            }
            let restricted = RestrictedModel(model, isFree: isFree, values: fixed)
            let r = try solveMIP(restricted.model, SolveOptions(timeLimit: max(0.5, left() * options.rensShare), relativeGap: 1e-9,
                                                                cuts: CutOptions(gomory: false, mixedIntegerRounding: true, cover: false, clique: true),
                                                                branching: .hybridPseudoCost, cancellation: options.cancellation))
            if let v = r.values {
                _ = adopt(nrp.roster(restricted.lift(v)))
            }
            note("RENS (\(restricted.model.columnCount) free columns): \(r.status), objective now \(Int(objective.rounded())) (\(String(format: "%.1f", r.elapsed)) s)")
        }

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

        // 3. Fix-and-optimize (on all but tiny models), then GLPK's branch and cut on the whole model,
        //    warm-started, when it is small enough (to close the gap) or when asked for.
        let direct = nrp.xCount <= options.directColumnLimit
        let share = direct ? 1 - options.directFixAndOptimizeShare : max(0, min(1, options.finalMIPShare))
        if nrp.xCount > options.tinyColumnLimit {
            let improveUntil = Date().addingTimeInterval(left() * (1 - share))
            let cap = 0.7 * Double(nrp.xCount)
            // Each kind of neighbourhood keeps its own size (free x columns), grown while its sub-MIPs
            // solve fast without gain and shrunk when they time out.
            var size = [Double](repeating: min(Double(options.neighbourhoodSize), cap), count: 4)
            let perCell = Double(nrp.xCount) / Double(E * h)
            var solved = 0, improved = 0, sideways = 0
            var kind = -1
            let hoodLimit = max(1, min(3, options.timeLimit / 30))
            while improveUntil.timeIntervalSinceNow > 0.2, !cancelled(), !closed() {
                // Neighbourhoods: employee groups over the whole horizon (0), all employees over a window of
                // days (1), employee groups over half the horizon (2), and the cells where the incumbent
                // differs from the LP optimum, LP-guided as in RINS (3).
                kind = (kind + 1) % (lpValues == nil ? 3 : 4)
                var employees: [Int] = [], days: [Int] = []
                var cells: [(Int, Int)]? = nil
                let target = size[kind]
                switch kind {
                case 0:
                    let g = max(2, min(E, Int((target / (Double(h) * perCell)).rounded())))
                    employees = Array((0..<E).shuffled(using: &rng).prefix(g))
                    days = Array(0..<h)
                case 1:
                    let length = max(2, min(h, Int((target / (Double(E) * perCell)).rounded())))
                    let first = Int.random(in: 0...(h - length), using: &rng)
                    employees = Array(0..<E)
                    days = Array(first..<(first + length))
                case 2:
                    let length = min(h, max(7, h / 2))
                    let g = max(2, min(E, Int((target / (Double(length) * perCell)).rounded())))
                    let first = Int.random(in: 0...(h - length), using: &rng)
                    employees = Array((0..<E).shuffled(using: &rng).prefix(g))
                    days = Array(first..<(first + length))
                default:
                    // Cells where the LP and the incumbent disagree, plus their neighbours in time, for a
                    // random subset of employees.
                    var list: [(Int, Int)] = []
                    for e in (0..<E).shuffled(using: &rng) {
                        var mine: Set<Int> = []
                        for d in 0..<h {
                            var differs = false
                            for t in 0..<instance.shifts.count {
                                if let c = nrp.x(e, d, t), abs(lpValues![c] - values[c]) > 0.3 { differs = true }
                            }
                            if differs { for dd in max(0, d - 1)...min(h - 1, d + 1) { mine.insert(dd) } }
                        }
                        list += mine.map { (e, $0) }
                        if Double(list.count) * perCell >= target { break }
                    }
                    cells = list
                }
                var isFree: [Bool]
                if let cells { isFree = nrp.mask(cells: cells) } else { isFree = nrp.mask(employees: employees, days: days) }
                let restricted = RestrictedModel(model, isFree: isFree, values: values)
                var sub = restricted.model
                if options.noise {
                // Tie-breaking noise (< 0.5 in total, so it never outweighs one unit of the integer objective):
                // among equally good rosters the sub-MIP picks a random one, which walks plateaus.
                let free = restricted.originalColumn.filter { model.columnKinds[$0] == .binary }
                let eps = 0.45 / Double(max(1, free.count))
                for (i, j) in restricted.originalColumn.enumerated() where model.columnKinds[j] == .binary {
                    sub.setObjective(ColumnID(i), model.objective[j] + eps * Double.random(in: 0..<1, using: &rng))
                }
                }
                let limit = min(hoodLimit, improveUntil.timeIntervalSinceNow)
                guard limit > 0.1 else { break }
                let r = try solveMIP(sub, SolveOptions(timeLimit: limit, relativeGap: 1e-9,
                                                       cuts: CutOptions(gomory: false, mixedIntegerRounding: false, cover: false, clique: true),
                                                       branching: .hybridPseudoCost,
                                                       warmStart: restricted.restrict(values), cancellation: options.cancellation))
                solved += 1
                var gained = false
                if let v = r.values {
                    let next = nrp.roster(restricted.lift(v))
                    let nextValues = nrp.values(next)
                    let value = model.objectiveValue(nextValues)
                    if value <= objective + 1e-6, next != roster, model.maxViolation(nextValues) <= 1e-6 {
                        gained = value < objective - 1e-6
                        roster = next
                        values = nextValues
                        if gained {
                            objective = value
                            improved += 1
                            note("neighbourhood \(solved) (kind \(kind), \(restricted.model.columnCount) columns): objective \(Int(objective.rounded()))")
                        } else {
                            sideways += 1
                        }
                    }
                }
                // Solved to optimality, fast, without gain: widen; ran out of time: narrow.
                if r.status == .optimal, !gained, r.elapsed < hoodLimit / 3 { size[kind] = min(size[kind] * 1.15, cap) }
                if r.status != .optimal { size[kind] = max(40, size[kind] * 0.8) }
                if options.debug { note("  hood \(solved) kind \(kind): \(restricted.model.columnCount) columns, \(r.status), \(String(format: "%.2f", r.elapsed)) s, sizes \(size.map { Int($0) })") }
            }
            note("fix-and-optimize: \(solved) neighbourhoods, \(improved) improvements, \(sideways) sideways moves, sizes \(size.map { Int($0) })")
        }
        if direct || share > 0 { try fullMIP(left() - 0.2) }
        // Local search over the schedule pool from the final incumbent (its schedules added).
        if var cg = pool, !closed() {
            cg.add(roster)
            let choice = roster.shift.enumerated().map { e, row in cg.schedules[e].firstIndex(of: row)! }
            let (better, value) = cg.improve(choice)
            if Double(value) < objective - 1e-6, adopt(cg.roster(better)) {
                note("pool local search: objective \(Int(objective.rounded()))")
            }
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

