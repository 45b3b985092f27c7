import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A roster file that cannot be read, with the file, line and field at fault.
public struct RosterFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// `roster.csv`: one row per shift.
///
/// Columns: `agent_id, agent_name, date, start, end, shift, break_start, break_end`; times are ISO 8601
/// with the UTC offset in force (e.g. `2027-03-15T22:00:00+08:00`), so the file is exact on its own.
public enum RosterCSV {
    static let header = ["agent_id", "agent_name", "date", "start", "end", "shift", "break_start", "break_end"]
    /// Largest roster file read (64 MiB, like a scenario file), checked before it is read.
    static let maxFileBytes = 64 << 20
    /// Most shifts in a roster file (20,000 agents for 50 days, far beyond any team).
    static let maxShifts = 1_000_000

    /// The file's text. roster.csv itself carries every value exactly as the scenario has it (the tool
    /// reads it back); `forSpreadsheet` (the `export csv` file meant for Excel and the like) also defuses
    /// text that a spreadsheet would run as a formula (OWASP's CSV-injection advice: a leading `=`, `+`,
    /// `-`, `@`, tab or carriage return gets a `'` in front).
    public static func render(_ roster: Roster, clock: ZoneClock, byteOrderMark: Bool = false, forSpreadsheet: Bool = false) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        out += header.joined(separator: ",") + "\r\n"
        for s in roster.shifts {
            let fields = [s.agentID, s.agentName, s.date.description, clock.iso8601(s.start), clock.iso8601(s.end), s.shiftName,
                          s.breakStart.map(clock.iso8601) ?? "", s.breakEnd.map(clock.iso8601) ?? ""]
            out += fields.map { escape($0, forSpreadsheet: forSpreadsheet) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A field quoted where CSV needs it; for a spreadsheet, formulas defused first.
    public static func escape(_ field: String, forSpreadsheet: Bool = false) -> String {
        var f = field
        if forSpreadsheet, let first = f.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { f = "'" + f }
        // By scalar: "\r\n" is one Character, equal to neither "\r" nor "\n".
        if f.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || f != f.trimmingCharacters(in: .whitespaces) {
            return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return f
    }

    /// Reads a roster CSV; every problem is reported with its line and field.
    public static func parse(_ text: String, file: String, teamName: String = "", timeZoneIdentifier: String = "UTC") throws(RosterFileError) -> Roster {
        let records: [CSVRecord]
        do { records = try CSVReader.parse(text) } catch { throw RosterFileError(SourceLocation(file: file, line: error.line), error.description) }
        guard let head = records.first else { throw RosterFileError(SourceLocation(file: file), "the file is empty") }
        let names = head.fields.map { $0.lowercased() }
        var column: [String: Int] = [:]
        for (i, n) in names.enumerated() { column[n] = i }
        for required in header.prefix(6) where column[required] == nil {
            throw RosterFileError(SourceLocation(file: file, line: head.line, field: required), "missing column (expected: \(header.joined(separator: ",")))")
        }
        if records.count - 1 > maxShifts {
            throw RosterFileError(SourceLocation(file: file, line: records[maxShifts + 1].line), "too many shifts: at most \(maxShifts)")
        }
        var shifts: [RosterShift] = []
        for r in records.dropFirst() {
            func field(_ name: String) -> String { column[name].flatMap { $0 < r.fields.count ? r.fields[$0] : nil } ?? "" }
            func fail(_ name: String, _ why: String) -> RosterFileError { RosterFileError(SourceLocation(file: file, line: r.line, field: name), why) }
            func instant(_ name: String, optional: Bool = false) throws(RosterFileError) -> Date? {
                let value = field(name)
                if value.isEmpty { if optional { return nil }; throw fail(name, "missing") }
                guard let t = ISO8601.parse(value) else { throw fail(name, "'\(value)' is not an ISO 8601 date-time with a UTC offset") }
                return t
            }
            guard r.fields.count == names.count else {
                throw fail(header[min(r.fields.count, header.count - 1)], "\(r.fields.count) fields, the header has \(names.count)")
            }
            let id = field("agent_id")
            if id.isEmpty { throw fail("agent_id", "missing") }
            guard let date = LocalDate(iso: field("date")) else { throw fail("date", "'\(field("date"))' is not a date YYYY-MM-DD") }
            guard let start = try instant("start"), let end = try instant("end") else { throw fail("start", "missing") }
            guard end > start else { throw fail("end", "the shift ends before it starts") }
            let shiftName = field("shift")
            if shiftName.isEmpty { throw fail("shift", "missing") }
            let b0 = try instant("break_start", optional: true), b1 = try instant("break_end", optional: true)
            if (b0 == nil) != (b1 == nil) { throw fail(b0 == nil ? "break_start" : "break_end", "a break needs both a start and an end") }
            if let b0, let b1, !(start <= b0 && b0 < b1 && b1 <= end) { throw fail("break_start", "the break must lie inside the shift") }
            shifts.append(RosterShift(agentID: id, agentName: field("agent_name"), date: date, shiftName: shiftName,
                                      start: start, end: end, breakStart: b0, breakEnd: b1))
        }
        return Roster(teamName: teamName, timeZoneIdentifier: timeZoneIdentifier, shifts: shifts)
    }

    public static func read(_ url: URL, teamName: String = "", timeZoneIdentifier: String = "UTC") throws(RosterFileError) -> Roster {
        switch FileEntry.kind(url) {
        case .file: break
        case .missing: throw RosterFileError(SourceLocation(file: url.path), "no such file")
        case .dangling(let target): throw RosterFileError(SourceLocation(file: url.path), "it is a symbolic link to \(target), which does not exist")
        case .folder:
            // A version folder stands for its roster.csv (as `--roster` does), after any cut-short write is rolled back.
            let inside = url.appendingPathComponent("roster.csv")
            guard FileEntry.kind(inside) == .file else {
                throw RosterFileError(SourceLocation(file: url.path), "it is a folder without roster.csv")
            }
            AtomicFile.recover(in: url)
            return try read(inside, teamName: teamName, timeZoneIdentifier: timeZoneIdentifier)
        case .special(let what): throw RosterFileError(SourceLocation(file: url.path), "it is \(what), not a roster file")
        }
        let limit = RosterCSV.maxFileBytes
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber, size.intValue > limit {
            throw RosterFileError(SourceLocation(file: url.path), "the file is \(size.intValue) bytes; the limit is \(limit >> 20) MiB")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw RosterFileError(SourceLocation(file: url.path), "cannot read: \(error.localizedDescription)") }
        guard data.count <= limit else { throw RosterFileError(SourceLocation(file: url.path), "the file is larger than \(limit >> 20) MiB") }
        guard let text = String(data: data, encoding: .utf8) else {
            var bytes = [UInt8](data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            var line: Int? = nil
            do { try CSVReader.validateUTF8(bytes, from: 0) } catch { line = error.line }
            throw RosterFileError(SourceLocation(file: url.path, line: line), "not UTF-8 text (save the file as UTF-8)")
        }
        return try parse(text, file: url.path, teamName: teamName, timeZoneIdentifier: timeZoneIdentifier)
    }
}

/// ISO 8601 date-times with a UTC offset or `Z`: `2027-03-15T22:00:00+08:00`, `2027-03-15T14:00Z`.
public enum ISO8601 {
    public static func parse(_ text: String) -> Date? {
        let s = Array(text.utf8)
        guard s.count >= 17 else { return nil }
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var v = 0
            for i in from..<(from + count) { guard s[i] >= 48 && s[i] <= 57 else { return nil }; v = v * 10 + Int(s[i] - 48) }
            return v
        }
        guard let y = num(0, 4), s[4] == 45, let mo = num(5, 2), s[7] == 45, let d = num(8, 2),
              s[10] == 84 || s[10] == 32, let h = num(11, 2), s[13] == 58, let mi = num(14, 2),
              let date = LocalDate(year: y, month: mo, day: d), h < 24, mi < 60 else { return nil }
        var i = 16
        var sec = 0
        if i < s.count, s[i] == 58 { guard let v = num(i + 1, 2), v < 60 else { return nil }; sec = v; i += 3 }
        guard i < s.count else { return nil }
        var offset = 0
        if s[i] == 90 || s[i] == 122 { i += 1 } else if s[i] == 43 || s[i] == 45 {
            guard let oh = num(i + 1, 2), i + 3 < s.count, s[i + 3] == 58, let om = num(i + 4, 2), oh < 24, om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (s[i] == 45 ? -1 : 1)
            i += 6
        } else { return nil }
        guard i == s.count else { return nil }
        let seconds = Double(date.dayNumber) * 86_400 + Double(h * 3600 + mi * 60 + sec) - Double(offset)
        return Date(timeIntervalSince1970: seconds)
    }
}

/// Writes files whole or not at all: to a temporary file in the same folder, flushed, then renamed.
public enum AtomicFile {
    public struct WriteError: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ data: Data, to url: URL) throws(WriteError) {
        let dir = url.deletingLastPathComponent()
        // Temporary files a crashed run left here go first (only `.NAME.PID.RANDOM.tmp` of a process that is gone).
        recover(in: dir)
        let tmp = sibling(of: url, "tmp")
        do {
            try data.write(to: tmp, options: [])
        } catch {
            // A full disk leaves part of the file: it goes too.
            unlink(tmp.path)
            throw WriteError(path: url.path, reason: error.localizedDescription)
        }
        if let handle = try? FileHandle(forUpdating: tmp) { try? handle.synchronize(); try? handle.close() }
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw WriteError(path: url.path, reason: reason)
        }
    }

    public static func write(_ text: String, to url: URL) throws(WriteError) {
        try write(Data(text.utf8), to: url)
    }

    /// A hidden name beside `url` for a temporary or backup file of this process.
    static func sibling(of url: URL, _ suffix: String) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).\(suffix)")
    }
}
