// SPDX-License-Identifier: GPL-3.0-or-later

/// A model in which some columns are fixed at given values and removed: their contribution moves to
/// the row bounds. Fix-and-optimize solves such restrictions of a large model one neighbourhood at a time.
public struct RestrictedModel: Sendable {
    /// The smaller model over the free columns.
    public let model: LinearModel
    /// For each column of `model`, its column in the original model.
    public let originalColumn: [Int]
    /// The values of the fixed columns (and of the free ones, as given), for lifting solutions back.
    private let baseValues: [Double]

    /// Restricts `model`: columns with `isFree[j] == false` are fixed at `values[j]`. Rows left with
    /// no free column are dropped (they hold for the fixed values or not, whatever the solve does).
    public init(_ model: LinearModel, isFree: [Bool], values: [Double]) {
        precondition(isFree.count == model.columnCount && values.count == model.columnCount)
        var sub = LinearModel(name: model.name + "_restricted", sense: model.sense)
        var map = [Int?](repeating: nil, count: model.columnCount)
        var back: [Int] = []
        var constant = model.objectiveConstant
        for j in 0..<model.columnCount {
            if isFree[j] {
                let c = sub.addColumn(model.columnNames[j], kind: model.columnKinds[j], lower: model.columnLower[j],
                                      upper: model.columnUpper[j], objective: model.objective[j])
                map[j] = c.index
                back.append(j)
            } else {
                constant += model.objective[j] * values[j]
            }
        }
        sub.objectiveConstant = constant
        var terms: [(ColumnID, Double)] = []
        for r in 0..<model.rowCount {
            terms.removeAll(keepingCapacity: true)
            var fixed = 0.0
            for k in model.rowStart[r]..<model.rowStart[r + 1] {
                let j = Int(model.termColumns[k])
                if let c = map[j] { terms.append((ColumnID(c), model.termValues[k])) } else { fixed += model.termValues[k] * values[j] }
            }
            guard !terms.isEmpty else { continue }
            let bounds: RowBounds
            switch (model.rowLower[r], model.rowUpper[r]) {
            case (nil, nil): bounds = .free
            case let (l?, nil): bounds = .atLeast(l - fixed)
            case let (nil, u?): bounds = .atMost(u - fixed)
            case let (l?, u?): bounds = l == u ? .equal(l - fixed) : .between(l - fixed, u - fixed)
            }
            sub.addRow(model.rowNames[r], terms: terms, bounds)
        }
        self.model = sub
        self.originalColumn = back
        self.baseValues = values
    }

    /// The restricted part of a full solution.
    public func restrict(_ full: [Double]) -> [Double] { originalColumn.map { full[$0] } }

    /// A full solution: the fixed values, with the free columns taken from a solution of `model`.
    public func lift(_ restricted: [Double]) -> [Double] {
        var full = baseValues
        for (i, j) in originalColumn.enumerated() { full[j] = restricted[i] }
        return full
    }
}
