import Foundation
@testable import Solver
import Synchronization
import Testing

/// A market-split instance (Cornuéjols & Dawande, 1998) with slack: finding an incumbent is easy,
/// proving optimality takes branch and bound far longer than a second.
func marketSplit(rows: Int = 4, columns: Int = 40, seed: UInt64 = 7) -> (LinearModel, [Double]) {
    var state = seed
    func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % 100)
    }
    var m = LinearModel(name: "market_split")
    let x = (0..<columns).map { m.addColumn("x\($0)", kind: .binary) }
    var start = [Double](repeating: 0, count: columns)
    for i in 0..<rows {
        let a = (0..<columns).map { _ in Double(next()) }
        let rhs = (a.reduce(0, +) / 2).rounded(.down)
        let over = m.addColumn("over\(i)", objective: 1)
        let under = m.addColumn("under\(i)", objective: 1)
        m.addRow("split\(i)", terms: zip(x, a).map { ($0, $1) } + [(over, -1), (under, 1)], .equal(rhs))
        start += [0, rhs] // all x = 0: every row is short by rhs
    }
    return (m, start)
}

@Suite struct HardMIPTests {
    @Test func aOneSecondLimitReturnsTheIncumbentAndItsGap() throws {
        let (model, start) = marketSplit()
        let counter = Counter()
        let r = try GLPKSolver.solve(model, options: SolveOptions(timeLimit: 1, warmStart: start,
                                                                   progress: { _ in counter.increment() },
                                                                   progressInterval: 0.1))
        #expect(r.status == .feasible)
        #expect(r.elapsed < 6)      // the 1 s limit, with room for a loaded machine
        let objective = try #require(r.objective)
        let values = try #require(r.values)
        #expect(model.maxViolation(values) < 1e-6)
        #expect(abs(model.objectiveValue(values) - objective) < 1e-6)
        #expect(objective <= model.objectiveValue(start))
        let gap = try #require(r.gap)
        #expect(gap > 0)
        #expect((r.bound ?? .infinity) <= objective)
        #expect(counter.value > 0)
    }

    @Test func aCancelledSolveStopsEarlyAndKeepsItsIncumbent() throws {
        let (model, start) = marketSplit(columns: 50)
        let flag = CancellationFlag()
        let began = Date()
        // A queue of its own: the global pool may be kept busy by solver tests running in parallel.
        DispatchQueue(label: "cancel-after").asyncAfter(deadline: .now() + 0.5) { flag.cancel() }
        let r = try GLPKSolver.solve(model, options: SolveOptions(timeLimit: 60, warmStart: start, cancellation: flag))
        #expect(r.status == .interrupted)
        #expect(Date().timeIntervalSince(began) < 10)   // far below the 60 s limit, even on a loaded machine
        let values = try #require(r.values)
        #expect(model.maxViolation(values) < 1e-6)
        #expect(r.warmStartAccepted)
    }

    @Test func aWarmStartBecomesTheFirstIncumbent() throws {
        // Knapsack where the warm start is optimal: it is accepted and nothing better exists.
        var m = LinearModel(sense: .maximize)
        let x = [m.addColumn(kind: .binary, objective: 5), m.addColumn(kind: .binary, objective: 4),
                 m.addColumn(kind: .binary, objective: 3)]
        m.addRow(terms: [(x[0], 2), (x[1], 3), (x[2], 1)], .atMost(5))
        let r = try GLPKSolver.solve(m, options: SolveOptions(warmStart: [1, 1, 0]))
        #expect(r.status == .optimal)
        #expect(r.objective == 9)
    }

    @Test func anInfeasibleWarmStartIsIgnoredNotTrusted() throws {
        var m = LinearModel(sense: .maximize)
        let x = [m.addColumn(kind: .binary, objective: 5), m.addColumn(kind: .binary, objective: 4)]
        m.addRow(terms: [(x[0], 1), (x[1], 1)], .atMost(1))
        let r = try GLPKSolver.solve(m, options: SolveOptions(warmStart: [1, 1]))
        #expect(r.objective == 5)
        #expect(!r.warmStartAccepted)
    }

    @Test func modelsSolveConcurrentlyOnSeparateThreads() async throws {
        // GLPK's environment is per thread: parallel solves must not disturb each other.
        try await withThrowingTaskGroup(of: Double?.self) { group in
            for capacity in 1...8 {
                group.addTask {
                    var m = LinearModel(sense: .maximize)
                    let xs = (0..<12).map { m.addColumn(kind: .binary, objective: Double($0 % 5 + 1)) }
                    m.addRow(terms: xs.map { ($0, 1) }, .atMost(Double(capacity)))
                    return try GLPKSolver.solve(m).objective
                }
            }
            var results: [Double] = []
            for try await r in group { results.append(r ?? -1) }
            // Best `capacity` values among 1,2,3,4,5,1,2,3,4,5,1,2 (sorted: 5,5,4,4,3,3,2,2,2,1,1,1).
            let sorted: [Double] = [5, 5, 4, 4, 3, 3, 2, 2, 2, 1, 1, 1]
            let expected = (1...8).map { sorted.prefix($0).reduce(0, +) }
            #expect(results.sorted() == expected.sorted())
        }
    }
}

final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
