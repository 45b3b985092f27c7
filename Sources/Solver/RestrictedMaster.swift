// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Search

/// A linear program kept in GLPK from one solve to the next, for column generation: columns are added
/// between solves, and each solve starts from the last basis (primal simplex).
///
/// It exists only inside ``GLPKSolver/withRestrictedMaster(_:options:_:)``, on that call's thread (GLPK's
/// state is per thread); the body must not keep it.
public final class RestrictedMaster {
    let problem: GLPK.Problem
    let options: SolveOptions
    public private(set) var columnCount: Int
    public let rowCount: Int
    private var solvedOnce = false

    init(problem: GLPK.Problem, model: LinearModel, options: SolveOptions) {
        self.problem = problem
        self.options = options
        columnCount = model.columnCount
        rowCount = model.rowCount
    }

    /// Appends a column; `rows` are row indices of the model the master was made from. Returns its index.
    /// Costs, bounds and coefficients must be finite (checked here: GLPK aborts on bad input).
    @discardableResult
    public func addColumn(cost: Double, lower: Double? = 0, upper: Double? = nil, terms: [(row: Int, value: Double)]) -> Int {
        precondition(cost.isFinite && terms.allSatisfy { $0.value.isFinite && $0.row >= 0 && $0.row < rowCount },
                     "restricted master column with a bad row or value")
        // GLPK refuses duplicate rows in a column: sum them.
        var merged: [Int: Double] = [:]
        for t in terms { merged[t.row, default: 0] += t.value }
        let rows = merged.keys.sorted()
        let j = GLPK.addColumn(problem, cost: cost, lower: lower, upper: upper, rows: rows.map { Int32($0) }, values: rows.map { merged[$0]! })
        columnCount += 1
        return j
    }


    /// Solves the LP from the last basis. Nil when it did not reach an optimum (time, cancellation,
    /// infeasible bounds).
    public func solve(until deadline: Date?) -> (objective: Double, values: [Double], duals: [Double])? {
        var o = options
        o.timeLimit = nil
        let outcome = GLPK.solveLP(problem, options: o, deadline: deadline, warm: solvedOnce)
        solvedOnce = true
        guard case .optimal(let z) = outcome else { return nil }
        return (z, GLPK.lpValues(problem, count: columnCount), GLPK.lpRowDuals(problem, count: rowCount))
    }
}

extension GLPKSolver {
    /// Loads `model` (validated first) as a restricted master and runs `body` with it on this thread,
    /// inside GLPK's error guard; the master is freed when `body` returns.
    public static func withRestrictedMaster<T>(_ model: LinearModel, options: SolveOptions = SolveOptions(),
                                               _ body: @escaping (RestrictedMaster) -> T) throws(SolverError) -> T {
        try model.validate()
        var result: T? = nil
        try GLPK.guarded(echo: options.echo) {
            let p = GLPK.loadProblem(model, withNames: false)
            defer { GLPK.deleteProblem(p) }
            result = body(RestrictedMaster(problem: p, model: model, options: options))
        }
        guard let result else { throw .glpkFailure("restricted master: \(GLPK.capturedOutput)") }
        return result
    }
}
