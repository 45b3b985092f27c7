// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Search
import Solver

/// The benchmark's neighbourhoods for ``NeighbourhoodSearch`` (sizes in free x columns):
/// 0. a group of employees over the whole horizon;
/// 1. every employee over a window of days;
/// 2. a group of employees over half the horizon;
/// 3. the cells where the incumbent differs from a fractional point of the compact model (column
///    generation's or the LP's) and their neighbours in time, for random employees (RINS-like).
struct NRPNeighbourhoods: NeighbourhoodProblem {
    struct Hood: Sendable {
        /// Free (employee, day) cells.
        var cells: [(Int, Int)]
    }
    typealias Solution = NRPRoster

    let nrp: NRPModel
    let lpValues: [Double]?
    let noise: Bool
    let E: Int, h: Int
    let perCell: Double
    let kindNames = ["employees × horizon", "all employees × days", "employees × half horizon", "cells off the LP point"]
    var kindCycle: [Int] { lpValues == nil ? [0, 1, 2] : [0, 1, 2, 3] }

    init(_ nrp: NRPModel, lpValues: [Double]?, noise: Bool) {
        self.nrp = nrp
        self.lpValues = lpValues
        self.noise = noise
        E = nrp.instance.employees.count
        h = nrp.instance.horizon
        perCell = Double(nrp.xCount) / Double(max(1, E * h))
    }

    func neighbourhood(kind: Int, size target: Double, around incumbent: NRPRoster, rng: inout SeededGenerator) -> Hood? {
        guard E > 0, h > 0 else { return nil }
        func block(_ employees: [Int], _ days: Range<Int>) -> Hood { Hood(cells: employees.flatMap { e in days.map { (e, $0) } }) }
        switch kind {
        case 0:
            let g = max(2, min(E, Int((target / (Double(h) * perCell)).rounded())))
            return block(Array((0..<E).shuffled(using: &rng).prefix(g)), 0..<h)
        case 1:
            let length = max(2, min(h, Int((target / (Double(E) * perCell)).rounded())))
            let first = Int.random(in: 0...(h - length), using: &rng)
            return block(Array(0..<E), first..<(first + length))
        case 2:
            let length = min(h, max(7, h / 2))
            let g = max(2, min(E, Int((target / (Double(length) * perCell)).rounded())))
            let first = Int.random(in: 0...(h - length), using: &rng)
            return block(Array((0..<E).shuffled(using: &rng).prefix(g)), first..<(first + length))
        default:
            guard let lp = lpValues else { return nil }
            let values = nrp.values(incumbent)
            var list: [(Int, Int)] = []
            for e in (0..<E).shuffled(using: &rng) {
                var mine: Set<Int> = []
                for d in 0..<h {
                    let differs = (0..<nrp.instance.shifts.count).contains { t in nrp.x(e, d, t).map { abs(lp[$0] - values[$0]) > 0.3 } ?? false }
                    if differs { for dd in max(0, d - 1)...min(h - 1, d + 1) { mine.insert(dd) } }
                }
                list += mine.map { (e, $0) }
                if Double(list.count) * perCell >= target { break }
            }
            return list.isEmpty ? nil : Hood(cells: list)
        }
    }

    func overlaps(_ a: Hood, _ b: Hood) -> Bool {
        let mine = Set(a.cells.map { $0.0 * h + $0.1 })
        return b.cells.contains { mine.contains($0.0 * h + $0.1) }
    }

    func solve(_ hood: Hood, from incumbent: NRPRoster, budget: Budget, seed: UInt64) -> SubSolve<NRPRoster> {
        let model = nrp.model
        let values = nrp.values(incumbent)
        let restricted = RestrictedModel(model, isFree: nrp.mask(cells: hood.cells), values: values)
        var sub = restricted.model
        if noise {
            // Tie-breaking noise (< 0.5 in total, so it never outweighs one unit of the integer objective):
            // among equally good rosters the sub-MIP picks a random one, which walks plateaus.
            var rng = SeededGenerator(seed: seed)
            let free = restricted.originalColumn.filter { model.columnKinds[$0] == .binary }
            let eps = 0.45 / Double(max(1, free.count))
            for (i, j) in restricted.originalColumn.enumerated() where model.columnKinds[j] == .binary {
                sub.setObjective(ColumnID(i), model.objective[j] + eps * Double.random(in: 0..<1, using: &rng))
            }
        }
        do {
            let r = try GLPKSolver.solve(sub, options: SolveOptions(
                timeLimit: budget.seconds(floor: 0.1), relativeGap: 1e-9,
                cuts: CutOptions(gomory: false, mixedIntegerRounding: false, cover: false, clique: true), branching: .hybridPseudoCost,
                warmStart: restricted.restrict(values), cancellation: budget.cancellation))
            return SubSolve(candidate: r.values.map { nrp.roster(restricted.lift($0)) }, optimal: r.status == .optimal, seconds: r.elapsed)
        } catch {
            return SubSolve(candidate: nil, optimal: false, seconds: 0, failure: error.description)
        }
    }

    /// The current roster with the neighbourhood's cells taken from `part`.
    func merge(_ part: NRPRoster, of hood: Hood, into current: NRPRoster) -> NRPRoster {
        var merged = current
        for (e, d) in hood.cells { merged.shift[e][d] = part.shift[e][d] }
        return merged
    }
}
