// SPDX-License-Identifier: GPL-3.0-or-later
// Column generation over employee schedules (Dantzig–Wolfe reformulation of NRPModel), then an integer
// master over the generated columns (price-and-branch). See Docs/nrp.md.
import Foundation
import Search
import Solver

public struct NRPColumnGenerationOptions: Sendable {
    /// Seconds one pricing MIP (one employee) may take.
    var pricingTimeLimit: Double = 2
    /// Wentges dual smoothing: price at α·(duals of the best Lagrangian bound) + (1 − α)·(current duals);
    /// 0 switches smoothing off. After a round that finds no column at the smoothed duals (mispricing),
    /// the next round prices at the current duals.
    var smoothing: Double = 0.5
    /// Pricing threads (GLPK solves each on its own thread).
    var threads: Int = 1
    public var log: (@Sendable (String) -> Void)?

    init(pricingTimeLimit: Double = 2, smoothing: Double = 0.5, threads: Int = 1,
                log: (@Sendable (String) -> Void)? = nil) {
        self.pricingTimeLimit = pricingTimeLimit
        self.smoothing = smoothing
        self.threads = threads
        self.log = log
    }
}

/// What the column generation found.
public struct NRPColumnGenerationResult: Sendable {
    /// Objective of the last master LP (an upper bound on the LP of the full reformulation).
    var masterLP: Double?
    /// Best valid lower bound on the optimum (not rounded): the master LP at convergence, else the best
    /// Lagrangian bound Σ_i π_i R_i + Σ_e min_schedule(c − π·a) seen.
    var lowerBound: Double?
    /// Whether pricing proved that no column has a negative reduced cost (the master LP is the bound).
    var converged: Bool
    var iterations: Int
    /// Columns in the pool at the end.
    var columns: Int
    /// x values of the last master LP expressed on the compact model's x columns (others 0).
    var compactValues: [Double]?
    public var elapsed: Double
    /// One line per iteration.
    public var log: [String] = []
    /// Best roster combined from pool schedules (largest λ per employee, then local search over the pool).
    public var roster: NRPRoster? = nil
    var rosterObjective: Int? = nil
}

/// The schedule pool and the per-employee pricing models of one instance.
public struct NRPColumnGeneration: Sendable {
    let nrp: NRPModel
    /// Per employee: the dynamic-programming pricer (see NRPSchedulePricer) and the Lagrange multipliers of
    /// its totals, kept from one round to the next.
    let pricers: [NRPSchedulePricer]
    var multipliers: [NRPSchedulePricer.Multipliers]
    /// Per employee, built when first needed: the pricing MIP (that employee alone, no cover rows), used when
    /// the programme cannot settle whether an employee has a column with negative reduced cost.
    private var pricingModels: [NRPModel?]
    /// Cover rows each (day, shift) cell contributes to: `coverRows[d * S + s]`.
    let coverRows: [[Int]]
    /// Per employee: schedules (shift of each day or nil), their request cost, and a set for deduplication.
    private(set) var schedules: [[[Int?]]]
    private(set) var costs: [[Int]]
    private var seen: [Set<[Int8]>]

    init(_ nrp: NRPModel) {
        self.nrp = nrp
        let instance = nrp.instance
        let h = instance.horizon, S = instance.shifts.count
        var rows = [[Int]](repeating: [], count: h * S)
        for (i, c) in instance.cover.enumerated() { rows[c.day * S + c.shift].append(i) }
        coverRows = rows
        pricers = instance.employees.indices.map { NRPSchedulePricer(instance, employee: $0) }
        multipliers = Array(repeating: NRPSchedulePricer.Multipliers(shifts: S), count: instance.employees.count)
        pricingModels = Array(repeating: nil, count: instance.employees.count)
        schedules = Array(repeating: [], count: instance.employees.count)
        costs = Array(repeating: [], count: instance.employees.count)
        seen = Array(repeating: [], count: instance.employees.count)
    }

    /// The pricing MIP of employee e: that employee alone, no cover rows.
    mutating func pricingModel(_ e: Int) -> NRPModel {
        if let m = pricingModels[e] { return m }
        let instance = nrp.instance
        let mine = { (r: NRPRequest) -> NRPRequest? in
            r.employee == e ? NRPRequest(employee: 0, day: r.day, shift: r.shift, weight: r.weight) : nil
        }
        let alone = NRPInstance(name: "\(instance.name)_e\(e)", horizon: instance.horizon, shifts: instance.shifts,
                                employees: [instance.employees[e]], onRequests: instance.onRequests.compactMap(mine),
                                offRequests: instance.offRequests.compactMap(mine), cover: [])
        let m = NRPModel(alone)
        pricingModels[e] = m
        return m
    }

    /// Request cost of a schedule of employee e.
    func cost(_ e: Int, _ schedule: [Int?]) -> Int {
        Int(pricers[e].requestCost(schedule).rounded())
    }

    /// Adds a schedule of employee e unless already present; returns whether it was new.
    @discardableResult
    mutating func add(_ e: Int, _ schedule: [Int?]) -> Bool {
        let key = schedule.map { Int8($0 ?? -1) }
        guard seen[e].insert(key).inserted else { return false }
        schedules[e].append(schedule)
        costs[e].append(cost(e, schedule))
        return true
    }

    /// Adds every employee's schedule of a roster.
    mutating func add(_ roster: NRPRoster) {
        for (e, row) in roster.shift.enumerated() { add(e, row) }
    }

    public var columnCount: Int { schedules.reduce(0) { $0 + $1.count } }

    /// The master over the pool: λ per schedule (binary when `integer`), under/over slack per cover row;
    /// rows: one convexity row per employee (= 1), then one row per cover requirement.
    /// Returns the model and, per master column, (employee, schedule index) for λ columns.
    func master(integer: Bool, only: [Int?]? = nil, keep: ((Int, Int) -> Bool)? = nil) -> (LinearModel, [(Int, Int)]) {
        let instance = nrp.instance
        let E = instance.employees.count, S = instance.shifts.count
        var m = LinearModel(name: "nrp_master", sense: .minimize)
        var owner: [(Int, Int)] = []
        var coverTerms = [[(ColumnID, Double)]](repeating: [], count: instance.cover.count)
        var convexity = [[ColumnID]](repeating: [], count: E)
        for e in 0..<E {
            for (k, schedule) in schedules[e].enumerated() {
                if let only, let fixed = only[e], fixed != k { continue }
                if let keep, !keep(e, k) { continue }
                let c = m.addColumn("l_\(e)_\(k)", kind: integer ? .binary : .continuous, lower: 0, upper: integer ? 1 : nil,
                                    objective: Double(costs[e][k]))
                owner.append((e, k))
                convexity[e].append(c)
                for (d, s) in schedule.enumerated() {
                    guard let s else { continue }
                    for i in coverRows[d * S + s] { coverTerms[i].append((c, 1)) }
                }
            }
        }
        for (i, c) in instance.cover.enumerated() {
            let u = m.addColumn("u_\(i)", kind: integer ? .integer : .continuous, lower: 0, objective: Double(c.underWeight))
            let o = m.addColumn("o_\(i)", kind: integer ? .integer : .continuous, lower: 0, objective: Double(c.overWeight))
            coverTerms[i] += [(u, 1), (o, -1)]
        }
        for e in 0..<E { m.addRow("convex_\(e)", sumOf: convexity[e], .equal(1)) }
        for (i, c) in instance.cover.enumerated() {
            m.addRow("cover_\(c.day)_\(c.shift)", terms: coverTerms[i], .equal(Double(c.requirement)))
        }
        return (m, owner)
    }

    /// Master values of a roster whose schedules are all in the pool (nil otherwise).
    func masterValues(_ roster: NRPRoster, model: LinearModel, owner: [(Int, Int)]) -> [Double]? {
        let instance = nrp.instance
        let S = instance.shifts.count
        var v = [Double](repeating: 0, count: model.columnCount)
        var index: [Int: Int] = [:]
        for (j, (e, k)) in owner.enumerated() where schedules[e][k] == roster.shift[e] { index[e] = j }
        guard index.count == instance.employees.count else { return nil }
        var count = [Int](repeating: 0, count: instance.horizon * S)
        for (e, row) in roster.shift.enumerated() {
            v[index[e]!] = 1
            for (d, s) in row.enumerated() { if let s { count[d * S + s] += 1 } }
        }
        for (i, c) in instance.cover.enumerated() {
            let n = count[c.day * S + c.shift]
            v[owner.count + 2 * i] = Double(max(0, c.requirement - n))
            v[owner.count + 2 * i + 1] = Double(max(0, n - c.requirement))
        }
        return v
    }

    /// Objective of choosing schedule `choice[e]` for every employee (request costs + cover costs).
    func objective(_ choice: [Int]) -> Int {
        objective(of: roster(choice))
    }

    /// Objective of a roster (request costs + cover costs), computed from the rows.
    func objective(of roster: NRPRoster) -> Int {
        let instance = nrp.instance
        let S = instance.shifts.count
        var count = [Int](repeating: 0, count: instance.horizon * S)
        var total = 0
        for (e, row) in roster.shift.enumerated() {
            total += cost(e, row)
            for (d, s) in row.enumerated() { if let s { count[d * S + s] += 1 } }
        }
        for c in instance.cover {
            let n = count[c.day * S + c.shift]
            total += c.underWeight * max(0, c.requirement - n) + c.overWeight * max(0, n - c.requirement)
        }
        return total
    }

    /// Local search over the pool: each employee in turn takes the pool schedule that lowers the objective
    /// most given the others, until no employee changes. Every combination is feasible (the hard rules
    /// are per employee and every pooled schedule meets them).
    func improve(_ start: [Int]) -> (choice: [Int], objective: Int) {
        let instance = nrp.instance
        let S = instance.shifts.count, E = instance.employees.count
        var choice = start
        var count = [Int](repeating: 0, count: instance.horizon * S)
        for (e, k) in choice.enumerated() {
            for (d, s) in schedules[e][k].enumerated() { if let s { count[d * S + s] += 1 } }
        }
        func cellCost(_ cell: Int, _ n: Int) -> Int {
            var total = 0
            for i in coverRows[cell] {
                let c = instance.cover[i]
                total += c.underWeight * max(0, c.requirement - n) + c.overWeight * max(0, n - c.requirement)
            }
            return total
        }
        var changed = true
        var passes = 0
        while changed, passes < 50 {
            changed = false
            passes += 1
            for e in 0..<E {
                let current = schedules[e][choice[e]]
                // Remove e's schedule, then price every pool schedule of e against the rest.
                for (d, s) in current.enumerated() { if let s { count[d * S + s] -= 1 } }
                var best = choice[e], bestValue = Int.max
                for (k, schedule) in schedules[e].enumerated() {
                    var value = costs[e][k]
                    for (d, s) in schedule.enumerated() {
                        guard let s else { continue }
                        let cell = d * S + s
                        value += cellCost(cell, count[cell] + 1) - cellCost(cell, count[cell])
                    }
                    if value < bestValue || (value == bestValue && k == choice[e]) { bestValue = value; best = k }
                }
                if best != choice[e] { changed = true; choice[e] = best }
                for (d, s) in schedules[e][best].enumerated() { if let s { count[d * S + s] += 1 } }
            }
        }
        return (choice, objective(choice))
    }

    /// Diving with pricing (a price-and-dive, one branch of a branch and price): at each node, column
    /// generation over the employees not yet fixed (dynamic-programming pricing at the master duals, at most
    /// `nodeIterations` rounds), then every employee whose λ exceeds `fixThreshold` and the one with the
    /// largest other λ are fixed to that schedule, until every employee has one; then local search over the
    /// pool. When the time runs out mid-dive, the open employees take their largest λ of the last master LP.
    /// The schedules fixed are the master's choice given everything fixed before, so the dive builds columns
    /// the root's duals never asked for. `avoid`: per employee, a schedule not to fix first (so that repeated
    /// dives explore), `log` gets a line per node.
    mutating func priceAndDive(budget: Budget, nodeIterations: Int = 8, fixThreshold: Double = 0.9, threads: Int = 1, avoid: [Int?]? = nil,
                                      backtracks: Int = 0, log: ((String) -> Void)? = nil) throws(NRPError) -> (choice: [Int], objective: Int)? {
        let E = nrp.instance.employees.count
        var fixed = [Int?](repeating: nil, count: E)
        var nodes = 0
        // The last master LP solved (kept across nodes: the pool only grows, so its indices stay valid).
        var values: [Double] = []
        var owner: [(Int, Int)] = []
        // Backtracking: a node whose master LP rises by more than half the smallest under-cover weight (the
        // fixing just made has cost a unit of cover the LP still had) is undone, and the schedules it fixed
        // are banned for the rest of the dive (λ = 0, the other branch), at most `backtracks` times.
        let jump = 0.5 * Double(nrp.instance.cover.map(\.underWeight).min() ?? 1)
        var banned: Set<Int> = []
        func key(_ e: Int, _ k: Int) -> Int { k &* E &+ e }
        var undo: (fixed: [Int?], z: Double, made: [(Int, Int)])? = nil
        var backtracked = 0
        while fixed.contains(where: { $0 == nil }) {
            var z = 0.0
            for round in 0..<max(1, nodeIterations) {
                // Out of time: finish from the last master LP (each open employee its largest λ).
                if budget.isExhausted {
                    // (Fixed employees have only their fixed schedule in the master, so it is their largest λ.)
                    let choice = largestChoice(owner, values)
                    guard !owner.isEmpty, choice.allSatisfy({ $0 != nil }) else { return nil }
                    log?("dive: out of time, finished from the last master LP")
                    return improve(choice.map { $0! })
                }
                let ban = banned
                let (m, o) = master(integer: false, only: fixed, keep: ban.isEmpty ? nil : { e, k in !ban.contains(key(e, k)) })
                let lp = try NRPSolver.solveLP(m, SolveOptions(timeLimit: budget.seconds(), cancellation: budget.cancellation))
                guard lp.status == .optimal, let v = lp.values, let duals = lp.rowDuals, let objective = lp.objective else {
                    if owner.isEmpty { return nil }
                    continue    // out of time: the check above finishes from the last master LP
                }
                values = v; owner = o; z = objective
                if round == nodeIterations - 1 { break }
                let mu = Array(duals[0..<E]), pi = Array(duals[E...])
                var stop = mu
                for e in 0..<E where fixed[e] != nil { stop[e] = -.infinity }
                let results = priceByProgramme(pi, stopAbove: stop, threads: threads, iterations: 15)
                if addImproving(results.map(\.schedule), mu: mu, pi: pi).added == 0 { break }
            }
            nodes += 1
            if let last = undo, backtracked < backtracks, z > last.z + jump {
                backtracked += 1
                fixed = last.fixed
                for (e, k) in last.made { banned.insert(key(e, k)) }
                undo = nil
                log?(String(format: "dive node %d: master LP %.2f rose from %.2f, undone (%d of %d backtracks)", nodes, z, last.z, backtracked, backtracks))
                continue
            }
            let before = fixed
            var made: [(Int, Int)] = []
            var best: (e: Int, k: Int, value: Double)? = nil
            for (j, (e, k)) in owner.enumerated() where fixed[e] == nil {
                if values[j] > fixThreshold { fixed[e] = k; made.append((e, k)); continue }
                var v = values[j]
                if let avoid, avoid[e] == k { v -= 1 }
                if v > (best?.value ?? -2) { best = (e, k, v) }
            }
            if let best, fixed[best.e] == nil { fixed[best.e] = best.k; made.append((best.e, best.k)) }
            undo = (before, z, made)
            log?(String(format: "dive node %d: master LP %.2f, %d fixed, %d of %d employees fixed, pool %d", nodes, z, made.count,
                        fixed.filter { $0 != nil }.count, E, columnCount))
        }
        return improve(fixed.map { $0! })
    }

    /// Diving on cells with pricing: at each node, column generation over schedules that honour the cells
    /// fixed so far (pricing forces them), then every free cell (employee, day) whose master value
    /// x̄[e,d,o] = Σ_k λ[e,k]·[schedule k has option o on d] is at least 1 − 0.5/h is fixed to that option (a
    /// schedule honouring all of them exists in the pool: their λ mass is at least one half), or if there is
    /// none the free cell with the largest fractional value; until the master LP picks one schedule per
    /// employee. Finer than fixing whole schedules: the master keeps choosing among the schedules that agree
    /// with what is fixed. Then local search over the pool.
    mutating func cellDive(budget: Budget, nodeIterations: Int = 8, threads: Int = 1,
                                  log: ((String) -> Void)? = nil) throws(NRPError) -> (choice: [Int], objective: Int)? {
        let E = nrp.instance.employees.count, S = nrp.instance.shifts.count, h = nrp.instance.horizon
        var forced = [[Int]](repeating: [Int](repeating: -1, count: h), count: E)
        let threshold = 1 - 0.5 / Double(h)
        var values: [Double] = []
        var owner: [(Int, Int)] = []
        var nodes = 0
        func finish() -> (choice: [Int], objective: Int)? {
            let choice = largestChoice(owner, values)
            guard !owner.isEmpty, choice.allSatisfy({ $0 != nil }) else { return nil }
            return improve(choice.map { $0! })
        }
        while true {
            nodes += 1
            var z = 0.0
            for round in 0..<max(1, nodeIterations) {
                if budget.isExhausted {
                    log?("cell dive: out of time, finished from the last master LP")
                    return finish()
                }
                let pinned = forced
                let pool = schedules
                let (m, o) = master(integer: false, keep: { e, k in
                    let row = pool[e][k]
                    for d in 0..<h where pinned[e][d] >= 0 && (row[d] ?? S) != pinned[e][d] { return false }
                    return true
                })
                let lp = try NRPSolver.solveLP(m, SolveOptions(timeLimit: budget.seconds(), cancellation: budget.cancellation))
                guard lp.status == .optimal, let v = lp.values, let duals = lp.rowDuals, let objective = lp.objective else { return finish() }
                values = v; owner = o; z = objective
                if round == nodeIterations - 1 { break }
                let mu = Array(duals[0..<E]), pi = Array(duals[E...])
                let results = priceByProgramme(pi, stopAbove: mu, threads: threads, iterations: 15, forced: forced)
                if addImproving(results.map(\.schedule), mu: mu, pi: pi).added == 0 { break }
            }
            // One schedule per employee: done.
            var integral = [Int?](repeating: nil, count: E)
            for (j, (e, k)) in owner.enumerated() where values[j] > 1 - Tolerance.integrality { integral[e] = k }
            if integral.allSatisfy({ $0 != nil }) {
                log?(String(format: "cell dive: integral after %d nodes, master LP %.2f", nodes, z))
                return improve(integral.map { $0! })
            }
            // x̄ per (employee, day, option).
            var xbar = [Double](repeating: 0, count: E * h * (S + 1))
            for (j, (e, k)) in owner.enumerated() where values[j] > Tolerance.zero {
                for (d, s) in schedules[e][k].enumerated() { xbar[(e * h + d) * (S + 1) + (s ?? S)] += values[j] }
            }
            var fixedNow = 0
            var best: (e: Int, d: Int, o: Int, value: Double)? = nil
            for e in 0..<E {
                for d in 0..<h where forced[e][d] < 0 {
                    for o in 0...S {
                        let x = xbar[(e * h + d) * (S + 1) + o]
                        if x >= threshold { forced[e][d] = o; fixedNow += 1; break }
                        if x < 1 - Tolerance.integrality, x > (best?.value ?? 0) { best = (e, d, o, x) }
                    }
                }
            }
            if fixedNow == 0 {
                guard let best else { return finish() }
                forced[best.e][best.d] = best.o
                fixedNow = 1
            }
            log?(String(format: "cell dive node %d: master LP %.2f, %d cells fixed, pool %d", nodes, z, fixedNow, columnCount))
        }
    }

    /// Reduced cost of a schedule of employee e at master duals μ_e and cover duals π: c − π·a − μ_e.
    func reducedCost(_ e: Int, _ schedule: [Int?], mu: Double, pi: [Double]) -> Double {
        let S = nrp.instance.shifts.count
        var reduced = Double(cost(e, schedule)) - mu
        for (d, s) in schedule.enumerated() { if let s { for i in coverRows[d * S + s] { reduced -= pi[i] } } }
        return reduced
    }

    /// Adds every schedule in `found` (one per employee, nil: none) whose reduced cost is below −10⁻⁶;
    /// returns how many were new to the pool and the least reduced cost seen (at most 0).
    mutating func addImproving(_ found: [[Int?]?], mu: [Double], pi: [Double]) -> (added: Int, minReduced: Double) {
        var added = 0
        var minReduced = 0.0
        for (e, schedule) in found.enumerated() {
            guard let schedule else { continue }
            let reduced = reducedCost(e, schedule, mu: mu[e], pi: pi)
            minReduced = min(minReduced, reduced)
            if reduced < -Tolerance.reducedCost, add(e, schedule) { added += 1 }
        }
        return (added, minReduced)
    }

    /// Per employee, the pool index of their largest λ in a master LP solution (nil: no column).
    func largestChoice(_ owner: [(Int, Int)], _ values: [Double]) -> [Int?] {
        var choice = [Int?](repeating: nil, count: nrp.instance.employees.count)
        var largest = [Double](repeating: -1, count: choice.count)
        for (j, (e, k)) in owner.enumerated() where values[j] > largest[e] { largest[e] = values[j]; choice[e] = k }
        return choice
    }

    /// The roster of a choice of pool schedules.
    public func roster(_ choice: [Int]) -> NRPRoster {
        var r = NRPRoster(employees: nrp.instance.employees.count, horizon: nrp.instance.horizon)
        for (e, k) in choice.enumerated() { r.shift[e] = schedules[e][k] }
        return r
    }

    /// Σ of the prices of the cover rows of each (day, shift): `[d * S + s]`.
    func shiftPrices(_ prices: [Double]) -> [Double] {
        coverRows.map { rows in rows.reduce(0.0) { $0 + prices[$1] } }
    }

    /// Prices every employee by dynamic programming (NRPSchedulePricer): per employee the cheapest schedule
    /// meeting every rule that the programmes met (request cost − Σ price·a), a lower bound on that minimum,
    /// and whether the rules admit no schedule. `stopAbove[e]`: stop refining once the bound reaches it
    /// (−∞: do not price e).
    mutating func priceByProgramme(_ prices: [Double], stopAbove: [Double], threads: Int,
                                   iterations: Int = 30, noise: Double = 0, seedOffset: UInt64 = 0,
                                   forced: [[Int]]? = nil) -> [NRPSchedulePricer.Result] {
        let E = nrp.instance.employees.count
        let sp = shiftPrices(prices)
        let pricers = self.pricers, start = multipliers
        let slots = ConcurrentSlots<(NRPSchedulePricer.Result, NRPSchedulePricer.Multipliers)>(count: E)
        performConcurrently(E, threads: threads) { e in
            guard stopAbove[e] > -.infinity else { return }     // not asked for (fixed in a dive)
            slots.set(e, pricers[e].price(sp, multipliers: start[e], iterations: iterations, stopAbove: stopAbove[e],
                                          noise: noise, seed: seedOffset &+ UInt64(e + 1), forced: forced?[e]))
        }
        let priced = slots.all
        for (e, p) in priced.enumerated() { if let p { multipliers[e] = p.1 } }
        return priced.map { $0?.0 ?? NRPSchedulePricer.Result(schedule: nil, value: .infinity, bound: -.infinity, infeasible: false) }
    }

    /// For each listed employee, the best schedule over the two shift types with the highest total positive
    /// price on the employee's workable days (NRPSchedulePricer.restrictedSchedule), written into `found`.
    func fallbackSchedules(_ employees: [Int], prices: [Double], into found: [[Int?]?], threads: Int) -> [[Int?]?] {
        let instance = nrp.instance
        let S = instance.shifts.count, h = instance.horizon
        let sp = shiftPrices(prices)
        let slots = ConcurrentSlots<[Int?]>(count: found.count)
        performConcurrently(employees.count, threads: threads) { i in
            let e = employees[i]
            let emp = instance.employees[e]
            let score = (0..<S).map { t -> Double in
                guard emp.maxShifts[t] > 0 else { return -.infinity }
                var total = 0.0
                for d in 0..<h where !emp.daysOff.contains(d) { total += max(0, sp[d * S + t]) }
                return total
            }
            let types = (0..<S).filter { score[$0] > -.infinity }.sorted { score[$0] > score[$1] }.prefix(2)
            guard !types.isEmpty else { return }
            let r = NRPSchedulePricer.restrictedSchedule(instance, employee: e, types: Array(types).sorted(), shiftPrice: sp)
            if let r, !r.infeasible { slots.set(e, r.schedule) }
        }
        var out = found
        for (e, schedule) in slots.all.enumerated() where schedule != nil { out[e] = schedule }
        return out
    }

    /// Prices the listed employees exactly, each with their pricing MIP (min request cost − Σ price·a).
    /// Returns per listed employee the best schedule found, a lower bound on that minimum (GLPK's bound when
    /// capped), and the solve status.
    mutating func priceByMIP(_ employees: [Int], _ prices: [Double], timeLimit: Double, threads: Int,
                             budget: Budget) throws(NRPError) -> [Int: (schedule: [Int?]?, lower: Double?, status: SolveStatus)] {
        let h = nrp.instance.horizon, S = nrp.instance.shifts.count
        let models = employees.map { pricingModel($0) }
        let sp = shiftPrices(prices)
        let slots = ConcurrentSlots<Swift.Result<(schedule: [Int?]?, lower: Double?, status: SolveStatus), NRPError>>(count: employees.count)
        performConcurrently(employees.count, threads: threads) { i in
            guard budget.hasTime() else { return }
            let p = models[i]
            var sub = p.model
            for d in 0..<h {
                for s in 0..<S {
                    guard let c = p.x(0, d, s) else { continue }
                    let dual = sp[d * S + s]
                    if dual != 0 { sub.setObjective(ColumnID(c), p.model.objective[c] - dual) }
                }
            }
            do throws(NRPError) {
                let r = try NRPSolver.solveMIP(sub, SolveOptions(timeLimit: min(timeLimit, budget.seconds()), relativeGap: 1e-7,
                                                                 cuts: CutOptions(clique: true), branching: .hybridPseudoCost,
                                                                 cancellation: budget.cancellation))
                slots.set(i, .success((r.values.map { p.roster($0).shift[0] }, r.bound, r.status)))
            } catch {
                slots.set(i, .failure(error))
            }
        }
        var out: [Int: (schedule: [Int?]?, lower: Double?, status: SolveStatus)] = [:]
        for (i, e) in employees.enumerated() {
            switch slots.all[i] {
            case .success(let r)?: out[e] = r
            case .failure(let error)?: throw error
            case nil: continue      // out of time before this employee
            }
        }
        return out
    }

    /// Gives every employee without a schedule in the pool one: their best schedule for the requests
    /// alone (zero cover prices). Throws when an employee has no feasible schedule; returns false when
    /// the time ran out first.
    mutating func seed(budget: Budget, threads: Int = 1) throws(NRPError) -> Bool {
        let timeLimit = budget.remaining
        let E = nrp.instance.employees.count
        let zero = [Double](repeating: 0, count: nrp.instance.cover.count)
        var stop = [Double](repeating: .infinity, count: E)
        for e in 0..<E where !schedules[e].isEmpty { stop[e] = -.infinity }
        let results = priceByProgramme(zero, stopAbove: stop, threads: threads, iterations: 20)
        var missing: [Int] = []
        for e in 0..<E where schedules[e].isEmpty {
            if results[e].infeasible { throw .employeeInfeasible(nrp.instance.employees[e].id) }
            if let schedule = results[e].schedule { add(e, schedule) } else { missing.append(e) }
        }
        // One shift type at a time, where the programme tracks the minutes exactly (fast, often enough).
        if !missing.isEmpty {
            let instance = nrp.instance
            let slots = ConcurrentSlots<[Int?]>(count: E)
            let list = missing
            performConcurrently(list.count, threads: threads) { i in
                guard budget.hasTime(),
                      let schedule = NRPSchedulePricer.singleShiftSchedule(instance, employee: list[i], seed: UInt64(list[i] + 1)) else { return }
                slots.set(list[i], schedule)
            }
            let found = slots.all
            missing = missing.filter { e in
                guard let schedule = found[e] else { return true }
                add(e, schedule)
                return false
            }
        }
        // Flat costs defeat the multipliers: again with a little random cost on every cell (new noise each
        // round) while time is left.
        var round: UInt64 = 0
        while !missing.isEmpty, budget.hasTime() {
            var again = [Double](repeating: -.infinity, count: E)
            for e in missing { again[e] = .infinity }
            multipliers = Array(repeating: NRPSchedulePricer.Multipliers(shifts: nrp.instance.shifts.count), count: E)
            let noisy = priceByProgramme(zero, stopAbove: again, threads: threads, iterations: 150, noise: 0.5 + Double(round) * 0.5,
                                         seedOffset: round * 1_000_003)
            missing = missing.filter { e in
                guard let schedule = noisy[e].schedule else { return true }
                add(e, schedule)
                return false
            }
            round += 1
        }
        multipliers = Array(repeating: NRPSchedulePricer.Multipliers(shifts: nrp.instance.shifts.count), count: E)
        // The totals defeated the programmes: the pricing MIP finds a schedule or proves there is none.
        if !missing.isEmpty {
            let found = try priceByMIP(missing, zero, timeLimit: max(0.1, timeLimit / 4), threads: threads, budget: budget)
            for e in missing {
                if let schedule = found[e]?.schedule { add(e, schedule) }
                else if found[e]?.status == .infeasible { throw .employeeInfeasible(nrp.instance.employees[e].id) }
            }
        }
        return schedules.allSatisfy { !$0.isEmpty }
    }

    /// Column generation from the current pool (which must hold at least one schedule per employee).
    /// The compact x of a master LP point (for RINS) and its rounded roster (the largest λ of each
    /// employee, improved by local search over the pool), kept in `result` when better.
    mutating func record(_ owner: [(Int, Int)], _ values: [Double], into result: inout NRPColumnGenerationResult) {
        var x = [Double](repeating: 0, count: nrp.model.columnCount)
        for (j, (e, k)) in owner.enumerated() where values[j] > Tolerance.zero {
            for (d, s) in schedules[e][k].enumerated() { if let s, let c = nrp.x(e, d, s) { x[c] += values[j] } }
        }
        result.compactValues = x
        let (improved, value) = improve(largestChoice(owner, values).map { $0 ?? 0 })
        if value < (result.rosterObjective ?? Int.max) {
            result.rosterObjective = value
            result.roster = roster(improved)
        }
    }

    /// One pricing round: per employee, min over schedules of c − Σ price·a (request costs minus cover
    /// duals), by dynamic programming; employees it cannot settle go to the fallback and, when the round
    /// is `exact` (current duals) and found nothing, to their pricing MIP. Adds the improving columns and
    /// returns each employee's lower bound on the minimum (nil: unknown).
    mutating func priceRound(prices: [Double], mu: [Double], pi: [Double], exact: Bool, options: NRPColumnGenerationOptions,
                             budget: Budget) throws(NRPError) -> (lower: [Double?], added: Int, minReduced: Double, mips: Int) {
        let E = nrp.instance.employees.count
        let programmes = priceByProgramme(prices, stopAbove: exact ? mu : Array(repeating: .infinity, count: E), threads: options.threads)
        var found = programmes.map(\.schedule)
        var lower: [Double?] = programmes.map { $0.bound.isFinite ? $0.bound : nil }
        // Employees whose multipliers met no total: their best schedule on the two shift types the prices
        // favour most, where the programme tracks the totals exactly (large instances).
        let stuck = (0..<E).filter { found[$0] == nil && (lower[$0] ?? -.infinity) < mu[$0] - Tolerance.reducedCost }
        if !stuck.isEmpty { found = fallbackSchedules(stuck, prices: prices, into: found, threads: options.threads) }
        var (added, minReduced) = addImproving(found, mu: mu, pi: pi)
        var mips = 0
        let open = (0..<E).filter { e in (lower[e] ?? -.infinity) - mu[e] < -Tolerance.reducedCost }
        if added == 0, exact, !open.isEmpty, budget.hasTime(0.05) {
            mips = open.count
            let solved = try priceByMIP(open, prices, timeLimit: max(0.05, min(options.pricingTimeLimit, budget.remaining)),
                                        threads: options.threads, budget: budget)
            for e in open {
                guard let r = solved[e] else { continue }    // out of time: the programme's bound stands
                if let schedule = r.schedule { found[e] = schedule }
                // The programme's bound may be the higher one when the MIP stopped early.
                if let l = r.lower { lower[e] = max(l, lower[e] ?? -.infinity) }
            }
            let more = addImproving(found, mu: mu, pi: pi)
            added += more.added
            minReduced = min(minReduced, more.minReduced)
        }
        return (lower, added, minReduced, mips)
    }

    public mutating func run(_ options: NRPColumnGenerationOptions, budget: Budget) throws(NRPError) -> NRPColumnGenerationResult {
        let start = Date()
        var lines: [String] = []
        func note(_ line: String) { lines.append(line); options.log?(line) }
        let instance = nrp.instance
        let E = instance.employees.count
        let R = instance.cover.map { Double($0.requirement) }
        var result = NRPColumnGenerationResult(masterLP: nil, lowerBound: nil, converged: false, iterations: 0,
                                               columns: columnCount, compactValues: nil, elapsed: 0)
        var bestBound = -Double.infinity
        var center: [Double]? = nil          // cover duals of the best Lagrangian bound
        var misprice = false
        var lpTime = 0.0
        while budget.hasTime(0.05) {
            let lpStart = Date()
            let (m, owner) = master(integer: false)
            let lp = try NRPSolver.solveLP(m, SolveOptions(timeLimit: budget.seconds(), cancellation: budget.cancellation))
            guard lp.status == .optimal, let z = lp.objective, let duals = lp.rowDuals, let values = lp.values else {
                note("column generation: master LP \(lp.status)")
                break
            }
            result.iterations += 1
            result.masterLP = z
            lpTime += Date().timeIntervalSince(lpStart)
            record(owner, values, into: &result)
            let mu = Array(duals[0..<E])
            let pi = Array(duals[E...])
            // Prices: smoothed towards the best-bound duals unless the last smoothed round mispriced.
            var prices = pi
            let alpha = (misprice || center == nil) ? 0 : options.smoothing
            if alpha > 0, let center { prices = zip(center, pi).map { alpha * $0 + (1 - alpha) * $1 } }
            let round = try priceRound(prices: prices, mu: mu, pi: pi, exact: alpha == 0, options: options, budget: budget)
            let (lower, added, minReduced, mips) = (round.lower, round.added, round.minReduced, round.mips)
            // Lagrangian bound at the pricing duals (valid for any duals within the slack costs' range).
            if lower.allSatisfy({ $0 != nil }) {
                let l = zip(prices, R).reduce(0.0) { $0 + $1.0 * $1.1 } + lower.reduce(0.0) { $0 + $1! }
                if l > bestBound {
                    bestBound = l
                    center = prices
                }
            }
            note(String(format: "column generation %d: master LP %.2f, Lagrangian %.2f, α %.2f, %d columns added (min reduced cost %.2f, %d pricing MIPs), pool %d, rounded roster %d, %.1f s (master LPs %.1f s)",
                        result.iterations, z, bestBound, alpha, added, minReduced, mips, columnCount, result.rosterObjective ?? -1, Date().timeIntervalSince(start), lpTime))
            if added == 0 {
                // No improving column at the smoothed duals: price at the current duals next; at the
                // current duals with every pricing MIP solved exactly, the master LP is optimal.
                if alpha == 0 {
                    let settled = zip(lower, mu).allSatisfy { l, m in l.map { $0 - m >= -Tolerance.reducedCost } ?? false }
                    if settled {
                        result.converged = true
                        bestBound = max(bestBound, z)
                    }
                    break
                }
                misprice = true
            } else {
                misprice = false
            }
            if bestBound >= z - Tolerance.reducedCost { result.converged = true; break }
        }
        result.lowerBound = bestBound.isFinite ? bestBound : nil
        result.columns = columnCount
        result.elapsed = Date().timeIntervalSince(start)
        result.log = lines
        return result
    }

    /// The integer master over the pool (GLPK branch and cut), warm-started with `incumbent` (its
    /// schedules are added to the pool first). Returns the best roster found, or nil.
    mutating func solveInteger(incumbent: NRPRoster?, budget: Budget) throws(NRPError) -> (roster: NRPRoster, objective: Int, bound: Double?, status: SolveStatus)? {
        if let incumbent { add(incumbent) }
        let (m, owner) = master(integer: true)
        let warm = incumbent.flatMap { masterValues($0, model: m, owner: owner) }
        let r = try NRPSolver.solveMIP(m, SolveOptions(timeLimit: budget.seconds(floor: 0.1), relativeGap: 1e-9,
                                                       cuts: CutOptions(mixedIntegerRounding: true, cover: true, clique: true),
                                                       branching: .hybridPseudoCost, warmStart: warm, cancellation: budget.cancellation))
        guard let v = r.values else { return nil }
        var roster = NRPRoster(employees: nrp.instance.employees.count, horizon: nrp.instance.horizon)
        for (j, (e, k)) in owner.enumerated() where v[j] > 0.5 { roster.shift[e] = schedules[e][k] }
        let values = nrp.values(roster)
        guard nrp.model.maxViolation(values) <= Tolerance.feasibility else { return nil }
        return (roster, Int(nrp.model.objectiveValue(values).rounded()), r.bound, r.status)
    }
}
