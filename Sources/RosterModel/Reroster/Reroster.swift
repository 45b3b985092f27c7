import Foundation
import RosterCore

/// A re-roster: the published roster, the cut-off before which nothing changes, and change costs.
public struct RerosterPlan: Sendable {
    var base: Roster
    var cutoff: Date
    var costs: ChangeCosts

    public init(base: Roster, cutoff: Date, costs: ChangeCosts = ChangeCosts()) {
        self.base = base
        self.cutoff = cutoff
        self.costs = costs
    }
}

extension RosterIntegerModel {
    /// Turns the model into a re-roster of `plan.base`: every published shift that starts before the
    /// cut-off is fixed as it was (and no other shift may start before it), and after the cut-off each
    /// change to the published roster costs what `plan.costs` says. Returns the published shifts that
    /// start before the cut-off but match no option of the model (their agent or template is gone);
    /// they are kept as they are, outside the model.
    mutating func applyReroster(_ plan: RerosterPlan) -> (assignment: [[Int]], frozenOutside: [RosterShift]) {
        let options = catalog.options
        let agentIndex = Dictionary(scenario.agents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byKey: [String: Int] = [:]
        for o in options {
            byKey["\(scenario.templates[o.templateIndex].name)|\(o.start.timeIntervalSince1970)|\(o.end.timeIntervalSince1970)"] = o.id
        }
        var published = Array(repeating: [Int: Int](), count: scenario.agents.count)   // slot → option
        var hasBase = Array(repeating: false, count: scenario.agents.count)
        var outside: [RosterShift] = []
        for s in plan.base.shifts {
            guard let a = agentIndex[s.agentID] else {
                if s.start < plan.cutoff { outside.append(s) }
                continue
            }
            hasBase[a] = true
            if let k = byKey["\(s.shiftName)|\(s.start.timeIntervalSince1970)|\(s.end.timeIntervalSince1970)"],
               agentOptions[a].contains(where: { $0.option == k }) {
                published[a][options[k].slot] = k
            } else if s.start < plan.cutoff {
                outside.append(s)
            }
        }
        let c = plan.costs
        var m = model
        var frozen = Array(repeating: [Int](), count: scenario.agents.count)
        for (a, list) in agentOptions.enumerated() {
            for x in list {
                let o = options[x.option]
                if o.start < plan.cutoff {
                    let keep = published[a][o.slot] == x.option
                    m.setBounds(x.column, lower: keep ? 1 : 0, upper: keep ? 1 : 0)
                    if keep { frozen[a].append(x.option) }
                    continue
                }
                guard hasBase[a] else { continue }      // new staff: nothing published to change
                var cost = 0.0
                if let p = published[a][o.slot] {
                    if p != x.option {
                        let shift = abs(options[p].start.timeIntervalSince(o.start))
                        cost = shift <= 3600 ? c.smallMove : c.move
                    }
                    cost -= c.removal
                } else {
                    cost = c.dayOffTaken
                }
                m.setObjective(x.column, m.objective[x.column.index] + cost)
            }
            // Removal: c.removal · (1 − Σ x on the slot) for every published slot after the cut-off.
            if hasBase[a] {
                for p in published[a].values where options[p].start >= plan.cutoff {
                    m.objectiveConstant += c.removal
                }
            }
        }
        // Minimum hours of weeks that lie wholly before the cut-off can no longer be helped: their slack
        // costs nothing here (the checker still reports them, as lying in the frozen past).
        let grid = scenario.grid
        for slack in hoursSlacks {
            let end = grid.clock.startOfDay(grid.date(ofDay: slack.days.upperBound))
            if end <= plan.cutoff { m.setObjective(slack.column, 0) }
        }
        model = m
        // The frozen shifts are pinned for the construction and the shift-count relaxation.
        for a in 0..<frozen.count { pinnedOptions[a] = Array(Set(pinnedOptions[a] + frozen[a])) }
        // A starting roster: everything published that the model allows.
        let start = published.map { $0.values.sorted() }
        return (start, outside)
    }
}

/// A re-roster run: the published roster, re-optimised after the cut-off for the scenario as it now is.
public struct RerosterResult: Sendable {
    public var model: RosterIntegerModel
    public var solution: RosterSolution
    public var roster: Roster
    /// Changes after the cut-off against the published roster.
    public var diff: RosterDiff
    /// Shifts that start before the cut-off and differ from the published ones (always 0).
    public var changedBeforeCutoff: Int
    public var coverageBefore: CoverageReport
    public var coverageAfter: CoverageReport
    var frozenOutsideModel: [RosterShift]
    /// The scenario as re-rostered (new staff unavailable before the cut-off): check against this one.
    public var scenario: Scenario
}

/// A re-roster ready to solve: the scenario as re-rostered, its model with the published roster fixed
/// before the cut-off, and the roster to start from.
public struct RerosterSetup: Sendable {
    /// The scenario as re-rostered (new staff unavailable before the cut-off).
    public var scenario: Scenario
    public var requirement: [Int]
    var plan: RerosterPlan
    public var model: RosterIntegerModel
    /// The published roster as far as the model allows (each agent's option ids): where the solve starts.
    var start: [[Int]]
    /// Published shifts before the cut-off that match no option of the model; kept as they are.
    var outside: [RosterShift]
}

public enum Reroster {
    /// The scenario of a re-roster: agents who had no shift in the published roster (new staff) are
    /// taken as unavailable before the cut-off, so their minimum hours are prorated to the days they
    /// can still be given.
    public static func scenario(_ scenario: Scenario, for plan: RerosterPlan) -> Scenario {
        self.scenario(scenario, newStaff: newStaff(scenario, base: plan.base), cutoff: plan.cutoff)
    }

    /// The published roster's breaks, per agent of the scenario: shift start → break start.
    static func publishedBreaks(_ base: Roster, scenario: Scenario) -> [[Date: Date]] {
        let index = Dictionary(scenario.agents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var kept = Array(repeating: [Date: Date](), count: scenario.agents.count)
        for s in base.shifts { if let a = index[s.agentID], let b = s.breakStart { kept[a][s.start] = b } }
        return kept
    }

    /// Agents of the scenario with no shift in the published roster, in the scenario's order.
    public static func newStaff(_ scenario: Scenario, base: Roster) -> [String] {
        let known = Set(base.shifts.map(\.agentID))
        return scenario.agents.map(\.id).filter { !known.contains($0) }
    }

    /// The scenario a re-rostered version is judged by: `newStaff` unavailable before the cut-off.
    public static func scenario(_ scenario: Scenario, newStaff: [String], cutoff: Date) -> Scenario {
        var s = scenario
        let start = scenario.grid.horizonStart
        guard cutoff > start else { return s }
        let ids = Set(scenario.agents.map(\.id))
        for agent in newStaff where ids.contains(agent) {
            s.availability.append(AvailabilityEntry(agentID: agent, kind: .unavailable, span: .instants(start, cutoff)))
        }
        return s
    }

    /// A re-roster ready to solve (see `setup`): `RosterPipeline.prepareReroster` and `solveReroster`.
    public static func run(scenario original: Scenario, requirement: [Int], plan: RerosterPlan,
                           options: RosterSolveOptions) throws -> RerosterResult {
        try RosterPipeline.solveReroster(RosterPipeline.prepareReroster(original, requirement: requirement, plan: plan), options: options)
    }

    /// The re-roster's scenario and model, with the published roster fixed before the cut-off.
    static func setup(scenario original: Scenario, requirement: [Int], plan: RerosterPlan) throws(RosterModelError) -> RerosterSetup {
        let scenario = Self.scenario(original, for: plan)
        var model = try RosterIntegerModel(scenario: scenario, requirement: requirement)
        let (start, outside) = model.applyReroster(plan)
        return RerosterSetup(scenario: scenario, requirement: requirement, plan: plan, model: model, start: start, outside: outside)
    }

    /// The re-roster's outcome: the solved roster with the frozen shifts outside the model, compared
    /// with the published one.
    static func result(of setup: RerosterSetup, solved: SolvedRoster) -> RerosterResult {
        let (scenario, plan, requirement, outside) = (setup.scenario, setup.plan, setup.requirement, setup.outside)
        let solution = solved.solution
        var roster = solved.roster
        roster = Roster(teamName: roster.teamName, timeZoneIdentifier: roster.timeZoneIdentifier, shifts: roster.shifts + outside)
        let grid = scenario.grid
        let base = plan.base.within(grid)
        let before = Set(base.shifts.filter { $0.start < plan.cutoff }.map(FrozenKey.init))
        let after = Set(roster.shifts.filter { $0.start < plan.cutoff }.map(FrozenKey.init))
        return RerosterResult(model: setup.model, solution: solution, roster: roster,
                              diff: RosterDiff(old: base, new: roster, from: plan.cutoff),
                              changedBeforeCutoff: before.symmetricDifference(after).count,
                              coverageBefore: CoverageReport(scenario: scenario, requirement: requirement, roster: base),
                              coverageAfter: CoverageReport(scenario: scenario, requirement: requirement, roster: roster),
                              frozenOutsideModel: outside, scenario: scenario)
    }

    /// Splits violations into those lying wholly before the cut-off date (in the frozen past) and the rest.
    public static func partition(_ violations: [RuleViolation], cutoff: LocalDate) -> (past: [RuleViolation], open: [RuleViolation]) {
        let weekly: Set<RuleViolation.Rule> = [.weeklyHours, .daysOff, .nightsPerWeek, .weeklyRest]
        var past: [RuleViolation] = [], open: [RuleViolation] = []
        for v in violations {
            if let d = v.date, d.adding(days: weekly.contains(v.rule) ? 7 : 1) <= cutoff { past.append(v) } else { open.append(v) }
        }
        return (past, open)
    }

    struct FrozenKey: Hashable {
        let agent: String, start: Date, end: Date, name: String, b0: Date?, b1: Date?
        init(_ s: RosterShift) { agent = s.agentID; start = s.start; end = s.end; name = s.shiftName; b0 = s.breakStart; b1 = s.breakEnd }
    }
}
