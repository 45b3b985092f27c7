// SPDX-License-Identifier: GPL-3.0-or-later
import Solver

/// Why an instance cannot be modelled or solved.
public enum NRPError: Error, Sendable, CustomStringConvertible {
    /// No schedule of this employee alone meets their hard rules (the instance is infeasible).
    case employeeInfeasible(String)
    /// Neither pricing nor a MIP found a schedule of this employee within the time given (not proven infeasible).
    case noScheduleInTime(String)
    case solver(SolverError)

    public var description: String {
        switch self {
        case .employeeInfeasible(let id): return "no schedule for employee '\(id)' meets their hard rules: the instance is infeasible"
        case .noScheduleInTime(let id): return "no schedule for employee '\(id)' was found within the time limit (the instance is not proven infeasible); give the solver more time"
        case .solver(let e): return e.description
        }
    }
}

/// The benchmark as an integer program over GLPK columns (see Docs/nrp.md for the mathematics).
///
/// Columns: x[e,d,s] binary (employee e works shift s on day d; only where allowed: not on a day off,
/// not for a shift type with MaxShifts 0), under/over slacks per cover row, and k[e,w] ∈ [0,1]
/// (employee e works weekend w) for employees whose weekend limit can bind.
public struct NRPModel: Sendable {
    public let instance: NRPInstance
    public private(set) var model: LinearModel
    /// x column of (e, d, s) at `(e * horizon + d) * shiftCount + s`, or -1 where the assignment is not allowed.
    public let xColumn: [Int32]
    /// Under and over slack of each cover row of the instance.
    public let under: [ColumnID]
    public let over: [ColumnID]
    /// Weekend columns of each employee: (days of the weekend, column).
    public let weekendColumns: [[(days: [Int], column: ColumnID)]]
    public var xCount: Int { xColumn.reduce(0) { $1 >= 0 ? $0 + 1 : $0 } }

    public init(_ instance: NRPInstance) {
        self.instance = instance
        var b = NRPModelBuilder(instance)
        b.addAssignmentColumns()
        let (under, over) = b.addCoverRows()
        var weekendColumns: [[(days: [Int], column: ColumnID)]] = []
        for e in instance.employees.indices {
            b.addOneShiftADayRows(e)
            b.addRotationRows(e)
            b.addMaxShiftsRows(e)
            b.addTotalMinutesRow(e)
            let w = b.workingDayColumns(e)
            b.addMaxConsecutiveRows(e, w)
            b.addMinConsecutiveRows(e, w)
            b.addMinConsecutiveDaysOffRows(e, w)
            weekendColumns.append(b.addWeekendRows(e, w))
            // 9. Days off: no x column exists on them.
        }
        self.model = b.m
        self.xColumn = b.xc
        self.under = under
        self.over = over
        self.weekendColumns = weekendColumns
    }

    public func x(_ e: Int, _ d: Int, _ s: Int) -> Int? {
        let c = xColumn[(e * instance.horizon + d) * instance.shifts.count + s]
        return c >= 0 ? Int(c) : nil
    }

    /// All column values of a roster (slacks and weekend columns completed from the assignments).
    /// Assignments without a column (not allowed) are dropped.
    public func values(_ roster: NRPRoster) -> [Double] {
        var v = [Double](repeating: 0, count: model.columnCount)
        let S = instance.shifts.count
        var count = [Int](repeating: 0, count: instance.horizon * S)
        for (e, row) in roster.shift.enumerated() {
            for (d, s) in row.enumerated() {
                guard let s, let c = x(e, d, s) else { continue }
                v[c] = 1
                count[d * S + s] += 1
            }
            for (days, k) in weekendColumns[e] where days.contains(where: { row[$0] != nil && x(e, $0, row[$0]!) != nil }) {
                v[k.index] = 1
            }
        }
        for (i, c) in instance.cover.enumerated() {
            let n = count[c.day * S + c.shift]
            v[under[i].index] = Double(max(0, c.requirement - n))
            v[over[i].index] = Double(max(0, n - c.requirement))
        }
        return v
    }

    /// The roster a solution describes (x rounded).
    public func roster(_ values: [Double]) -> NRPRoster {
        var r = NRPRoster(employees: instance.employees.count, horizon: instance.horizon)
        let S = instance.shifts.count
        for e in 0..<instance.employees.count {
            for d in 0..<instance.horizon {
                for s in 0..<S { if let c = x(e, d, s), values[c] > 0.5 { r.shift[e][d] = s } }
            }
        }
        return r
    }

    /// Which columns are free when the given (employee, day) cells are re-optimised (as `mask(employees:days:)`).
    public func mask(cells: [(Int, Int)]) -> [Bool] {
        var free = [Bool](repeating: false, count: model.columnCount)
        var dayIn = Set<Int>(), employeeIn = Set<Int>()
        for (e, d) in cells {
            for s in 0..<instance.shifts.count { if let c = x(e, d, s) { free[c] = true } }
            dayIn.insert(d)
            employeeIn.insert(e)
        }
        for e in employeeIn { for (_, k) in weekendColumns[e] { free[k.index] = true } }
        for (i, c) in instance.cover.enumerated() where dayIn.contains(c.day) {
            free[under[i].index] = true
            free[over[i].index] = true
        }
        return free
    }

    /// Which columns are free when the cells (employees × days) are re-optimised: their x columns, the
    /// weekend columns of those employees, and the slacks of the cover rows on those days.
    public func mask(employees: [Int], days: [Int]) -> [Bool] {
        var free = [Bool](repeating: false, count: model.columnCount)
        let dayIn = Set(days)
        for e in employees {
            for d in days {
                for s in 0..<instance.shifts.count { if let c = x(e, d, s) { free[c] = true } }
            }
            for (_, k) in weekendColumns[e] { free[k.index] = true }
        }
        for (i, c) in instance.cover.enumerated() where dayIn.contains(c.day) {
            free[under[i].index] = true
            free[over[i].index] = true
        }
        return free
    }
}

/// The steps of `NRPModel.init`, each adding one family of columns or rows to the model, in the order
/// the model lists them.
private struct NRPModelBuilder {
    let instance: NRPInstance
    let h: Int, S: Int, E: Int
    var m: LinearModel
    var xc: [Int32]

    init(_ instance: NRPInstance) {
        self.instance = instance
        h = instance.horizon
        S = instance.shifts.count
        E = instance.employees.count
        m = LinearModel(name: "nrp_\(instance.name)", sense: .minimize)
        xc = [Int32](repeating: -1, count: E * h * S)
    }

    func x(_ e: Int, _ d: Int, _ s: Int) -> ColumnID? {
        let c = xc[(e * h + d) * S + s]
        return c >= 0 ? ColumnID(Int(c)) : nil
    }

    func works(_ e: Int, _ d: Int) -> [ColumnID] { (0..<S).compactMap { x(e, d, $0) } }

    /// The x columns of each employee's working day, day by day.
    func workingDayColumns(_ e: Int) -> [[ColumnID]] { (0..<h).map { works(e, $0) } }

    /// x[e,d,s] where allowed, costed by the requests: on requests (granted when x = 1, so their weight
    /// is a constant less x) and off requests (violated when x = 1).
    mutating func addAssignmentColumns() {
        var onWeight = [Int](repeating: 0, count: E * h * S)
        var offWeight = [Int](repeating: 0, count: E * h * S)
        var constant = 0
        for r in instance.onRequests {
            onWeight[(r.employee * h + r.day) * S + r.shift] += r.weight
            constant += r.weight
        }
        for r in instance.offRequests { offWeight[(r.employee * h + r.day) * S + r.shift] += r.weight }
        m.objectiveConstant = Double(constant)
        for (e, emp) in instance.employees.enumerated() {
            for d in 0..<h where !emp.daysOff.contains(d) {
                for s in 0..<S where emp.maxShifts[s] > 0 {
                    let k = (e * h + d) * S + s
                    xc[k] = Int32(m.addColumn("x_\(e)_\(d)_\(s)", kind: .binary,
                                              objective: Double(offWeight[k] - onWeight[k])).index)
                }
            }
        }
    }

    /// Cover: Σ_e x[e,d,s] + under − over = requirement. Returns the under and over slacks.
    mutating func addCoverRows() -> (under: [ColumnID], over: [ColumnID]) {
        var under: [ColumnID] = [], over: [ColumnID] = []
        for (i, c) in instance.cover.enumerated() {
            // Integer slacks (integral anyway at integral x): with every cost an integer on an integer
            // column, GLPK rounds node bounds up, which prunes far more of the tree.
            let u = m.addColumn("under_\(i)", kind: .integer, lower: 0, upper: Double(c.requirement), objective: Double(c.underWeight))
            let o = m.addColumn("over_\(i)", kind: .integer, lower: 0, upper: Double(E), objective: Double(c.overWeight))
            under.append(u)
            over.append(o)
            var terms = (0..<E).compactMap { e in x(e, c.day, c.shift).map { ($0, 1.0) } }
            terms.append((u, 1))
            terms.append((o, -1))
            m.addRow("cover_\(c.day)_\(c.shift)", terms: terms, .equal(Double(c.requirement)))
        }
        return (under, over)
    }

    /// 1. At most one shift a day.
    mutating func addOneShiftADayRows(_ e: Int) {
        for d in 0..<h {
            let w = works(e, d)
            if w.count > 1 { m.addRow("one_\(e)_\(d)", sumOf: w, .atMost(1)) }
        }
    }

    /// 2. Rotation: x[e,d,s] + Σ_{t ∈ succ(s)} x[e,d+1,t] ≤ 1.
    mutating func addRotationRows(_ e: Int) {
        for d in 0..<max(0, h - 1) {
            for s in 0..<S {
                guard let xs = x(e, d, s) else { continue }
                let next = instance.shifts[s].forbiddenSuccessors.compactMap { x(e, d + 1, $0) }
                if !next.isEmpty { m.addRow("rot_\(e)_\(d)_\(s)", sumOf: [xs] + next, .atMost(1)) }
            }
        }
        //    The same from the other side, a clique with the one-shift-a-day row: Σ_{s : t ∈ succ(s)} x[e,d,s] + x[e,d+1,t] ≤ 1.
        for t in 0..<S {
            let before = (0..<S).filter { instance.shifts[$0].forbiddenSuccessors.contains(t) }
            guard before.count > 1 else { continue }
            for d in 0..<max(0, h - 1) {
                guard let xt = x(e, d + 1, t) else { continue }
                let prev = before.compactMap { x(e, d, $0) }
                if prev.count > 1 { m.addRow("rotin_\(e)_\(d)_\(t)", sumOf: prev + [xt], .atMost(1)) }
            }
        }
    }

    /// 3. Maximum shifts of each type.
    mutating func addMaxShiftsRows(_ e: Int) {
        let emp = instance.employees[e]
        for s in 0..<S {
            let cols = (0..<h).compactMap { x(e, $0, s) }
            if cols.count > emp.maxShifts[s] { m.addRow("max_\(e)_\(s)", sumOf: cols, .atMost(Double(emp.maxShifts[s]))) }
        }
    }

    /// 4. Total minutes.
    mutating func addTotalMinutesRow(_ e: Int) {
        let emp = instance.employees[e]
        let minuteTerms = (0..<h).flatMap { d in (0..<S).compactMap { s in x(e, d, s).map { ($0, Double(instance.shifts[s].minutes)) } } }
        let most = minuteTerms.reduce(0) { $0 + Int($1.1) }
        let lower: Double? = emp.minTotalMinutes > 0 ? Double(emp.minTotalMinutes) : nil
        let upper: Double? = most > emp.maxTotalMinutes ? Double(emp.maxTotalMinutes) : nil
        switch (lower, upper) {
        case let (l?, u?): m.addRow("minutes_\(e)", terms: minuteTerms, .between(l, u))
        case let (l?, nil): m.addRow("minutes_\(e)", terms: minuteTerms, .atLeast(l))
        case let (nil, u?): m.addRow("minutes_\(e)", terms: minuteTerms, .atMost(u))
        case (nil, nil): break
        }
    }

    /// 5. Maximum consecutive working days: every window of C + 1 days holds at most C.
    mutating func addMaxConsecutiveRows(_ e: Int, _ w: [[ColumnID]]) {
        let C = instance.employees[e].maxConsecutiveShifts
        guard C < h else { return }
        for d in 0...(h - C - 1) {
            let cols = (d...(d + C)).flatMap { w[$0] }
            if (d...(d + C)).allSatisfy({ !w[$0].isEmpty }) { m.addRow("maxcons_\(e)_\(d)", sumOf: cols, .atMost(Double(C))) }
        }
    }

    /// 6. Minimum consecutive working days: no run of l < min working days with a day off on both
    ///    sides inside the horizon:  −w[d−1] + Σ_{j<l} w[d+j] − w[d+l] ≤ l − 1.
    mutating func addMinConsecutiveRows(_ e: Int, _ w: [[ColumnID]]) {
        let least = instance.employees[e].minConsecutiveShifts
        guard least > 1 else { return }
        for l in 1..<least where l + 2 <= h {
            for d in 1...(h - 1 - l) {
                guard (d..<(d + l)).allSatisfy({ !w[$0].isEmpty }) else { continue }
                var terms = (d..<(d + l)).flatMap { w[$0] }.map { ($0, 1.0) }
                terms += w[d - 1].map { ($0, -1.0) } + w[d + l].map { ($0, -1.0) }
                m.addRow("mincons_\(e)_\(d)_\(l)", terms: terms, .atMost(Double(l - 1)))
            }
        }
    }

    /// 7. Minimum consecutive days off: no run of l < min days off with work on both sides:
    ///    w[d−1] − Σ_{j<l} w[d+j] + w[d+l] ≤ 1.
    mutating func addMinConsecutiveDaysOffRows(_ e: Int, _ w: [[ColumnID]]) {
        let least = instance.employees[e].minConsecutiveDaysOff
        guard least > 1 else { return }
        for l in 1..<least where l + 2 <= h {
            for d in 1...(h - 1 - l) {
                guard !w[d - 1].isEmpty, !w[d + l].isEmpty else { continue }
                var terms = w[d - 1].map { ($0, 1.0) } + w[d + l].map { ($0, 1.0) }
                terms += (d..<(d + l)).flatMap { w[$0] }.map { ($0, -1.0) }
                m.addRow("minoff_\(e)_\(d)_\(l)", terms: terms, .atMost(1))
            }
        }
    }

    /// 8. Weekends: k[e,w] ≥ w[e,sat], k[e,w] ≥ w[e,sun], Σ_w k[e,w] ≤ MaxWeekends — only where the
    ///    limit can bind. Returns the employee's weekend columns.
    mutating func addWeekendRows(_ e: Int, _ w: [[ColumnID]]) -> [(days: [Int], column: ColumnID)] {
        let emp = instance.employees[e]
        var mine: [(days: [Int], column: ColumnID)] = []
        let workable = instance.weekends.filter { days in days.contains { !w[$0].isEmpty } }
        guard workable.count > emp.maxWeekends else { return mine }
        for days in workable {
            let k = m.addColumn("k_\(e)_\(days[0] / 7)", lower: 0, upper: 1)
            for d in days where !w[d].isEmpty {
                m.addRow("wk_\(e)_\(d)", terms: [(k, 1.0)] + w[d].map { ($0, -1.0) }, .atLeast(0))
            }
            mine.append((days, k))
        }
        m.addRow("weekends_\(e)", sumOf: mine.map(\.column), .atMost(Double(emp.maxWeekends)))
        return mine
    }
}
