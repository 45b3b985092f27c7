// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The hard rules of the benchmark (README, "Hard constraints"), numbered as there.
public enum NRPRule: Int, Sendable, CaseIterable, CustomStringConvertible {
    case oneShiftPerDay = 1
    case rotation = 2
    case maxShiftsOfType = 3
    case totalMinutes = 4
    case maxConsecutiveShifts = 5
    case minConsecutiveShifts = 6
    case minConsecutiveDaysOff = 7
    case maxWeekends = 8
    case dayOff = 9
    /// An assignment naming an employee, day or shift that does not exist.
    case unknownReference = 0

    public var description: String {
        switch self {
        case .oneShiftPerDay: return "one shift per day"
        case .rotation: return "shift rotation"
        case .maxShiftsOfType: return "maximum shifts of a type"
        case .totalMinutes: return "total minutes"
        case .maxConsecutiveShifts: return "maximum consecutive shifts"
        case .minConsecutiveShifts: return "minimum consecutive shifts"
        case .minConsecutiveDaysOff: return "minimum consecutive days off"
        case .maxWeekends: return "maximum weekends"
        case .dayOff: return "day off"
        case .unknownReference: return "unknown employee, day or shift"
        }
    }
}

public struct NRPViolation: Sendable, Hashable, CustomStringConvertible {
    var rule: NRPRule
    var employee: String
    var message: String
    public var description: String { "\(rule) (\(employee)): \(message)" }
}

/// The objective and its parts.
public struct NRPObjective: Sendable, Hashable, CustomStringConvertible {
    public var requestsOn = 0
    public var requestsOff = 0
    public var underCover = 0
    public var overCover = 0
    public var total: Int { requestsOn + requestsOff + underCover + overCover }
    public init() {}
    public var description: String {
        "\(total) (requests on \(requestsOn), requests off \(requestsOff), under cover \(underCover), over cover \(overCover))"
    }
}

public struct NRPCheckResult: Sendable {
    public var violations: [NRPViolation]
    public var objective: NRPObjective
    public var isFeasible: Bool { violations.isEmpty }
}

/// Checks a roster against the hard rules and computes its objective from the assignments alone,
/// independently of the integer model (it shares no code with `NRPModel`).
public enum NRPChecker {
    public static func check(_ instance: NRPInstance, _ roster: NRPRoster) -> NRPCheckResult {
        check(instance, assignments: roster.assignments)
    }

    public static func check(_ instance: NRPInstance, assignments: [NRPAssignment]) -> NRPCheckResult {
        let h = instance.horizon
        let shifts = instance.shifts
        var violations: [NRPViolation] = []
        // work[e][d]: the shifts employee e works on day d (normally zero or one).
        var work = Array(repeating: Array(repeating: [Int](), count: h), count: instance.employees.count)
        for a in assignments {
            guard instance.employees.indices.contains(a.employee), (0..<h).contains(a.day), shifts.indices.contains(a.shift) else {
                violations.append(NRPViolation(rule: .unknownReference, employee: "#\(a.employee)",
                                               message: "assignment (employee \(a.employee), day \(a.day), shift \(a.shift)) is out of range"))
                continue
            }
            work[a.employee][a.day].append(a.shift)
        }

        for (e, emp) in instance.employees.enumerated() {
            func add(_ rule: NRPRule, _ message: String) {
                violations.append(NRPViolation(rule: rule, employee: emp.id, message: message))
            }
            let row = work[e]
            let works = row.map { !$0.isEmpty }
            // 1.
            for d in 0..<h where row[d].count > 1 {
                add(.oneShiftPerDay, "\(row[d].count) shifts on day \(d)")
            }
            // 2.
            for d in 0..<max(0, h - 1) {
                for s in row[d] {
                    for t in row[d + 1] where shifts[s].forbiddenSuccessors.contains(t) {
                        add(.rotation, "\(shifts[t].id) on day \(d + 1) follows \(shifts[s].id) on day \(d)")
                    }
                }
            }
            // 3.
            for (s, shift) in shifts.enumerated() {
                let n = row.reduce(0) { $0 + $1.filter { $0 == s }.count }
                if n > emp.maxShifts[s] { add(.maxShiftsOfType, "\(n) shifts \(shift.id), at most \(emp.maxShifts[s])") }
            }
            // 4.
            let minutes = row.reduce(0) { $0 + $1.reduce(0) { $0 + shifts[$1].minutes } }
            if minutes > emp.maxTotalMinutes { add(.totalMinutes, "\(minutes) minutes, at most \(emp.maxTotalMinutes)") }
            if minutes < emp.minTotalMinutes { add(.totalMinutes, "\(minutes) minutes, at least \(emp.minTotalMinutes)") }
            // 5–7: runs of working days and of days off.
            var d = 0
            while d < h {
                var end = d
                while end + 1 < h && works[end + 1] == works[d] { end += 1 }
                let length = end - d + 1
                let inside = d > 0 && end < h - 1
                if works[d] {
                    if length > emp.maxConsecutiveShifts {
                        add(.maxConsecutiveShifts, "\(length) working days from day \(d), at most \(emp.maxConsecutiveShifts)")
                    }
                    if inside && length < emp.minConsecutiveShifts {
                        add(.minConsecutiveShifts, "\(length) working days from day \(d), at least \(emp.minConsecutiveShifts)")
                    }
                } else if inside && length < emp.minConsecutiveDaysOff {
                    add(.minConsecutiveDaysOff, "\(length) days off from day \(d), at least \(emp.minConsecutiveDaysOff)")
                }
                d = end + 1
            }
            // 8.
            let weekends = stride(from: 5, to: h, by: 7).filter { works[$0] || ($0 + 1 < h && works[$0 + 1]) }.count
            if weekends > emp.maxWeekends { add(.maxWeekends, "\(weekends) weekends worked, at most \(emp.maxWeekends)") }
            // 9.
            for d in emp.daysOff.sorted() where d < h && works[d] { add(.dayOff, "works on day \(d), a day off") }
        }

        var objective = NRPObjective()
        for r in instance.onRequests {
            let row = work[r.employee][r.day]
            if !(row.count == 1 && row[0] == r.shift) { objective.requestsOn += r.weight }
        }
        for r in instance.offRequests where work[r.employee][r.day].contains(r.shift) {
            objective.requestsOff += r.weight
        }
        var count = Array(repeating: Array(repeating: 0, count: shifts.count), count: h)
        for row in work { for (d, list) in row.enumerated() { for s in list { count[d][s] += 1 } } }
        for c in instance.cover {
            let n = count[c.day][c.shift]
            objective.underCover += c.underWeight * max(0, c.requirement - n)
            objective.overCover += c.overWeight * max(0, n - c.requirement)
        }
        return NRPCheckResult(violations: violations, objective: objective)
    }
}

/// The solution file: CSV with header `employee,day,shift`, one row per assignment, days 0-based.
public enum NRPSolutionCSV {
    public static func render(_ instance: NRPInstance, _ roster: NRPRoster) -> String {
        var text = "employee,day,shift\n"
        for a in roster.assignments.sorted() {
            text += "\(instance.employees[a.employee].id),\(a.day),\(instance.shifts[a.shift].id)\n"
        }
        return text
    }

    /// Reads a solution file; every error names the file, line and field.
    public static func parse(_ text: String, file: String, instance: NRPInstance) throws(NRPParseError) -> [NRPAssignment] {
        var result: [NRPAssignment] = []
        var sawHeader = false
        var number = 0
        let employees = Dictionary(instance.employees.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shifts = Dictionary(instance.shifts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            var line = Substring(raw)
            while line.last == "\r" { line = line.dropLast() }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if !sawHeader {
                guard f == ["employee", "day", "shift"] else {
                    throw NRPParseError(file: file, line: number, field: "header", message: "expected 'employee,day,shift'")
                }
                sawHeader = true
                continue
            }
            guard f.count == 3 else {
                throw NRPParseError(file: file, line: number, field: "row", message: "\(f.count) fields, expected 3 (employee, day, shift)")
            }
            guard let e = employees[f[0]] else {
                throw NRPParseError(file: file, line: number, field: "employee", message: "unknown employee '\(f[0])'")
            }
            guard let d = Int(f[1]), (0..<instance.horizon).contains(d) else {
                throw NRPParseError(file: file, line: number, field: "day", message: "'\(f[1])' is not a day in 0…\(instance.horizon - 1)")
            }
            guard let s = shifts[f[2]] else {
                throw NRPParseError(file: file, line: number, field: "shift", message: "unknown shift '\(f[2])'")
            }
            result.append(NRPAssignment(employee: e, day: d, shift: s))
        }
        guard sawHeader else { throw NRPParseError(file: file, line: 0, field: "header", message: "empty file, expected 'employee,day,shift'") }
        return result
    }
}
