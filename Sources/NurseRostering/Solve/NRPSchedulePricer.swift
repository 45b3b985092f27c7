// SPDX-License-Identifier: GPL-3.0-or-later
// Pricing of one employee's schedule by dynamic programming over the days (a labelling algorithm):
// the day-to-day rules are states, the horizon-wide totals are priced by Lagrange multipliers.
// See Docs/nrp.md, "Pricing by dynamic programming".
import Search
import Solver

/// The pricing problem of one employee: find the schedule (a shift or a day off on every day) meeting all
/// of their hard rules that minimises Σ_d cost[d, choice_d] (request penalties minus cover prices).
///
/// Rules 1, 2, 5, 6, 7 and 9 (one shift a day, rotation, maximum and minimum run of working days, minimum
/// run of days off, days off) are exact in the dynamic programme: its state after a day is the shift worked
/// (or off), the length of the current run, and whether the run began on day 0 (runs touching the start or
/// the end of the horizon are not held to the minimum lengths). Rules 3, 4 and 8 (shifts of each type,
/// total minutes, working weekends) are totals over the horizon: each is an exact resource of the state
/// while the programme stays small (minutes first, then weekends, then per-type maxima), and otherwise is
/// moved into the cost with a non-negative Lagrange multiplier, improved by subgradient steps. Every
/// programme solved this way gives a valid lower bound on the minimum (Lagrangian relaxation), and each of
/// its schedules that meets the totals is a candidate column.
public struct NRPSchedulePricer: Sendable {
    public let horizon: Int
    let shiftCount: Int
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
    /// Shift types whose maximum count the programme tracks exactly (the others binding get a multiplier).
    let trackedCounts: [Int]

    /// Lagrange multipliers of the totals, kept between calls (warm start).
    struct Multipliers: Sendable, Equatable {
        var perShift: [Double]
        var maxMinutes = 0.0
        var minMinutes = 0.0
        var weekends = 0.0
        init(shifts: Int) { perShift = Array(repeating: 0, count: shifts) }
    }

    public struct Result: Sendable {
        /// The cheapest schedule found that meets every rule (nil if none was met by any programme).
        var schedule: [Int?]?
        /// Its cost Σ cost[d, choice_d].
        var value: Double
        /// A lower bound on the cost of every schedule meeting every rule (−∞ if none was computed).
        public var bound: Double
        /// Whether the schedule is proven optimal (value = bound).
        var exact: Bool { schedule != nil && value - bound <= Tolerance.zero }
        /// Whether the rules admit no schedule at all (the programme, with the totals it tracks, has none).
        var infeasible: Bool
    }

    init(_ instance: NRPInstance, employee e: Int) {
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
        // Exact resources while the programme stays small: minutes first, then weekends, then the binding
        // per-type maxima, smallest first.
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let g = max(1, minutes.reduce(0, gcd))
        var size = S * track * 2 + offTrack * 2
        // Budget: at most 4 million table entries (memory) and about 20 million transitions (≈ 20–40 ms) per
        // programme.
        let budget = min(4_000_000 / max(1, h), 20_000_000 / max(1, h * S))
        let minuteLevels = emp.maxTotalMinutes / g + 1
        if (maxMinutesBinds || minMinutesBinds) && size * minuteLevels <= budget {
            minuteUnit = g
            size *= minuteLevels
        } else {
            minuteUnit = 0
        }
        if weekendsBind && size * (max(0, emp.maxWeekends) + 1) <= budget {
            weekendLimit = max(0, emp.maxWeekends)
            size *= weekendLimit + 1
        } else {
            weekendLimit = -1
        }
        var counts: [Int] = []
        let binding = countsBind
        for s in (0..<S).filter({ binding[$0] }).sorted(by: { emp.maxShifts[$0] < emp.maxShifts[$1] })
        where size * (emp.maxShifts[s] + 1) <= budget {
            counts.append(s)
            size *= emp.maxShifts[s] + 1
        }
        trackedCounts = counts
    }

    /// The best schedule of employee e (at `shiftPrice`, d * S + s of the full instance) using only the shift
    /// types `types`: the instance cut down to them, where the programme is small enough to track the minutes
    /// (and often the weekends) exactly. Every rule of the cut-down instance is the employee's rule in the
    /// full one, so the schedule is feasible there too. Returns nil when none was found.
    static func restrictedSchedule(_ instance: NRPInstance, employee e: Int, types: [Int], shiftPrice: [Double],
                                          iterations: Int = 30, noise: Double = 0, seed: UInt64 = 1) -> (schedule: [Int?], infeasible: Bool)? {
        let emp = instance.employees[e]
        let S = instance.shifts.count, h = instance.horizon
        var index = [Int](repeating: -1, count: S)
        for (i, t) in types.enumerated() { index[t] = i }
        var one = emp
        one.maxShifts = types.map { emp.maxShifts[$0] }
        let remap = { (r: NRPRequest) -> NRPRequest? in
            r.employee == e && index[r.shift] >= 0 ? NRPRequest(employee: 0, day: r.day, shift: index[r.shift], weight: r.weight) : nil
        }
        // A request for a type left out still costs: an on-request is never granted (a constant), an
        // off-request never violated; neither changes which schedule is best among the cut-down ones.
        let shifts = types.map { t in
            NRPShift(id: instance.shifts[t].id, minutes: instance.shifts[t].minutes,
                     forbiddenSuccessors: instance.shifts[t].forbiddenSuccessors.compactMap { index[$0] >= 0 ? index[$0] : nil })
        }
        let cut = NRPInstance(name: "\(instance.name)_\(emp.id)_cut", horizon: h, shifts: shifts, employees: [one],
                              onRequests: instance.onRequests.compactMap(remap), offRequests: instance.offRequests.compactMap(remap))
        let pricer = NRPSchedulePricer(cut, employee: 0)
        var prices = [Double](repeating: 0, count: h * types.count)
        for d in 0..<h { for (i, t) in types.enumerated() { prices[d * types.count + i] = shiftPrice[d * S + t] } }
        let (r, _) = pricer.price(prices, multipliers: Multipliers(shifts: types.count), iterations: iterations, noise: noise, seed: seed)
        guard let schedule = r.schedule else { return r.infeasible ? ([], true) : nil }
        return (schedule.map { $0.map { types[$0] } }, false)
    }

    /// A schedule of employee e working one shift type only (nil if none found), trying the types with the
    /// highest maximum first (see `restrictedSchedule`). Used to find first schedules on large instances
    /// (364 days × 32 types), where pricing over every type leaves the totals to multipliers that flat
    /// costs defeat.
    static func singleShiftSchedule(_ instance: NRPInstance, employee e: Int, seed: UInt64) -> [Int?]? {
        let emp = instance.employees[e]
        let candidates = instance.shifts.indices.filter { emp.maxShifts[$0] > 0 }
            .sorted { (emp.maxShifts[$0], instance.shifts[$0].minutes) > (emp.maxShifts[$1], instance.shifts[$1].minutes) }
        let zero = [Double](repeating: 0, count: instance.horizon * instance.shifts.count)
        for t in candidates {
            for round in 0..<3 {
                guard let r = restrictedSchedule(instance, employee: e, types: [t], shiftPrice: zero, iterations: 100,
                                                 noise: 0.5 * Double(round), seed: seed &+ UInt64(round)) else { continue }
                if r.infeasible { break }
                return r.schedule
            }
        }
        return nil
    }

    /// Whether totals the programme does not track can bind (if not, one programme gives the exact optimum).
    var hasTotals: Bool {
        (0..<shiftCount).contains { countsBind[$0] && !trackedCounts.contains($0) }
            || (minuteUnit == 0 && (maxMinutesBinds || minMinutesBinds)) || (weekendLimit < 0 && weekendsBind)
    }

    /// Request cost of a schedule (the objective part of this employee, without the constant).
    func requestCost(_ schedule: [Int?]) -> Double { sum(schedule, request) }

    /// Σ_d costs[d * (S + 1) + option of day d] (option S for a day off).
    func sum(_ schedule: [Int?], _ costs: [Double]) -> Double {
        var total = 0.0
        for (d, s) in schedule.enumerated() { total += costs[d * (shiftCount + 1) + (s ?? shiftCount)] }
        return total
    }

    /// The totals of a schedule: shifts of each type, minutes, weekends worked (Saturday, or Sunday after
    /// a Saturday off).
    func totals(_ schedule: [Int?]) -> (count: [Int], minutes: Int, weekends: Int) {
        var count = [Int](repeating: 0, count: shiftCount)
        var total = 0, weekends = 0
        for (d, s) in schedule.enumerated() {
            guard let s else { continue }
            count[s] += 1
            total += minutes[s]
            if d % 7 == 5 || (d % 7 == 6 && schedule[d - 1] == nil) { weekends += 1 }
        }
        return (count, total, weekends)
    }

    /// Whether a schedule meets the totals (rules 3, 4, 8); the programme guarantees the other rules.
    func meetsTotals(_ schedule: [Int?]) -> Bool {
        let (count, total, weekends) = totals(schedule)
        for s in 0..<shiftCount where count[s] > employee.maxShifts[s] { return false }
        return total <= employee.maxTotalMinutes && total >= employee.minTotalMinutes && weekends <= employee.maxWeekends
    }

    /// The cheapest schedule under `dayCost` (d * (S + 1) + o) meeting rules 1, 2, 5, 6, 7, 9, with
    /// `weekendCost` added for each weekend worked; nil if no schedule meets them. Totals can be exact
    /// resources of the state as well: rule 4 (total minutes, counted in units of `minuteUnit`) when
    /// `minuteUnit > 0`, rule 8 (weekends) when `weekendLimit ≥ 0`, rule 3 for the shift types in `counts`.
    func program(_ dayCost: [Double], weekendCost: Double, minuteUnit: Int = 0, weekendLimit: Int = -1,
                 counts: [Int] = []) -> (value: Double, schedule: [Int?])? {
        let h = horizon, T = track
        let resources = resourceSteps(minuteUnit: minuteUnit, weekendLimit: weekendLimit, counts: counts)
        let R = resources.count
        var labels = ProgrammeLabels(pricer: self, dayCost: dayCost, weekendCost: weekendCost, resources: resources)
        defer { labels.deallocate() }
        labels.start()
        for d in 1..<max(1, h) { labels.advance(day: d) }
        // The end: any state whose resources meet their minimum (the minutes).
        var end = -1
        var v = Double.infinity
        for i in 0..<labels.n where labels.value[i] < v && resources.accept[i % R] { v = labels.value[i]; end = i }
        guard end >= 0 else { return nil }
        var schedule = [Int?](repeating: nil, count: h)
        var state = end
        for d in Swift.stride(from: h - 1, through: 0, by: -1) {
            let b = state / R
            if b < labels.workStates { schedule[d] = b / 2 / T }
            if d > 0 { state = Int(labels.pred[d * labels.n + state]) }
        }
        return (v, schedule)
    }

    /// The resource vector of a programme in mixed radix: minutes so far (0 ... max / unit), weekends
    /// (0 ... limit), then the count of each tracked shift type (0 ... its maximum). `step[r * S + t]`: the
    /// vector after working t from r (−1 past a limit); `weekendStep[r]`: after starting a weekend;
    /// `accept[r]`: whether a schedule may end with r (the minimum minutes).
    func resourceSteps(minuteUnit: Int, weekendLimit: Int, counts: [Int]) -> (count: Int, step: [Int32], weekendStep: [Int32], accept: [Bool]) {
        let S = shiftCount
        var radix: [Int] = []
        if minuteUnit > 0 { radix.append(employee.maxTotalMinutes / minuteUnit + 1) }
        let trackWeekends = weekendLimit >= 0
        if trackWeekends { radix.append(weekendLimit + 1) }
        for t in counts { radix.append(employee.maxShifts[t] + 1) }
        let R = radix.reduce(1, *)
        var stride = [Int](repeating: 1, count: radix.count)
        for i in radix.indices.dropFirst() { stride[i] = stride[i - 1] * radix[i - 1] }
        func digits(_ r: Int) -> [Int] { radix.indices.map { (r / stride[$0]) % radix[$0] } }
        var stepList = [Int32](repeating: -1, count: R * S)
        var weekendList = [Int32](repeating: -1, count: R)
        var accept = [Bool](repeating: true, count: R)
        let minLevel = minuteUnit > 0 ? (employee.minTotalMinutes + minuteUnit - 1) / minuteUnit : 0
        for r in 0..<R {
            let dg = digits(r)
            var i = 0
            if minuteUnit > 0 { accept[r] = dg[0] >= minLevel; i += 1 }
            let wi = trackWeekends ? i : -1
            if trackWeekends { i += 1 }
            weekendList[r] = wi < 0 ? Int32(r) : (dg[wi] + 1 < radix[wi] ? Int32(r + stride[wi]) : -1)
            for t in 0..<S {
                var target = r
                var ok = true
                if minuteUnit > 0 {
                    let u = minutes[t] / minuteUnit
                    if dg[0] + u >= radix[0] { ok = false } else { target += u * stride[0] }
                }
                if let c = counts.firstIndex(of: t) {
                    let j = i + c
                    if dg[j] + 1 >= radix[j] { ok = false } else { target += stride[j] }
                }
                stepList[r * S + t] = ok ? Int32(target) : -1
            }
        }
        return (R, stepList, weekendList, accept)
    }

    /// Prices this employee at `prices` (Σ of the cover prices of each (day, shift): `shiftPrice[d * S + s]`),
    /// with up to `iterations` subgradient steps on the multipliers of the totals, starting from `start`.
    /// Stops early once the bound shows no schedule is cheaper than `stopAbove`, or once the best schedule is
    /// proven optimal.
    ///
    /// `noise` > 0 adds a random cost in [0, noise) to every shift cell (seeded by `seed`): with flat costs
    /// (no prices yet) the relaxed programme jumps between working as much and as little as the day-to-day
    /// rules allow, and the noise lets the multipliers reach the totals in between. The bound is then not
    /// valid (it is reported as −∞); use it to find a first schedule only.
    ///
    /// `forced[d]` ≥ 0 forces option `forced[d]` (a shift, or S for a day off) on day d: every other option
    /// costs 10⁷ more; −1 leaves the day free. A schedule breaking a forcing is not returned (used by the
    /// diving heuristics).
    func price(_ shiftPrice: [Double], multipliers start: Multipliers, iterations: Int = 30,
                      stopAbove: Double = .infinity, noise: Double = 0, seed: UInt64 = 1, forced: [Int]? = nil) -> (Result, Multipliers) {
        let h = horizon, S = shiftCount
        var truth = request
        for d in 0..<h { for s in 0..<S { truth[d * (S + 1) + s] -= shiftPrice[d * S + s] } }
        var base = truth
        if let forced {
            for d in 0..<h where forced[d] >= 0 { for o in 0...S where o != forced[d] { base[d * (S + 1) + o] += 1e7 } }
        }
        if noise > 0 {
            var rng = SeededGenerator(seed: seed)
            for d in 0..<h { for s in 0..<S { base[d * (S + 1) + s] += noise * Double.random(in: 0..<1, using: &rng) } }
        }
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
            guard let (v, schedule) = program(cost, weekendCost: m.weekends, minuteUnit: minuteUnit, weekendLimit: weekendLimit, counts: trackedCounts) else {
                result.infeasible = true
                return (result, start)
            }
            // The Lagrangian value: v minus the multipliers times the limits.
            let (count, total, weekends) = totals(schedule)
            var lagrangian = v - m.weekends * Double(employee.maxWeekends)
                - m.maxMinutes * Double(employee.maxTotalMinutes) / unit + m.minMinutes * Double(employee.minTotalMinutes) / unit
            for s in 0..<S { lagrangian -= m.perShift[s] * Double(employee.maxShifts[s]) }
            if lagrangian > result.bound + Tolerance.zero {
                result.bound = lagrangian
                bestMultipliers = m
                stall = 0
            } else {
                stall += 1
                if stall >= 4 { theta *= 0.5; stall = 0 }
            }
            if meetsTotals(schedule) {
                let real = sum(schedule, base)
                if real < result.value - 1e-12 { result.value = real; result.schedule = schedule }
            }
            if !hasTotals { result.bound = result.value; break }
            if result.bound >= stopAbove || result.value - result.bound <= Tolerance.zero || theta < 1e-3 { break }
            // Subgradient of the totals (minutes in shifts of the shortest length).
            var g = Multipliers(shifts: S)
            for s in 0..<S where countsBind[s] && !trackedCounts.contains(s) { g.perShift[s] = Double(count[s] - employee.maxShifts[s]) }
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
        if let forced, let schedule = result.schedule,
           schedule.indices.contains(where: { forced[$0] >= 0 && (schedule[$0] ?? S) != forced[$0] }) {
            result.schedule = nil
            result.value = .infinity
        }
        if noise > 0 {
            result.bound = -.infinity
            if let schedule = result.schedule { result.value = sum(schedule, truth) }
        }
        return (result, bestMultipliers)
    }
}

/// The labelling tables of one programme, as raw buffers (no bounds checks in the inner loops; every index
/// is computed from the sizes here). Base states: work (s, len 1...T, exempt 0/1) at (s * T + len − 1) * 2
/// + ex; off (len 1...K, ex) after them; a state is base * R + r, r the resource vector.
struct ProgrammeLabels {
    let S: Int, T: Int, K: Int, R: Int, h: Int
    let minRun: Int, minOff: Int
    let maxBinds: Bool
    let weekendCost: Double
    let workStates: Int
    let n: Int
    var value: UnsafeMutablePointer<Double>
    var next: UnsafeMutablePointer<Double>
    let pred: UnsafeMutablePointer<Int32>
    let dayCost: UnsafeMutablePointer<Double>
    let allowed: UnsafeMutablePointer<Bool>
    let forbidden: UnsafeMutablePointer<Bool>
    let step: UnsafeMutablePointer<Int32>
    let weekendStep: UnsafeMutablePointer<Int32>
    let best: UnsafeMutablePointer<(Double, Int)>
    let offToWork: UnsafeMutablePointer<(Double, Int)>

    init(pricer p: NRPSchedulePricer, dayCost costs: [Double], weekendCost: Double,
         resources: (count: Int, step: [Int32], weekendStep: [Int32], accept: [Bool])) {
        S = p.shiftCount; T = p.track; K = p.offTrack; R = resources.count; h = p.horizon
        minRun = p.employee.minConsecutiveShifts; minOff = p.employee.minConsecutiveDaysOff
        maxBinds = p.maxBinds
        self.weekendCost = weekendCost
        workStates = S * T * 2
        n = (workStates + K * 2) * R
        func buffer<E>(_ count: Int, _ initial: E) -> UnsafeMutablePointer<E> {
            let b = UnsafeMutablePointer<E>.allocate(capacity: max(1, count))
            b.initialize(repeating: initial, count: max(1, count))
            return b
        }
        func copy<E>(_ array: [E]) -> UnsafeMutablePointer<E> {
            let b = UnsafeMutablePointer<E>.allocate(capacity: max(1, array.count))
            _ = UnsafeMutableBufferPointer(start: b, count: array.count).initialize(from: array)
            return b
        }
        value = buffer(n, .infinity)
        next = buffer(n, .infinity)
        pred = buffer(h * n, Int32(-1))
        dayCost = copy(costs); allowed = copy(p.allowed); forbidden = copy(p.forbidden)
        step = copy(resources.step); weekendStep = copy(resources.weekendStep)
        best = buffer(3 * R, (.infinity, -1))
        offToWork = buffer(R, (.infinity, -1))
    }

    func deallocate() {
        value.deallocate(); next.deallocate(); pred.deallocate(); dayCost.deallocate(); allowed.deallocate()
        forbidden.deallocate(); step.deallocate(); weekendStep.deallocate(); best.deallocate(); offToWork.deallocate()
    }

    @inline(__always) func work(_ s: Int, _ len: Int, _ ex: Int) -> Int { (s * T + len - 1) * 2 + ex }
    @inline(__always) func off(_ len: Int, _ ex: Int) -> Int { workStates + (len - 1) * 2 + ex }

    /// Day 0 (a Monday): runs begin exempt from the minimum lengths.
    func start() {
        for s in 0..<S where allowed[s] && step[s] >= 0 {
            value[work(s, 1, 1) * R + Int(step[s])] = dayCost[s]
        }
        value[off(1, 1) * R] = dayCost[S]
    }

    /// One day of the programme: every move from yesterday's states to today's.
    mutating func advance(day d: Int) {
        for i in 0..<n { next[i] = .infinity }
        offMoves(day: d)
        for len in 1...T { for ex in 0...1 { workMoves(day: d, len: len, ex: ex) } }
        newRuns(day: d)
        swap(&value, &next)
    }

    /// Off → off; and the cheapest off state per resource vector that may be followed by work.
    func offMoves(day d: Int) {
        let base = d * (S + 1), predBase = d * n
        for r in 0..<R { offToWork[r] = (.infinity, -1) }
        for len in 1...K {
            for ex in 0...1 {
                let from = off(len, ex) * R, to = off(min(K, len + 1), ex) * R
                let mayWork = ex == 1 || len >= minOff
                for r in 0..<R {
                    let v = value[from + r]
                    guard v < .infinity else { continue }
                    if mayWork, v < offToWork[r].0 { offToWork[r] = (v, from + r) }
                    let c = v + dayCost[base + S]
                    if c < next[to + r] { next[to + r] = c; pred[predBase + to + r] = Int32(from + r) }
                }
            }
        }
    }

    /// From work runs of length `len` (exempt `ex`): work → off when the run may end here, and work →
    /// work (the run grows, or stays at the tracked length when the maximum cannot bind).
    func workMoves(day d: Int, len: Int, ex: Int) {
        let base = d * (S + 1), predBase = d * n
        let saturday = d % 7 == 5
        if ex == 1 || len >= minRun {
            let to = off(1, 0) * R
            for s in 0..<S {
                let from = work(s, len, ex) * R
                for r in 0..<R {
                    let v = value[from + r]
                    guard v < .infinity else { continue }
                    let c = v + dayCost[base + S]
                    if c < next[to + r] { next[to + r] = c; pred[predBase + to + r] = Int32(from + r) }
                }
            }
        }
        let grown: Int
        if len < T { grown = len + 1 } else if !maxBinds { grown = T } else { return }
        let exNext = grown >= minRun ? 0 : ex
        for r in 0..<R {
            guard cheapestThree(len: len, ex: ex, r: r) else { continue }
            for t in 0..<S where allowed[d * S + t] {
                // A weekend is worked once: on Saturday (a Sunday after a worked Saturday adds nothing).
                var r2 = Int(step[r * S + t])
                if r2 >= 0, saturday { r2 = Int(weekendStep[r2]) }
                guard r2 >= 0 else { continue }
                let (from, v) = cheapestBefore(t, len: len, ex: ex, r: r)
                guard from >= 0, v < .infinity else { continue }
                let target = work(t, grown, exNext) * R + r2
                let c = v + dayCost[base + t] + (saturday ? weekendCost : 0)
                if c < next[target] { next[target] = c; pred[predBase + target] = Int32(work(from, len, ex) * R + r) }
            }
        }
    }

    /// The three cheapest shift types ending a run of `len` at resources r, in `best[3r ..< 3r + 3]`;
    /// false when there is none.
    @inline(__always) func cheapestThree(len: Int, ex: Int, r: Int) -> Bool {
        best[3 * r] = (.infinity, -1); best[3 * r + 1] = (.infinity, -1); best[3 * r + 2] = (.infinity, -1)
        for s in 0..<S {
            let v = value[work(s, len, ex) * R + r]
            if v < best[3 * r + 2].0 {
                if v < best[3 * r].0 { best[3 * r + 2] = best[3 * r + 1]; best[3 * r + 1] = best[3 * r]; best[3 * r] = (v, s) }
                else if v < best[3 * r + 1].0 { best[3 * r + 2] = best[3 * r + 1]; best[3 * r + 1] = (v, s) }
                else { best[3 * r + 2] = (v, s) }
            }
        }
        return best[3 * r].1 >= 0
    }

    /// The cheapest yesterday's shift type s that may precede t (rotation), and its value.
    @inline(__always) func cheapestBefore(_ t: Int, len: Int, ex: Int, r: Int) -> (Int, Double) {
        for i in 0..<3 {
            let b = best[3 * r + i]
            if b.1 >= 0 && !forbidden[b.1 * S + t] { return (b.1, b.0) }
        }
        var from = -1, v = Double.infinity
        if best[3 * r + 2].1 >= 0 {
            // All three cheapest forbid t: scan the rest.
            for s in 0..<S where !forbidden[s * S + t] {
                let x = value[work(s, len, ex) * R + r]
                if x < v { v = x; from = s }
            }
        }
        return (from, v)
    }

    /// Off → work: a new run (a weekend day starts a worked weekend).
    func newRuns(day d: Int) {
        let base = d * (S + 1), predBase = d * n
        let weekend = d % 7 == 5 || d % 7 == 6
        for r in 0..<R {
            let (v, from) = offToWork[r]
            guard from >= 0 else { continue }
            for t in 0..<S where allowed[d * S + t] {
                var r2 = Int(step[r * S + t])
                if r2 >= 0, weekend { r2 = Int(weekendStep[r2]) }
                guard r2 >= 0 else { continue }
                let target = work(t, 1, 0) * R + r2
                let c = v + dayCost[base + t] + (weekend ? weekendCost : 0)
                if c < next[target] { next[target] = c; pred[predBase + target] = Int32(from) }
            }
        }
    }
}
