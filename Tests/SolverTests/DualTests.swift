import Foundation
@testable import Solver
import Testing

/// Row duals of LP solves.
@Suite struct DualTests {
    /// min 2x + 3y  s.t.  x + y ≥ 4,  x + 3y ≥ 6,  x ≤ 10,  x, y ≥ 0.
    /// Optimum (3, 1) = 9; duals 1.5 and 0.5 (2 = π1 + π2, 3 = π1 + 3π2), the slack row 0.
    func tinyLP(integer: Bool = false) -> (LinearModel, ColumnID, ColumnID) {
        var m = LinearModel(name: "duals")
        let x = m.addColumn("x", kind: integer ? .integer : .continuous, lower: 0, objective: 2)
        let y = m.addColumn("y", kind: integer ? .integer : .continuous, lower: 0, objective: 3)
        m.addRow("a", terms: [(x, 1), (y, 1)], .atLeast(4))
        m.addRow("b", terms: [(x, 1), (y, 3)], .atLeast(6))
        m.addRow("c", terms: [(x, 1)], .atMost(10))
        return (m, x, y)
    }

    @Test func lpReturnsKnownDuals() throws {
        let (m, x, y) = tinyLP()
        let r = try GLPKSolver.solve(m)
        #expect(r.status == .optimal)
        #expect(abs((r.objective ?? 0) - 9) < 1e-9)
        #expect(abs(r[x] - 3) < 1e-9 && abs(r[y] - 1) < 1e-9)
        let d = try #require(r.rowDuals)
        #expect(d.count == 3)
        #expect(abs(d[0] - 1.5) < 1e-9)
        #expect(abs(d[1] - 0.5) < 1e-9)
        #expect(abs(d[2]) < 1e-9)
        // Strong duality: Σ dual · rhs = objective.
        #expect(abs(4 * d[0] + 6 * d[1] + 10 * d[2] - 9) < 1e-9)
    }

    @Test func equalityRowDualOfAMaximisation() throws {
        // max x + 2y  s.t.  x + y = 3,  y ≤ 2:  optimum (1, 2) = 5; duals 1 (equality) and 1 (y ≤ 2).
        var m = LinearModel(name: "eq", sense: .maximize)
        let x = m.addColumn("x", lower: 0, objective: 1)
        let y = m.addColumn("y", lower: 0, objective: 2)
        m.addRow("sum", terms: [(x, 1), (y, 1)], .equal(3))
        m.addRow("cap", terms: [(y, 1)], .atMost(2))
        let r = try GLPKSolver.solve(m)
        #expect(abs((r.objective ?? 0) - 5) < 1e-9)
        let d = try #require(r.rowDuals)
        #expect(abs(d[0] - 1) < 1e-9)
        #expect(abs(d[1] - 1) < 1e-9)
    }

    @Test func relaxationHasDualsButMIPDoesNot() throws {
        let (m, _, _) = tinyLP(integer: true)
        let lp = try GLPKSolver.solve(m, relaxation: true)
        #expect(lp.rowDuals.map { abs($0[0] - 1.5) < 1e-9 && abs($0[1] - 0.5) < 1e-9 } == true)
        let mip = try GLPKSolver.solve(m)
        #expect(mip.status == .optimal)
        #expect(mip.rowDuals == nil)
    }
}
