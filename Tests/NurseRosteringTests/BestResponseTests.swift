@testable import Search
import Foundation
import Testing
@testable import NurseRostering

@Suite("NRP best response") struct BestResponseTests {
    /// From the seeded roster of the tiny instance, iterated best response ends at a roster that breaks no
    /// rule, whose objective the checker confirms, no worse than where it started, and that is a local
    /// optimum: by brute force over every schedule of every employee, none alone can lower the objective.
    @Test(arguments: [1, 2])
    func endsAtALocalOptimumCheckedByBruteForce(threads: Int) throws {
        let instance = try Tiny.instance()
        var cg = NRPColumnGeneration(NRPModel(instance))
        #expect(try cg.seed(budget: Budget(seconds: 10)))
        let start = cg.roster(cg.schedules.indices.map { _ in 0 })
        let startObjective = NRPChecker.check(instance, start).objective.total
        let r = cg.bestResponse(start, budget: Budget(seconds: 20), threads: threads)
        let check = NRPChecker.check(instance, r.roster)
        #expect(check.isFeasible, "\(check.violations)")
        #expect(check.objective.total == r.objective)
        #expect(r.objective <= startObjective)
        // The first schedules ignore the cover (902 against an optimum of 202), so there are moves to make.
        #expect(r.moves > 0)
        for e in instance.employees.indices {
            for (schedule, broken) in everySchedule(instance, employee: e) where broken.isEmpty {
                var other = r.roster
                other.shift[e] = schedule
                #expect(NRPChecker.check(instance, other).objective.total >= r.objective,
                        "employee \(instance.employees[e].id) alone could improve with \(schedule)")
            }
        }
    }

    /// With sideways moves (random cheapest schedules, passes until three in a row gain nothing) the search
    /// still never raises the objective and keeps every rule, whatever the seed; the checker agrees with
    /// the objective it reports, which is never below the brute-force optimum.
    @Test func sidewaysMovesKeepEveryRuleAndNeverLoseGround() throws {
        let instance = try Tiny.instance()
        let optimum = Tiny.bruteForceOptimum(instance)
        var cg = NRPColumnGeneration(NRPModel(instance))
        #expect(try cg.seed(budget: Budget(seconds: 10)))
        let start = cg.roster(cg.schedules.indices.map { _ in 0 })
        let startObjective = NRPChecker.check(instance, start).objective.total
        for seed in UInt64(1)...5 {
            let r = cg.bestResponse(start, budget: Budget(seconds: 20), threads: 2, seed: seed, sidewaysPasses: 3)
            let check = NRPChecker.check(instance, r.roster)
            #expect(check.isFeasible, "\(check.violations)")
            #expect(check.objective.total == r.objective)
            #expect(r.objective <= startObjective)
            #expect(r.objective >= optimum)
        }
    }
}
