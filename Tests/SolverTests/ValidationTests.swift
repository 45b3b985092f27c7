import Foundation
@testable import Solver
import Testing

/// Invalid input is refused in Swift with a thrown error; GLPK never sees it.
@Suite struct ValidationTests {
    func oneColumnModel() -> (LinearModel, ColumnID) {
        var m = LinearModel()
        let x = m.addColumn("x", kind: .integer, lower: 0, upper: 5, objective: 1)
        return (m, x)
    }

    @Test func anIndexOutOfRangeIsRefused() {
        var (m, x) = oneColumnModel()
        m.addRow("bad", terms: [(x, 1), (ColumnID(7), 1)], .atLeast(1))
        #expect(throws: SolverError.invalidModel([.columnIndexOutOfRange(row: 0, rowName: "bad", column: 7, columnCount: 1)])) {
            try GLPKSolver.solve(m)
        }
        var negative = LinearModel()
        negative.addColumn()
        negative.addRow(terms: [(ColumnID(-1), 1)], .free)
        #expect(throws: SolverError.self) { try GLPKSolver.solve(negative) }
    }

    @Test func notANumberIsRefusedWherever() {
        var (m, x) = oneColumnModel()
        m.addRow("nan", terms: [(x, .nan)], .atLeast(1))
        #expect(throws: SolverError.invalidModel([.nonFiniteCoefficient(row: 0, rowName: "nan", column: 0)])) {
            try GLPKSolver.solve(m)
        }
        var (m2, x2) = oneColumnModel()
        m2.setObjective(x2, .infinity)
        #expect(throws: SolverError.invalidModel([.nonFiniteObjective(column: 0, columnName: "x")])) { try GLPKSolver.solve(m2) }
        var (m3, _) = oneColumnModel()
        m3.addRow("r", terms: [], .atMost(.nan))
        #expect(throws: SolverError.invalidModel([.nonFiniteBound(what: "row", index: 0, name: "r")])) { try GLPKSolver.solve(m3) }
        var (m4, _) = oneColumnModel()
        m4.objectiveConstant = -.infinity
        #expect(throws: SolverError.invalidModel([.nonFiniteConstant])) { try GLPKSolver.solve(m4) }
    }

    @Test func aDuplicateEntryInARowIsRefused() {
        var (m, x) = oneColumnModel()
        m.addRow("twice", terms: [(x, 1), (x, 2)], .atMost(3))
        #expect(throws: SolverError.invalidModel([.duplicateColumnInRow(row: 0, rowName: "twice", column: 0)])) {
            try GLPKSolver.solve(m)
        }
    }

    @Test func overLongAndControlCharacterNamesAreRefused() {
        var m = LinearModel()
        m.addColumn(String(repeating: "é", count: 128), objective: 1) // 256 bytes
        m.addColumn("tab\there")
        let issues = m.issues()
        #expect(issues == [.invalidName(what: "column", index: 0, reason: "256 bytes, more than 255"),
                           .invalidName(what: "column", index: 1, reason: "contains a control character")])
        #expect(throws: SolverError.self) { try GLPKSolver.write(m, format: .cplexLP, to: URL(fileURLWithPath: "/tmp/never.lp")) }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.lp"))
    }

    @Test func anEmptyBoundRangeIsRefused() {
        var m = LinearModel()
        m.addColumn("x", lower: 3, upper: 1)
        #expect(throws: SolverError.invalidModel([.emptyRange(what: "column", index: 0, name: "x", lower: 3, upper: 1)])) {
            try GLPKSolver.solve(m)
        }
    }

    @Test func aWarmStartOfTheWrongSizeIsRefused() {
        let (m, _) = oneColumnModel()
        #expect(throws: SolverError.invalidWarmStart("2 values for 1 columns")) {
            try GLPKSolver.solve(m, options: SolveOptions(warmStart: [0, 0]))
        }
    }

    @Test func aFatalGLPKErrorBecomesAThrownErrorAndGLPKStaysUsable() throws {
        let error = #expect(throws: SolverError.self) { try GLPKSolver._provokeGLPKFatalError() }
        guard case .glpkFailure(let message) = error else {
            Issue.record("expected a GLPK failure, got \(String(describing: error))")
            return
        }
        #expect(message.contains("glp_set_col_bnds"))
        // The thread's GLPK environment was freed and is recreated on the next use.
        var (m, _) = oneColumnModel()
        m.sense = .maximize
        #expect(try GLPKSolver.solve(m).objective == 5)
    }

    @Test func theProcessSurvivesEveryKindOfBadInput() async {
        await #expect(processExitsWith: .success) {
            var m = LinearModel()
            let x = m.addColumn("x", kind: .binary)
            m.addRow(terms: [(x, 1), (x, 1), (ColumnID(99), .nan)], .between(2, 1))
            m.addColumn(String(repeating: "n", count: 300), lower: .nan)
            if (try? GLPKSolver.solve(m)) != nil { exit(1) }
            if (try? GLPKSolver.write(m, format: .freeMPS, to: URL(fileURLWithPath: "/tmp/x.mps"))) != nil { exit(1) }
            if (try? GLPKSolver._provokeGLPKFatalError()) != nil { exit(1) }
            var ok = LinearModel(sense: .maximize)
            ok.addColumn(kind: .binary, objective: 2)
            guard (try? GLPKSolver.solve(ok))?.objective == 2 else { exit(1) }
            exit(0)
        }
    }
}
