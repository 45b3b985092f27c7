@testable import Search
import Foundation
import Testing
@testable import NurseRostering

@Suite("NRP checker")
struct CheckerTests {
    // Shift indices of the tiny instance.
    let E = 0, L = 1
    // Employees: A (0), B (1, early only), C (2, late only).

    /// A roster of the tiny instance that breaks no hard rule (worked out by hand).
    func feasible() -> [NRPAssignment] {
        [
            .init(employee: 0, day: 0, shift: E), .init(employee: 0, day: 1, shift: E),
            .init(employee: 0, day: 4, shift: E), .init(employee: 0, day: 5, shift: E),
            .init(employee: 1, day: 2, shift: E), .init(employee: 1, day: 3, shift: E), .init(employee: 1, day: 4, shift: E),
            .init(employee: 2, day: 0, shift: L), .init(employee: 2, day: 2, shift: L),
            .init(employee: 2, day: 4, shift: L), .init(employee: 2, day: 6, shift: L),
        ]
    }

    func rules(_ assignments: [NRPAssignment], _ instance: NRPInstance? = nil) throws -> Set<NRPRule> {
        Set(NRPChecker.check(try instance ?? Tiny.instance(), assignments: assignments).violations.map(\.rule))
    }

    func replacing(_ employee: Int, with days: [(Int, Int)]) -> [NRPAssignment] {
        feasible().filter { $0.employee != employee } + days.map { NRPAssignment(employee: employee, day: $0.0, shift: $0.1) }
    }

    @Test func handMadeRosterIsFeasibleWithItsObjective() throws {
        let result = NRPChecker.check(try Tiny.instance(), assignments: feasible())
        #expect(result.violations.isEmpty)
        // Requests: A,0,E granted; C,5,L not granted (3); B,1,E off request not violated.
        #expect(result.objective.requestsOn == 3)
        #expect(result.objective.requestsOff == 0)
        // Cover (E,L per day) worked: d0 1,1  d1 1,0  d2 1,1  d3 1,0  d4 2,1  d5 1,0  d6 0,1
        // against d0 1,1  d1 1,1  d2 1,0  d3 1,1  d4 2,1  d5 0,1  d6 1,1: under d1 L, d3 L, d5 L, d6 E; over d2 L, d5 E.
        #expect(result.objective.underCover == 400)
        #expect(result.objective.overCover == 2)
        #expect(result.objective.total == 405)
    }

    @Test func eachHardRuleIsCaught() throws {
        var instance = try Tiny.instance()
        #expect(try rules(feasible() + [.init(employee: 0, day: 0, shift: L)]).contains(.oneShiftPerDay))
        #expect(try rules(replacing(0, with: [(0, L), (1, E), (4, E), (5, E)])) == [.rotation])
        #expect(try rules(replacing(1, with: [(2, E), (3, E), (4, L)])) == [.maxShiftsOfType])
        #expect(try rules(feasible() + [.init(employee: 2, day: 5, shift: L)]) == [.totalMinutes])
        #expect(try rules(replacing(0, with: [(0, E), (1, E)]).filter { $0.employee != 0 } + [.init(employee: 0, day: 0, shift: E)]) == [.totalMinutes])
        #expect(try rules(replacing(1, with: [(0, E), (1, E), (2, E), (3, E), (4, E)])) == [.maxConsecutiveShifts])
        #expect(try rules(replacing(0, with: [(0, E), (1, E), (4, E)])) == [.minConsecutiveShifts])
        #expect(try rules(replacing(0, with: [(0, E), (1, E), (2, E), (4, E), (5, E)])) == [.minConsecutiveDaysOff])
        #expect(try rules(replacing(0, with: [(0, E), (1, E), (2, E), (3, E)])) == [.dayOff])
        #expect(try rules(feasible() + [.init(employee: 7, day: 0, shift: E)]) == [.unknownReference])
        instance.employees[0].maxWeekends = 0
        #expect(try rules(feasible(), instance) == [.maxWeekends])
    }

    @Test func runsTouchingTheHorizonAreNotRestricted() throws {
        // A works only day 6 (a run of one at the end) and days 0 (a run of one at the start): allowed.
        #expect(try rules(replacing(0, with: [(0, E), (5, E), (6, E)])).isEmpty)
        // A run of one working day strictly inside is not.
        #expect(try rules(replacing(0, with: [(0, E), (1, E), (5, E)])) == [.minConsecutiveShifts])
    }

    @Test func solutionCSVRoundTrips() throws {
        let instance = try Tiny.instance()
        let roster = NRPRoster(instance, assignments: feasible())
        let text = NRPSolutionCSV.render(instance, roster)
        #expect(text.hasPrefix("employee,day,shift\nA,0,E\n"))
        let back = try NRPSolutionCSV.parse(text.replacingOccurrences(of: "\n", with: "\r\n"), file: "r.csv", instance: instance)
        #expect(Set(back) == Set(feasible()))
        #expect(throws: NRPParseError.self) { try NRPSolutionCSV.parse("employee,day,shift\nA,9,E\n", file: "r.csv", instance: instance) }
        do {
            _ = try NRPSolutionCSV.parse("employee,day,shift\nA,1,E\nA,2,Q\n", file: "r.csv", instance: instance)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3 && error.field == "shift")
        }
    }
}
