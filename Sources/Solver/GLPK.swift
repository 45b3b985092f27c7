// SPDX-License-Identifier: GPL-3.0-or-later
//
// Every call into GLPK's C API passes through this file, and only while the shim's setjmp guard is
// active (`GLPK.guarded`). Nothing here is public.
//
// Threading: GLPK keeps its environment (memory, hooks) in thread-local storage. A problem object is
// therefore created, solved and deleted on one thread, inside one guarded call, and never outlives it.
// Different threads may solve different models at the same time.
//
// Validation: every model is checked in Swift (LinearModel.issues) before `loadProblem` runs, so the
// guard is a last line of defence, not the normal path. If GLPK raises a fatal error anyway, the shim
// longjmps out of GLPK (and of the Swift frames between the guard and GLPK), frees the thread's GLPK
// environment and returns 1; Swift then throws SolverError.glpkFailure. Memory that Swift frames
// skipped by the jump had allocated is leaked in that case, never touched again.
import CGLPK
import CGLPKShim
import Foundation

enum GLPK {
    /// Runs `body` with GLPK's error and output hooks installed; throws if GLPK failed inside it.
    static func guarded(echo: OutputEcho, _ body: @escaping () -> Void) throws(SolverError) {
        // The closure is escaping on purpose: when GLPK fails, the jump skips the frames that held it,
        // so it must be allowed to outlive this call (it is then leaked, never run again).
        let box = Unmanaged.passRetained(ClosureBox(body))
        defer { box.release() }
        let echoMode: roster_glpk_echo
        switch echo {
        case .none: echoMode = ROSTER_GLPK_ECHO_NONE
        case .standardError: echoMode = ROSTER_GLPK_ECHO_STDERR
        case .standardOutput: echoMode = ROSTER_GLPK_ECHO_STDOUT
        }
        let failed = roster_glpk_guard({ context in
            Unmanaged<ClosureBox>.fromOpaque(context!).takeUnretainedValue().body()
        }, box.toOpaque(), echoMode)
        if failed != 0 {
            throw SolverError.glpkFailure(String(cString: roster_glpk_last_output()))
        }
    }

    /// GLPK's captured output since the current guard began.
    static var capturedOutput: String { String(cString: roster_glpk_last_output()) }

    private final class ClosureBox {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    // MARK: Problem objects

    typealias Problem = OpaquePointer

    /// Creates a GLPK problem holding a validated model. Names are loaded only when `withNames`.
    static func loadProblem(_ model: LinearModel, withNames: Bool) -> Problem {
        let p = glp_create_prob()!
        if withNames {
            glp_set_prob_name(p, model.name)
            glp_set_obj_name(p, "objective")
        }
        glp_set_obj_dir(p, model.sense == .minimize ? GLP_MIN : GLP_MAX)
        glp_set_obj_coef(p, 0, model.objectiveConstant)
        let m = model.rowCount, n = model.columnCount
        if m > 0 { glp_add_rows(p, Int32(m)) }
        if n > 0 { glp_add_cols(p, Int32(n)) }
        for r in 0..<m {
            let (type, lo, hi) = boundType(model.rowLower[r], model.rowUpper[r])
            glp_set_row_bnds(p, Int32(r + 1), type, lo, hi)
            if withNames { glp_set_row_name(p, Int32(r + 1), model.rowNames[r].isEmpty ? "r\(r + 1)" : model.rowNames[r]) }
        }
        for j in 0..<n {
            let (type, lo, hi) = boundType(model.columnLower[j], model.columnUpper[j])
            glp_set_col_bnds(p, Int32(j + 1), type, lo, hi)
            switch model.columnKinds[j] {
            case .continuous: break
            case .integer: glp_set_col_kind(p, Int32(j + 1), GLP_IV)
            case .binary: glp_set_col_kind(p, Int32(j + 1), GLP_BV)
            }
            if model.objective[j] != 0 { glp_set_obj_coef(p, Int32(j + 1), model.objective[j]) }
            if withNames { glp_set_col_name(p, Int32(j + 1), model.columnNames[j].isEmpty ? "x\(j + 1)" : model.columnNames[j]) }
        }
        let ne = model.nonZeroCount
        if ne > 0 {
            // GLPK's arrays are 1-based: element 0 is ignored.
            var ia = [Int32](repeating: 0, count: ne + 1)
            var ja = [Int32](repeating: 0, count: ne + 1)
            var ar = [Double](repeating: 0, count: ne + 1)
            var k = 1
            for r in 0..<m {
                for t in model.rowStart[r]..<model.rowStart[r + 1] {
                    ia[k] = Int32(r + 1)
                    ja[k] = model.termColumns[t] + 1
                    ar[k] = model.termValues[t]
                    k += 1
                }
            }
            glp_load_matrix(p, Int32(ne), &ia, &ja, &ar)
        }
        return p
    }

    static func deleteProblem(_ p: Problem) { glp_delete_prob(p) }

    /// The linked library's version, e.g. "5.0".
    static func version() -> String { String(cString: glp_version()) }

    private static func boundType(_ lower: Double?, _ upper: Double?) -> (Int32, Double, Double) {
        switch (lower, upper) {
        case (nil, nil): return (GLP_FR, 0, 0)
        case let (l?, nil): return (GLP_LO, l, 0)
        case let (nil, u?): return (GLP_UP, 0, u)
        case let (l?, u?): return l == u ? (GLP_FX, l, u) : (GLP_DB, l, u)
        }
    }

    private static func glpkMessageLevel(_ level: MessageLevel) -> Int32 {
        switch level {
        case .off: return GLP_MSG_OFF
        case .errors: return GLP_MSG_ERR
        case .normal: return GLP_MSG_ON
        case .all: return GLP_MSG_ALL
        }
    }

    // MARK: LP

    enum LPOutcome {
        case optimal(objective: Double)
        case infeasible
        case unbounded
        case timeLimit
        case cancelled
        case failed(Int32)
    }

    /// Solves the LP relaxation with the simplex method, in slices of at most `slice` seconds so that
    /// a cancellation is noticed between slices (GLPK's simplex has no callback).
    /// `warm`: start from the problem's current basis (a restricted master that gained columns or changed
    /// bounds) instead of scaling it and building a starting basis.
    static func solveLP(_ p: Problem, options: SolveOptions, deadline: Date?, slice: Double = 0.5, warm: Bool = false) -> LPOutcome {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = glpkMessageLevel(options.messages)
        // A warm restricted master gained columns (its basis stays primal feasible): primal simplex.
        parm.meth = warm ? GLP_PRIMAL : GLP_DUALP
        parm.presolve = GLP_OFF
        if !warm {
            glp_scale_prob(p, GLP_SF_AUTO)
            glp_adv_basis(p, 0)
        }
        while true {
            if options.cancellation?.isCancelled == true { return .cancelled }
            var limit = slice
            if let deadline {
                let left = deadline.timeIntervalSinceNow
                if left <= 0 { return .timeLimit }
                limit = min(limit, left)
            }
            parm.tm_lim = Int32(max(1, (limit * 1000).rounded(.up)))
            let rc = glp_simplex(p, &parm)
            if rc == GLP_ETMLIM { continue }
            if rc != 0 { return .failed(rc) }
            switch glp_get_status(p) {
            case GLP_OPT: return .optimal(objective: glp_get_obj_val(p))
            case GLP_NOFEAS: return .infeasible
            case GLP_UNBND: return .unbounded
            default:
                // Dual simplex may stop with a dual infeasible basis; let the primal simplex decide.
                if glp_get_dual_stat(p) == GLP_NOFEAS, glp_get_prim_stat(p) == GLP_FEAS { return .unbounded }
                if glp_get_prim_stat(p) == GLP_NOFEAS { return .infeasible }
                parm.meth = GLP_PRIMAL
                continue
            }
        }
    }

    static func lpValues(_ p: Problem, count: Int) -> [Double] {
        (0..<count).map { glp_get_col_prim(p, Int32($0 + 1)) }
    }

    /// Row duals of the optimal basis (unscaled by GLPK), in row order.
    static func lpRowDuals(_ p: Problem, count: Int) -> [Double] {
        (0..<count).map { glp_get_row_dual(p, Int32($0 + 1)) }
    }

    // MARK: Restricted masters (column generation)

    /// Appends a column with its cost, bounds and coefficients (row indices 0-based); returns its index.
    static func addColumn(_ p: Problem, cost: Double, lower: Double?, upper: Double?, rows: [Int32], values: [Double]) -> Int {
        let j = glp_add_cols(p, 1)
        let (type, lo, hi) = boundType(lower, upper)
        glp_set_col_bnds(p, j, type, lo, hi)
        glp_set_obj_coef(p, j, cost)
        if !rows.isEmpty {
            var ind = [Int32](repeating: 0, count: rows.count + 1)
            var val = [Double](repeating: 0, count: rows.count + 1)
            for (n, r) in rows.enumerated() { ind[n + 1] = r + 1; val[n + 1] = values[n] }
            glp_set_mat_col(p, j, Int32(rows.count), &ind, &val)
        }
        return Int(j) - 1
    }


    // MARK: MIP

    /// What the branch-and-cut callback sees and does.
    final class SearchState {
        let options: SolveOptions
        let start: Date
        var warmStart: [Double]?      // 1-based for GLPK (element 0 unused)
        var warmStartAccepted = false
        var bestBound: Double?
        var lastReport = Date.distantPast
        var lastIncumbent: Double?
        var cancelled = false

        init(options: SolveOptions, start: Date, warmStart: [Double]?) {
            self.options = options
            self.start = start
            self.warmStart = warmStart.map { [0] + $0 }
        }
    }

    enum MIPOutcome {
        case finished          // search complete (optimal, or infeasible: read the status)
        case gapReached
        case timeLimit
        case cancelled
        case failed(Int32)
    }

    static func solveMIP(_ p: Problem, state: SearchState, deadline: Date?) -> MIPOutcome {
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        let o = state.options
        parm.msg_lev = glpkMessageLevel(o.messages)
        parm.presolve = (o.presolve && state.warmStart == nil) ? GLP_ON : GLP_OFF
        parm.mip_gap = o.relativeGap
        parm.gmi_cuts = o.cuts.gomory ? GLP_ON : GLP_OFF
        parm.mir_cuts = o.cuts.mixedIntegerRounding ? GLP_ON : GLP_OFF
        parm.cov_cuts = o.cuts.cover ? GLP_ON : GLP_OFF
        parm.clq_cuts = o.cuts.clique ? GLP_ON : GLP_OFF
        parm.fp_heur = o.feasibilityPump ? GLP_ON : GLP_OFF
        parm.ps_heur = o.proximitySearch ? GLP_ON : GLP_OFF
        switch o.branching {
        case .firstFractional: parm.br_tech = GLP_BR_FFV
        case .lastFractional: parm.br_tech = GLP_BR_LFV
        case .mostFractional: parm.br_tech = GLP_BR_MFV
        case .driebeckTomlin: parm.br_tech = GLP_BR_DTH
        case .hybridPseudoCost: parm.br_tech = GLP_BR_PCH
        }
        switch o.backtracking {
        case .depthFirst: parm.bt_tech = GLP_BT_DFS
        case .breadthFirst: parm.bt_tech = GLP_BT_BFS
        case .bestLocalBound: parm.bt_tech = GLP_BT_BLB
        case .bestProjection: parm.bt_tech = GLP_BT_BPH
        }
        if let deadline {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return .timeLimit }
            parm.tm_lim = Int32(min(Double(Int32.max), max(1, (left * 1000).rounded(.up))))
        }
        if o.proximitySearch {
            var seconds = o.proximitySearchTimeLimit ?? 60
            if o.proximitySearchTimeLimit == nil, let deadline { seconds = min(seconds, deadline.timeIntervalSinceNow) }
            parm.ps_tm_lim = Int32(min(Double(Int32.max), max(1, (seconds * 1000).rounded(.up))))
        }
        let unmanaged = Unmanaged.passRetained(state)
        defer { unmanaged.release() }
        parm.cb_info = unmanaged.toOpaque()
        parm.cb_func = { tree, info in
            guard let tree, let info else { return }
            GLPK.searchCallback(tree, Unmanaged<SearchState>.fromOpaque(info).takeUnretainedValue())
        }
        let rc = glp_intopt(p, &parm)
        switch rc {
        case 0: return .finished
        case GLP_EMIPGAP: return .gapReached
        case GLP_ETMLIM: return .timeLimit
        case GLP_ESTOP: return state.cancelled ? .cancelled : .timeLimit
        default: return .failed(rc)
        }
    }

    private static func searchCallback(_ tree: OpaquePointer, _ state: SearchState) {
        let reason = glp_ios_reason(tree)
        if reason == GLP_IHEUR, let start = state.warmStart {
            state.warmStart = nil
            // 0 = accepted as the new incumbent; non-zero = rejected (infeasible or not better).
            let rc = start.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
            state.warmStartAccepted = (rc == 0)
        }
        let best = glp_ios_best_node(tree)
        if best != 0 { state.bestBound = glp_ios_node_bound(tree, best) }
        let prob = glp_ios_get_prob(tree)
        let status = glp_mip_status(prob)
        let incumbent: Double? = (status == GLP_FEAS || status == GLP_OPT) ? glp_mip_obj_val(prob) : nil
        if state.options.cancellation?.isCancelled == true {
            state.cancelled = true
            glp_ios_terminate(tree)
        }
        guard let report = state.options.progress else { return }
        let now = Date()
        let newIncumbent = incumbent != nil && incumbent != state.lastIncumbent
        if newIncumbent || now.timeIntervalSince(state.lastReport) >= state.options.progressInterval {
            state.lastReport = now
            state.lastIncumbent = incumbent
            var active: Int32 = 0
            glp_ios_tree_size(tree, &active, nil, nil)
            var gap: Double? = nil
            if let incumbent, let bound = state.bestBound { gap = Gap.relative(objective: incumbent, bound: bound).map(abs) }
            report(SolveProgress(elapsed: now.timeIntervalSince(state.start), incumbent: incumbent,
                                 bound: state.bestBound, gap: gap, activeNodes: Int(active)))
        }
    }

    enum MIPStatus { case optimal, feasible, infeasible, undefined }

    static func mipStatus(_ p: Problem) -> MIPStatus {
        switch glp_mip_status(p) {
        case GLP_OPT: return .optimal
        case GLP_FEAS: return .feasible
        case GLP_NOFEAS: return .infeasible
        default: return .undefined
        }
    }

    static func mipObjective(_ p: Problem) -> Double { glp_mip_obj_val(p) }

    static func mipValues(_ p: Problem, count: Int) -> [Double] {
        (0..<count).map { glp_mip_col_val(p, Int32($0 + 1)) }
    }

    // MARK: Files

    enum FileFormat { case cplexLP, freeMPS }

    /// Writes the problem; returns false when GLPK could not write the file.
    static func write(_ p: Problem, format: FileFormat, to path: String) -> Bool {
        switch format {
        case .cplexLP: return glp_write_lp(p, nil, path) == 0
        case .freeMPS: return glp_write_mps(p, GLP_MPS_FILE, nil, path) == 0
        }
    }

    /// Deliberately passes an invalid argument to GLPK, so tests can show the guard turns GLPK's
    /// fatal error into a thrown error instead of abort(). Never used by the product.
    static func provokeFatalError() {
        let p = glp_create_prob()
        glp_add_cols(p, 1)
        glp_set_col_bnds(p, 5, GLP_LO, 0, 0)   // column 5 does not exist: GLPK calls its error hook
    }
}
