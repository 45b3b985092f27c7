import Foundation

/// One record of a CSV file, with the physical line (1-based) on which it starts.
public struct CSVRecord: Sendable, Hashable {
    public let line: Int
    package let fields: [String]

    init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A malformed CSV file.
public enum CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A quoted field opened on `line` is never closed.
    case unterminatedQuote(line: Int)
    /// A quote inside an unquoted field, or text right after a closing quote.
    case strayQuote(line: Int)
    /// The bytes on `line` are not valid UTF-8.
    case invalidUTF8(line: Int)

    public var line: Int {
        switch self {
        case .unterminatedQuote(let l), .strayQuote(let l), .invalidUTF8(let l): return l
        }
    }

    public var description: String {
        switch self {
        case .unterminatedQuote: return "a quoted field starts here and is never closed"
        case .strayQuote: return "stray '\"': quote a field that contains quotes, and double the quotes inside it"
        case .invalidUTF8: return "the text is neither UTF-8, UTF-16 nor GB18030 (GBK): save the file as \"CSV UTF-8\", or name its encoding in team.toml (csv_encoding = \"windows-1252\")"
        }
    }
}

/// A small RFC 4180 reader: comma-separated fields, fields quoted with `"` (which may then hold commas,
/// doubled quotes and line breaks), records ended by CRLF, LF or CR. A leading UTF-8 byte-order mark
/// is skipped. It is written by hand because it must report the physical line of every record, which
/// the CSV packages available to the project do not (see Docs/formats.md).
///
/// Extensions for human-edited files: empty lines are skipped, and a line whose first character is `#`
/// (outside quotes) is a comment. Unquoted fields are trimmed of spaces and tabs; quoted fields are kept
/// as written.
public enum CSVReader {
    public static func parse(_ data: Data) throws(CSVError) -> [CSVRecord] {
        try parse(bytes: [UInt8](data))
    }

    public static func parse(_ text: String) throws(CSVError) -> [CSVRecord] {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses with `separator` between fields (`,`; `;` or a tab for files saved that way).
    static func parse(bytes input: [UInt8], separator comma: UInt8 = 0x2C) throws(CSVError) -> [CSVRecord] {
        var start = 0
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { start = 3 }
        try validateUTF8(input, from: start)

        let quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, hash: UInt8 = 0x23
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1                 // physical line of the current position
        var recordLine = 1           // physical line where the current record began
        var fieldWasQuoted = false
        var atRecordStart = true
        var fieldWasQuotedInRecord = false
        var i = start
        let n = input.count

        func finishField() {
            if fieldWasQuoted {
                fields.append(String(decoding: field, as: UTF8.self))
            } else {
                fields.append(trimmed(field))
            }
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func finishRecord() {
            finishField()
            // An empty line gives one empty unquoted field: skip it.
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuotedInRecord) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
            fieldWasQuotedInRecord = false
            atRecordStart = true
        }

        while i < n {
            let c = input[i]
            if atRecordStart {
                recordLine = line
                atRecordStart = false
                if c == hash {
                    // Comment line: skip to its end.
                    while i < n, input[i] != lf, input[i] != cr { i += 1 }
                    if i < n {
                        if input[i] == cr, i + 1 < n, input[i + 1] == lf { i += 1 }
                        i += 1
                        line += 1
                    }
                    atRecordStart = true
                    continue
                }
            }
            if c == quote && field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) && !fieldWasQuoted {
                // A quoted field (spaces before the opening quote are dropped).
                field.removeAll(keepingCapacity: true)
                fieldWasQuoted = true
                fieldWasQuotedInRecord = true
                let openLine = line
                i += 1
                var closed = false
                while i < n {
                    let d = input[i]
                    if d == quote {
                        if i + 1 < n, input[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    if d == cr {
                        field.append(cr)
                        i += 1
                        if i < n, input[i] == lf { field.append(lf); i += 1 }
                        line += 1
                        continue
                    } else if d == lf {
                        line += 1
                    }
                    field.append(d)
                    i += 1
                }
                if !closed { throw .unterminatedQuote(line: openLine) }
                // After the closing quote: only spaces, then a separator or the end of the record.
                while i < n, input[i] == 0x20 || input[i] == 0x09 { i += 1 }
                if i < n, input[i] != comma, input[i] != cr, input[i] != lf { throw .strayQuote(line: line) }
                continue
            }
            switch c {
            case comma:
                finishField()
                i += 1
            case cr, lf:
                if c == cr, i + 1 < n, input[i + 1] == lf { i += 1 }
                i += 1
                finishRecord()
                line += 1
            case quote:
                throw .strayQuote(line: line)
            default:
                field.append(c)
                i += 1
            }
        }
        if !atRecordStart || !fields.isEmpty || !field.isEmpty || fieldWasQuoted {
            finishRecord()
        }
        return records
    }

    /// The field separator of a file: `,`, unless its header line (the first that is neither empty nor a
    /// comment) has no comma outside quotes but a `;` (Excel in many locales) or a tab.
    static func separator(of input: [UInt8]) -> UInt8 {
        var i = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < input.count {
            var j = i
            while j < input.count, input[j] != 0x0A, input[j] != 0x0D { j += 1 }
            let line = input[i..<j]
            let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if !blank && line.first(where: { $0 != 0x20 && $0 != 0x09 }) != 0x23 {
                var quoted = false, commas = 0, semicolons = 0, tabs = 0
                for b in line {
                    if b == 0x22 { quoted.toggle() } else if !quoted {
                        if b == 0x2C { commas += 1 } else if b == 0x3B { semicolons += 1 } else if b == 0x09 { tabs += 1 }
                    }
                }
                if commas > 0 { return 0x2C }
                if semicolons > 0 { return 0x3B }
                if tabs > 0 { return 0x09 }
                return 0x2C
            }
            i = j + 1
        }
        return 0x2C
    }

    private static func trimmed(_ bytes: [UInt8]) -> String {
        var lo = 0, hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    /// Throws with the line of the first byte sequence that is not UTF-8.
    static func validateUTF8(_ bytes: [UInt8], from start: Int) throws(CSVError) {
        if bytes[start...].allSatisfy({ $0 < 0x80 }) { return }
        var lineStart = start
        var line = 1
        var i = start
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == 0x0A {
                if String(validating: bytes[lineStart..<i], as: UTF8.self) == nil { throw .invalidUTF8(line: line) }
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
    }
}
