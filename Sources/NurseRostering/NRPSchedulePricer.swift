// SPDX-License-Identifier: GPL-3.0-or-later
// Pricing of one employee's schedule by dynamic programming over the days (a labelling algorithm):
// the day-to-day rules are states, the horizon-wide totals are priced by Lagrange multipliers.
// See Docs/nrp.md, "Pricing by dynamic programming".

/// The pricing problem of one employee: find the schedule (a shift or a day off on every day) meeting all
/// of their hard rules that minimises Σ_d cost[d, choice_d] (request penalties minus cover prices).
///
/// Rules 1, 2, 5, 6, 7 and 9 (one shift a day, rotation, maximum and minimum run of working days, minimum
/// run of days off, days off) are exact in the dynamic programme: its state after a day is the shift worked
/// (or off), the length of the current run, and whether the run began on day 0 (runs touching the start or
/// the end of the horizon are not held to the minimum lengths). Rules 3, 4 and 8 (shifts of each type,
/// total minutes, working weekends) are totals over the horizon; they are moved into the cost with
/// non-negative Lagrange multipliers, improved by subgradient steps. Every programme solved this way gives
/// a valid lower bound on the minimum (Lagrangian relaxation), and each of its schedules that happens to
/// meet the totals is a candidate column.
public struct NRPSchedulePricer: Sendable {
    public let horizon: Int
    public let shiftCount: Int
    let employee: NRPEmployee
    let minutes: [Int]
    /// forbidden[s * S + t]: t may not be worked the day after s.
    let forbidden: [Bool]
    /// allowed[d * S + s]: the employee may work s on d (not a day off, MaxShifts > 0).
    let allowed: [Bool]
    /// Request cost of each option: `request[d * (S + 1) + o]`, o = S for a day off.
    let request: [Double]
    /// Length of the work run tracked in the state (the maximum run, or the minimum when the maximum cannot bind).
    let track: Int
    let maxBinds: Bool
    /// Length of the off run tracked (the minimum run of days off, at least 1).
    let offTrack: Int
    /// Scale of the minute totals in the subgradient (the shortest shift), so every multiplier is per shift.
    let unit: Double
    /// Whether the totals can bind at all (else one programme is exact).
    let countsBind: [Bool]
    let maxMinutesBinds: Bool
    let minMinutesBinds: Bool
    let weekendsBind: Bool
    /// Totals the programme tracks exactly in its state (when the state space stays small): minutes in units of
    /// `minuteUnit` (the gcd of the shift lengths; 0: priced by a multiplier instead), weekends up to
    /// `weekendLimit` (−1: priced by a multiplier).
    let minuteUnit: Int
    let weekendLimit: Int

    /// Lagrange multipliers of the totals, kept between calls (warm start).
    public struct Multipliers: Sendable, Equatable {
        public var perShift: [Double]
        public var maxMinutes = 0.0
        public var minMinutes = 0.0
        public var weekends = 0.0
        public init(shifts: Int) { perShift = Array(repeating: 0, count: shifts) }
    }

    public struct Result: Sendable {
        /// The cheapest schedule found that meets every rule (nil if none was met by any programme).
        public var schedule: [Int?]?
        /// Its cost Σ cost[d, choice_d].
        public var value: Double
        /// A lower bound on the cost of every schedule meeting every rule (−∞ if none was computed).
        public var bound: Double
        /// Whether the schedule is proven optimal (value = bound).
        public var exact: Bool { schedule != nil && value - bound <= 1e-9 }
        /// Whether the rules admit no schedule at all (the programme without the totals has none).
        public var infeasible: Bool
    }

    public init(_ instance: NRPInstance, employee e: Int) {
        let h = instance.horizon, S = instance.shifts.count
        let emp = instance.employees[e]
        horizon = h
        shiftCount = S
        employee = emp
        minutes = instance.shifts.map(\.minutes)
        var f = [Bool](repeating: false, count: S * S)
        for (s, shift) in instance.shifts.enumerated() { for t in shift.forbiddenSuccessors { f[s * S + t] = true } }
        forbidden = f
        var a = [Bool](repeating: false, count: h * S)
        for d in 0..<h where !emp.daysOff.contains(d) { for s in 0..<S where emp.maxShifts[s] > 0 { a[d * S + s] = true } }
        allowed = a
        var on = [Double](repeating: 0, count: h * (S + 1))
        for r in instance.onRequests where r.employee == e {
            // Every option but the requested shift pays the weight.
            for o in 0...S where o != r.shift { on[r.day * (S + 1) + o] += Double(r.weight) }
        }
        for r in instance.offRequests where r.employee == e { on[r.day * (S + 1) + r.shift] += Double(r.weight) }
        request = on
        maxBinds = emp.maxConsecutiveShifts < h
        track = maxBinds ? max(1, emp.maxConsecutiveShifts) : max(1, min(h, emp.minConsecutiveShifts))
        offTrack = max(1, min(h, emp.minConsecutiveDaysOff))
        unit = Double(max(1, minutes.min() ?? 1))
        let workable = (0..<S).map { s in (0..<h).filter { a[$0 * S + s] }.count }
        countsBind = (0..<S).map { workable[$0] > emp.maxShifts[$0] }
        let most = (0..<h).reduce(0) { total, d in total + ((0..<S).filter { a[d * S + $0] }.map { instance.shifts[$0].minutes }.max() ?? 0) }
        maxMinutesBinds = most > emp.maxTotalMinutes
        minMinutesBinds = emp.minTotalMinutes > 0
        weekendsBind = instance.weekends.filter { days in days.contains { d in (0..<S).contains { a[d * S + $0] } } }.count > emp.maxWeekends
        // Exact resources while the programme's table (days × states) stays under 4 million entries.
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let g = max(1, minutes.reduce(0, gcd))
        let baseCount = S * track * 2 + offTrack * 2
        let budget = 4_000_000 / max(1, h)
        let minuteLevels = emp.maxTotalMinutes / g + 1, weekendLevels = max(0, emp.maxWeekends) + 1
        let minutesBind = maxMinutesBinds || minMinutesBinds
        if minutesBind && baseCount * minuteLevels * (weekendsBind ? weekendLevels : 1) <= budget {
            minuteUnit = g
            weekendLimit = weekendsBind ? max(0, emp.maxWeekends) : -1
        } else if weekendsBind && baseCount * weekendLevels <= budget {
            minuteUnit = 0
            weekendLimit = max(0, emp.maxWeekends)
        } else {
            minuteUnit = 0
            weekendLimit = -1
        }
    }

    /// Whether totals the programme does not track can bind (if not, one programme gives the exact optimum).
    var hasTotals: Bool {
        countsBind.contains(true) || (minuteUnit == 0 && (maxMinutesBinds || minMinutesBinds)) || (weekendLimit < 0 && weekendsBind)
    }

    /// Request cost of a schedule (the objective part of this employee, without the constant).
    public func requestCost(_ schedule: [Int?]) -> Double {
        var total = 0.0
        for (d, s) in schedule.enumerated() { total += request[d * (shiftCount + 1) + (s ?? shiftCount)] }
        return total
    }

    /// Whether a schedule meets the totals (rules 3, 4, 8); the programme guarantees the other rules.
    func meetsTotals(_ schedule: [Int?]) -> Bool {
        var count = [Int](repeating: 0, count: shiftCount)
        var total = 0, weekends = 0
        for (d, s) in schedule.enumerated() {
            guard let s else { continue }
            count[s] += 1
            total += minutes[s]
            if d % 7 == 5 || (d % 7 == 6 && (d == 0 || schedule[d - 1] == nil)) { weekends += 1 }
        }
        for s in 0..<shiftCount where count[s] > employee.maxShifts[s] { return false }
        return total <= employee.maxTotalMinutes && total >= employee.minTotalMinutes && weekends <= employee.maxWeekends
    }

    /// The cheapest schedule under `dayCost` (d * (S + 1) + o) meeting rules 1, 2, 5, 6, 7, 9 — and rule 4
    /// (total minutes) when `minuteUnit > 0`, rule 8 (weekends) when `weekendLevels > 0`, both then exact
    /// resources of the state — with `weekendCost` added for each weekend worked; nil if no schedule meets them.
    func program(_ dayCost: [Double], weekendCost: Double, minuteUnit: Int = 0, weekendLimit: Int = -1) -> (value: Double, schedule: [Int?])? {
        let h = horizon, S = shiftCount, T = track, K = offTrack
        let minRun = employee.minConsecutiveShifts, minOff = employee.minConsecutiveDaysOff
        // Resource levels: minutes worked so far in units (0 ... max / unit), weekends worked (0 ... limit).
        let ML = minuteUnit > 0 ? employee.maxTotalMinutes / minuteUnit + 1 : 1
        let trackWeekends = weekendLimit >= 0
        let WL = trackWeekends ? weekendLimit + 1 : 1
        let units = minutes.map { minuteUnit > 0 ? $0 / minuteUnit : 0 }
        let R = ML * WL
        // Base states: work (s, len 1...T, exempt 0/1) at (s * T + len − 1) * 2 + ex; off (len 1...K, ex) after
        // them; the state is base * R + m * WL + w.
        let workStates = S * T * 2
        let baseCount = workStates + K * 2
        let n = baseCount * R
        let inf = Double.infinity
        var value = [Double](repeating: inf, count: n)
        var next = [Double](repeating: inf, count: n)
        var pred = [Int32](repeating: -1, count: h * n)
        @inline(__always) func work(_ s: Int, _ len: Int, _ ex: Int) -> Int { (s * T + len - 1) * 2 + ex }
        @inline(__always) func off(_ len: Int, _ ex: Int) -> Int { workStates + (len - 1) * 2 + ex }
        // Day 0 (a Monday): runs begin exempt from the minimum lengths.
        for s in 0..<S where allowed[s] && units[s] < ML {
            value[work(s, 1, 1) * R + units[s] * WL] = dayCost[s]
        }
        value[off(1, 1) * R] = dayCost[S]
        // Per resource level: the three cheapest work states by shift, for rotation-aware minima.
        var best = [(Double, Int)](repeating: (inf, -1), count: 3 * R)
        var offToWork = [(Double, Int)](repeating: (inf, -1), count: R)
        for d in 1..<max(1, h) {
            for i in 0..<n { next[i] = inf }
            let base = d * (S + 1)
            let saturday = d % 7 == 5, sunday = d % 7 == 6
            let predBase = d * n
            // Off → off; and the cheapest off state per level that may be followed by work.
            for r in 0..<R { offToWork[r] = (inf, -1) }
            for len in 1...K {
                for ex in 0...1 {
                    let from = off(len, ex) * R, to = off(min(K, len + 1), ex) * R
                    let mayWork = ex == 1 || len >= minOff
                    for r in 0..<R {
                        let v = value[from + r]
                        guard v < inf else { continue }
                        if mayWork, v < offToWork[r].0 { offToWork[r] = (v, from + r) }
                        let c = v + dayCost[base + S]
                        if c < next[to + r] { next[to + r] = c; pred[predBase + to + r] = Int32(from + r) }
                    }
                }
            }
            for len in 1...T {
                for ex in 0...1 {
                    // Work → off when the run may end here.
                    if ex == 1 || len >= minRun {
                        let to = off(1, 0) * R
                        for s in 0..<S {
                            let from = work(s, len, ex) * R
                            for r in 0..<R {
                                let v = value[from + r]
                                guard v < inf else { continue }
                                let c = v + dayCost[base + S]
                                if c < next[to + r] { next[to + r] = c; pred[predBase + to + r] = Int32(from + r) }
                            }
                        }
                    }
                    // Work → work: the run grows (or stays at the tracked length when the maximum cannot bind).
                    let grown: Int
                    if len < T { grown = len + 1 } else if !maxBinds { grown = T } else { continue }
                    let exNext = grown >= minRun ? 0 : ex
                    var any = false
                    for r in 0..<R {
                        best[3 * r] = (inf, -1); best[3 * r + 1] = (inf, -1); best[3 * r + 2] = (inf, -1)
                        for s in 0..<S {
                            let v = value[work(s, len, ex) * R + r]
                            if v < best[3 * r + 2].0 {
                                any = true
                                if v < best[3 * r].0 { best[3 * r + 2] = best[3 * r + 1]; best[3 * r + 1] = best[3 * r]; best[3 * r] = (v, s) }
                                else if v < best[3 * r + 1].0 { best[3 * r + 2] = best[3 * r + 1]; best[3 * r + 1] = (v, s) }
                                else { best[3 * r + 2] = (v, s) }
                            }
                        }
                    }
                    guard any else { continue }
                    for t in 0..<S where allowed[d * S + t] {
                        let to = work(t, grown, exNext) * R
                        // A weekend is worked once: on Saturday (Sunday after a worked Saturday adds nothing).
                        let wInc = saturday ? 1 : 0
                        let extra = dayCost[base + t] + (saturday ? weekendCost : 0)
                        for m in 0..<ML {
                            let m2 = m + units[t]
                            guard m2 < ML else { break }
                            for w in 0..<WL {
                                let w2 = trackWeekends ? w + wInc : w
                                guard w2 < WL else { break }
                                let r = m * WL + w
                                guard best[3 * r].1 >= 0 else { continue }
                                var from = -1
                                var v = inf
                                for i in 0..<3 {
                                    let b = best[3 * r + i]
                                    if b.1 >= 0 && !forbidden[b.1 * S + t] { from = b.1; v = b.0; break }
                                }
                                if from < 0, best[3 * r + 2].1 >= 0 {
                                    // All three cheapest forbid t: scan the rest.
                                    for s in 0..<S where !forbidden[s * S + t] {
                                        let x = value[work(s, len, ex) * R + r]
                                        if x < v { v = x; from = s }
                                    }
                                }
                                guard from >= 0, v < inf else { continue }
                                let target = to + m2 * WL + w2
                                let c = v + extra
                                if c < next[target] { next[target] = c; pred[predBase + target] = Int32(work(from, len, ex) * R + r) }
                            }
                        }
                    }
                }
            }
            // Off → work (a new run; a weekend day starts a worked weekend).
            for t in 0..<S where allowed[d * S + t] {
                let to = work(t, 1, 0) * R
                let wInc = (saturday || sunday) ? 1 : 0
                let extra = dayCost[base + t] + ((saturday || sunday) ? weekendCost : 0)
                for m in 0..<ML {
                    let m2 = m + units[t]
                    guard m2 < ML else { break }
                    for w in 0..<WL {
                        let w2 = trackWeekends ? w + wInc : w
                        guard w2 < WL else { break }
                        let (v, from) = offToWork[m * WL + w]
                        guard from >= 0 else { continue }
                        let target = to + m2 * WL + w2
                        let c = v + extra
                        if c < next[target] { next[target] = c; pred[predBase + target] = Int32(from) }
                    }
                }
            }
            swap(&value, &next)
        }
        // The end: any state, with at least the minimum minutes when they are a resource.
        let minLevel = minuteUnit > 0 ? (employee.minTotalMinutes + minuteUnit - 1) / minuteUnit : 0
        var end = -1
        var v = inf
        for i in 0..<n where value[i] < v && (i % R) / WL >= minLevel { v = value[i]; end = i }
        guard end >= 0 else { return nil }
        var schedule = [Int?](repeating: nil, count: h)
        var state = end
        for d in stride(from: h - 1, through: 0, by: -1) {
            let b = state / R
            if b < workStates { schedule[d] = b / 2 / T }
            if d > 0 { state = Int(pred[d * n + state]) }
        }
        return (v, schedule)
    }

    /// Prices this employee at `prices` (Σ of the cover prices of each (day, shift): `shiftPrice[d * S + s]`),
    /// with up to `iterations` subgradient steps on the multipliers of the totals, starting from `start`.
    /// Stops early once the bound shows no schedule is cheaper than `stopAbove`, or once the best schedule is
    /// proven optimal.
    public func price(_ shiftPrice: [Double], multipliers start: Multipliers, iterations: Int = 30,
                      stopAbove: Double = .infinity) -> (Result, Multipliers) {
        let h = horizon, S = shiftCount
        var base = request
        for d in 0..<h { for s in 0..<S { base[d * (S + 1) + s] -= shiftPrice[d * S + s] } }
        var m = start
        if !hasTotals { m = Multipliers(shifts: S) }
        var result = Result(schedule: nil, value: .infinity, bound: -.infinity, infeasible: false)
        var bestMultipliers = m
        var theta = 1.0
        var stall = 0
        var cost = base
        let rounds = hasTotals ? max(1, iterations) : 1
        for _ in 0..<rounds {
            // Lagrangian costs: + α_s per shift s, + (β⁺ − β⁻)·minutes/unit, + γ per weekend.
            for d in 0..<h {
                for s in 0..<S {
                    cost[d * (S + 1) + s] = base[d * (S + 1) + s] + m.perShift[s]
                        + (m.maxMinutes - m.minMinutes) * Double(minutes[s]) / unit
                }
            }
            guard let (v, schedule) = program(cost, weekendCost: m.weekends, minuteUnit: minuteUnit, weekendLimit: weekendLimit) else {
                result.infeasible = true
                return (result, start)
            }
            // The Lagrangian value: v minus the multipliers times the limits.
            var count = [Int](repeating: 0, count: S)
            var total = 0, weekends = 0
            for (d, s) in schedule.enumerated() {
                guard let s else { continue }
                count[s] += 1
                total += minutes[s]
                if d % 7 == 5 || (d % 7 == 6 && schedule[d - 1] == nil) { weekends += 1 }
            }
            var lagrangian = v - m.weekends * Double(employee.maxWeekends)
                - m.maxMinutes * Double(employee.maxTotalMinutes) / unit + m.minMinutes * Double(employee.minTotalMinutes) / unit
            for s in 0..<S { lagrangian -= m.perShift[s] * Double(employee.maxShifts[s]) }
            if lagrangian > result.bound + 1e-9 {
                result.bound = lagrangian
                bestMultipliers = m
                stall = 0
            } else {
                stall += 1
                if stall >= 4 { theta *= 0.5; stall = 0 }
            }
            if meetsTotals(schedule) {
                let real = zip(schedule.indices, schedule).reduce(0.0) { $0 + base[$1.0 * (S + 1) + ($1.1 ?? S)] }
                if real < result.value - 1e-12 { result.value = real; result.schedule = schedule }
            }
            if !hasTotals { result.bound = result.value; break }
            if result.bound >= stopAbove || result.value - result.bound <= 1e-9 || theta < 1e-3 { break }
            // Subgradient of the totals (minutes in shifts of the shortest length).
            var g = Multipliers(shifts: S)
            for s in 0..<S where countsBind[s] { g.perShift[s] = Double(count[s] - employee.maxShifts[s]) }
            if maxMinutesBinds && minuteUnit == 0 { g.maxMinutes = Double(total - employee.maxTotalMinutes) / unit }
            if minMinutesBinds && minuteUnit == 0 { g.minMinutes = Double(employee.minTotalMinutes - total) / unit }
            if weekendsBind && weekendLimit < 0 { g.weekends = Double(weekends - employee.maxWeekends) }
            // Only components that can move: positive, or negative with a positive multiplier.
            func live(_ gi: Double, _ mi: Double) -> Double { gi > 0 || mi > 0 ? gi : 0 }
            var norm = live(g.maxMinutes, m.maxMinutes) * live(g.maxMinutes, m.maxMinutes)
                + live(g.minMinutes, m.minMinutes) * live(g.minMinutes, m.minMinutes)
                + live(g.weekends, m.weekends) * live(g.weekends, m.weekends)
            for s in 0..<S { norm += live(g.perShift[s], m.perShift[s]) * live(g.perShift[s], m.perShift[s]) }
            guard norm > 0 else { break }    // the relaxed optimum meets the totals and complementary slackness
            // Polyak step towards an estimate of the optimum.
            let target = result.schedule != nil ? result.value : result.bound + max(1, abs(result.bound) * 0.05)
            let step = theta * max(target - lagrangian, 0.1) / norm
            for s in 0..<S { m.perShift[s] = max(0, m.perShift[s] + step * g.perShift[s]) }
            m.maxMinutes = max(0, m.maxMinutes + step * g.maxMinutes)
            m.minMinutes = max(0, m.minMinutes + step * g.minMinutes)
            m.weekends = max(0, m.weekends + step * g.weekends)
        }
        return (result, bestMultipliers)
    }
}
