import Foundation
import RosterCore
import Search
import Solver

/// The last phase of a solve: with every agent's shifts chosen, each break is moved within its template's
/// window (on the interval grid) so that the line is covered best — agents who start together no longer
/// all break together. First a small integer program (one binary per shift and break start, Σ = 1 per
/// shift; the coverage of every interval with the model's own convex shortfall, surplus and floor costs),
/// then a local search that, break by break, also moves breaks out of intervals staffed exactly at their
/// requirement when that costs nothing (Docs/model.md, "Breaks"). Where the options put the breaks is
/// the starting point, so the phase never makes coverage worse; a break given in `kept` (a re-roster's
/// published shifts) does not move.
enum BreakPlacement {
    struct Placed {
        /// Per agent: option id → break start, for the shifts whose break moved.
        var breaks: [[Int: Date]]
        /// Coverage cost (shortfall, surplus, floor) with the options' breaks, and after placement.
        var costBefore: Double
        var costAfter: Double
        var moved: Int
        var note: String
    }

    /// A shift whose break may move: its agent and option, and each candidate break start with the
    /// intervals it leaves covered.
    private struct Movable {
        let agent: Int
        let option: Int
        let starts: [Date]
        let covered: [[Int]]
        let current: Int
    }

    static func place(_ full: RosterIntegerModel, assignment: [[Int]], kept: [[Date: Date]]?, budget: Budget) -> Placed {
        let scenario = full.scenario, grid = scenario.grid, options = full.catalog.options
        let weights = scenario.weights
        var fixedCover = [Double](repeating: 0, count: grid.intervals.count)
        var movable: [Movable] = []
        // Kept breaks that differ from their option's: the roster shows them where they were.
        var keptMoves = Array(repeating: [Int: Date](), count: assignment.count)
        let step = Double(grid.intervalMinutes) * 60
        for (a, chosen) in assignment.enumerated() {
            for k in chosen {
                let o = options[k]
                let template = scenario.templates[o.templateIndex]
                let keptStart = a < (kept?.count ?? 0) ? kept?[a][o.start] : nil
                guard let rule = template.breakRule, rule.lengthMinutes > 0, let b0 = o.breakStart, keptStart == nil else {
                    // No break, or one that must stay (where the published roster had it).
                    if let keptStart, let rule = template.breakRule {
                        if keptStart != o.breakStart { keptMoves[a][k] = keptStart }
                        let cov = ShiftCatalog.coverage(start: o.start, end: o.end, breakStart: keptStart,
                                                        breakEnd: keptStart.addingTimeInterval(Double(rule.lengthMinutes) * 60), grid: grid).covered
                        for i in cov { fixedCover[i] += 1 }
                    } else {
                        for i in o.coveredIntervals { fixedCover[i] += 1 }
                    }
                    continue
                }
                // Every start in the window on the grid of intervals (as the catalog's middle one is).
                let first = (Double(rule.earliestOffsetMinutes) * 60 / step).rounded(.up) * step
                var starts: [Date] = []
                var offset = first
                while offset <= Double(rule.latestOffsetMinutes) * 60 + 1e-6 {
                    starts.append(o.start.addingTimeInterval(offset))
                    offset += step
                }
                if !starts.contains(b0) { starts.append(b0) }
                starts.sort()
                let length = Double(rule.lengthMinutes) * 60
                let covered = starts.map { ShiftCatalog.coverage(start: o.start, end: o.end, breakStart: $0, breakEnd: $0.addingTimeInterval(length), grid: grid).covered }
                movable.append(Movable(agent: a, option: k, starts: starts, covered: covered, current: starts.firstIndex(of: b0)!))
            }
        }
        let empty = keptMoves
        let g = max(1, weights.shortfallGrowth)

        // Second to the cost, the agent-hours of intervals staffed at their requirement but with no one to
        // spare (where a caller more than forecast waits): breaks move out of them when nothing is lost.
        func tight(_ choice: [Int]) -> Double {
            var cover = fixedCover
            for (m, c) in zip(movable, choice) { for i in m.covered[c] { cover[i] += 1 } }
            return grid.intervals.indices.reduce(0.0) { t, i in
                full.requirement[i] > 0 && cover[i] <= Double(full.requirement[i]) ? t + Double(grid.intervals[i].minutes) / 60 : t
            }
        }
        // The coverage cost of a placement (same segments and weights as the model).
        func cost(_ choice: [Int]) -> Double {
            var cover = fixedCover
            for (m, c) in zip(movable, choice) { for i in m.covered[c] { cover[i] += 1 } }
            var total = 0.0
            let g = max(1, weights.shortfallGrowth)
            for (i, iv) in grid.intervals.enumerated() {
                let hours = Double(iv.minutes) / 60
                let diff = Double(full.requirement[i]) - cover[i]
                if diff > 0 {
                    total += weights.shortfall * hours * (min(1, diff) + g * min(1, max(0, diff - 1)) + g * g * max(0, diff - 2))
                } else {
                    total += weights.surplus * hours * (-diff)
                }
                if scenario.rules.floorAgents > 0 { total += full.ruleViolationWeight * hours * max(0, Double(scenario.rules.floorAgents) - cover[i]) }
            }
            return total
        }
        let start = movable.map(\.current)
        let before = cost(start)
        guard !movable.isEmpty, budget.hasTime(0.2) else {
            return Placed(breaks: empty, costBefore: before, costAfter: before, moved: 0, note: "no break to place")
        }

        var m = LinearModel(name: "breaks", sense: .minimize)
        var z: [[ColumnID]] = []
        var terms = Array(repeating: [(ColumnID, Double)](), count: grid.intervals.count)
        for (s, mv) in movable.enumerated() {
            let cols = mv.starts.indices.map { m.addColumn("z_\(s)_\($0)", kind: .binary) }
            z.append(cols)
            m.addRow("one_\(s)", sumOf: cols, .equal(1))
            for (c, col) in cols.enumerated() { for i in mv.covered[c] { terms[i].append((col, 1)) } }
        }
        for (i, iv) in grid.intervals.enumerated() where !terms[i].isEmpty {
            let hours = Double(iv.minutes) / 60
            let s1 = m.addColumn(lower: 0, upper: 1, objective: weights.shortfall * hours)
            let s2 = m.addColumn(lower: 0, upper: 1, objective: weights.shortfall * g * hours)
            let s3 = m.addColumn(lower: 0, upper: nil, objective: weights.shortfall * g * g * hours)
            let over = m.addColumn(lower: 0, upper: nil, objective: weights.surplus * hours)
            m.addRow("cover_\(i)", terms: terms[i] + [(s1, 1), (s2, 1), (s3, 1), (over, -1)], .equal(Double(full.requirement[i]) - fixedCover[i]))
            if scenario.rules.floorAgents > 0 {
                let f = m.addColumn(lower: 0, upper: nil, objective: full.ruleViolationWeight * hours)
                m.addRow("floor_\(i)", terms: terms[i] + [(f, 1)], .atLeast(Double(scenario.rules.floorAgents) - fixedCover[i]))
            }
        }
        // 1. The placement of least coverage cost (a MIP, with part of the time).
        var choice = start
        var mipNote = "kept"
        do {
            let result = try GLPKSolver.solve(m, options: SolveOptions(timeLimit: max(0.1, budget.seconds() * 0.6), relativeGap: 1e-4,
                                                                     cancellation: budget.cancellation))
            if let v = result.values {
                let found = z.map { cols in cols.indices.max { v[cols[$0].index] < v[cols[$1].index] } ?? 0 }
                if cost(found) < before - 1e-9 { choice = found }
            }
            mipNote = "\(result.status)"
        } catch {
            mipNote = "\(error)"
        }
        // 2. Then, break by break, the start with the least (cost, hours with no one to spare) given the
        //    others, until no break improves (the spare hours only break ties of the cost).
        var cover = fixedCover
        for (mv, c) in zip(movable, choice) { for i in mv.covered[c] { cover[i] += 1 } }
        func local(_ i: Int, _ n: Double) -> (cost: Double, tight: Double) {
            let hours = Double(grid.intervals[i].minutes) / 60
            let diff = Double(full.requirement[i]) - n
            var c = diff > 0 ? weights.shortfall * hours * (min(1, diff) + g * min(1, max(0, diff - 1)) + g * g * max(0, diff - 2))
                             : weights.surplus * hours * (-diff)
            if scenario.rules.floorAgents > 0 { c += full.ruleViolationWeight * hours * max(0, Double(scenario.rules.floorAgents) - n) }
            return (c, full.requirement[i] > 0 && n <= Double(full.requirement[i]) ? hours : 0)
        }
        var improved = true
        while improved && !budget.isExhausted {
            improved = false
            for (s, mv) in movable.enumerated() {
                let now = choice[s]
                let touched = Set(mv.covered.flatMap { $0 })
                func value(_ c: Int) -> (Double, Double) {
                    var cost = 0.0, tightHours = 0.0
                    let on = Set(mv.covered[c]), was = Set(mv.covered[now])
                    for i in touched {
                        let n = cover[i] - (was.contains(i) ? 1 : 0) + (on.contains(i) ? 1 : 0)
                        let (x, t) = local(i, n)
                        cost += x; tightHours += t
                    }
                    return (cost, tightHours)
                }
                let current = value(now)
                var best = now, bestValue = current
                for c in mv.starts.indices where c != now {
                    let v = value(c)
                    if v.0 < bestValue.0 - 1e-9 || (v.0 <= bestValue.0 + 1e-9 && v.1 < bestValue.1 - 1e-9) { best = c; bestValue = v }
                }
                if best != now {
                    for i in mv.covered[now] { cover[i] -= 1 }
                    for i in mv.covered[best] { cover[i] += 1 }
                    choice[s] = best
                    improved = true
                }
            }
        }
        let after = cost(choice)
        let (tightBefore, tightAfter) = (tight(start), tight(choice))
        // Never worse than where the options put the breaks: a lower cost, or the same with fewer tight hours.
        guard after < before - 1e-9 || (after <= before + 1e-9 && tightAfter < tightBefore - 1e-9) else {
            return Placed(breaks: empty, costBefore: before, costAfter: before, moved: 0, note: "the options' breaks are already best (MIP \(mipNote))")
        }
        let result = mipNote
        var breaks = empty
        var moved = 0
        for (mv, c) in zip(movable, choice) where c != mv.current {
            breaks[mv.agent][mv.option] = mv.starts[c]
            moved += 1
        }
        return Placed(breaks: breaks, costBefore: before, costAfter: after, moved: moved,
                      note: String(format: "%d of %d breaks moved; coverage cost %.1f → %.1f, agent-hours with no one to spare %.1f → %.1f (%@)",
                                   moved, movable.count, before, after, tightBefore, tightAfter, "MIP \(result)"))
    }
}
