// SPDX-License-Identifier: GPL-3.0-or-later
@_exported import Search

/// How much GLPK says on its own terminal (captured; see ``SolveOptions/echo``).
public enum MessageLevel: Sendable, Hashable {
    case off, errors, normal, all
}

/// Where GLPK's own output goes besides the capture buffer. Never stdout unless asked for.
public enum OutputEcho: Sendable, Hashable {
    case none, standardError, standardOutput
}

/// Cut families GLPK's branch and cut may add.
public struct CutOptions: Sendable, Hashable {
    public var gomory: Bool
    var mixedIntegerRounding: Bool
    public var cover: Bool
    public var clique: Bool

    public init(gomory: Bool = false, mixedIntegerRounding: Bool = false, cover: Bool = false, clique: Bool = false) {
        self.gomory = gomory
        self.mixedIntegerRounding = mixedIntegerRounding
        self.cover = cover
        self.clique = clique
    }

    public static let none = CutOptions()
}

/// GLPK's branching rules (the short names are glpsol's: ffv, lfv, mfv, dth, pch).
public enum BranchingRule: String, Sendable, Hashable, CaseIterable {
    case firstFractional = "ffv", lastFractional = "lfv", mostFractional = "mfv", driebeckTomlin = "dth", hybridPseudoCost = "pch"
}

public enum BacktrackingRule: Sendable, Hashable {
    case depthFirst, breadthFirst, bestLocalBound, bestProjection
}

/// A snapshot of a running MIP solve.
public struct SolveProgress: Sendable, Hashable {
    /// Seconds since the solve began.
    public var elapsed: Double
    /// Objective of the best integer solution so far.
    public var incumbent: Double?
    /// Best bound on the optimum (lower for minimisation).
    public var bound: Double?
    /// Relative gap between incumbent and bound.
    public var gap: Double?
    /// Nodes of the search tree still open.
    var activeNodes: Int
}

/// How to solve.
public struct SolveOptions: Sendable {
    /// Wall-clock limit in seconds for the whole solve (LP and branch and bound); nil for none.
    public var timeLimit: Double?
    /// Stop when the relative gap between incumbent and bound is at most this.
    var relativeGap: Double
    /// GLPK's MIP presolver (not used when a warm start is given: the start refers to the original columns).
    var presolve: Bool
    public var cuts: CutOptions
    public var feasibilityPump: Bool
    public var proximitySearch: Bool
    public var branching: BranchingRule
    var backtracking: BacktrackingRule
    var messages: MessageLevel
    var echo: OutputEcho
    /// A known solution (one value per column) offered to the MIP solve as its first incumbent.
    var warmStart: [Double]?
    public var cancellation: CancellationFlag?
    /// Called on the solving thread, at most every `progressInterval` seconds and at each new incumbent.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    var progressInterval: Double
    /// Seconds GLPK's proximity search may run (its `ps_tm_lim`; GLPK's default is 60 s, whatever the
    /// time limit). nil: the smaller of 60 s and the time left when the MIP starts.
    var proximitySearchTimeLimit: Double? = nil

    public init(timeLimit: Double? = nil, relativeGap: Double = 1e-6, presolve: Bool = false,
                cuts: CutOptions = .none, feasibilityPump: Bool = false, proximitySearch: Bool = false,
                branching: BranchingRule = .driebeckTomlin, backtracking: BacktrackingRule = .bestLocalBound,
                messages: MessageLevel = .errors, echo: OutputEcho = .none, warmStart: [Double]? = nil,
                cancellation: CancellationFlag? = nil, progress: (@Sendable (SolveProgress) -> Void)? = nil,
                progressInterval: Double = 0.5) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.cuts = cuts
        self.feasibilityPump = feasibilityPump
        self.proximitySearch = proximitySearch
        self.branching = branching
        self.backtracking = backtracking
        self.messages = messages
        self.echo = echo
        self.warmStart = warmStart
        self.cancellation = cancellation
        self.progress = progress
        self.progressInterval = progressInterval
    }
}

/// How a solve ended.
public enum SolveStatus: Sendable, Hashable, CustomStringConvertible {
    /// Proven optimal (for a MIP: within the requested relative gap).
    case optimal
    /// A feasible solution, not proven optimal (the time limit ended the search): see gap.
    case feasible
    case infeasible
    case unbounded
    /// The time limit passed before any feasible solution was found.
    case noSolutionWithinTimeLimit
    /// Cancelled from another thread; values hold the incumbent if there was one.
    case interrupted

    public var description: String {
        switch self {
        case .optimal: return "optimal"
        case .feasible: return "feasible"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .noSolutionWithinTimeLimit: return "no solution within the time limit"
        case .interrupted: return "interrupted"
        }
    }
}

/// What a solve returns.
public struct SolveResult: Sendable {
    public var status: SolveStatus
    /// Objective of the returned values.
    public var objective: Double?
    /// Best proven bound on the optimum (for a minimisation, a lower bound).
    public var bound: Double?
    /// Objective of the LP relaxation at the root (a bound on the MIP optimum).
    var relaxationObjective: Double?
    /// The column values: present for optimal and feasible results, and for interrupted ones with an incumbent.
    public var values: [Double]?
    public var elapsed: Double
    /// Whether the warm start was accepted as an incumbent.
    var warmStartAccepted: Bool
    /// Dual value of each row (GLPK's convention: reduced cost d_j = c_j − Σ_i a_ij · dual_i), for optimal
    /// LP solves only (a model without integer columns, or `relaxation: true`); nil otherwise.
    public var rowDuals: [Double]? = nil

    /// The product's one gap (``Gap/relative(objective:bound:)``), by magnitude whatever the sense; 0 when optimal.
    public var gap: Double? {
        if status == .optimal, values != nil { return 0 }
        return Gap.relative(objective: objective, bound: bound).map(abs)
    }

    public subscript(column: ColumnID) -> Double { values?[column.index] ?? .nan }
}
