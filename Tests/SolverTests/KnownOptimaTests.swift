import Foundation
@testable import Solver
import Testing

/// Problems whose optimum is known, solved through GLPK.
@Suite struct KnownOptimaTests {
    @Test func knapsackReachesItsOptimum() throws {
        // Values 60, 100, 120; weights 10, 20, 30; capacity 50: best is items 2 and 3 for 220.
        var m = LinearModel(name: "knapsack", sense: .maximize)
        let values = [60.0, 100, 120], weights = [10.0, 20, 30]
        let x = values.indices.map { m.addColumn("take_\($0)", kind: .binary, objective: values[$0]) }
        m.addRow("capacity", terms: zip(x, weights).map { ($0, $1) }, .atMost(50))
        let r = try GLPKSolver.solve(m)
        #expect(r.status == .optimal)
        #expect(r.objective == 220)
        #expect(r[x[0]] == 0 && r[x[1]] == 1 && r[x[2]] == 1)
        #expect(r.gap == 0)
        // The LP relaxation takes a fraction of item 3: 60 + 100 + 120·(20/30) = 240.
        #expect(abs((r.relaxationObjective ?? 0) - 240) < 1e-9)
    }

    @Test func assignmentProblemFindsTheCheapestMatching() throws {
        // The optimum is checked against enumeration of all 24 matchings.
        let cost: [[Double]] = [[9, 2, 7, 8], [6, 4, 3, 7], [5, 8, 1, 8], [7, 6, 9, 4]]
        var m = LinearModel(name: "assignment")
        var x: [[ColumnID]] = []
        for i in 0..<4 { x.append((0..<4).map { j in m.addColumn("x_\(i)_\(j)", kind: .binary, objective: cost[i][j]) }) }
        for i in 0..<4 { m.addRow("worker_\(i)", sumOf: x[i], .equal(1)) }
        for j in 0..<4 { m.addRow("task_\(j)", sumOf: (0..<4).map { x[$0][j] }, .equal(1)) }
        let r = try GLPKSolver.solve(m)
        let best = permutations([0, 1, 2, 3]).map { p in (0..<4).reduce(0.0) { $0 + cost[$1][p[$1]] } }.min()!
        #expect(r.status == .optimal)
        #expect(r.objective == best)
        #expect(best == 13)
    }

    @Test func setCoverPicksTheCheapestCover() throws {
        // Universe 1…6. The two halves cost 6 and the whole 7, but the three pairs cover it for 4.5
        // (every cover needs three pairs or a triple plus pairs, so 4.5 is optimal).
        let sets: [(Set<Int>, Double)] = [([1, 2, 3], 3), ([4, 5, 6], 3), ([1, 2, 3, 4, 5, 6], 7),
                                          ([1, 4], 1.5), ([2, 5], 1.5), ([3, 6], 1.5)]
        var m = LinearModel(name: "cover")
        let y = sets.indices.map { m.addColumn("set_\($0)", kind: .binary, objective: sets[$0].1) }
        for e in 1...6 {
            m.addRow("element_\(e)", sumOf: sets.indices.filter { sets[$0].0.contains(e) }.map { y[$0] }, .atLeast(1))
        }
        let r = try GLPKSolver.solve(m)
        #expect(r.status == .optimal)
        #expect(abs((r.objective ?? 0) - 4.5) < 1e-9)
        #expect(r[y[3]] == 1 && r[y[4]] == 1 && r[y[5]] == 1)
    }

    @Test func linearProgramHasItsVertexOptimum() throws {
        // max 3x + 5y  s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18  →  x = 2, y = 6, value 36 (Hillier & Lieberman).
        var m = LinearModel(name: "wyndor", sense: .maximize)
        let x = m.addColumn("x", objective: 3), y = m.addColumn("y", objective: 5)
        m.addRow("plant1", terms: [(x, 1)], .atMost(4))
        m.addRow("plant2", terms: [(y, 2)], .atMost(12))
        m.addRow("plant3", terms: [(x, 3), (y, 2)], .atMost(18))
        let r = try GLPKSolver.solve(m)
        #expect(r.status == .optimal)
        #expect(abs((r.objective ?? 0) - 36) < 1e-9)
        #expect(abs(r[x] - 2) < 1e-9 && abs(r[y] - 6) < 1e-9)
    }

    @Test func integerRoundingMattersWhenTheRelaxationIsFractional() throws {
        // max x + y s.t. 2x + 2y ≤ 3, integers: LP gives 1.5, MIP gives 1.
        var m = LinearModel(sense: .maximize)
        let x = m.addColumn(kind: .integer, objective: 1), y = m.addColumn(kind: .integer, objective: 1)
        m.addRow(terms: [(x, 2), (y, 2)], .atMost(3))
        let r = try GLPKSolver.solve(m)
        #expect(r.objective == 1)
        #expect(abs((r.relaxationObjective ?? 0) - 1.5) < 1e-9)
        let lp = try GLPKSolver.solve(m, relaxation: true)
        #expect(abs((lp.objective ?? 0) - 1.5) < 1e-9)
    }

    @Test func infeasibleAndUnboundedAreToldApart() throws {
        var infeasible = LinearModel()
        let a = infeasible.addColumn(kind: .integer, lower: 0, upper: 10)
        infeasible.addRow(terms: [(a, 1)], .atLeast(11))
        #expect(try GLPKSolver.solve(infeasible).status == .infeasible)

        // LP-feasible but integer-infeasible: 2z = 1.
        var noInteger = LinearModel()
        let z = noInteger.addColumn(kind: .integer, lower: 0, upper: 5)
        noInteger.addRow(terms: [(z, 2)], .equal(1))
        #expect(try GLPKSolver.solve(noInteger).status == .infeasible)

        var unbounded = LinearModel(sense: .maximize)
        let u = unbounded.addColumn(objective: 1), v = unbounded.addColumn(objective: 1)
        unbounded.addRow(terms: [(u, 1), (v, -1)], .atMost(1))
        #expect(try GLPKSolver.solve(unbounded).status == .unbounded)

        var unboundedMIP = LinearModel(sense: .minimize)
        let w = unboundedMIP.addColumn(kind: .integer, lower: nil, objective: 1)
        unboundedMIP.addRow(terms: [(w, 1)], .atMost(3))
        #expect(try GLPKSolver.solve(unboundedMIP).status == .unbounded)
    }

    @Test func freeAndFixedBoundsAndObjectiveConstantAreHonoured() throws {
        var m = LinearModel()
        m.objectiveConstant = 10
        let x = m.addColumn("x", lower: nil, upper: nil, objective: 1)
        let y = m.addColumn("y", lower: 2, upper: 2, objective: 1)
        m.addRow(terms: [(x, 1), (y, 1)], .between(-3, 8))
        let r = try GLPKSolver.solve(m)
        #expect(r.status == .optimal)
        #expect(abs(r[x] - -5) < 1e-9 && r[y] == 2)
        #expect(abs((r.objective ?? 0) - 7) < 1e-9)
    }
}

func permutations(_ a: [Int]) -> [[Int]] {
    guard a.count > 1 else { return [a] }
    return a.indices.flatMap { i -> [[Int]] in
        var rest = a
        let head = rest.remove(at: i)
        return permutations(rest).map { [head] + $0 }
    }
}
