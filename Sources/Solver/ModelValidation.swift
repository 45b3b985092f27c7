// SPDX-License-Identifier: GPL-3.0-or-later

/// One reason a model cannot be handed to GLPK.
public enum ModelIssue: Equatable, Sendable, CustomStringConvertible {
    case columnIndexOutOfRange(row: Int, rowName: String, column: Int, columnCount: Int)
    case duplicateColumnInRow(row: Int, rowName: String, column: Int)
    case nonFiniteCoefficient(row: Int, rowName: String, column: Int)
    case nonFiniteObjective(column: Int, columnName: String)
    case nonFiniteBound(what: String, index: Int, name: String)
    case emptyRange(what: String, index: Int, name: String, lower: Double, upper: Double)
    case invalidName(what: String, index: Int, reason: String)
    case nonFiniteConstant
    case tooLarge(String)

    public var description: String {
        switch self {
        case let .columnIndexOutOfRange(row, rowName, column, count):
            return "row \(row) '\(rowName)' refers to column \(column), but the model has \(count) columns"
        case let .duplicateColumnInRow(row, rowName, column):
            return "row \(row) '\(rowName)' names column \(column) twice"
        case let .nonFiniteCoefficient(row, rowName, column):
            return "row \(row) '\(rowName)' has a non-finite coefficient for column \(column)"
        case let .nonFiniteObjective(column, name):
            return "column \(column) '\(name)' has a non-finite objective coefficient"
        case let .nonFiniteBound(what, index, name):
            return "\(what) \(index) '\(name)' has a non-finite bound (use no bound instead of infinity)"
        case let .emptyRange(what, index, name, lower, upper):
            return "\(what) \(index) '\(name)' has lower bound \(lower) above upper bound \(upper)"
        case let .invalidName(what, index, reason):
            return "\(what) \(index) has an invalid name: \(reason)"
        case .nonFiniteConstant:
            return "the objective constant is not finite"
        case .tooLarge(let what):
            return "the model is too large: \(what)"
        }
    }
}

/// Why a solve or an export failed.
public enum SolverError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model was refused before it reached GLPK.
    case invalidModel([ModelIssue])
    /// GLPK raised a fatal error; the guard caught it. Carries GLPK's own message.
    case glpkFailure(String)
    /// A warm start had the wrong number of values, or a non-finite one.
    case invalidWarmStart(String)
    /// Writing a model file failed.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidModel(let issues):
            let shown = issues.prefix(10).map { "  - \($0)" }.joined(separator: "\n")
            let more = issues.count > 10 ? "\n  … and \(issues.count - 10) more" : ""
            return "invalid model (\(issues.count) problem\(issues.count == 1 ? "" : "s")):\n\(shown)\(more)"
        case .glpkFailure(let message):
            return "GLPK failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .invalidWarmStart(let why):
            return "invalid warm start: \(why)"
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}

import Foundation

extension LinearModel {
    /// GLPK's limits: names of at most 255 bytes, no control characters; 100 million rows/columns.
    static let maxNameBytes = 255
    static let maxDimension = 100_000_000

    /// Every reason this model cannot be handed to GLPK (empty when it can), at most `limit` of them.
    func issues(limit: Int = 100) -> [ModelIssue] {
        var found: [ModelIssue] = []
        func add(_ issue: ModelIssue) { if found.count < limit { found.append(issue) } }

        if columnCount > Self.maxDimension || rowCount > Self.maxDimension || nonZeroCount >= Int(Int32.max) {
            add(.tooLarge("\(rowCount) rows, \(columnCount) columns, \(nonZeroCount) non-zeros"))
            return found
        }
        if !objectiveConstant.isFinite { add(.nonFiniteConstant) }
        if let reason = Self.nameProblem(name) { add(.invalidName(what: "model", index: 0, reason: reason)) }

        for j in 0..<columnCount {
            let label = columnNames[j]
            if !objective[j].isFinite { add(.nonFiniteObjective(column: j, columnName: label)) }
            checkBounds(columnLower[j], columnUpper[j], what: "column", index: j, name: label, add)
            if !label.isEmpty, let reason = Self.nameProblem(label) { add(.invalidName(what: "column", index: j, reason: reason)) }
        }

        var lastSeen = [Int32](repeating: -1, count: columnCount)
        for r in 0..<rowCount {
            let label = rowNames[r]
            checkBounds(rowLower[r], rowUpper[r], what: "row", index: r, name: label, add)
            if !label.isEmpty, let reason = Self.nameProblem(label) { add(.invalidName(what: "row", index: r, reason: reason)) }
            for k in rowStart[r]..<rowStart[r + 1] {
                let c = Int(termColumns[k])
                guard c >= 0, c < columnCount else {
                    add(.columnIndexOutOfRange(row: r, rowName: label, column: c, columnCount: columnCount))
                    continue
                }
                if lastSeen[c] == Int32(truncatingIfNeeded: r) {
                    add(.duplicateColumnInRow(row: r, rowName: label, column: c))
                }
                lastSeen[c] = Int32(truncatingIfNeeded: r)
                if !termValues[k].isFinite { add(.nonFiniteCoefficient(row: r, rowName: label, column: c)) }
            }
            if found.count >= limit { break }
        }
        return found
    }

    /// Throws ``SolverError/invalidModel(_:)`` listing what is wrong.
    func validate() throws(SolverError) {
        let found = issues()
        if !found.isEmpty { throw .invalidModel(found) }
    }

    private func checkBounds(_ lower: Double?, _ upper: Double?, what: String, index: Int, name: String,
                             _ add: (ModelIssue) -> Void) {
        if let l = lower, !l.isFinite { add(.nonFiniteBound(what: what, index: index, name: name)) }
        if let u = upper, !u.isFinite { add(.nonFiniteBound(what: what, index: index, name: name)) }
        if let l = lower, let u = upper, l.isFinite, u.isFinite, l > u {
            add(.emptyRange(what: what, index: index, name: name, lower: l, upper: u))
        }
    }

    /// Why GLPK would refuse a name, or nil when it is acceptable.
    static func nameProblem(_ name: String) -> String? {
        let bytes = name.utf8.count
        if bytes > maxNameBytes { return "\(bytes) bytes, more than \(maxNameBytes)" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "contains a control character"
        }
        return nil
    }
}
