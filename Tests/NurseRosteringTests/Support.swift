@testable import Search
import Foundation
@testable import NurseRostering

/// Where the shared benchmark instances live: `../shared/benchmarks/nrp/` beside the package root.
enum Benchmarks {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // NurseRosteringTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/benchmarks/nrp")

    static func url(_ n: Int) -> URL { directory.appendingPathComponent("Instance\(n).txt") }
    static var available: Bool { FileManager.default.fileExists(atPath: url(1).path) }
}

/// A tiny instance written here, so the tests never depend on the shared folder alone.
/// 7 days, 3 employees, shifts E (480) and L (480, E may not follow L).
enum Tiny {
    static let text = """
    # a tiny instance
    SECTION_HORIZON
    7

    SECTION_SHIFTS
    # ShiftID, Length in mins, Shifts which cannot follow this shift | separated
    E,480,
    L,480,E

    SECTION_STAFF
    A,E=7|L=7,2400,960,4,2,2,1
    B,E=7|L=0,2400,960,4,2,2,1
    C,E=0|L=7,1920,480,3,1,1,1

    SECTION_DAYS_OFF
    A,3
    B

    SECTION_SHIFT_ON_REQUESTS
    A,0,E,2
    C,5,L,3

    SECTION_SHIFT_OFF_REQUESTS
    B,1,E,1

    SECTION_COVER
    0,E,1,100,1
    0,L,1,100,1
    1,E,1,100,1
    1,L,1,100,1
    2,E,1,100,1
    2,L,0,100,1
    3,E,1,100,1
    3,L,1,100,1
    4,E,2,100,1
    4,L,1,100,1
    5,E,0,100,1
    5,L,1,100,1
    6,E,1,100,1
    6,L,1,100,1
    """

    static func instance() throws -> NRPInstance { try NRPParser.parse(text, file: "tiny.txt", name: "tiny") }

    /// Brute force over all rosters (3^7 · 2^7 · 2^7 · ... small enough per employee): the optimum of the tiny instance.
    static func bruteForceOptimum(_ instance: NRPInstance) -> Int {
        // Every employee's feasible weeks, enumerated alone (their rules are independent), then combined.
        let h = instance.horizon, S = instance.shifts.count
        var schedules: [[[Int?]]] = []
        for e in instance.employees.indices {
            var feasible: [[Int?]] = []
            var row = [Int?](repeating: nil, count: h)
            func go(_ d: Int) {
                if d == h {
                    var roster = NRPRoster(employees: instance.employees.count, horizon: h)
                    roster.shift[e] = row
                    let check = NRPChecker.check(instance, roster)
                    if !check.violations.contains(where: { $0.employee == instance.employees[e].id }) { feasible.append(row) }
                    return
                }
                row[d] = nil
                go(d + 1)
                for s in 0..<S {
                    row[d] = s
                    go(d + 1)
                }
                row[d] = nil
            }
            go(0)
            schedules.append(feasible)
        }
        // Objective = Σ per-employee request costs + cover cost of the summed counts.
        func requestCost(_ e: Int, _ row: [Int?]) -> Int {
            var cost = 0
            for r in instance.onRequests where r.employee == e && row[r.day] != r.shift { cost += r.weight }
            for r in instance.offRequests where r.employee == e && row[r.day] == r.shift { cost += r.weight }
            return cost
        }
        let prepared = schedules.enumerated().map { e, list in
            list.map { row -> (Int, [Int]) in
                var count = [Int](repeating: 0, count: h * S)
                for (d, s) in row.enumerated() { if let s { count[d * S + s] += 1 } }
                return (requestCost(e, row), count)
            }
        }
        var best = Int.max
        func combine(_ e: Int, _ cost: Int, _ count: [Int]) {
            if e == prepared.count {
                var total = cost
                for c in instance.cover {
                    let n = count[c.day * S + c.shift]
                    total += c.underWeight * max(0, c.requirement - n) + c.overWeight * max(0, n - c.requirement)
                }
                best = min(best, total)
                return
            }
            for (rc, cnt) in prepared[e] { combine(e + 1, cost + rc, zip(count, cnt).map(+)) }
        }
        combine(0, 0, [Int](repeating: 0, count: h * S))
        return best
    }
}

/// Every schedule of employee e of a small instance (brute force), with the rules it breaks by the
/// independent checker (only that employee's violations).
func everySchedule(_ instance: NRPInstance, employee e: Int) -> [([Int?], Set<NRPRule>)] {
    let h = instance.horizon, S = instance.shifts.count
    var out: [([Int?], Set<NRPRule>)] = []
    var row = [Int?](repeating: nil, count: h)
    func go(_ d: Int) {
        if d == h {
            var roster = NRPRoster(employees: instance.employees.count, horizon: h)
            roster.shift[e] = row
            let broken = NRPChecker.check(instance, roster).violations.filter { $0.employee == instance.employees[e].id }
            out.append((row, Set(broken.map(\.rule))))
            return
        }
        for s in [nil] + (0..<S).map(Optional.some) {
            row[d] = s
            go(d + 1)
        }
        row[d] = nil
    }
    go(0)
    return out
}
