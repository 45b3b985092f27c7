@testable import Search
import Foundation
import Testing
@testable import NurseRostering

@Suite("NRP column generation")
struct ColumnGenerationTests {
    @Test func tinyInstanceConvergesToItsOptimumAndBound() throws {
        let instance = try Tiny.instance()
        let optimum = Tiny.bruteForceOptimum(instance)
        let nrp = NRPModel(instance)
        var cg = NRPColumnGeneration(nrp)
        let start = NRPRoster(instance, assignments: CheckerTests().feasible())
        cg.add(start)
        #expect(cg.columnCount == 3)
        // Pool costs are the request costs of each schedule.
        for e in 0..<3 { #expect(cg.costs[e][0] == cg.cost(e, start.shift[e])) }
        let r = try cg.run(NRPColumnGenerationOptions(smoothing: 0.5), budget: Budget(seconds: 30))
        #expect(r.converged)
        #expect(r.iterations > 1)
        let bound = try #require(r.lowerBound)
        let lp = try #require(r.masterLP)
        #expect(bound <= Double(optimum) + 1e-6)
        #expect(abs(bound - lp) < 1e-4)
        // The converged master LP equals the master LP over every feasible schedule (enumerated), and is
        // at least the compact model's LP relaxation.
        #expect(abs(bound - (try Self.fullMasterLP(instance))) < 1e-4)
        let compact = try #require(try NRPSolver.solveLP(nrp.model, .init()).objective)
        #expect(bound >= compact - 1e-6)
        let m = try #require(try cg.solveInteger(incumbent: start, budget: Budget(seconds: 10)))
        #expect(m.objective == optimum)
        let check = NRPChecker.check(instance, m.roster)
        #expect(check.isFeasible, "\(check.violations)")
        #expect(check.objective.total == m.objective)
    }

    @Test func twoPricingThreadsGiveTheSameBound() throws {
        let instance = try Tiny.instance()
        var cg = NRPColumnGeneration(NRPModel(instance))
        cg.add(NRPRoster(instance, assignments: CheckerTests().feasible()))
        let r = try cg.run(NRPColumnGenerationOptions(smoothing: 0, threads: 2), budget: Budget(seconds: 30))
        #expect(r.converged)
        #expect(abs((r.lowerBound ?? 0) - (try Self.fullMasterLP(instance))) < 1e-4)
    }

    /// The master LP with every feasible schedule of every employee as a column (brute force).
    static func fullMasterLP(_ instance: NRPInstance) throws -> Double {
        var cg = NRPColumnGeneration(NRPModel(instance))
        for e in instance.employees.indices {
            for (row, broken) in everySchedule(instance, employee: e) where broken.isEmpty { cg.add(e, row) }
        }
        let (m, _) = cg.master(integer: false)
        return try #require(try NRPSolver.solveLP(m, .init()).objective)
    }

    @Test(.enabled(if: Benchmarks.available, "needs ../shared/benchmarks/nrp"))
    func instance1BoundIsItsOptimum() throws {
        let instance = try NRPParser.parse(fileAt: Benchmarks.url(1))
        let result = try NRPSolver.solve(NRPModel(instance), options: NRPSolveOptions(timeLimit: 20))
        #expect(result.objective == 607)
        #expect(result.bound == 607)
        #expect(NRPChecker.check(instance, result.roster).objective.total == 607)
    }

    /// Every dive (on schedules, on schedules with backtracking, on cells) gives a valid roster of the tiny
    /// instance, with the checker's objective, no better than the brute-force optimum.
    @Test(arguments: ["schedules", "backtracking", "cells"])
    func divesGiveAFeasibleRosterOfTheTinyInstance(kind: String) throws {
        let instance = try Tiny.instance()
        let optimum = Tiny.bruteForceOptimum(instance)
        var cg = NRPColumnGeneration(NRPModel(instance))
        #expect(try cg.seed(budget: Budget(seconds: 10)))
        let budget = Budget(seconds: 20)
        let found = kind == "cells" ? try cg.cellDive(budget: budget)
            : try cg.priceAndDive(budget: budget, backtracks: kind == "backtracking" ? 30 : 0)
        let (choice, objective) = try #require(found)
        let check = NRPChecker.check(instance, cg.roster(choice))
        #expect(check.isFeasible, "\(check.violations)")
        #expect(check.objective.total == objective)
        #expect(objective >= optimum)
    }

    @Test func forcedPricingHonoursEveryForcedDay() throws {
        let instance = try Tiny.instance()
        let S = instance.shifts.count, h = instance.horizon
        // Employee A: force a late shift on day 1 and a day off on day 4; prices favour the opposite.
        let pricer = NRPSchedulePricer(instance, employee: 0)
        var prices = [Double](repeating: 0, count: h * S)
        prices[1 * S + 0] = 50
        prices[4 * S + 0] = 50
        var forced = [Int](repeating: -1, count: h)
        forced[1] = 1
        forced[4] = S
        let (r, _) = pricer.price(prices, multipliers: .init(shifts: S), iterations: 60, forced: forced)
        let schedule = try #require(r.schedule)
        #expect(schedule[1] == 1)
        #expect(schedule[4] == nil)
        var roster = NRPRoster(employees: instance.employees.count, horizon: h)
        roster.shift[0] = schedule
        #expect(NRPChecker.check(instance, roster).violations.filter { $0.employee == "A" }.isEmpty)
    }
}
