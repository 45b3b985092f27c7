// SPDX-License-Identifier: GPL-3.0-or-later

/// A column (variable) of a ``LinearModel``.
public struct ColumnID: Hashable, Sendable, Comparable {
    /// 0-based position in the model.
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: ColumnID, b: ColumnID) -> Bool { a.index < b.index }
}

/// A row (constraint) of a ``LinearModel``.
public struct RowID: Hashable, Sendable {
    public let index: Int
    init(_ index: Int) { self.index = index }
}

/// What values a column may take.
public enum VariableKind: Sendable, Hashable {
    case continuous
    case integer
    /// Integer in 0...1.
    case binary
}

public enum ObjectiveSense: Sendable, Hashable {
    case minimize
    case maximize
}

/// The bounds of a row's activity `Σ a_j x_j`.
public enum RowBounds: Sendable, Hashable {
    case atLeast(Double)
    case atMost(Double)
    case equal(Double)
    case between(Double, Double)
    case free

    var lower: Double? {
        switch self {
        case .atLeast(let v), .equal(let v), .between(let v, _): return v
        case .atMost, .free: return nil
        }
    }

    var upper: Double? {
        switch self {
        case .atMost(let v), .equal(let v), .between(_, let v): return v
        case .atLeast, .free: return nil
        }
    }
}

/// A linear or mixed-integer program built by name, in plain Swift.
///
/// Nothing here touches GLPK: a model is a value that can be built on any thread, checked with
/// ``validate()``, and handed to ``GLPKSolver`` (which validates it again before any of it reaches C).
/// Rows are stored in compressed sparse row form so that models with millions of non-zeros stay small.
public struct LinearModel: Sendable {
    public var name: String
    var sense: ObjectiveSense
    /// A constant added to the objective.
    public var objectiveConstant: Double = 0

    private(set) var columnNames: [String] = []
    public private(set) var columnKinds: [VariableKind] = []
    public private(set) var columnLower: [Double?] = []
    public private(set) var columnUpper: [Double?] = []
    public private(set) var objective: [Double] = []

    private(set) var rowNames: [String] = []
    private(set) var rowLower: [Double?] = []
    private(set) var rowUpper: [Double?] = []
    /// Row r's terms are `termColumns[rowStart[r] ..< rowStart[r + 1]]`.
    private(set) var rowStart: [Int] = [0]
    private(set) var termColumns: [Int32] = []
    private(set) var termValues: [Double] = []

    public init(name: String = "model", sense: ObjectiveSense = .minimize) {
        self.name = name
        self.sense = sense
    }

    public var columnCount: Int { objective.count }
    public var rowCount: Int { rowNames.count }
    public var nonZeroCount: Int { termValues.count }
    var hasIntegerColumns: Bool { columnKinds.contains { $0 != .continuous } }

    /// Adds a column. `nil` bounds are infinite. A binary column gets bounds 0…1 whatever is passed.
    @discardableResult
    public mutating func addColumn(_ name: String = "", kind: VariableKind = .continuous, lower: Double? = 0,
                                   upper: Double? = nil, objective cost: Double = 0) -> ColumnID {
        columnNames.append(name)
        columnKinds.append(kind)
        if kind == .binary {
            columnLower.append(0)
            columnUpper.append(1)
        } else {
            columnLower.append(lower)
            columnUpper.append(upper)
        }
        objective.append(cost)
        return ColumnID(objective.count - 1)
    }

    /// Adds a row `bounds(Σ coefficient · column)`.
    @discardableResult
    public mutating func addRow(_ name: String = "", terms: [(ColumnID, Double)], _ bounds: RowBounds) -> RowID {
        rowNames.append(name)
        rowLower.append(bounds.lower)
        rowUpper.append(bounds.upper)
        for (column, value) in terms {
            termColumns.append(Int32(truncatingIfNeeded: column.index))
            termValues.append(value)
        }
        rowStart.append(termValues.count)
        return RowID(rowNames.count - 1)
    }

    /// Adds a row whose terms all have coefficient 1.
    @discardableResult
    public mutating func addRow(_ name: String = "", sumOf columns: [ColumnID], _ bounds: RowBounds) -> RowID {
        addRow(name, terms: columns.map { ($0, 1.0) }, bounds)
    }

    public mutating func setObjective(_ column: ColumnID, _ cost: Double) {
        objective[column.index] = cost
    }

    public mutating func setBounds(_ column: ColumnID, lower: Double?, upper: Double?) {
        columnLower[column.index] = lower
        columnUpper[column.index] = upper
    }

    /// The terms of a row.
    func terms(of row: RowID) -> [(ColumnID, Double)] {
        (rowStart[row.index]..<rowStart[row.index + 1]).map { (ColumnID(Int(termColumns[$0])), termValues[$0]) }
    }

    /// The objective value of a full assignment of column values.
    public func objectiveValue(_ values: [Double]) -> Double {
        var total = objectiveConstant
        for j in 0..<min(values.count, objective.count) where objective[j] != 0 { total += objective[j] * values[j] }
        return total
    }

    /// The largest violation of any bound, row or integrality by a full assignment (0 when feasible).
    public func maxViolation(_ values: [Double]) -> Double {
        guard values.count == columnCount else { return .infinity }
        var worst = 0.0
        for j in 0..<columnCount {
            let v = values[j]
            if let l = columnLower[j] { worst = max(worst, l - v) }
            if let u = columnUpper[j] { worst = max(worst, v - u) }
            if columnKinds[j] != .continuous { worst = max(worst, abs(v - v.rounded())) }
        }
        for r in 0..<rowCount {
            var activity = 0.0
            for k in rowStart[r]..<rowStart[r + 1] { activity += termValues[k] * values[Int(termColumns[k])] }
            if let l = rowLower[r] { worst = max(worst, l - activity) }
            if let u = rowUpper[r] { worst = max(worst, activity - u) }
        }
        return worst
    }

    /// The Lagrangian value of row prices `duals` (one per row, signs valid for the rows' senses):
    /// Σ_r dual_r·b_r + Σ_j min over the column's bounds of (c_j − Σ_r dual_r a_rj)·x_j, plus the constant.
    /// For a minimisation with integer or structured columns left out of this model (priced apart), adding
    /// their least reduced costs gives a valid lower bound. −∞ when a column's reduced cost points to an
    /// infinite bound.
    public func lagrangianValue(duals: [Double]) -> Double {
        precondition(duals.count == rowCount)
        var reduced = objective
        var total = objectiveConstant
        for r in 0..<rowCount {
            let y = duals[r]
            if y == 0 { continue }
            for k in rowStart[r]..<rowStart[r + 1] { reduced[Int(termColumns[k])] -= y * termValues[k] }
            if let l = rowLower[r], let u = rowUpper[r], l == u { total += y * l }
            else if y > 0, let l = rowLower[r] { total += y * l }
            else if y < 0, let u = rowUpper[r] { total += y * u }
            else { return -.infinity }
        }
        for j in 0..<columnCount {
            let rc = reduced[j]
            if abs(rc) <= 1e-12 { continue }
            if rc > 0 { guard let l = columnLower[j] else { return -.infinity }; total += rc * l }
            else { guard let u = columnUpper[j] else { return -.infinity }; total += rc * u }
        }
        return total
    }

    /// Row prices with the signs a minimisation's rows allow: 0 where a price points the wrong way
    /// (≥ rows take prices ≥ 0, ≤ rows prices ≤ 0, equalities any).
    public func signValidDuals(_ duals: [Double]) -> [Double] {
        duals.indices.map { r in
            let y = duals[r]
            if let l = rowLower[r], let u = rowUpper[r], l == u { return y }
            if y > 0 { return rowLower[r] != nil ? y : 0 }
            if y < 0 { return rowUpper[r] != nil ? y : 0 }
            return 0
        }
    }
}
