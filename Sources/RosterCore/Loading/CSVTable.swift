import Foundation

/// A CSV file read against a known header: required and optional columns, the rest warned about.
package struct CSVTable {
    package let file: String
    package let headerLine: Int
    /// Data rows whose field count matches the header.
    package let rows: [CSVRecord]
    private let columns: [String: Int]

    /// Reads `text`; records diagnostics and returns nil when the file cannot be used at all.
    package static func read(file: String, data: Data, required: [String], optional: [String],
                     _ sink: inout DiagnosticSink) -> CSVTable? {
        let records: [CSVRecord]
        // Text saved by a spreadsheet: UTF-16 and GB18030 (Chinese Excel) are read too, and said; `;`- and
        // tab-separated files are read by their header.
        var bytes = [UInt8](data)
        if let decoded = TextDecoding.utf8(bytes) {
            bytes = decoded.bytes
            if decoded.encoding != .utf8 {
                sink.warning(.notice("read as \(decoded.encoding.rawValue), not UTF-8; saving it as \"CSV UTF-8\" avoids the guess"),
                             SourceLocation(file: file))
            }
        }
        let separator = CSVReader.separator(of: bytes)
        do {
            records = try CSVReader.parse(bytes: bytes, separator: separator)
        } catch {
            sink.error(.csv(error), SourceLocation(file: file, line: error.line))
            return nil
        }
        guard let header = records.first else {
            sink.error(.emptyFile, SourceLocation(file: file))
            return nil
        }
        var columns: [String: Int] = [:]
        var ok = true
        for (i, raw) in header.fields.enumerated() {
            let name = normalize(raw)
            if columns[name] != nil {
                sink.error(.duplicateColumn(name), SourceLocation(file: file, line: header.line, field: name))
                ok = false
            } else {
                columns[name] = i
            }
            if !required.contains(name) && !optional.contains(name) {
                sink.warning(.unknownColumn(raw), SourceLocation(file: file, line: header.line, field: raw))
            }
        }
        for name in required where columns[name] == nil {
            sink.error(.missingColumn(name), SourceLocation(file: file, line: header.line, field: name))
            ok = false
        }
        guard ok else { return nil }
        var rows: [CSVRecord] = []
        rows.reserveCapacity(records.count - 1)
        for r in records.dropFirst() {
            if r.fields.count != header.fields.count {
                sink.error(.fieldCount(expected: header.fields.count, found: r.fields.count), SourceLocation(file: file, line: r.line))
                continue
            }
            rows.append(r)
        }
        return CSVTable(file: file, headerLine: header.line, rows: rows, columns: columns)
    }

    package static func normalize(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_")
    }

    package func has(_ column: String) -> Bool { columns[column] != nil }

    /// The field of `row` in `column`, trimmed; nil when the column is absent or the field empty.
    package func value(_ row: CSVRecord, _ column: String) -> String? {
        guard let i = columns[column], i < row.fields.count else { return nil }
        let v = row.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
        return v.isEmpty ? nil : v
    }

    package func location(_ row: CSVRecord, _ column: String) -> SourceLocation {
        SourceLocation(file: file, line: row.line, field: column)
    }

    /// A number field: finite, plain decimal notation (no hex, no `nan`/`inf`), within range.
    package func number(_ row: CSVRecord, _ column: String, range: ClosedRange<Double>, required: Bool, allowed: String? = nil,
                _ sink: inout DiagnosticSink) -> Double? {
        guard let text = value(row, column) else {
            if required { sink.error(.missingField, location(row, column)) }
            return nil
        }
        guard let d = CSVTable.parseNumber(text) else {
            if let x = Double(text), !x.isFinite { sink.error(.notFinite, location(row, column)) } else {
                sink.error(.invalid("'\(text)' is not a number"), location(row, column))
            }
            return nil
        }
        guard range.contains(d) else {
            sink.error(.outOfRange(allowed ?? "must be between \(fmt(range.lowerBound)) and \(fmt(range.upperBound)); got \(text)"),
                       location(row, column))
            return nil
        }
        return d
    }

    package static func parseNumber(_ text: String) -> Double? {
        guard !text.isEmpty, text.count <= 40,
              text.allSatisfy({ "0123456789.-+eE".contains($0) }),
              let d = Double(text), d.isFinite else { return nil }
        return d
    }

    package func integer(_ row: CSVRecord, _ column: String, range: ClosedRange<Int>, required: Bool, allowed: String? = nil,
                 _ sink: inout DiagnosticSink) -> Int? {
        guard let text = value(row, column) else {
            if required { sink.error(.missingField, location(row, column)) }
            return nil
        }
        guard let n = Int(text) else {
            sink.error(.invalid("'\(text)' is not a whole number"), location(row, column))
            return nil
        }
        guard range.contains(n) else {
            sink.error(.outOfRange(allowed ?? "must be between \(range.lowerBound) and \(range.upperBound); got \(text)"),
                       location(row, column))
            return nil
        }
        return n
    }

    package func bool(_ row: CSVRecord, _ column: String, _ sink: inout DiagnosticSink) -> Bool? {
        guard let text = value(row, column)?.lowercased() else { return nil }
        switch text {
        case "yes", "y", "true", "1", "是": return true
        case "no", "n", "false", "0", "否": return false
        default:
            sink.error(.invalid("'\(text)' is not yes or no"), location(row, column))
            return nil
        }
    }

    /// A `;`-separated list (empty items dropped).
    package func list(_ row: CSVRecord, _ column: String) -> [String]? {
        guard let text = value(row, column) else { return nil }
        return text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
