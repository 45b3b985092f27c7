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
    let scenario: Scenario
    public let catalog: ShiftCatalog
    let semantics: RuleSemantics
    /// Agents to schedule per interval.
    let requirement: [Int]
    public internal(set) var model: LinearModel

    /// x columns of each agent: (option id, column), ordered by day.
    private(set) var agentOptions: [[(option: Int, column: ColumnID)]]
    /// For each agent and slot (0: the eve, d + 1: day d), positions in `agentOptions[a]`.
    private(set) var agentDayOptions: [[[Int]]]
    /// y column of each option.
    private(set) var optionCount: [ColumnID] = []
    /// w column of each agent and slot (nil when the agent can work no option that day).
    private(set) var worksDay: [[ColumnID?]]
    /// Options each agent is forced to work (pinned), as option ids.
    var pinnedOptions: [[Int]]

    // Auxiliary columns and what they measure, so a solution can be completed from x alone.
    struct CoverageSlack { let interval: Int; let segments: [ColumnID]; let surplus: ColumnID }
    struct FloorSlack { let interval: Int; let column: ColumnID; let floor: Int }
    struct HandoverSlack { let rule: Int; let day: Int; let options: [Int]; let column: ColumnID; let minimum: Int }
    struct HoursSlack { let agent: Int; let days: Range<Int>; let minimum: Double; let column: ColumnID }
    struct Fairness { let name: String; let column: ColumnID; let optionInCategory: [Bool]; let shares: [(agent: Int, share: Double)] }
    /// Weekly rest of one agent in one week: a candidate rest day (its r column: the rest spans that
    /// day) for each day of the week, and the penalised slack when none holds. A day holds when the agent
    /// works none of `off`, none of `singles`, and not an option of `A` together with one of `B` in any
    /// clique (`Builder.addWeeklyRest`).
    struct WeeklyRest {
        struct Day { let column: ColumnID; let off: [Int]; let singles: Set<Int>; let cliques: [(a: Set<Int>, b: Set<Int>)] }
        let agent: Int
        let days: [Day]
        let slack: ColumnID

        /// The first day of the week the rest can span when the agent works `chosen` (option ids).
        func holdingDay(_ chosen: Set<Int>) -> Day? {
            days.first { d in
                !d.off.contains(where: chosen.contains) && chosen.isDisjoint(with: d.singles)
                    && !d.cliques.contains { !chosen.isDisjoint(with: $0.a) && !chosen.isDisjoint(with: $0.b) }
            }
        }
    }
    private(set) var coverage: [CoverageSlack] = []
    private(set) var floors: [FloorSlack] = []
    private(set) var handovers: [HandoverSlack] = []
    private(set) var hoursSlacks: [HoursSlack] = []
    private(set) var fairness: [Fairness] = []
    private(set) var weeklyRests: [WeeklyRest] = []
    /// Positions in `weeklyRests` of each agent's weeks.
    private(set) var weeklyRestsOfAgent: [[Int]] = []
    /// Options covering each interval.
    private(set) var coveringOptions: [[Int]]

    /// Cost of one unit of slack on a rule that should hold (floor, handover, minimum hours).
    let ruleViolationWeight: Double

    /// Builds the model in steps (``Builder``); the order of the steps is the order of the columns and rows.
    init(scenario: Scenario, requirement: [Int], catalog: ShiftCatalog? = nil) throws(RosterModelError) {
        var b = try Builder(scenario: scenario, requirement: requirement, catalog: catalog ?? ShiftCatalog(scenario: scenario))
        b.addOptionCounts()
        b.addAssignments()
        b.addLinkingRows()
        b.addCoverage()
        b.addHandovers()
        b.addLaborRules()
        b.addPreferences()
        b.addFairness()
        self.scenario = scenario
        self.requirement = requirement
        self.catalog = b.catalog
        self.semantics = b.semantics
        self.ruleViolationWeight = b.ruleViolationWeight
        self.pinnedOptions = b.pinnedOptions
        self.optionCount = b.yColumns
        self.agentOptions = b.agentOptions
        self.agentDayOptions = b.agentDayOptions
        self.worksDay = b.worksDay
        self.coveringOptions = b.covering
        self.coverage = b.coverage
        self.floors = b.floors
        self.handovers = b.handovers
        self.hoursSlacks = b.hoursSlacks
        self.fairness = b.fairness
        self.weeklyRests = b.weeklyRests
        var byAgent = Array(repeating: [Int](), count: scenario.agents.count)
        for (i, w) in b.weeklyRests.enumerated() { byAgent[w.agent].append(i) }
        self.weeklyRestsOfAgent = byAgent
        self.model = b.m
    }

    /// Why an agent may not work an option (nil when allowed).
    static func refusal(agent: Agent, option: ShiftOption, scenario: Scenario, hardSpans: [(Date, Date)]) -> String? {
        refusalPhrase(agent: agent, option: option, scenario: scenario, hardSpans: hardSpans)?.en
    }

    /// Why the agent may not work the option, in each language (nil when they may).
    static func refusalPhrase(agent: Agent, option: ShiftOption, scenario: Scenario, hardSpans: [(Date, Date)]) -> Phrase? {
        let template = scenario.templates[option.templateIndex]
        if let allowed = agent.allowedShifts, !allowed.contains(template.name) {
            return Phrase("shift '\(template.name)' is not among the agent's allowed shifts", "班次 '\(template.name)' 不在该坐席可上的班次中")
        }
        if template.isNight && !agent.nightEligible { return Phrase("the agent does not work nights", "该坐席不上夜班") }
        if let missing = template.requiredSkills.first(where: { !agent.skills.contains($0) }) {
            return Phrase("the agent lacks skill '\(missing)'", "该坐席缺少技能 '\(missing)'")
        }
        if hardSpans.contains(where: { option.start < $0.1 && option.end > $0.0 }) { return Phrase("the agent is unavailable then", "该坐席那时不可排班") }
        return nil
    }

    /// Whether a column is one of the x (assignment) columns.
    func isAssignmentColumn(_ column: ColumnID) -> Bool { model.columnKinds[column.index] == .binary }

    // MARK: Solutions

    /// A full column vector for an assignment (each agent's option ids), with every auxiliary column
    /// at its cheapest consistent value.
    func completeSolution(_ assignment: [[Int]]) -> [Double] {
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
        for w in weeklyRests {
            if let holding = w.holdingDay(Set(assignment[w.agent])) { v[holding.column.index] = 1 } else { v[w.slack.index] = 1 }
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
    func neighbourhoodMask(agents: Set<Int>, slots: Range<Int>) -> [Bool] {
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
        for w in weeklyRests where agents.contains(w.agent) {
            free[w.slack.index] = true
            for d in w.days { free[d.column.index] = true }
        }
        for f in fairness { free[f.column.index] = true }
        return free
    }

    /// Each agent's option ids in a column vector (x columns at value ≥ 0.5).
    func assignment(from values: [Double]) -> [[Int]] {
        agentOptions.map { list in list.filter { values[$0.column.index] > 0.5 }.map(\.option) }
    }

    /// The objective's parts for a complete solution.
    func breakdown(_ v: [Double]) -> ObjectiveBreakdown {
        var b = ObjectiveBreakdown()
        let m = model
        func cost(_ c: ColumnID) -> Double { m.objective[c.index] * v[c.index] }
        for c in coverage {
            b.shortfall += c.segments.reduce(0) { $0 + cost($1) }
            b.surplus += cost(c.surplus)
        }
        b.ruleViolations = floors.reduce(0) { $0 + cost($1.column) } + handovers.reduce(0) { $0 + cost($1.column) }
            + hoursSlacks.reduce(0) { $0 + cost($1.column) } + weeklyRests.reduce(0) { $0 + cost($1.slack) }
        b.fairness = fairness.reduce(0) { $0 + cost($1.column) }
        var xCost = m.objectiveConstant
        for list in agentOptions { for x in list { xCost += cost(x.column) } }
        b.preferences = xCost
        b.paidHours = optionCount.reduce(0) { $0 + cost($1) }
        b.total = m.objectiveValue(v)
        return b
    }
}
