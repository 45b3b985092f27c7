@testable import Search
import Foundation
import Testing
@testable import NurseRostering

@Suite("NRP generator and scaling")
struct GeneratorTests {
    @Test func generatedInstanceRoundTripsThroughTheParser() throws {
        let instance = NRPGenerator.generate(days: 28, staff: 12, shiftTypes: 5, seed: 7)
        let text = NRPGenerator.text(instance)
        let read = try NRPParser.parse(text, file: "generated.txt")
        #expect(read.horizon == 28)
        #expect(read.employees == instance.employees)
        #expect(read.shifts == instance.shifts)
        #expect(read.onRequests == instance.onRequests)
        #expect(read.offRequests == instance.offRequests)
        #expect(read.cover == instance.cover)
        // Same seed, same instance; another seed, another one.
        #expect(NRPGenerator.text(NRPGenerator.generate(days: 28, staff: 12, shiftTypes: 5, seed: 7)) == text)
        #expect(NRPGenerator.text(NRPGenerator.generate(days: 28, staff: 12, shiftTypes: 5, seed: 8)) != text)
    }

    @Test func everyGeneratedEmployeeHasAFeasibleSchedule() throws {
        let instance = NRPGenerator.generate(days: 56, staff: 10, shiftTypes: 8, seed: 3)
        var cg = NRPColumnGeneration(NRPModel(instance))
        #expect(try cg.seed(budget: Budget(seconds: 60)))
        for e in instance.employees.indices {
            var roster = NRPRoster(employees: instance.employees.count, horizon: instance.horizon)
            roster.shift[e] = cg.schedules[e][0]
            let broken = NRPChecker.check(instance, roster).violations.filter { $0.employee == instance.employees[e].id }
            #expect(broken.isEmpty, "\(broken)")
        }
    }

    @Test func solverGivesAValidRosterOnAGeneratedInstance() throws {
        let instance = NRPGenerator.generate(days: 42, staff: 12, shiftTypes: 6, seed: 11)
        let result = try NRPSolver.solve(NRPModel(instance), options: NRPSolveOptions(timeLimit: 8))
        let check = NRPChecker.check(instance, result.roster)
        #expect(check.isFeasible, "\(check.violations.prefix(3))")
        #expect(check.objective.total == result.objective)
        if let bound = result.bound { #expect(bound <= result.objective) }
    }
}
