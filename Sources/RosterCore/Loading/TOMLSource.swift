import Foundation
import TOMLKit

/// Finds the line of each key in a TOML text, since TOMLKit's values carry no positions.
///
/// Paths look like `interval_minutes`, `service_goal.service_level`, `shifts[2].break.length_minutes`
/// (arrays of tables are numbered from 1, as a person counts them). Table headers are indexed too
/// (`service_goal`, `shifts[2]`). The scan understands comments, quoted keys, basic and literal strings,
/// multi-line strings and multi-line arrays; it only has to be right for files that TOMLKit accepted.
struct TOMLLineIndex {
    private(set) var lines: [String: Int] = [:]

    init(text: String) {
        var arrayCounts: [String: Int] = [:]
        var prefix = ""
        var openString: String? = nil      // the closing delimiter of a multi-line string we are inside
        var bracketDepth = 0                // inside a multi-line array value
        var lineNumber = 0
        // "\r\n" is a single Character in Swift: split on it as well as on "\n".
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if let close = openString {
                if line.contains(close) {
                    openString = nil
                    let after = line[line.range(of: close)!.upperBound...]
                    bracketDepth += TOMLLineIndex.bracketDelta(after, openString: &openString)
                }
                continue
            }
            if bracketDepth > 0 {
                bracketDepth += TOMLLineIndex.bracketDelta(line, openString: &openString)
                if bracketDepth < 0 { bracketDepth = 0 }
                continue
            }
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("[[") {
                guard let end = trimmed.range(of: "]]") else { continue }
                let name = TOMLLineIndex.normalizeKey(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<end.lowerBound])
                // The parent path resolves to the latest array elements; the last part names the array itself.
                var parts = name.split(separator: ".").map(String.init)
                let last = parts.popLast() ?? name
                let parent = TOMLLineIndex.resolve(parts.joined(separator: "."), counts: arrayCounts)
                let resolved = parent.isEmpty ? last : "\(parent).\(last)"
                let count = (arrayCounts[resolved] ?? 0) + 1
                arrayCounts[resolved] = count
                prefix = "\(resolved)[\(count)]"
                if lines[prefix] == nil { lines[prefix] = lineNumber }
                continue
            }
            if trimmed.hasPrefix("[") {
                guard let end = trimmed.firstIndex(of: "]") else { continue }
                let name = TOMLLineIndex.normalizeKey(trimmed[trimmed.index(after: trimmed.startIndex)..<end])
                prefix = TOMLLineIndex.resolve(name, counts: arrayCounts)
                if lines[prefix] == nil { lines[prefix] = lineNumber }
                continue
            }
            // key = value
            guard let eq = TOMLLineIndex.equalsOutsideQuotes(trimmed) else { continue }
            let key = TOMLLineIndex.normalizeKey(trimmed[trimmed.startIndex..<eq])
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            if lines[path] == nil { lines[path] = lineNumber }
            let value = trimmed[trimmed.index(after: eq)...]
            bracketDepth = max(0, TOMLLineIndex.bracketDelta(value, openString: &openString))
        }
    }

    func line(of path: String) -> Int? { lines[path] }

    /// Maps `shifts.break` to `shifts[k].break` where k is the latest `[[shifts]]`.
    private static func resolve(_ name: String, counts: [String: Int]) -> String {
        let parts = name.split(separator: ".").map(String.init)
        var result = ""
        for part in parts {
            result = result.isEmpty ? part : "\(result).\(part)"
            if let k = counts[result] { result += "[\(k)]" }
        }
        return result
    }

    /// `"a" . b` → `a.b`
    private static func normalizeKey(_ s: Substring) -> String {
        var out = ""
        var quote: Character? = nil
        for ch in s {
            if let q = quote {
                if ch == q { quote = nil } else { out.append(ch) }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch != " " && ch != "\t" {
                out.append(ch)
            }
        }
        return out
    }

    private static func equalsOutsideQuotes(_ s: Substring) -> Substring.Index? {
        var quote: Character? = nil
        var i = s.startIndex
        while i < s.endIndex {
            let ch = s[i]
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == "=" {
                return i
            } else if ch == "#" {
                return nil
            }
            i = s.index(after: i)
        }
        return nil
    }

    /// Net count of `[` minus `]` outside strings and comments; notes an unclosed multi-line string.
    private static func bracketDelta(_ s: Substring, openString: inout String?) -> Int {
        var depth = 0
        var i = s.startIndex
        while i < s.endIndex {
            let rest = s[i...]
            if rest.hasPrefix("\"\"\"") || rest.hasPrefix("'''") {
                let delim = String(rest.prefix(3))
                let after = s.index(i, offsetBy: 3)
                if let close = s[after...].range(of: delim) {
                    i = close.upperBound
                    continue
                }
                openString = delim
                return depth
            }
            let ch = s[i]
            if ch == "\"" || ch == "'" {
                var j = s.index(after: i)
                while j < s.endIndex, s[j] != ch {
                    if ch == "\"" && s[j] == "\\" { j = s.index(after: j); if j == s.endIndex { break } }
                    j = s.index(after: j)
                }
                i = j < s.endIndex ? s.index(after: j) : j
                continue
            }
            if ch == "#" { break }
            if ch == "[" { depth += 1 } else if ch == "]" { depth -= 1 }
            i = s.index(after: i)
        }
        return depth
    }
}

/// Reads typed values out of one TOML table, recording a diagnostic (with line and field) for every
/// missing, wrong-typed or out-of-range value, and remembering which keys were read so that the rest
/// can be reported as unknown.
struct TOMLTableReader {
    let table: TOMLTable
    /// The table's path, e.g. "" for the root, "shifts[2]".
    let path: String
    let file: String
    let index: TOMLLineIndex
    private(set) var used: Set<String> = []

    init(table: TOMLTable, path: String, file: String, index: TOMLLineIndex) {
        self.table = table
        self.path = path
        self.file = file
        self.index = index
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Location of a key (its line if present in the text, else the table's header line).
    func location(_ key: String) -> SourceLocation {
        let p = fieldPath(key)
        return SourceLocation(file: file, line: index.line(of: p) ?? lineOfTable(path), field: p)
    }

    /// The line of a table, or of the nearest enclosing key written in the text (inline tables have no
    /// header of their own: `handovers[1]` of `handovers = [{...}]` falls back to the `handovers` line).
    private func lineOfTable(_ path: String) -> Int? {
        var p = path
        while !p.isEmpty {
            if let l = index.line(of: p) { return l }
            if p.hasSuffix("]"), let open = p.lastIndex(of: "[") {
                p = String(p[..<open])
            } else if let dot = p.lastIndex(of: ".") {
                p = String(p[..<dot])
            } else {
                return nil
            }
        }
        return nil
    }

    /// Location of the table itself.
    var tableLocation: SourceLocation {
        SourceLocation(file: file, line: lineOfTable(path), field: path.isEmpty ? nil : path)
    }

    private mutating func value(_ key: String, required: Bool, _ sink: inout DiagnosticSink) -> TOMLValueConvertible? {
        used.insert(key)
        guard let v = table[key] else {
            if required { sink.error(.missingField, location(key)) }
            return nil
        }
        return v
    }

    static func typeName(_ t: TOMLType) -> String {
        switch t {
        case .table: return "a table"
        case .array: return "an array"
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a number with a fraction"
        case .bool: return "true or false"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date-time"
        }
    }

    mutating func string(_ key: String, required: Bool = false, maxLength: Int = 200,
                         _ sink: inout DiagnosticSink) -> String? {
        guard let v = value(key, required: required, &sink) else { return nil }
        guard let s = v.string else {
            sink.error(.wrongType(expected: "a string", found: Self.typeName(v.type)), location(key)); return nil
        }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { sink.error(.invalid("must not be empty"), location(key)); return nil }
        if t.count > maxLength { sink.error(.outOfRange("must be at most \(maxLength) characters"), location(key)); return nil }
        return t
    }

    mutating func int(_ key: String, required: Bool = false, range: ClosedRange<Int>, allowed: String? = nil,
                      _ sink: inout DiagnosticSink) -> Int? {
        guard let v = value(key, required: required, &sink) else { return nil }
        let n: Int
        if let i = v.int {
            n = i
        } else if let d = v.double, d.isFinite, d == d.rounded(), abs(d) < 1e15 {
            n = Int(d)
        } else {
            sink.error(.wrongType(expected: "a whole number", found: Self.typeName(v.type)), location(key)); return nil
        }
        guard range.contains(n) else {
            sink.error(.outOfRange(allowed ?? "must be between \(range.lowerBound) and \(range.upperBound)"), location(key))
            return nil
        }
        return n
    }

    mutating func double(_ key: String, required: Bool = false, range: ClosedRange<Double>, allowed: String? = nil,
                         _ sink: inout DiagnosticSink) -> Double? {
        guard let v = value(key, required: required, &sink) else { return nil }
        let d: Double
        if let x = v.double { d = x } else if let i = v.int { d = Double(i) } else {
            sink.error(.wrongType(expected: "a number", found: Self.typeName(v.type)), location(key)); return nil
        }
        guard d.isFinite else { sink.error(.notFinite, location(key)); return nil }
        guard range.contains(d) else {
            sink.error(.outOfRange(allowed ?? "must be between \(fmt(range.lowerBound)) and \(fmt(range.upperBound))"),
                       location(key))
            return nil
        }
        return d
    }

    mutating func bool(_ key: String, _ sink: inout DiagnosticSink) -> Bool? {
        guard let v = value(key, required: false, &sink) else { return nil }
        guard let b = v.bool else {
            sink.error(.wrongType(expected: "true or false", found: Self.typeName(v.type)), location(key)); return nil
        }
        return b
    }

    mutating func date(_ key: String, required: Bool = false, _ sink: inout DiagnosticSink) -> LocalDate? {
        guard let v = value(key, required: required, &sink) else { return nil }
        return Self.date(from: v, location: location(key), &sink)
    }

    static func date(from v: TOMLValueConvertible, location: SourceLocation, _ sink: inout DiagnosticSink) -> LocalDate? {
        if let d = v.date {
            if let ld = LocalDate(year: d.year, month: d.month, day: d.day) { return ld }
        } else if let s = v.string {
            if let ld = LocalDate(iso: s.trimmingCharacters(in: .whitespaces)) { return ld }
            sink.error(.invalid("'\(s)' is not a date YYYY-MM-DD"), location); return nil
        }
        sink.error(.wrongType(expected: "a date YYYY-MM-DD", found: typeName(v.type)), location)
        return nil
    }

    mutating func time(_ key: String, required: Bool = false, _ sink: inout DiagnosticSink) -> LocalTime? {
        guard let v = value(key, required: required, &sink) else { return nil }
        if let t = v.time {
            if t.second == 0, t.nanoSecond == 0, let lt = LocalTime(minutes: t.hour * 60 + t.minute) { return lt }
            sink.error(.invalid("must be a time of day HH:MM in whole minutes"), location(key)); return nil
        }
        if let s = v.string {
            if let lt = LocalTime(hhmm: s.trimmingCharacters(in: .whitespaces)) { return lt }
            sink.error(.invalid("'\(s)' is not a time of day HH:MM (00:00 to 23:59)"), location(key)); return nil
        }
        sink.error(.wrongType(expected: "a time of day \"HH:MM\"", found: Self.typeName(v.type)), location(key))
        return nil
    }

    mutating func array(_ key: String, _ sink: inout DiagnosticSink) -> TOMLArray? {
        guard let v = value(key, required: false, &sink) else { return nil }
        guard let a = v.array else {
            sink.error(.wrongType(expected: "an array [...]", found: Self.typeName(v.type)), location(key)); return nil
        }
        return a
    }

    mutating func stringArray(_ key: String, _ sink: inout DiagnosticSink) -> [String]? {
        guard let v = value(key, required: false, &sink) else { return nil }
        if let s = v.string { return s.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        guard let a = v.array else {
            sink.error(.wrongType(expected: "an array of strings", found: Self.typeName(v.type)), location(key)); return nil
        }
        var out: [String] = []
        for e in a {
            guard let s = e.string else {
                sink.error(.wrongType(expected: "an array of strings", found: "an array holding \(Self.typeName(e.type))"),
                           location(key))
                return nil
            }
            out.append(s.trimmingCharacters(in: .whitespaces))
        }
        return out
    }

    mutating func table(_ key: String, _ sink: inout DiagnosticSink) -> TOMLTableReader? {
        guard let v = value(key, required: false, &sink) else { return nil }
        guard let t = v.table else {
            sink.error(.wrongType(expected: "a table [\(fieldPath(key))]", found: Self.typeName(v.type)), location(key))
            return nil
        }
        return TOMLTableReader(table: t, path: fieldPath(key), file: file, index: index)
    }

    /// The tables of an array of tables (`[[key]]`), each with its own path `key[k]`.
    mutating func tableArray(_ key: String, _ sink: inout DiagnosticSink) -> [TOMLTableReader]? {
        guard let v = value(key, required: false, &sink) else { return nil }
        guard let a = v.array else {
            sink.error(.wrongType(expected: "an array of tables [[\(fieldPath(key))]]", found: Self.typeName(v.type)),
                       location(key))
            return nil
        }
        var out: [TOMLTableReader] = []
        for (k, e) in a.enumerated() {
            let p = "\(fieldPath(key))[\(k + 1)]"
            guard let t = e.table else {
                sink.error(.wrongType(expected: "a table", found: Self.typeName(e.type)),
                           SourceLocation(file: file, line: index.line(of: fieldPath(key)), field: p))
                continue
            }
            out.append(TOMLTableReader(table: t, path: p, file: file, index: index))
        }
        return out
    }

    mutating func markUsed(_ key: String) { used.insert(key) }

    /// Warns about every key of this table that was not read.
    func warnUnknownKeys(_ sink: inout DiagnosticSink) {
        for key in table.keys.sorted() where !used.contains(key) {
            sink.warning(.unknownKey, location(key))
        }
    }
}

func fmt(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return String(x)
}
