// SPDX-License-Identifier: GPL-3.0-or-later
// The employee shift scheduling benchmark of Curtois & Qu (2014): instance data.
// See /work/shared/benchmarks/nrp/README.md (the format) and Docs/nrp.md (the model).

/// A shift type.
public struct NRPShift: Sendable, Hashable {
    public var id: String
    /// Length in minutes.
    var minutes: Int
    /// Indices of the shift types that may not be worked on the day after this one.
    var forbiddenSuccessors: [Int]

    init(id: String, minutes: Int, forbiddenSuccessors: [Int] = []) {
        self.id = id
        self.minutes = minutes
        self.forbiddenSuccessors = forbiddenSuccessors
    }
}

/// An employee and their hard limits.
public struct NRPEmployee: Sendable, Hashable {
    public var id: String
    /// For each shift type (by index), how often the employee may work it (0: never).
    var maxShifts: [Int]
    var maxTotalMinutes: Int
    var minTotalMinutes: Int
    var maxConsecutiveShifts: Int
    var minConsecutiveShifts: Int
    var minConsecutiveDaysOff: Int
    var maxWeekends: Int
    /// Days on which the employee must not work.
    var daysOff: Set<Int>

    init(id: String, maxShifts: [Int], maxTotalMinutes: Int, minTotalMinutes: Int, maxConsecutiveShifts: Int,
                minConsecutiveShifts: Int, minConsecutiveDaysOff: Int, maxWeekends: Int, daysOff: Set<Int> = []) {
        self.id = id
        self.maxShifts = maxShifts
        self.maxTotalMinutes = maxTotalMinutes
        self.minTotalMinutes = minTotalMinutes
        self.maxConsecutiveShifts = maxConsecutiveShifts
        self.minConsecutiveShifts = minConsecutiveShifts
        self.minConsecutiveDaysOff = minConsecutiveDaysOff
        self.maxWeekends = maxWeekends
        self.daysOff = daysOff
    }
}

/// A shift-on or shift-off request.
public struct NRPRequest: Sendable, Hashable {
    var employee: Int
    public var day: Int
    var shift: Int
    var weight: Int
    init(employee: Int, day: Int, shift: Int, weight: Int) {
        self.employee = employee
        self.day = day
        self.shift = shift
        self.weight = weight
    }
}

/// The preferred number of employees on a shift on a day.
public struct NRPCover: Sendable, Hashable {
    public var day: Int
    var shift: Int
    public var requirement: Int
    var underWeight: Int
    var overWeight: Int
    init(day: Int, shift: Int, requirement: Int, underWeight: Int, overWeight: Int) {
        self.day = day
        self.shift = shift
        self.requirement = requirement
        self.underWeight = underWeight
        self.overWeight = overWeight
    }
}

/// One instance of the benchmark.
public struct NRPInstance: Sendable {
    public var name: String
    /// Days 0 ..< horizon; day 0 is a Monday.
    public var horizon: Int
    public var shifts: [NRPShift]
    public var employees: [NRPEmployee]
    var onRequests: [NRPRequest]
    var offRequests: [NRPRequest]
    var cover: [NRPCover]

    public init(name: String, horizon: Int, shifts: [NRPShift], employees: [NRPEmployee], onRequests: [NRPRequest] = [],
                offRequests: [NRPRequest] = [], cover: [NRPCover] = []) {
        self.name = name
        self.horizon = horizon
        self.shifts = shifts
        self.employees = employees
        self.onRequests = onRequests
        self.offRequests = offRequests
        self.cover = cover
    }

    /// Weekends touching the horizon: weekend w is Saturday 7w+5 and Sunday 7w+6 (days beyond the horizon left out).
    var weekends: [[Int]] {
        stride(from: 5, to: horizon, by: 7).map { sat in [sat, sat + 1].filter { $0 < horizon } }
    }

    func shiftIndex(_ id: String) -> Int? { shifts.firstIndex { $0.id == id } }
    func employeeIndex(_ id: String) -> Int? { employees.firstIndex { $0.id == id } }
}

/// One assignment of a roster: an employee works a shift on a day.
public struct NRPAssignment: Sendable, Hashable, Comparable {
    var employee: Int
    public var day: Int
    var shift: Int
    public init(employee: Int, day: Int, shift: Int) {
        self.employee = employee
        self.day = day
        self.shift = shift
    }
    public static func < (a: NRPAssignment, b: NRPAssignment) -> Bool {
        (a.employee, a.day, a.shift) < (b.employee, b.day, b.shift)
    }
}

/// A roster as a grid: `shift[e][d]` is the shift index employee e works on day d, or nil for a day off.
public struct NRPRoster: Sendable, Hashable {
    var shift: [[Int?]]

    init(employees: Int, horizon: Int) {
        shift = Array(repeating: Array(repeating: nil, count: horizon), count: employees)
    }

    init(_ instance: NRPInstance, assignments: [NRPAssignment]) {
        self.init(employees: instance.employees.count, horizon: instance.horizon)
        for a in assignments { shift[a.employee][a.day] = a.shift }
    }

    var assignments: [NRPAssignment] {
        var list: [NRPAssignment] = []
        for (e, row) in shift.enumerated() {
            for (d, s) in row.enumerated() { if let s { list.append(NRPAssignment(employee: e, day: d, shift: s)) } }
        }
        return list
    }
}
