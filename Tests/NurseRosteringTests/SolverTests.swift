@testable import Search
import Foundation
import Testing
@testable import NurseRostering

@Suite("NRP solver")
struct SolverTests {
    func solve(_ instance: NRPInstance, seconds: Double) throws -> (NRPSolveResult, NRPCheckResult) {
        let result = try NRPSolver.solve(NRPModel(instance), options: NRPSolveOptions(timeLimit: seconds))
        return (result, NRPChecker.check(instance, result.roster))
    }

    @Test func tinyInstanceSolvesToTheBruteForceOptimum() throws {
        let instance = try Tiny.instance()
        let optimum = Tiny.bruteForceOptimum(instance)
        let (result, check) = try solve(instance, seconds: 10)
        #expect(check.isFeasible, "\(check.violations)")
        #expect(check.objective.total == result.objective)
        #expect(result.objective == optimum)
        #expect(result.provenOptimal)
    }

    @Test func modelValuesAgreeWithTheChecker() throws {
        // The model's objective of any roster (here an empty and a hand-made one) equals the checker's.
        let instance = try Tiny.instance()
        let nrp = NRPModel(instance)
        let empty = NRPRoster(employees: 3, horizon: 7)
        #expect(Int(nrp.model.objectiveValue(nrp.values(empty)).rounded()) == NRPChecker.check(instance, empty).objective.total)
        let roster = NRPRoster(instance, assignments: CheckerTests().feasible())
        let values = nrp.values(roster)
        #expect(nrp.model.maxViolation(values) < 1e-9)
        #expect(Int(nrp.model.objectiveValue(values).rounded()) == 405)
        #expect(nrp.roster(values) == roster)
    }

    @Test(.enabled(if: Benchmarks.available, "needs ../shared/benchmarks/nrp"))
    func instance1ReachesItsProvenOptimum() throws {
        let instance = try NRPParser.parse(fileAt: Benchmarks.url(1))
        let (result, check) = try solve(instance, seconds: 20)
        #expect(check.isFeasible)
        #expect(check.objective.total == result.objective)
        #expect(result.objective == 607)
        #expect(result.bound == 607)
    }

    @Test(.enabled(if: Benchmarks.available, "needs ../shared/benchmarks/nrp"), arguments: [2, 3])
    func checkerAgreesWithSolver(_ n: Int) throws {
        let instance = try NRPParser.parse(fileAt: Benchmarks.url(n))
        let (result, check) = try solve(instance, seconds: 4)
        #expect(check.isFeasible, "\(check.violations.prefix(3))")
        #expect(check.objective.total == result.objective)
        if let bound = result.bound { #expect(bound <= result.objective) }
        #expect(result.objective >= [2: 828, 3: 1001][n]!)
    }
}

/// Bounds are never clamped to the objective: each way the solver can get one is compared raw with the
/// brute-force optimum of the tiny instance.
@Suite("NRP raw bounds")
struct NRPRawBoundTests {
    @Test(arguments: [
        ["column_generation=true"],                                   // column generation (master LP or Lagrangian)
        ["column_generation=true", "column_generation.share=0.01"],  // stopped early: the Lagrangian bound
        ["column_generation=false"],                                  // compact LP, then branch and cut
        ["column_generation=false", "branch_and_cut.column_limit=0", "fix_and_optimize.tiny_limit=0"],  // compact LP alone
    ])
    func rawBoundsNeverExceedTheBruteForceOptimum(_ params: [String]) throws {
        let instance = try Tiny.instance()
        let optimum = Tiny.bruteForceOptimum(instance)
        var options = NRPSolveOptions(timeLimit: 5)
        try NRPSolveOptions.registry.apply(params, to: &options)
        let result = try NRPSolver.solve(NRPModel(instance), options: options)
        let bound = try #require(result.bound)
        #expect(bound <= optimum, "bound \(bound) (\(result.boundSource)) above the optimum \(optimum)")
        #expect(result.objective >= optimum)
    }
}
