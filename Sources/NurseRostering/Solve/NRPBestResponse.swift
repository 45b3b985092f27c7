// SPDX-License-Identifier: GPL-3.0-or-later
// Iterated best response: a local search whose moves are exact re-optimisations of one employee's whole
// schedule. See Docs/nrp.md, "Best response".
import Foundation
import Search
import Solver

extension NRPColumnGeneration {
    /// Iterated best response from `start` (one schedule per employee, each meeting its rules): every
    /// employee in turn gets the cheapest schedule given everyone else's — request cost plus the change in
    /// cover cost it causes — found by the employee's dynamic programme at the marginal cover prices
    /// (cell (d, s) with n others on it: + under weight while n < requirement, − over weight after), and
    /// takes it if it is strictly cheaper than the current one. Passes go on, in a new random order each,
    /// until one changes nothing or the deadline passes. The objective never rises, every schedule kept
    /// meets the employee's rules (the programme's guarantee; totals checked), and each one taken joins the
    /// pool.
    ///
    /// When the programme finds no schedule (totals left to multipliers that do not meet them, as on
    /// 364-day instances with many shift types), the employee is re-optimised over the shift types of the
    /// current schedule plus the most valuable one at these prices (at most three), where the totals are
    /// exact (`NRPSchedulePricer.restrictedSchedule`).
    ///
    /// With two threads, employees go in pairs: both are priced against the same roster, then the first
    /// move is made and the second is re-valued against the roster it changed, and made only if it still
    /// gains.
    ///
    /// `sidewaysPasses` > 0 also takes moves to an equally cheap schedule (a random one among the cheapest:
    /// each cell's price gets noise below 0.5/h, so the noise never outweighs a unit of the integer
    /// objective), which lets the search drift along plateaus — an employee who gives up a shift for an
    /// uncovered one leaves a gap another employee may then fill with a gain. The search then stops after
    /// that many passes in a row without a strict gain (or at the deadline).
    mutating func bestResponse(_ start: NRPRoster, budget: Budget, threads: Int = 1, seed: UInt64 = 1,
                                      sidewaysPasses: Int = 0, log: ((String) -> Void)? = nil) -> (roster: NRPRoster, objective: Int, moves: Int) {
        let instance = nrp.instance
        let E = instance.employees.count, S = instance.shifts.count, h = instance.horizon
        var roster = start
        var count = [Int](repeating: 0, count: h * S)
        for row in roster.shift { for (d, s) in row.enumerated() { if let s { count[d * S + s] += 1 } } }
        let cover = instance.cover
        let rows = coverRows
        /// Marginal value of one more employee on each cell, given the counts without employee e.
        func prices(without e: Int) -> [Double] {
            var n = count
            for (d, s) in roster.shift[e].enumerated() { if let s { n[d * S + s] -= 1 } }
            var p = [Double](repeating: 0, count: h * S)
            for cell in 0..<(h * S) {
                for i in rows[cell] {
                    p[cell] += n[cell] < cover[i].requirement ? Double(cover[i].underWeight) : -Double(cover[i].overWeight)
                }
            }
            return p
        }
        func value(_ e: Int, _ schedule: [Int?], _ p: [Double]) -> Double {
            var v = Double(cost(e, schedule))
            for (d, s) in schedule.enumerated() { if let s { v -= p[d * S + s] } }
            return v
        }
        let pricers = self.pricers
        var rng = SeededGenerator(seed: seed)
        var moves = 0, passes = 0, stale = 0
        let noise = sidewaysPasses > 0 ? 0.5 / Double(h) : 0
        var changed = true
        while changed, budget.hasTime() {
            changed = false
            passes += 1
            var gained = false
            let passSeed = rng.next()
            let order = (0..<E).shuffled(using: &rng)
            var next = 0
            while next < order.count, budget.hasTime() {
                let batch = Array(order[next..<min(order.count, next + max(1, threads))])
                next += batch.count
                let priceOf = batch.map { prices(without: $0) }
                let current = batch.indices.map { value(batch[$0], roster.shift[batch[$0]], priceOf[$0]) }
                let start = batch.map { multipliers[$0] }
                let slots = ConcurrentSlots<([Int?], NRPSchedulePricer.Multipliers?)>(count: batch.count)
                let snapshot = roster
                performConcurrently(batch.count, threads: threads) { i in
                    let e = batch[i]
                    if let found = Self.response(pricers[e], instance, employee: e, prices: priceOf[i], start: start[i], current: current[i],
                                                 noise: noise, seed: passSeed &+ UInt64(e), row: snapshot.shift[e]) {
                        slots.set(i, found)
                    }
                }
                let found = slots.all
                for (i, e) in batch.enumerated() {
                    guard let (schedule, m) = found[i] else { continue }
                    if let m { multipliers[e] = m }
                    guard pricers[e].meetsTotals(schedule), schedule != roster.shift[e] else { continue }
                    // The first of a batch was priced against this roster; the others are re-valued against it.
                    let p = i == 0 ? priceOf[0] : prices(without: e)
                    let gain = value(e, roster.shift[e], p) - value(e, schedule, p)
                    guard gain > Tolerance.improvement || (sidewaysPasses > 0 && gain > -Tolerance.improvement) else { continue }
                    if gain > Tolerance.improvement { gained = true }
                    for (d, s) in roster.shift[e].enumerated() { if let s { count[d * S + s] -= 1 } }
                    for (d, s) in schedule.enumerated() { if let s { count[d * S + s] += 1 } }
                    roster.shift[e] = schedule
                    add(e, schedule)
                    moves += 1
                    changed = true
                }
            }
            log?("best response pass \(passes): \(moves) moves so far, objective \(objective(of: roster))")
            if sidewaysPasses > 0 {
                stale = gained ? 0 : stale + 1
                if stale >= sidewaysPasses { break }
            }
        }
        return (roster, objective(of: roster), moves)
    }

    /// One employee's best response at `prices` (marginal cover values without them): the programme's
    /// cheapest schedule; when its multipliers meet no total and something cheaper may exist, the best
    /// schedule over the current shift types plus the one the prices favour most (totals exact). Nil: no
    /// better schedule found.
    static func response(_ pricer: NRPSchedulePricer, _ instance: NRPInstance, employee e: Int, prices: [Double],
                         start: NRPSchedulePricer.Multipliers, current: Double, noise: Double, seed: UInt64,
                         row: [Int?]) -> ([Int?], NRPSchedulePricer.Multipliers?)? {
        let S = instance.shifts.count, h = instance.horizon
        let (r, m) = pricer.price(prices, multipliers: start, iterations: 30,
                                  stopAbove: noise > 0 ? .infinity : current - Tolerance.improvement, noise: noise, seed: seed)
        if let schedule = r.schedule { return (schedule, m) }
        if noise == 0, r.exact || r.bound >= current - Tolerance.improvement { return nil }    // nothing cheaper exists
        var types = Set(row.compactMap { $0 })
        let emp = instance.employees[e]
        let ranked = (0..<S).filter { emp.maxShifts[$0] > 0 && !types.contains($0) }.sorted { a, b in
            var va = 0.0, vb = 0.0
            for d in 0..<h { va += max(0, prices[d * S + a]); vb += max(0, prices[d * S + b]) }
            return va > vb
        }
        if let best = ranked.first { types.insert(best) }
        guard types.count <= 3, !types.isEmpty,
              let cut = NRPSchedulePricer.restrictedSchedule(instance, employee: e, types: types.sorted(), shiftPrice: prices),
              !cut.infeasible else { return nil }
        return (cut.schedule, nil)
    }
}
