import Foundation
import RosterCore
import Solver

/// Why a model could not be built from a scenario.
public enum RosterModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case pinnedShiftMatchesNoOption(agent: String, date: LocalDate, template: String, start: LocalTime, location: SourceLocation?)
    case pinnedShiftNotAllowed(agent: String, date: LocalDate, template: String, reason: String, location: SourceLocation?)
    case pinnedAgentUnknown(agent: String, location: SourceLocation?)

    public var description: String {
        switch self {
        case let .pinnedShiftMatchesNoOption(agent, date, template, start, location):
            return "\(location.map { "\($0): " } ?? "")pinned shift of '\(agent)' on \(date) (\(template) at \(start)) matches no start and length of that template"
        case let .pinnedShiftNotAllowed(agent, date, template, reason, location):
            return "\(location.map { "\($0): " } ?? "")pinned shift of '\(agent)' on \(date) (\(template)) is not allowed: \(reason)"
        case let .pinnedAgentUnknown(agent, location):
            return "\(location.map { "\($0): " } ?? "")pinned shift names unknown agent '\(agent)'"
        }
    }
}

/// The roster as an integer program over GLPK columns. See Docs/model.md for the mathematics.
///
/// Columns: x[a,k] (agent a works option k, binary), y[k] (agents on option k), w[a,d] (agent a works
/// on day d), shortfall segments and surplus per interval, and penalised slacks for the rules that can
/// fail for want of staff (floor, handover, minimum hours), plus one deviation column per fairness category.
public struct RosterIntegerModel: Sendable {
    public let scenario: Scenario
    public let catalog: ShiftCatalog
    public let semantics: RuleSemantics
    /// Agents to schedule per interval.
    public let requirement: [Int]
    public internal(set) var model: LinearModel

    /// x columns of each agent: (option id, column), ordered by day.
    public private(set) var agentOptions: [[(option: Int, column: ColumnID)]]
    /// For each agent and slot (0: the eve, d + 1: day d), positions in `agentOptions[a]`.
    public private(set) var agentDayOptions: [[[Int]]]
    /// y column of each option.
    public private(set) var optionCount: [ColumnID] = []
    /// w column of each agent and slot (nil when the agent can work no option that day).
    public private(set) var worksDay: [[ColumnID?]]
    /// Options each agent is forced to work (pinned), as option ids.
    public internal(set) var pinnedOptions: [[Int]]

    // Auxiliary columns and what they measure, so a solution can be completed from x alone.
    struct CoverageSlack { let interval: Int; let segments: [ColumnID]; let surplus: ColumnID }
    struct FloorSlack { let interval: Int; let column: ColumnID; let floor: Int }
    struct HandoverSlack { let rule: Int; let day: Int; let options: [Int]; let column: ColumnID; let minimum: Int }
    struct HoursSlack { let agent: Int; let days: Range<Int>; let minimum: Double; let column: ColumnID }
    struct Fairness { let name: String; let column: ColumnID; let optionInCategory: [Bool]; let shares: [(agent: Int, share: Double)] }
    private(set) var coverage: [CoverageSlack] = []
    private(set) var floors: [FloorSlack] = []
    private(set) var handovers: [HandoverSlack] = []
    private(set) var hoursSlacks: [HoursSlack] = []
    private(set) var fairness: [Fairness] = []
    /// Options covering each interval.
    public private(set) var coveringOptions: [[Int]]

    /// Cost of one unit of slack on a rule that should hold (floor, handover, minimum hours).
    public let ruleViolationWeight: Double

    public init(scenario: Scenario, requirement: [Int], catalog: ShiftCatalog? = nil) throws(RosterModelError) {
        self.scenario = scenario
        self.requirement = requirement
        let catalog = catalog ?? ShiftCatalog(scenario: scenario)
        self.catalog = catalog
        let semantics = RuleSemantics(scenario: scenario)
        self.semantics = semantics
        let weights = scenario.weights
        self.ruleViolationWeight = 1000 * max(weights.shortfall, 1)
        let agents = scenario.agents
        let grid = scenario.grid
        let options = catalog.options
        let rules = scenario.rules
        var m = LinearModel(name: "roster", sense: .minimize)

        // Which options each agent may work.
        let agentIndex = Dictionary(agents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var hardSpans = Array(repeating: [(Date, Date)](), count: agents.count)
        for entry in scenario.availability where entry.kind.isHard {
            if let a = agentIndex[entry.agentID] {
                hardSpans[a].append(RuleSemantics.instants(of: entry.span, clock: scenario.team.clock))
            }
        }
        var pinnedByAgentDay: [Int: [Int: Int]] = [:]
        var pinnedOptions = Array(repeating: [Int](), count: agents.count)
        for pin in scenario.pinned {
            guard let a = agentIndex[pin.agentID] else { throw .pinnedAgentUnknown(agent: pin.agentID, location: pin.location) }
            guard let d = grid.day(of: pin.date),
                  let k = catalog.bySlot[d + 1].first(where: { k in
                      let o = options[k]
                      return scenario.templates[o.templateIndex].name == pin.template && o.localStart == pin.start
                          && (pin.lengthMinutes == nil || pin.lengthMinutes == o.lengthMinutes)
                  }) else {
                throw .pinnedShiftMatchesNoOption(agent: pin.agentID, date: pin.date, template: pin.template,
                                                  start: pin.start, location: pin.location)
            }
            if let reason = Self.refusal(agent: agents[a], option: options[k], scenario: scenario, hardSpans: hardSpans[a]) {
                throw .pinnedShiftNotAllowed(agent: pin.agentID, date: pin.date, template: pin.template, reason: reason, location: pin.location)
            }
            pinnedByAgentDay[a, default: [:]][d + 1] = k
            pinnedOptions[a].append(k)
        }
        self.pinnedOptions = pinnedOptions

        // y: agents on each option (implied integer by the linking rows).
        var yColumns: [ColumnID] = []
        yColumns.reserveCapacity(options.count)
        for o in options {
            let cost = weights.paidHour * o.paidHours
            yColumns.append(m.addColumn("y_d\(o.day)_o\(o.id)", kind: .continuous, lower: 0, upper: Double(agents.count), objective: cost))
        }
        self.optionCount = yColumns

        // x and w.
        var agentOptions = Array(repeating: [(option: Int, column: ColumnID)](), count: agents.count)
        let slots = catalog.slotCount
        var agentDayOptions = Array(repeating: Array(repeating: [Int](), count: slots), count: agents.count)
        var worksDay = Array(repeating: Array(repeating: ColumnID?.none, count: slots), count: agents.count)
        var optionAgents = Array(repeating: [ColumnID](), count: options.count)
        for (a, agent) in agents.enumerated() {
            for d in 0..<slots {
                let candidates: [Int]
                if let k = pinnedByAgentDay[a]?[d] { candidates = [k] } else { candidates = catalog.bySlot[d] }
                for k in candidates {
                    if pinnedByAgentDay[a]?[d] == nil,
                       Self.refusal(agent: agent, option: options[k], scenario: scenario, hardSpans: hardSpans[a]) != nil { continue }
                    let pinned = pinnedByAgentDay[a]?[d] == k
                    let col = m.addColumn("x_\(a)_d\(d)_o\(k)", kind: .binary)
                    if pinned { m.setBounds(col, lower: 1, upper: 1) }
                    agentDayOptions[a][d].append(agentOptions[a].count)
                    agentOptions[a].append((k, col))
                    optionAgents[k].append(col)
                }
                if !agentDayOptions[a][d].isEmpty {
                    let w = m.addColumn("w_\(a)_d\(d)", kind: .continuous, lower: 0, upper: 1)
                    worksDay[a][d] = w
                    // w = Σ_k x[a,d,k]: at most one shift a day.
                    m.addRow("day_\(a)_d\(d)", terms: [(w, -1)] + agentDayOptions[a][d].map { (agentOptions[a][$0].column, 1) }, .equal(0))
                }
            }
        }
        self.agentOptions = agentOptions
        self.agentDayOptions = agentDayOptions
        self.worksDay = worksDay

        // Linking: y_k = Σ_a x[a,k].
        for k in options.indices {
            m.addRow("count_o\(k)", terms: [(yColumns[k], -1)] + optionAgents[k].map { ($0, 1) }, .equal(0))
        }

        // Coverage with a convex, growing shortfall penalty, and surplus.
        var covering = Array(repeating: [Int](), count: grid.intervals.count)
        for o in options { for i in o.coveredIntervals { covering[i].append(o.id) } }
        self.coveringOptions = covering
        var coverage: [CoverageSlack] = []
        var floors: [FloorSlack] = []
        for (i, iv) in grid.intervals.enumerated() {
            let hours = Double(iv.minutes) / 60
            let g = max(1, weights.shortfallGrowth)
            let s1 = m.addColumn("short1_\(i)", lower: 0, upper: 1, objective: weights.shortfall * hours)
            let s2 = m.addColumn("short2_\(i)", lower: 0, upper: 1, objective: weights.shortfall * g * hours)
            let s3 = m.addColumn("short3_\(i)", lower: 0, upper: nil, objective: weights.shortfall * g * g * hours)
            let over = m.addColumn("over_\(i)", lower: 0, upper: nil, objective: weights.surplus * hours)
            m.addRow("cover_\(i)", terms: covering[i].map { (yColumns[$0], 1) } + [(s1, 1), (s2, 1), (s3, 1), (over, -1)],
                     .equal(Double(requirement[i])))
            coverage.append(CoverageSlack(interval: i, segments: [s1, s2, s3], surplus: over))
            if rules.floorAgents > 0 {
                let f = m.addColumn("floor_slack_\(i)", lower: 0, upper: nil, objective: ruleViolationWeight * hours)
                m.addRow("floor_\(i)", terms: covering[i].map { (yColumns[$0], 1) } + [(f, 1)], .atLeast(Double(rules.floorAgents)))
                floors.append(FloorSlack(interval: i, column: f, floor: rules.floorAgents))
            }
        }
        self.coverage = coverage
        self.floors = floors

        // Handover overlap: enough agents work across each handover time.
        var handovers: [HandoverSlack] = []
        for (r, rule) in scenario.handovers.enumerated() where rule.minAgents > 0 {
            for d in 0..<grid.days {
                guard let t = semantics.handoverInstant(rule, day: d) else { continue }
                let spanning = options.filter { RuleSemantics.spans(start: $0.start, end: $0.end, handover: t, overlapMinutes: rule.overlapMinutes) }.map(\.id)
                let h = m.addColumn("handover_slack_\(r)_d\(d)", lower: 0, upper: nil, objective: ruleViolationWeight)
                m.addRow("handover_\(r)_d\(d)", terms: spanning.map { (yColumns[$0], 1) } + [(h, 1)], .atLeast(Double(rule.minAgents)))
                handovers.append(HandoverSlack(rule: r, day: d, options: spanning, column: h, minimum: rule.minAgents))
            }
        }
        self.handovers = handovers

        // Per-agent labor rules.
        var hoursSlacks: [HoursSlack] = []
        let restSeconds = rules.minRestHours * 3600
        for (a, agent) in agents.enumerated() {
            let mine = agentOptions[a]
            // Rest between shifts on nearby days: cliques A ∪ B ≤ 1 where every shift of A (day d) ends
            // too late for every shift of B (day d + e) starting at or before θ.
            if restSeconds > 0 {
                for d in 0..<slots {
                    for e in 1...2 where d + e < slots {
                        let early = agentDayOptions[a][d].map { mine[$0] }
                        let late = agentDayOptions[a][d + e].map { mine[$0] }
                        guard !early.isEmpty, !late.isEmpty else { continue }
                        let thresholds = Set(late.map { options[$0.option].start }).sorted()
                        var seen = Set<[Int]>()
                        for (ti, theta) in thresholds.enumerated() {
                            let A = early.filter { options[$0.option].end.addingTimeInterval(restSeconds) > theta }
                            let B = late.filter { options[$0.option].start <= theta }
                            guard !A.isEmpty, !B.isEmpty else { continue }
                            let key = (A + B).map(\.column.index)
                            guard seen.insert(key).inserted else { continue }
                            m.addRow("rest_\(a)_s\(d)_\(e)_\(ti)", sumOf: (A + B).map(\.column), .atMost(1))
                        }
                    }
                }
            }
            let w = worksDay[a]
            // Maximum consecutive working days.
            if rules.maxConsecutiveDays < slots {
                let span = rules.maxConsecutiveDays + 1
                for s in 0...(slots - span) {
                    let cols = (s..<(s + span)).compactMap { w[$0] }
                    if cols.count > rules.maxConsecutiveDays {
                        m.addRow("consecutive_\(a)_d\(s)", sumOf: cols, .atMost(Double(rules.maxConsecutiveDays)))
                    }
                }
            }
            // Maximum consecutive nights.
            if let maxRun = rules.maxConsecutiveNights, maxRun + 1 <= slots {
                for s in 0...(slots - maxRun - 1) {
                    let nightsByDay = (s...(s + maxRun)).map { d in
                        agentDayOptions[a][d].map { mine[$0] }.filter { options[$0.option].isNight }.map(\.column)
                    }
                    let cols = nightsByDay.flatMap { $0 }
                    if nightsByDay.filter({ !$0.isEmpty }).count > maxRun {
                        m.addRow("night_run_\(a)_d\(s)", sumOf: cols, .atMost(Double(maxRun)))
                    }
                }
            }
            for (wk, week) in semantics.weeks.enumerated() {
                let weekOptions = week.flatMap { d in agentDayOptions[a][d + 1].map { mine[$0] } }
                if weekOptions.isEmpty { continue }
                // Days off.
                let workCols = week.compactMap { w[$0 + 1] }
                let maxDays = 7 - rules.minDaysOffPerWeek
                if workCols.count > maxDays {
                    m.addRow("days_off_\(a)_w\(wk)", sumOf: workCols, .atMost(Double(maxDays)))
                }
                // Weekly hours.
                let hourTerms = weekOptions.map { ($0.column, options[$0.option].paidHours) }
                if let maxH = semantics.maxWeekHours(agent) {
                    m.addRow("week_max_\(a)_w\(wk)", terms: hourTerms, .atMost(maxH))
                }
                if let minH = semantics.minWeekHours(agentIndex: a, week: week), minH > 0 {
                    let s = m.addColumn("week_min_slack_\(a)_w\(wk)", lower: 0, upper: nil, objective: ruleViolationWeight)
                    m.addRow("week_min_\(a)_w\(wk)", terms: hourTerms + [(s, 1)], .atLeast(minH))
                    hoursSlacks.append(HoursSlack(agent: a, days: week, minimum: minH, column: s))
                }
                // Nights per week.
                if let maxN = rules.maxNightsPerWeek {
                    let nights = weekOptions.filter { options[$0.option].isNight }.map(\.column)
                    if nights.count > maxN { m.addRow("week_nights_\(a)_w\(wk)", sumOf: nights, .atMost(Double(maxN))) }
                }
            }
            // Horizon hours.
            let allTerms = mine.map { ($0.column, options[$0.option].paidHours) }
            if !allTerms.isEmpty {
                if let maxH = semantics.maxHorizonHours(agentIndex: a) {
                    m.addRow("horizon_max_\(a)", terms: allTerms, .atMost(maxH))
                }
                if let minH = semantics.minHorizonHours(agentIndex: a), minH > 0 {
                    let s = m.addColumn("horizon_min_slack_\(a)", lower: 0, upper: nil, objective: ruleViolationWeight)
                    m.addRow("horizon_min_\(a)", terms: allTerms + [(s, 1)], .atLeast(minH))
                    hoursSlacks.append(HoursSlack(agent: a, days: -1..<grid.days, minimum: minH, column: s))
                }
            }
        }
        self.hoursSlacks = hoursSlacks

        // Soft preferences.
        for entry in scenario.availability where !entry.kind.isHard {
            guard let a = agentIndex[entry.agentID] else { continue }
            let cost = weights.preference * entry.weight
            guard cost != 0 else { continue }
            let (from, to) = RuleSemantics.instants(of: entry.span, clock: scenario.team.clock)
            for d in semantics.days(of: entry.span) {
                let here = agentDayOptions[a][d + 1].map { agentOptions[a][$0] }
                let overlapping = here.filter { options[$0.option].start < to && options[$0.option].end > from }
                switch entry.kind {
                case .prefersOff:
                    for x in overlapping { m.setObjective(x.column, m.objective[x.column.index] + cost) }
                case .prefersOn:
                    // Cost when no shift overlaps the span that day: cost · (1 − Σ x).
                    m.objectiveConstant += cost
                    for x in overlapping { m.setObjective(x.column, m.objective[x.column.index] - cost) }
                case .preferredShift(let name):
                    // Cost for each shift of another template in the span (a day off costs nothing).
                    for x in overlapping where scenario.templates[options[x.option].templateIndex].name != name {
                        m.setObjective(x.column, m.objective[x.column.index] + cost)
                    }
                case .unavailable, .leave:
                    break
                }
            }
        }

        // Fairness: the largest deviation of any agent from a fair share (in proportion to the days
        // the agent can work) of nights, of weekend shifts and of holiday shifts.
        var fairness: [Fairness] = []
        if weights.fairness > 0 {
            let categories: [(String, (ShiftOption) -> Bool, (Agent) -> Bool)] = [
                ("nights", { $0.isNight }, { $0.nightEligible }),
                ("weekends", { $0.isWeekend }, { _ in true }),
                ("holidays", { $0.isHoliday }, { _ in true }),
            ]
            for (name, inCategory, eligible) in categories {
                let mask = options.map(inCategory)
                guard mask.contains(true) else { continue }
                let members = agents.indices.filter { a in eligible(agents[a]) && agentOptions[a].contains { mask[$0.option] } }
                guard members.count > 1 else { continue }
                let free = members.map { a in Double((0..<grid.days).filter { !semantics.blockedDay[a][$0] }.count) }
                let total = free.reduce(0, +)
                guard total > 0 else { continue }
                let dev = m.addColumn("fair_\(name)", lower: 0, upper: nil, objective: weights.fairness)
                let categoryY = options.indices.filter { mask[$0] }.map { yColumns[$0] }
                var shares: [(Int, Double)] = []
                for (pos, a) in members.enumerated() {
                    let share = free[pos] / total
                    shares.append((a, share))
                    let xs = agentOptions[a].filter { mask[$0.option] }.map(\.column)
                    // dev ≥ count_a − share·T  and  dev ≥ share·T − count_a
                    m.addRow("fair_\(name)_hi_\(a)", terms: [(dev, 1)] + xs.map { ($0, -1) } + categoryY.map { ($0, share) }, .atLeast(0))
                    m.addRow("fair_\(name)_lo_\(a)", terms: [(dev, 1)] + xs.map { ($0, 1) } + categoryY.map { ($0, -share) }, .atLeast(0))
                }
                fairness.append(Fairness(name: name, column: dev, optionInCategory: mask, shares: shares))
            }
        }
        self.fairness = fairness
        self.model = m
    }

    /// Why an agent may not work an option (nil when allowed).
    static func refusal(agent: Agent, option: ShiftOption, scenario: Scenario, hardSpans: [(Date, Date)]) -> String? {
        let template = scenario.templates[option.templateIndex]
        if let allowed = agent.allowedShifts, !allowed.contains(template.name) { return "shift '\(template.name)' is not among the agent's allowed shifts" }
        if template.isNight && !agent.nightEligible { return "the agent does not work nights" }
        if let missing = template.requiredSkills.first(where: { !agent.skills.contains($0) }) { return "the agent lacks skill '\(missing)'" }
        if hardSpans.contains(where: { option.start < $0.1 && option.end > $0.0 }) { return "the agent is unavailable then" }
        return nil
    }

    /// Whether a column is one of the x (assignment) columns.
    public func isAssignmentColumn(_ column: ColumnID) -> Bool { model.columnKinds[column.index] == .binary }

    // MARK: Solutions

    /// A full column vector for an assignment (each agent's option ids), with every auxiliary column
    /// at its cheapest consistent value.
    public func completeSolution(_ assignment: [[Int]]) -> [Double] {
        var v = [Double](repeating: 0, count: model.columnCount)
        let options = catalog.options
        var count = [Double](repeating: 0, count: options.count)
        for (a, chosen) in assignment.enumerated() {
            let set = Set(chosen)
            for x in agentOptions[a] where set.contains(x.option) {
                v[x.column.index] = 1
                count[x.option] += 1
                if let w = worksDay[a][options[x.option].slot] { v[w.index] += 1 }
            }
        }
        for k in options.indices { v[optionCount[k].index] = count[k] }
        var covered = [Double](repeating: 0, count: scenario.grid.intervals.count)
        for k in options.indices where count[k] > 0 { for i in options[k].coveredIntervals { covered[i] += count[k] } }
        for c in coverage {
            let diff = Double(requirement[c.interval]) - covered[c.interval]
            if diff > 0 {
                v[c.segments[0].index] = min(1, diff)
                v[c.segments[1].index] = min(1, max(0, diff - 1))
                v[c.segments[2].index] = max(0, diff - 2)
            } else {
                v[c.surplus.index] = -diff
            }
        }
        for f in floors { v[f.column.index] = max(0, Double(f.floor) - covered[f.interval]) }
        for h in handovers {
            let n = h.options.reduce(0.0) { $0 + count[$1] }
            v[h.column.index] = max(0, Double(h.minimum) - n)
        }
        for s in hoursSlacks {
            var hours = 0.0
            for k in assignment[s.agent] where s.days.contains(options[k].day) { hours += options[k].paidHours }
            v[s.column.index] = max(0, s.minimum - hours)
        }
        for f in fairness {
            let total = options.indices.reduce(0.0) { f.optionInCategory[$1] ? $0 + count[$1] : $0 }
            var worst = 0.0
            for (a, share) in f.shares {
                let mine = Double(assignment[a].filter { f.optionInCategory[$0] }.count)
                worst = max(worst, abs(mine - share * total))
            }
            v[f.column.index] = worst
        }
        return v
    }

    /// The columns a fix-and-optimize step leaves free for a neighbourhood of agents and slots: their x
    /// and w columns, and every auxiliary column those can move (counts of their options, coverage of
    /// the intervals those options cover, their handovers and hours, fairness). All other columns keep
    /// their values, which `completeSolution` made the cheapest for the fixed assignment.
    public func neighbourhoodMask(agents: Set<Int>, slots: Range<Int>) -> [Bool] {
        var free = [Bool](repeating: false, count: model.columnCount)
        let options = catalog.options
        var optionFree = [Bool](repeating: false, count: options.count)
        for a in agents {
            for s in slots where s < worksDay[a].count {
                if let w = worksDay[a][s] { free[w.index] = true }
                for pos in agentDayOptions[a][s] {
                    let x = agentOptions[a][pos]
                    free[x.column.index] = true
                    optionFree[x.option] = true
                }
            }
        }
        var intervalFree = [Bool](repeating: false, count: scenario.grid.intervals.count)
        for k in options.indices where optionFree[k] {
            free[optionCount[k].index] = true
            for i in options[k].coveredIntervals { intervalFree[i] = true }
        }
        for c in coverage where intervalFree[c.interval] {
            for s in c.segments { free[s.index] = true }
            free[c.surplus.index] = true
        }
        for f in floors where intervalFree[f.interval] { free[f.column.index] = true }
        for h in handovers where h.options.contains(where: { optionFree[$0] }) { free[h.column.index] = true }
        for s in hoursSlacks where agents.contains(s.agent) { free[s.column.index] = true }
        for f in fairness { free[f.column.index] = true }
        return free
    }

    /// Each agent's option ids in a column vector (x columns at value ≥ 0.5).
    public func assignment(from values: [Double]) -> [[Int]] {
        agentOptions.map { list in list.filter { values[$0.column.index] > 0.5 }.map(\.option) }
    }

    /// The objective's parts for a complete solution.
    public func breakdown(_ v: [Double]) -> ObjectiveBreakdown {
        var b = ObjectiveBreakdown()
        let m = model
        func cost(_ c: ColumnID) -> Double { m.objective[c.index] * v[c.index] }
        for c in coverage {
            b.shortfall += c.segments.reduce(0) { $0 + cost($1) }
            b.surplus += cost(c.surplus)
        }
        b.ruleViolations = floors.reduce(0) { $0 + cost($1.column) } + handovers.reduce(0) { $0 + cost($1.column) }
            + hoursSlacks.reduce(0) { $0 + cost($1.column) }
        b.fairness = fairness.reduce(0) { $0 + cost($1.column) }
        var xCost = m.objectiveConstant
        for list in agentOptions { for x in list { xCost += cost(x.column) } }
        b.preferences = xCost
        b.paidHours = optionCount.reduce(0) { $0 + cost($1) }
        b.total = m.objectiveValue(v)
        return b
    }
}

/// The objective split into its parts (they add up to `total`).
public struct ObjectiveBreakdown: Sendable, Hashable, Codable {
    public var shortfall = 0.0
    public var surplus = 0.0
    public var ruleViolations = 0.0
    public var preferences = 0.0
    public var fairness = 0.0
    public var paidHours = 0.0
    public var total = 0.0
    public init() {}
}
