import Foundation
import RosterCore
import Search
import Solver

/// Column generation over the hotline master (``HotlineMaster``): the master LP kept in GLPK and
/// warm-started from round to round, every agent priced exactly by ``AgentSchedulePricer`` on all threads
/// (agents with the same pricing problem once), with Wentges dual smoothing. Gives the Lagrangian bound
/// while it runs and the master LP — at least the integer model's LP relaxation — once no column prices
/// out. See Docs/model.md, "Column generation".
final class HotlineColumnGeneration {
    struct Outcome: Sendable {
        var masterLP: Double? = nil
        /// Best valid lower bound: the master LP at convergence, else the best Lagrangian bound.
        var bound: Double? = nil
        var converged = false
        var iterations = 0
        var columns = 0
        /// Seconds in the master LP and in pricing.
        var lpSeconds = 0.0
        var pricingSeconds = 0.0
        /// Agent-hours of surplus in the last master LP's solution (the best fractional roster at convergence).
        var relaxedSurplusHours: Double? = nil
        /// Each agent's column with the largest λ in the last master LP (a roster that breaks no hard rule).
        var rounded: [[Int]]? = nil
        var log: [String] = []
    }

    private(set) var master: HotlineMaster
    let threads: Int
    /// Dual smoothing: price at α·(prices of the best bound) + (1 − α)·(current duals).
    let smoothing: Double
    private(set) var outcome = Outcome()
    private var masterColumn: [Int] = []
    private var lp: RestrictedMaster? = nil
    private var values: [Double] = []
    private var duals: [Double] = []

    init(_ full: RosterIntegerModel, threads: Int, smoothing: Double) {
        master = HotlineMaster(full)
        self.threads = max(1, threads)
        self.smoothing = smoothing
    }

    var full: RosterIntegerModel { master.full }
    var agents: Int { full.scenario.agents.count }

    /// Rounds until no column prices out or the budget ends, from a pool seeded with `seed` (each agent's
    /// schedule where it meets their rules) and each agent's cheapest schedule at zero prices. Nil when an
    /// agent has no schedule that meets their rules.
    ///
    /// `warm`, when given, are master prices to start from (``HotlineMaster/prices(cover:floor:handover:)``):
    /// the first pricing is done at them, which gives a Lagrangian bound and good columns before the first
    /// master LP, and they are the first centre of the smoothing.
    func run(seed: [[Int]]?, warm: [Double]? = nil, budget: Budget) throws(SolverError) -> Outcome? {
        var ok = true
        let start = Date()
        try GLPKSolver.withRestrictedMaster(master.base) { lp in
            self.lp = lp
            defer { self.lp = nil }
            ok = self.seedPool(seed)
            if ok { self.generate(warm: warm.map { self.master.base.signValidDuals($0) }, budget: budget) }
        }
        outcome.columns = master.pool.count
        outcome.log.append(String(format: "column generation: %d rounds, %d columns, master LP %@, bound %@, %@, %.1f s (%.1f s master LP, %.1f s pricing)",
                                  outcome.iterations, outcome.columns, fmt(outcome.masterLP), fmt(outcome.bound),
                                  outcome.converged ? "converged" : "stopped before convergence", Date().timeIntervalSince(start),
                                  outcome.lpSeconds, outcome.pricingSeconds))
        return ok ? outcome : nil
    }

    /// The Lagrangian bound at master prices (``HotlineMaster/prices(cover:floor:handover:)``): every agent's
    /// cheapest schedule under all their rules, priced on both cores, no master LP and no GLPK. A valid
    /// bound at any prices; nil when some agent has no schedule that meets their rules.
    func lagrangianBound(at prices: [Double]) -> Double? {
        let p = master.base.signValidDuals(prices)
        return lagrangian(p, price(Array(0..<agents), duals: p))
    }

    private func fmt(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "—" }

    private func seedPool(_ seed: [[Int]]?) -> Bool {
        let zero = [Double](repeating: 0, count: master.base.rowCount)
        let found = price(Array(0..<agents), duals: zero)
        for a in 0..<agents {
            guard let f = found[a] else {
                outcome.log.append("column generation: agent \(full.scenario.agents[a].id) has no schedule that meets their rules")
                return false
            }
            insert(agent: a, options: f.options)
        }
        for (a, chosen) in (seed ?? []).enumerated() where holdsRules(a, chosen) { insert(agent: a, options: chosen) }
        return true
    }

    /// Whether the agent's rules allow these options together: the pricing, with them at a large gain and
    /// every other option barred, keeps all of them exactly then.
    private func holdsRules(_ a: Int, _ chosen: [Int]) -> Bool {
        var costs = [Double](repeating: .infinity, count: full.catalog.options.count)
        for k in chosen { costs[k] = -1e9 }
        guard let r = master.pricers[a].cheapest(costs) else { return false }
        return Set(r.options) == Set(chosen)
    }

    @discardableResult
    private func insert(agent a: Int, options chosen: [Int]) -> Bool {
        guard let i = master.add(agent: a, options: chosen), let lp else { return false }
        let c = master.pool[i]
        masterColumn.append(lp.addColumn(cost: c.cost, lower: 0, upper: nil, terms: master.terms(c)))
        return true
    }

    /// The cheapest schedule of each listed agent at the prices (agents of one group share it).
    private func price(_ list: [Int], duals: [Double]) -> [(options: [Int], cost: Double)?] {
        let start = Date()
        defer { outcome.pricingSeconds += Date().timeIntervalSince(start) }
        let groups = master.pricingGroups(list, duals: duals)
        let common = master.commonPrices(duals)
        let slots = ConcurrentSlots<(options: [Int], cost: Double)>(count: groups.count)
        let master = self.master
        performConcurrently(groups.count, threads: threads) { n in
            let a = groups[n][0]
            if let r = master.pricers[a].cheapest(master.agentCosts(a, common: common, duals: duals)) { slots.set(n, r) }
        }
        var out = [(options: [Int], cost: Double)?](repeating: nil, count: agents)
        for (n, group) in groups.enumerated() { for a in group { out[a] = slots.all[n] } }
        return out
    }

    private func solveMaster(_ budget: Budget) -> Double? {
        let start = Date()
        defer { outcome.lpSeconds += Date().timeIntervalSince(start) }
        guard let lp, let r = lp.solve(until: Date().addingTimeInterval(budget.seconds())) else { return nil }
        values = r.values
        duals = master.base.signValidDuals(r.duals)
        return r.objective
    }

    /// The Lagrangian bound at the prices, given every agent's cheapest schedule at them: Σ_r π_r b_r over
    /// the coupling rows, the slacks' least terms, and every agent's least c − π·A (the pricing's minima,
    /// which leave the convexity rows out). Nil when some agent has no schedule.
    private func lagrangian(_ prices: [Double], _ found: [(options: [Int], cost: Double)?]) -> Double? {
        guard found.allSatisfy({ $0 != nil }) else { return nil }
        var coupling = prices
        for r in master.convexityRow { coupling[r] = 0 }
        return master.base.lagrangianValue(duals: coupling) + found.reduce(0.0) { $0 + $1!.cost }
    }

    private func generate(warm: [Double]?, budget: Budget) {
        var bestBound = -Double.infinity
        var center: [Double]? = nil
        var misprice = false
        if let warm, budget.hasTime(0.05) {
            let found = price(Array(0..<agents), duals: warm)
            if let l = lagrangian(warm, found) { bestBound = l; center = warm }
            for (a, f) in found.enumerated() { if let f { insert(agent: a, options: f.options) } }
            outcome.bound = bestBound.isFinite ? bestBound : nil
            outcome.log.append(String(format: "column generation: Lagrangian bound %@ at the shift counts' prices", fmt(outcome.bound)))
        }
        while budget.hasTime(0.05) {
            guard let z = solveMaster(budget) else { outcome.log.append("column generation: master LP not solved in time"); break }
            outcome.iterations += 1
            outcome.masterLP = z
            let current = duals
            let alpha = (misprice || center == nil) ? 0 : smoothing
            var prices = current
            if alpha > 0, let center { prices = zip(center, current).map { alpha * $0 + (1 - alpha) * $1 } }
            let found = price(Array(0..<agents), duals: prices)
            if let l = lagrangian(prices, found), l > bestBound { bestBound = l; center = prices }
            var added = 0
            for (a, f) in found.enumerated() {
                guard let f else { continue }
                let column = HotlineMaster.Column(agent: a, options: f.options, cost: master.cost(agent: a, options: f.options))
                if master.reducedCost(column, duals: current) < -Tolerance.reducedCost, insert(agent: a, options: f.options) { added += 1 }
            }
            outcome.bound = bestBound.isFinite ? bestBound : nil
            budget.report(phase: "column generation", incumbent: nil, bound: outcome.bound,
                          note: "round \(outcome.iterations), master LP \(fmt(z)), \(master.pool.count) columns")
            if added == 0 {
                if alpha == 0 { outcome.converged = true; break }
                misprice = true
            } else {
                misprice = false
            }
            if bestBound >= z - Tolerance.reducedCost * max(1, abs(z)) { outcome.converged = true; break }
        }
        if outcome.converged, let z = outcome.masterLP { bestBound = max(bestBound, z) }
        outcome.bound = bestBound.isFinite ? bestBound : nil
        guard !values.isEmpty else { return }
        var hours = 0.0
        for (n, c) in full.coverage.enumerated() {
            hours += values[master.surplusColumn[n]] * Double(full.scenario.grid.intervals[c.interval].minutes) / 60
        }
        outcome.relaxedSurplusHours = hours
        var choice = [Int](repeating: -1, count: agents)
        var largest = [Double](repeating: -1, count: agents)
        // (Columns added after the last master LP have no value in it.)
        for (i, c) in master.pool.enumerated() where masterColumn[i] < values.count && values[masterColumn[i]] > largest[c.agent] {
            largest[c.agent] = values[masterColumn[i]]
            choice[c.agent] = i
        }
        if choice.allSatisfy({ $0 >= 0 }) { outcome.rounded = choice.map { master.pool[$0].options } }
    }
}
