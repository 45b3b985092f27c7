// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A problem in an instance or solution file, with where it is.
public struct NRPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    var file: String
    /// 1-based line number; 0 when the problem concerns the whole file.
    var line: Int
    /// The field (or section) concerned.
    var field: String
    var message: String

    init(file: String, line: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(field): \(message)" : "\(file): \(field): \(message)"
    }
}

/// Sizes beyond which an instance is refused as absurd (the largest published one has 364 days,
/// 150 employees and 32 shift types).
public struct NRPLimits: Sendable {
    var maxBytes = 64 << 20
    public var maxHorizon = 3_660
    public var maxShiftTypes = 200
    public var maxEmployees = 5_000
    /// Employees × days × shift types: the binary columns of the model.
    public var maxCells = 5_000_000
    var maxRequirement = 100_000
    var maxWeight = 1_000_000
    public static let standard = NRPLimits()
    public init() {}
}

/// Reads the benchmark's text format (see the README beside the instances).
public enum NRPParser {
    static let sections = ["SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
                           "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER"]

    public static func parse(fileAt url: URL, limits: NRPLimits = .standard) throws(NRPParseError) -> NRPInstance {
        let name = url.path
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
            // A device or a named pipe would be read forever or block: only regular files are instances.
            if let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
                let what = type == .typeDirectory ? "a folder" : type == .typeCharacterSpecial || type == .typeBlockSpecial ? "a device"
                    : type == .typeSocket ? "a socket" : "not a regular file (a named pipe?)"
                throw NRPParseError(file: name, line: 0, field: "file", message: "cannot be read: it is \(what)")
            }
            if let size = attributes[.size] as? Int, size > limits.maxBytes {
                throw NRPParseError(file: name, line: 0, field: "file", message: "\(size) bytes is more than the limit of \(limits.maxBytes)")
            }
            data = try Data(contentsOf: url)
        } catch let e as NRPParseError {
            throw e
        } catch {
            throw NRPParseError(file: name, line: 0, field: "file", message: "cannot be read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NRPParseError(file: name, line: 0, field: "file", message: "is not UTF-8 text")
        }
        var instanceName = url.deletingPathExtension().lastPathComponent
        if instanceName.isEmpty { instanceName = name }
        return try parse(text, file: name, name: instanceName, limits: limits)
    }

    /// Parses the text of an instance; `file` names it in errors.
    public static func parse(_ text: String, file: String, name: String? = nil, limits: NRPLimits = .standard) throws(NRPParseError) -> NRPInstance {
        func fail(_ line: Int, _ field: String, _ message: String) -> NRPParseError {
            NRPParseError(file: file, line: line, field: field, message: message)
        }
        guard text.utf8.count <= limits.maxBytes else {
            throw fail(0, "file", "\(text.utf8.count) bytes is more than the limit of \(limits.maxBytes)")
        }
        // Data lines grouped by section, with their line numbers.
        var lines: [[(number: Int, fields: [String])]] = Array(repeating: [], count: sections.count)
        var headerLine = [Int](repeating: 0, count: sections.count)
        var current = -1
        var number = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            var line = Substring(raw)
            while line.last == "\r" { line = line.dropLast() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("SECTION_") {
                guard let k = sections.firstIndex(of: trimmed) else {
                    throw fail(number, trimmed, "unknown section (expected one of \(sections.joined(separator: ", ")))")
                }
                if headerLine[k] != 0 { throw fail(number, trimmed, "section repeated (first on line \(headerLine[k]))") }
                guard k > current else {
                    throw fail(number, trimmed, "out of order: must come before \(sections[current])")
                }
                headerLine[k] = number
                current = k
                continue
            }
            guard current >= 0 else { throw fail(number, "line", "data before the first section (SECTION_HORIZON)") }
            lines[current].append((number, trimmed.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        for (k, section) in sections.enumerated() where headerLine[k] == 0 {
            throw fail(0, section, "section missing")
        }

        func int(_ text: String, line: Int, field: String, min: Int = 0, max: Int) throws(NRPParseError) -> Int {
            guard !text.isEmpty else { throw fail(line, field, "empty, expected an integer") }
            guard let v = Int(text) else { throw fail(line, field, "'\(text)' is not an integer") }
            guard v >= min else { throw fail(line, field, "\(v) is less than \(min)") }
            guard v <= max else { throw fail(line, field, "\(v) is more than the limit of \(max)") }
            return v   // "-0" reads as 0
        }
        func fieldCount(_ entry: (number: Int, fields: [String]), _ range: ClosedRange<Int>, _ section: String, _ names: String) throws(NRPParseError) {
            guard range.contains(entry.fields.count) else {
                throw fail(entry.number, section, "\(entry.fields.count) fields, expected \(range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)") (\(names))")
            }
        }
        func identifier(_ text: String, line: Int, field: String) throws(NRPParseError) -> String {
            guard !text.isEmpty else { throw fail(line, field, "empty") }
            guard text.count <= 200 else { throw fail(line, field, "longer than 200 characters") }
            return text
        }

        // 1. Horizon.
        guard lines[0].count == 1, lines[0][0].fields.count == 1 else {
            let at = lines[0].first?.number ?? headerLine[0]
            throw fail(lines[0].count > 1 ? lines[0][1].number : at, "SECTION_HORIZON", "expected exactly one line holding one integer")
        }
        let horizon = try int(lines[0][0].fields[0], line: lines[0][0].number, field: "horizon", min: 1, max: limits.maxHorizon)

        // 2. Shift types (successors resolved once all are known).
        var shifts: [NRPShift] = []
        var shiftIndex: [String: Int] = [:]
        var successorText: [(number: Int, text: String)] = []
        for entry in lines[1] {
            try fieldCount(entry, 2...3, "SECTION_SHIFTS", "ShiftID, length in minutes, successors")
            let id = try identifier(entry.fields[0], line: entry.number, field: "ShiftID")
            guard shiftIndex[id] == nil else { throw fail(entry.number, "ShiftID", "shift '\(id)' defined twice") }
            let minutes = try int(entry.fields[1], line: entry.number, field: "length of shift '\(id)'", min: 1, max: 1440)
            shiftIndex[id] = shifts.count
            shifts.append(NRPShift(id: id, minutes: minutes))
            successorText.append((entry.number, entry.fields.count > 2 ? entry.fields[2] : ""))
            guard shifts.count <= limits.maxShiftTypes else { throw fail(entry.number, "SECTION_SHIFTS", "more than \(limits.maxShiftTypes) shift types") }
        }
        guard !shifts.isEmpty else { throw fail(headerLine[1], "SECTION_SHIFTS", "no shift types") }
        for (k, s) in successorText.enumerated() where !s.text.isEmpty {
            var seen = Set<Int>()
            for part in s.text.split(separator: "|", omittingEmptySubsequences: false) {
                let id = part.trimmingCharacters(in: .whitespaces)
                guard let j = shiftIndex[id] else {
                    throw fail(s.number, "successors of '\(shifts[k].id)'", "unknown shift '\(id)'")
                }
                if seen.insert(j).inserted { shifts[k].forbiddenSuccessors.append(j) }
            }
        }

        // 3. Staff.
        var employees: [NRPEmployee] = []
        var employeeIndex: [String: Int] = [:]
        let names = "ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends"
        for entry in lines[2] {
            try fieldCount(entry, 8...8, "SECTION_STAFF", names)
            let f = entry.fields, n = entry.number
            let id = try identifier(f[0], line: n, field: "ID")
            guard employeeIndex[id] == nil else { throw fail(n, "ID", "employee '\(id)' defined twice") }
            var maxShifts = [Int?](repeating: nil, count: shifts.count)
            for part in f[1].split(separator: "|", omittingEmptySubsequences: false) {
                let pair = part.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { throw fail(n, "MaxShifts of '\(id)'", "'\(part)' is not ShiftID=n") }
                guard let j = shiftIndex[pair[0]] else { throw fail(n, "MaxShifts of '\(id)'", "unknown shift '\(pair[0])'") }
                guard maxShifts[j] == nil else { throw fail(n, "MaxShifts of '\(id)'", "shift '\(pair[0])' given twice") }
                maxShifts[j] = try int(pair[1], line: n, field: "MaxShifts of '\(id)' for '\(pair[0])'", max: horizon)
            }
            if let missing = maxShifts.firstIndex(where: { $0 == nil }) {
                throw fail(n, "MaxShifts of '\(id)'", "no limit given for shift '\(shifts[missing].id)'")
            }
            let minuteLimit = horizon * 1440
            let maxTotal = try int(f[2], line: n, field: "MaxTotalMinutes of '\(id)'", max: minuteLimit)
            let minTotal = try int(f[3], line: n, field: "MinTotalMinutes of '\(id)'", max: minuteLimit)
            guard minTotal <= maxTotal else {
                throw fail(n, "MinTotalMinutes of '\(id)'", "\(minTotal) exceeds MaxTotalMinutes \(maxTotal)")
            }
            let maxCons = try int(f[4], line: n, field: "MaxConsecutiveShifts of '\(id)'", max: 100_000)
            let minCons = try int(f[5], line: n, field: "MinConsecutiveShifts of '\(id)'", max: 100_000)
            let minOff = try int(f[6], line: n, field: "MinConsecutiveDaysOff of '\(id)'", max: 100_000)
            let maxWeekends = try int(f[7], line: n, field: "MaxWeekends of '\(id)'", max: 100_000)
            employeeIndex[id] = employees.count
            employees.append(NRPEmployee(id: id, maxShifts: maxShifts.map { $0! }, maxTotalMinutes: maxTotal, minTotalMinutes: minTotal,
                                         maxConsecutiveShifts: maxCons, minConsecutiveShifts: minCons,
                                         minConsecutiveDaysOff: minOff, maxWeekends: maxWeekends))
            guard employees.count <= limits.maxEmployees else { throw fail(n, "SECTION_STAFF", "more than \(limits.maxEmployees) employees") }
            guard employees.count * horizon * shifts.count <= limits.maxCells else {
                throw fail(n, "SECTION_STAFF", "employees × days × shift types exceeds \(limits.maxCells)")
            }
        }
        guard !employees.isEmpty else { throw fail(headerLine[2], "SECTION_STAFF", "no employees") }

        func employee(_ text: String, line: Int) throws(NRPParseError) -> Int {
            guard let e = employeeIndex[text] else { throw fail(line, "EmployeeID", "unknown employee '\(text)'") }
            return e
        }
        func shift(_ text: String, line: Int) throws(NRPParseError) -> Int {
            guard let s = shiftIndex[text] else { throw fail(line, "ShiftID", "unknown shift '\(text)'") }
            return s
        }
        func day(_ text: String, line: Int, field: String = "Day") throws(NRPParseError) -> Int {
            try int(text, line: line, field: field, max: horizon - 1)
        }

        // 4. Days off.
        for entry in lines[3] {
            let e = try employee(entry.fields[0], line: entry.number)
            for (i, text) in entry.fields.dropFirst().enumerated() {
                if text.isEmpty && i == entry.fields.count - 2 { continue }   // a trailing comma
                employees[e].daysOff.insert(try day(text, line: entry.number, field: "day \(i + 1) of '\(entry.fields[0])'"))
            }
        }

        // 5, 6. Requests.
        func requests(_ k: Int) throws(NRPParseError) -> [NRPRequest] {
            var list: [NRPRequest] = []
            for entry in lines[k] {
                try fieldCount(entry, 4...4, sections[k], "EmployeeID, Day, ShiftID, Weight")
                let f = entry.fields, n = entry.number
                list.append(NRPRequest(employee: try employee(f[0], line: n), day: try day(f[1], line: n),
                                       shift: try shift(f[2], line: n),
                                       weight: try int(f[3], line: n, field: "Weight", max: limits.maxWeight)))
            }
            return list
        }
        let on = try requests(4)
        let off = try requests(5)

        // 7. Cover.
        var cover: [NRPCover] = []
        var coverLine: [Int: Int] = [:]
        for entry in lines[6] {
            try fieldCount(entry, 5...5, "SECTION_COVER", "Day, ShiftID, Requirement, Weight for under, Weight for over")
            let f = entry.fields, n = entry.number
            let c = NRPCover(day: try day(f[0], line: n), shift: try shift(f[1], line: n),
                             requirement: try int(f[2], line: n, field: "Requirement", max: limits.maxRequirement),
                             underWeight: try int(f[3], line: n, field: "Weight for under", max: limits.maxWeight),
                             overWeight: try int(f[4], line: n, field: "Weight for over", max: limits.maxWeight))
            let key = c.day * shifts.count + c.shift
            if let first = coverLine[key] {
                throw fail(n, "SECTION_COVER", "day \(c.day), shift '\(f[1])' already covered on line \(first)")
            }
            coverLine[key] = n
            cover.append(c)
        }
        return NRPInstance(name: name ?? file, horizon: horizon, shifts: shifts, employees: employees,
                           onRequests: on, offRequests: off, cover: cover)
    }
}
