// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Why a `--param name=value` was refused.
public enum ParameterError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unknown(name: String, suggestion: String?)
    case badValue(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .malformed(let s): return "--param \(s): expected name=value"
        case .unknown(let name, let suggestion):
            return "--param: unknown parameter '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + " (--list-params lists them)"
        case .badValue(let name, let value, let expected): return "--param \(name)=\(value): expected \(expected)"
        }
    }
}

/// One documented tuning parameter of a solver, bound to a field of its options struct.
public struct Parameter<Options>: Sendable {
    public let name: String
    let help: String
    /// What values it takes, in words ("a number in [0, 1]").
    let expected: String
    let read: @Sendable (Options) -> String
    let write: @Sendable (inout Options, String) -> Bool

    public static func double(_ name: String, _ key: WritableKeyPath<Options, Double> & Sendable, in range: ClosedRange<Double>,
                              _ help: String) -> Parameter {
        Parameter(name: name, help: help, expected: "a number in [\(format(range.lowerBound)), \(format(range.upperBound))]",
                  read: { format($0[keyPath: key]) },
                  write: { o, s in
                      guard let v = Double(s), v.isFinite, range.contains(v) else { return false }
                      o[keyPath: key] = v
                      return true
                  })
    }

    public static func int(_ name: String, _ key: WritableKeyPath<Options, Int> & Sendable, in range: ClosedRange<Int>,
                           _ help: String) -> Parameter {
        Parameter(name: name, help: help, expected: "an integer in [\(range.lowerBound), \(range.upperBound)]",
                  read: { String($0[keyPath: key]) },
                  write: { o, s in
                      guard let v = Int(s), range.contains(v) else { return false }
                      o[keyPath: key] = v
                      return true
                  })
    }

    public static func bool(_ name: String, _ key: WritableKeyPath<Options, Bool> & Sendable, _ help: String) -> Parameter {
        Parameter(name: name, help: help, expected: "true or false",
                  read: { String($0[keyPath: key]) },
                  write: { o, s in
                      switch s.lowercased() {
                      case "true", "1", "yes", "on": o[keyPath: key] = true
                      case "false", "0", "no", "off": o[keyPath: key] = false
                      default: return false
                      }
                      return true
                  })
    }

    /// A parameter with named values (an enum with string raw values).
    public static func choice<E: RawRepresentable & CaseIterable & Sendable>(_ name: String, _ key: WritableKeyPath<Options, E> & Sendable,
                                                                          _ help: String) -> Parameter where E.RawValue == String {
        Parameter(name: name, help: help, expected: "one of " + E.allCases.map(\.rawValue).joined(separator: ", "),
                  read: { $0[keyPath: key].rawValue },
                  write: { o, s in
                      guard let v = E(rawValue: s) else { return false }
                      o[keyPath: key] = v
                      return true
                  })
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

/// The documented parameters of one solver: `--param name=value` sets them, `--list-params` prints
/// them, and a report names those that differ from their defaults (like HiGHS's options or CP-SAT's
/// parameter file, on a smaller scale).
public struct ParameterRegistry<Options>: Sendable {
    public let parameters: [Parameter<Options>]
    let defaultsBox: @Sendable () -> Options

    public init(defaults: @escaping @Sendable () -> Options, _ parameters: [Parameter<Options>]) {
        self.parameters = parameters
        self.defaultsBox = defaults
    }

    /// Applies `name=value` assignments in order, all or none.
    public func apply(_ assignments: [String], to target: inout Options) throws(ParameterError) {
        var options = target
        for a in assignments {
            guard let eq = a.firstIndex(of: "=") else { throw .malformed(a) }
            let name = String(a[..<eq]).trimmingCharacters(in: .whitespaces)
            let value = String(a[a.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw .malformed(a) }
            guard let p = parameters.first(where: { $0.name == name }) else {
                throw .unknown(name: name, suggestion: suggestion(for: name))
            }
            guard p.write(&options, value) else { throw .badValue(name: name, value: value, expected: p.expected) }
        }
        target = options
    }

    /// `name = value` for each parameter whose value differs from its default.
    public func changed(_ options: Options) -> [String] {
        let base = defaultsBox()
        return parameters.compactMap { p in
            let v = p.read(options)
            return v == p.read(base) ? nil : "\(p.name)=\(v)"
        }
    }

    /// The listing `--list-params` prints: name, default, what it takes, what it does.
    public func listing() -> String {
        let base = defaultsBox()
        let width = parameters.map(\.name.count).max() ?? 0
        return parameters.map { p in
            p.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  default \(p.read(base))  (\(p.expected))\n"
                + String(repeating: " ", count: width + 2) + p.help
        }.joined(separator: "\n")
    }

    func suggestion(for name: String) -> String? {
        let scored = parameters.map { ($0.name, editDistance($0.name, name)) }.min { $0.1 < $1.1 }
        guard let (best, d) = scored, d <= max(2, name.count / 3) else { return nil }
        return best
    }
}

/// Levenshtein distance (for "did you mean").
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var row = Array(0...b.count)
    for i in 1...a.count {
        var prev = row[0]
        row[0] = i
        for j in 1...b.count {
            let cur = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
            prev = cur
        }
    }
    return row[b.count]
}
