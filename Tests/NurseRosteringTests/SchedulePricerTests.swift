@testable import Search
import Foundation
@testable import Solver
import Testing
@testable import NurseRostering

/// The dynamic-programming pricer against brute force over every schedule of one employee, on random
/// small instances (seeded), for random prices.
@Suite("NRP schedule pricer")
struct SchedulePricerTests {
    /// A random one-employee instance of `h` days and `S` shift types.
    static func randomInstance(_ rng: inout SeededGenerator, h: Int, S: Int) -> NRPInstance {
        let shifts = (0..<S).map { s in
            NRPShift(id: "S\(s)", minutes: [480, 600, 720].randomElement(using: &rng)!,
                     forbiddenSuccessors: (0..<S).filter { t in t != s && Int.random(in: 0..<3, using: &rng) == 0 })
        }
        let maxCons = Int.random(in: 2...5, using: &rng)
        let minCons = Int.random(in: 1...min(3, maxCons), using: &rng)
        let maxShifts = (0..<S).map { _ in [0, 2, 3, h].randomElement(using: &rng)! }
        let minMinutes = Int.random(in: 0...3, using: &rng) * 480
        let maxMinutes = minMinutes + Int.random(in: 1...4, using: &rng) * 480
        let daysOff = Set((0..<h).filter { _ in Int.random(in: 0..<6, using: &rng) == 0 })
        let employee = NRPEmployee(id: "A", maxShifts: maxShifts, maxTotalMinutes: maxMinutes, minTotalMinutes: minMinutes,
                                   maxConsecutiveShifts: maxCons, minConsecutiveShifts: minCons,
                                   minConsecutiveDaysOff: Int.random(in: 1...3, using: &rng), maxWeekends: Int.random(in: 0...1, using: &rng),
                                   daysOff: daysOff)
        var on: [NRPRequest] = [], off: [NRPRequest] = []
        for d in 0..<h {
            if Int.random(in: 0..<3, using: &rng) == 0 { on.append(NRPRequest(employee: 0, day: d, shift: Int.random(in: 0..<S, using: &rng), weight: Int.random(in: 1...3, using: &rng))) }
            if Int.random(in: 0..<3, using: &rng) == 0 { off.append(NRPRequest(employee: 0, day: d, shift: Int.random(in: 0..<S, using: &rng), weight: Int.random(in: 1...3, using: &rng))) }
        }
        return NRPInstance(name: "random", horizon: h, shifts: shifts, employees: [employee], onRequests: on, offRequests: off)
    }

    /// Every schedule of the employee, with the rules it breaks (by the independent checker).
    static func allSchedules(_ instance: NRPInstance) -> [([Int?], Set<NRPRule>)] { everySchedule(instance, employee: 0) }

    static let totals: Set<NRPRule> = [.maxShiftsOfType, .totalMinutes, .maxWeekends]

    @Test(arguments: [(7, 3), (9, 2), (14, 1)])
    func programmeIsExactOnTheDayToDayRules(h: Int, S: Int) throws {
        var rng = SeededGenerator(seed: UInt64(h * 31 + S))
        var compared = 0
        for _ in 0..<12 {
            let instance = Self.randomInstance(&rng, h: h, S: S)
            let pricer = NRPSchedulePricer(instance, employee: 0)
            let all = Self.allSchedules(instance)
            let cost = (0..<(h * (S + 1))).map { _ in Double(Int.random(in: -6...6, using: &rng)) }
            func value(_ row: [Int?]) -> Double {
                var total = 0.0
                for (d, s) in row.enumerated() { total += cost[d * (S + 1) + (s ?? S)] }
                return total
            }
            // Without the totals: the programme's optimum is the brute-force minimum over schedules that
            // break no day-to-day rule, and its schedule breaks none.
            // (A shift type with MaxShifts 0 is never offered, as in the model: no column exists for it.)
            let never = Set((0..<S).filter { instance.employees[0].maxShifts[$0] == 0 })
            let sequenceFeasible = all.filter { row, broken in
                broken.subtracting(Self.totals).isEmpty && !row.contains { $0.map(never.contains) ?? false }
            }
            let found = pricer.program(cost, weekendCost: 0)
            if sequenceFeasible.isEmpty {
                #expect(found == nil)
                continue
            }
            let (v, schedule) = try #require(found)
            let best = sequenceFeasible.map { value($0.0) }.min()!
            #expect(abs(v - best) < 1e-9, "programme \(v) \(schedule), brute force \(best), \(instance.employees[0]) \(instance.shifts)")
            #expect(abs(value(schedule) - v) < 1e-9)
            let broken = all.first { $0.0 == schedule }!.1
            #expect(broken.subtracting(Self.totals).isEmpty, "\(broken)")
            compared += 1
            // With minutes (in units of 120) and weekends as exact resources: the minimum over schedules
            // breaking at most the per-type maxima.
            let emp = instance.employees[0]
            let resourceFeasible = sequenceFeasible.filter { $0.1.subtracting([.maxShiftsOfType]).isEmpty }
            let withResources = pricer.program(cost, weekendCost: 0, minuteUnit: 120, weekendLimit: emp.maxWeekends)
            if let bestWith = resourceFeasible.map({ value($0.0) }).min() {
                let (v2, schedule2) = try #require(withResources)
                #expect(abs(v2 - bestWith) < 1e-9, "programme with resources \(v2), brute force \(bestWith)")
                let broken2 = all.first { $0.0 == schedule2 }!.1
                #expect(broken2.subtracting([.maxShiftsOfType]).isEmpty, "\(broken2)")
            } else {
                #expect(withResources == nil)
            }
            // Every total exact: the minimum over fully feasible schedules.
            let all3 = pricer.program(cost, weekendCost: 0, minuteUnit: 120, weekendLimit: emp.maxWeekends, counts: Array(0..<S))
            if let bestAll = resourceFeasible.filter({ $0.1.isEmpty }).map({ value($0.0) }).min() {
                let (v3, schedule3) = try #require(all3)
                #expect(abs(v3 - bestAll) < 1e-9, "programme with every total \(v3), brute force \(bestAll)")
                #expect(all.first { $0.0 == schedule3 }!.1.isEmpty)
            } else {
                #expect(all3 == nil)
            }
        }
        #expect(compared >= 6)
    }

    @Test(arguments: [(7, 3), (10, 2)])
    func lagrangianPricingGivesValidBoundsAndFeasibleColumns(h: Int, S: Int) throws {
        var rng = SeededGenerator(seed: UInt64(h * 17 + S))
        var exact = 0, feasibleInstances = 0
        for _ in 0..<15 {
            let instance = Self.randomInstance(&rng, h: h, S: S)
            let pricer = NRPSchedulePricer(instance, employee: 0)
            let all = Self.allSchedules(instance)
            let prices = (0..<(h * S)).map { _ in Double(Int.random(in: 0...8, using: &rng)) }
            let feasible = all.filter { $0.1.isEmpty }.map(\.0)
            func reduced(_ row: [Int?]) -> Double {
                var total = pricer.requestCost(row)
                for (d, s) in row.enumerated() { if let s { total -= prices[d * S + s] } }
                return total
            }
            let (r, _) = pricer.price(prices, multipliers: .init(shifts: S), iterations: 60)
            guard let best = feasible.map(reduced).min() else {
                // No feasible schedule: the programme may still find sequence-feasible ones, never a column.
                #expect(r.schedule == nil)
                continue
            }
            feasibleInstances += 1
            #expect(r.bound <= best + 1e-9, "bound \(r.bound) above the optimum \(best)")
            if let schedule = r.schedule {
                #expect(feasible.contains(schedule))
                #expect(abs(reduced(schedule) - r.value) < 1e-9)
                #expect(r.value >= best - 1e-9)
                if r.exact { exact += 1; #expect(abs(r.value - best) < 1e-9) }
            }
        }
        #expect(feasibleInstances >= 5)
        #expect(exact >= feasibleInstances / 3, "exact on \(exact) of \(feasibleInstances)")
    }

    @Test(.enabled(if: Benchmarks.available, "needs ../shared/benchmarks/nrp"))
    func zeroPricesGiveEveryEmployeeOfInstance5AFeasibleSchedule() throws {
        let instance = try NRPParser.parse(fileAt: Benchmarks.url(5))
        for e in instance.employees.indices {
            let pricer = NRPSchedulePricer(instance, employee: e)
            let (r, _) = pricer.price(Array(repeating: 0, count: instance.horizon * instance.shifts.count),
                                      multipliers: .init(shifts: instance.shifts.count), iterations: 60)
            let schedule = try #require(r.schedule)
            var roster = NRPRoster(employees: instance.employees.count, horizon: instance.horizon)
            roster.shift[e] = schedule
            let broken = NRPChecker.check(instance, roster).violations.filter { $0.employee == instance.employees[e].id }
            #expect(broken.isEmpty, "\(broken)")
            #expect(r.bound <= r.value + 1e-9)
        }
    }
}
