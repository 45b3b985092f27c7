// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Solves ``LinearModel``s with GLPK and writes them in formats other solvers read.
///
/// Each call validates the model in Swift first, then creates, solves and frees the GLPK problem on
/// the calling thread (GLPK's state is per thread). Calls on different threads may run at once.
public enum GLPKSolver {
    /// The version of the GLPK library roster runs on, e.g. "5.0".
    public static var libraryVersion: String { GLPK.version() }

    /// Solves the model: as a MIP when it has integer columns (unless `relaxation` is set), else as an LP.
    public static func solve(_ model: LinearModel, options: SolveOptions = SolveOptions(),
                             relaxation: Bool = false) throws(SolverError) -> SolveResult {
        try model.validate()
        let start = Date()
        let deadline = options.timeLimit.map { start.addingTimeInterval(max(0, $0)) }
        var warm: [Double]? = nil
        if let w = options.warmStart {
            guard w.count == model.columnCount else {
                throw .invalidWarmStart("\(w.count) values for \(model.columnCount) columns")
            }
            guard w.allSatisfy(\.isFinite) else { throw .invalidWarmStart("a value is not finite") }
            // GLPK checks only integrality of an offered solution, so feasibility is checked here.
            if model.maxViolation(w) <= Tolerance.feasibility { warm = w }
        }
        let asMIP = model.hasIntegerColumns && !relaxation
        var result = SolveResult(status: .infeasible, objective: nil, bound: nil, relaxationObjective: nil,
                                 values: nil, elapsed: 0, warmStartAccepted: false)
        var failure: Int32? = nil
        try GLPK.guarded(echo: options.echo) {
            let p = GLPK.loadProblem(model, withNames: false)
            defer { GLPK.deleteProblem(p) }
            switch GLPK.solveLP(p, options: options, deadline: deadline) {
            case .optimal(let objective):
                result.relaxationObjective = objective
                if !asMIP {
                    result.status = .optimal
                    result.objective = objective
                    result.bound = objective
                    result.values = GLPK.lpValues(p, count: model.columnCount)
                    result.rowDuals = GLPK.lpRowDuals(p, count: model.rowCount)
                    return
                }
            case .infeasible:
                result.status = .infeasible
                return
            case .unbounded:
                result.status = .unbounded
                return
            case .timeLimit:
                result.status = .noSolutionWithinTimeLimit
                if let w = warm { result.status = .feasible; result.values = w; result.objective = model.objectiveValue(w) }
                return
            case .cancelled:
                result.status = .interrupted
                if let w = warm { result.values = w; result.objective = model.objectiveValue(w) }
                return
            case .failed(let rc):
                failure = rc
                return
            }
            failure = finishMIP(p, model: model, options: options, start: start, deadline: deadline, warm: warm, into: &result)
        }
        if let rc = failure {
            throw .glpkFailure("solver returned code \(rc): \(GLPK.capturedOutput)")
        }
        // A bound can never be better than the objective it bounds (GLPK's node bounds are rounded).
        if let objective = result.objective, let bound = result.bound {
            result.bound = model.sense == .minimize ? min(bound, objective) : max(bound, objective)
        }
        result.elapsed = Date().timeIntervalSince(start)
        return result
    }

    /// Branch and cut from the solved root LP: the incumbent (or the offered warm start), the bound and the
    /// status. Returns GLPK's failure code, if any.
    static func finishMIP(_ p: GLPK.Problem, model: LinearModel, options: SolveOptions, start: Date, deadline: Date?,
                          warm: [Double]?, into result: inout SolveResult) -> Int32? {
        let state = GLPK.SearchState(options: options, start: start, warmStart: warm)
        let outcome = GLPK.solveMIP(p, state: state, deadline: deadline)
        result.warmStartAccepted = state.warmStartAccepted
        let status = GLPK.mipStatus(p)
        if status == .optimal || status == .feasible {
            result.values = GLPK.mipValues(p, count: model.columnCount)
            result.objective = GLPK.mipObjective(p)
        } else if let w = warm {
            result.values = w
            result.objective = model.objectiveValue(w)
        }
        result.bound = state.bestBound ?? result.relaxationObjective
        switch outcome {
        case .finished:
            if status == .optimal {
                result.status = .optimal
                result.bound = result.objective
            } else if status == .infeasible {
                result.status = .infeasible
            } else {
                result.status = result.values == nil ? .noSolutionWithinTimeLimit : .feasible
            }
        case .gapReached:
            result.status = .optimal
        case .timeLimit:
            result.status = result.values == nil ? .noSolutionWithinTimeLimit : .feasible
        case .cancelled:
            result.status = .interrupted
        case .failed(let rc):
            return rc
        }
        return nil
    }

    public enum ModelFormat: Sendable {
        /// CPLEX LP, as written by GLPK (`glpsol --lp`).
        case cplexLP
        /// Free MPS (`glpsol --freemps`).
        case freeMPS

        /// The format a file name asks for: `.lp` or `.mps`; nil for anything else.
        public init?(pathExtension: String) {
            switch pathExtension.lowercased() {
            case "lp": self = .cplexLP
            case "mps": self = .freeMPS
            default: return nil
            }
        }
    }

    /// Writes the model so another solver can read it. The file appears whole or not at all
    /// (written to a temporary file beside it, then renamed).
    public static func write(_ model: LinearModel, format: ModelFormat, to url: URL) throws(SolverError) {
        try model.validate()
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        var written = false
        try GLPK.guarded(echo: .none) {
            let p = GLPK.loadProblem(model, withNames: true)
            defer { GLPK.deleteProblem(p) }
            written = GLPK.write(p, format: format == .cplexLP ? .cplexLP : .freeMPS, to: temporary.path)
        }
        guard written else {
            try? FileManager.default.removeItem(at: temporary)
            throw .writeFailed(path: url.path, reason: GLPK.capturedOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        // rename(2) replaces the target atomically.
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .writeFailed(path: url.path, reason: reason)
        }
    }

    /// For tests of the guard only: makes GLPK raise a fatal error and returns what was thrown.
    static func _provokeGLPKFatalError() throws(SolverError) {
        try GLPK.guarded(echo: .none) { GLPK.provokeFatalError() }
    }
}
