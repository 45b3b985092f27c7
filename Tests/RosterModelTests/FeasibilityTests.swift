import Foundation
@testable import RosterCore
@testable import RosterModel
import Testing

/// FeasibilityAnalysis finds, before solving, each kind of hard rule no roster can keep, and explains it;
/// the solver still returns a roster whose violations the conflicts explain.
@Suite struct FeasibilityTests {
    let day = Small.template("day", "D", start: Small.time(7), hours: 8)
    let early = Small.template("early", "E", start: Small.time(0), hours: 12)
    let late = Small.template("late", "L", start: Small.time(12), hours: 12)
    let evening = Small.template("evening", "V", start: Small.time(19), hours: 12, night: true)

    /// A short solve on one thread (the suites run in parallel on small machines).
    func solve(_ s: Scenario, seconds: Double) throws -> (RosterIntegerModel, RosterSolution, Roster) {
        let model = try RosterIntegerModel(scenario: s, requirement: Small.requirement(s))
        let solution = try RosterSolver.solve(model, options: RosterSolveOptions(timeLimit: seconds, gapTarget: 0, threads: 1))
        return (model, solution, RosterBuilder.roster(from: solution, model: model))
    }

    @Test func minimumWeeklyHoursAboveWhatTheContractAllows() throws {
        let rules = LaborRules(minRestHours: 11, maxConsecutiveDays: 6, minDaysOffPerWeek: 2, minHoursPerWeek: 32,
                               maxHoursPerWeek: 40, floorAgents: 0)
        var s = Small.scenario(agents: 2, days: 7, templates: [day], rules: rules) { _, h in h >= 8 && h < 15 ? 1 : 0 }
        s.agents[0].maxHoursPerWeek = 24
        let conflicts = FeasibilityAnalysis.conflicts(in: s)
        #expect(conflicts.count == 1, "\(conflicts)")
        let c = try #require(conflicts.first)
        #expect(c.kind == .weeklyHours && c.agentID == "a1" && c.dates == [Small.start])
        #expect(c.message.contains("= 24 h"), "\(c.message)")
        #expect(c.message.contains("lower min_hours_per_week in team.toml [rules] to 24, or give them their own in agents.csv"), "\(c.message)")
        #expect(c.message.contains("raise their max_hours_per_week in agents.csv to 32"), "\(c.message)")
        #expect(c.description.hasPrefix("conflict: "))
        // The same conflict in Chinese: the numbers and the settings to change, in Chinese sentences.
        let zh = c.description(in: .simplifiedChinese)
        #expect(zh.hasPrefix("冲突：agents.csv") && zh.contains("= 24 小时") && zh.contains("max_hours_per_week = 24"), "\(zh)")
        #expect(zh.contains("把 team.toml [rules] 的 min_hours_per_week 降到 24") && zh.contains("，或把 agents.csv 中其 max_hours_per_week 提高到 32"), "\(zh)")
        #expect(!zh.contains("lower") && !zh.contains("at most"), "\(zh)")

        // The solver still gives a roster; its violation is the one foreseen.
        let (_, solution, roster) = try solve(s, seconds: 3)
        #expect(!solution.assignment.isEmpty)
        let check = RosterChecker(scenario: s).check(roster)
        let v = try #require(check.violations.first { $0.rule == .weeklyHours })
        #expect(v.agentID == "a1")
        #expect(FeasibilityAnalysis.cause(of: v, among: conflicts) == c)
    }

    /// An agent's own bounds in agents.csv win over the team's rule, in both directions: a part-timer
    /// contracted at 16 h is not held to the team's 24 h, and a 44-h contract is not capped at 40.
    @Test func anAgentsOwnContractWinsOverTheTeamRule() throws {
        let rules = LaborRules(minRestHours: 11, maxConsecutiveDays: 6, minDaysOffPerWeek: 1, minHoursPerWeek: 24,
                               maxHoursPerWeek: 40, floorAgents: 0)
        var s = Small.scenario(agents: 3, days: 7, templates: [day], rules: rules) { _, h in h >= 8 && h < 15 ? 3 : 0 }
        s.agents[0].minHoursPerWeek = 16
        s.agents[0].maxHoursPerWeek = 16
        s.agents[1].maxHoursPerWeek = 48
        let semantics = RuleSemantics(scenario: s)
        #expect(semantics.maxWeekHours(s.agents[0]) == 16 && semantics.baseMinWeekHours(s.agents[0]) == 16)
        #expect(semantics.maxWeekHours(s.agents[1]) == 48 && semantics.baseMinWeekHours(s.agents[1]) == 24)
        #expect(semantics.maxWeekHours(s.agents[2]) == 40)
        // Below the team's minimum, within her own: no conflict.
        #expect(FeasibilityAnalysis.conflicts(in: s).isEmpty)
        // Solved with demand for three all week, the 48-h agent works past the team's 40 h and nobody breaks a rule.
        let (_, _, roster) = try solve(s, seconds: 5)
        #expect(RosterChecker(scenario: s).check(roster).violations.isEmpty)
        let hours = Dictionary(grouping: roster.shifts, by: \.agentID).mapValues { $0.reduce(0.0) { $0 + $1.paidMinutes / 60 } }
        #expect((hours["a1"] ?? 0) <= 16 + 1e-9 && (hours["a2"] ?? 0) > 40, "\(hours)")
    }

    @Test func weeklyCapacityCountsWholeShifts() throws {
        // Shifts of 7 or 8 paid hours and at most 20 h a week: two shifts (16 h) is the most, not 20.
        let t = ShiftTemplate(name: "day", code: "D", earliestStart: Small.time(8), latestStart: Small.time(8), stepMinutes: 60,
                              lengthsMinutes: [480, 540], breakRule: BreakRule(lengthMinutes: 60, earliestOffsetMinutes: 180, latestOffsetMinutes: 240),
                              isNight: false)
        var s = Small.scenario(agents: 1, days: 7, templates: [t], rules: LaborRules(minDaysOffPerWeek: 2, minHoursPerWeek: 24, floorAgents: 0)) { _, _ in 0 }
        s.agents[0].maxHoursPerWeek = 20
        let c = try #require(FeasibilityAnalysis.conflicts(in: s).first)
        #expect(c.message.contains("= 16 h") && c.message.contains("lower min_hours_per_week in team.toml [rules] to 16") && c.message.contains("raise their max_hours_per_week in agents.csv to 24"), "\(c.message)")
    }

    @Test func minimumHoursWithOnlyShortShiftsOpen() {
        let short = Small.template("short", "S", start: Small.time(9), hours: 4)
        let rules = LaborRules(minDaysOffPerWeek: 2, minHoursPerWeek: 30, floorAgents: 0)
        var s = Small.scenario(agents: 1, days: 14, templates: [day, short], rules: rules) { _, _ in 0 }
        s.agents[0].allowedShifts = ["short"]
        let conflicts = FeasibilityAnalysis.conflicts(in: s)
        #expect(conflicts.count == 2)   // both weeks
        #expect(conflicts.allSatisfy { $0.message.contains("5 day(s)") && $0.message.contains("= 20 h") && $0.message.contains("min_days_off_per_week = 2") })
    }

    @Test func leaveIsAllowedForByTheReducedMinimum() {
        // Four days of leave: the minimum falls to 32 × 3/7 h, which three days of 8 h cover. No conflict.
        let rules = LaborRules(minDaysOffPerWeek: 2, minHoursPerWeek: 32, floorAgents: 0)
        let leave = AvailabilityEntry(agentID: "a1", kind: .leave, span: .dates(Small.start.adding(days: 1), Small.start.adding(days: 4)))
        let s = Small.scenario(agents: 1, days: 7, templates: [day], rules: rules, availability: [leave]) { _, _ in 0 }
        #expect(FeasibilityAnalysis.conflicts(in: s).isEmpty)
    }

    @Test func handoverNeedsMoreNightEligibleAgentsThanExist() throws {
        let handover = HandoverRule(name: "evening handover", time: Small.time(20), minAgents: 3, overlapMinutes: 30)
        var s = Small.scenario(agents: 4, days: 7, templates: [day, evening], rules: LaborRules(minDaysOffPerWeek: 0, floorAgents: 0),
                               handovers: [handover]) { _, _ in 0 }
        s.agents[0].nightEligible = false
        s.agents[1].nightEligible = false
        let conflicts = FeasibilityAnalysis.conflicts(in: s)
        #expect(conflicts.count == 1, "\(conflicts)")
        let c = try #require(conflicts.first)
        #expect(c.kind == .handover && c.dates.count == 7)
        #expect(c.message.contains("needs 3 agents working 19:30–20:30, but only 2 agent(s) can work a shift spanning it on 2027-03-01..2027-03-07"), "\(c.message)")
        #expect(c.message.contains("2 may not work the shifts that span it"))
        #expect(c.message.contains("lower min_agents of 'evening handover' to 2"))
        #expect(c.location.file == "team.toml")
        let zh = c.description(in: .simplifiedChinese)
        #expect(zh.hasPrefix("冲突：team.toml：字段 'handovers'：20:00 的交接"), "\(zh)")
        #expect(zh.contains("需要 3 名坐席在 19:30–20:30 工作，但 2027-03-01..2027-03-07（7 天） 只有 2 名坐席能上跨越它的班次（2 名不能上跨越它的班次"), "\(zh)")
        #expect(zh.contains("把 'evening handover' 的 min_agents 降到 2"), "\(zh)")

        let (_, _, roster) = try solve(s, seconds: 3)
        let violations = RosterChecker(scenario: s).check(roster).violations.filter { $0.rule == .handover }
        #expect(!violations.isEmpty)
        #expect(violations.allSatisfy { FeasibilityAnalysis.cause(of: $0, among: conflicts) != nil })
    }

    @Test func handoverNeedsMoreShiftsThanDaysOffAllow() throws {
        // Four agents can all span the 20:00 handover every day, but each works at most 5 days a week:
        // 4 × 5 = 20 shifts against 4 × 7 = 28.
        let handover = HandoverRule(name: "evening handover", time: Small.time(20), minAgents: 4, overlapMinutes: 30)
        let other = HandoverRule(name: "noon", time: Small.time(12), minAgents: 0, overlapMinutes: 30)
        let s = Small.scenario(agents: 4, days: 7, templates: [evening], rules: LaborRules(minRestHours: 11, minDaysOffPerWeek: 2, floorAgents: 0),
                               handovers: [other, handover]) { _, _ in 0 }
        let conflicts = FeasibilityAnalysis.conflicts(in: s)
        let c = try #require(conflicts.first, "\(conflicts)")
        #expect(conflicts.count == 1 && c.dates.isEmpty && c.handoverName == "evening handover")
        #expect(c.message.contains("needs 4 agents working 19:30–20:30 on each of 7 days = 28 shifts") && c.message.contains("at most 20 such shifts")
                && c.message.contains("lower min_agents of 'evening handover' to 2"), "\(c.message)")
        let v = RuleViolation(rule: .handover, agentID: nil, date: Small.start, message: Phrase(verbatim: "3 agents work across the evening handover at 20:00 by 30 min (at least 4)"),
                              handoverName: "evening handover")
        #expect(c.explains(v))
        let w = RuleViolation(rule: .handover, agentID: nil, date: Small.start, message: Phrase(verbatim: "0 agents work across the noon at 12:00 by 30 min (at least 1)"),
                              handoverName: "noon")
        #expect(!c.explains(w))
        // Matched by the handover's name as a value, not by the words of the message.
        let misleading = RuleViolation(rule: .handover, agentID: nil, date: Small.start, message: Phrase(verbatim: "the evening handover at 20:00"), handoverName: "noon")
        #expect(!c.explains(misleading))
        let unnamed = RuleViolation(rule: .handover, agentID: nil, date: Small.start, message: Phrase(verbatim: "the evening handover at 20:00"))
        #expect(!c.explains(unnamed))
    }

    /// The checker names the handover rule a violation breaks, so that conflicts are matched by value.
    @Test func checkerViolationsNameTheirHandover() {
        let noon = HandoverRule(name: "noon", time: Small.time(12), minAgents: 1, overlapMinutes: 30)
        let evening = HandoverRule(name: "evening", time: Small.time(20), minAgents: 1, overlapMinutes: 30)
        let s = Small.scenario(agents: 2, days: 2, templates: [day], rules: LaborRules(floorAgents: 0), handovers: [noon, evening]) { _, _ in 0 }
        let empty = Roster(teamName: s.team.name, timeZoneIdentifier: s.team.clock.identifier, shifts: [])
        let violations = RosterChecker(scenario: s).check(empty).violations.filter { $0.rule == .handover }
        #expect(violations.count == 4)
        #expect(violations.filter { $0.handoverName == "noon" }.count == 2)
        #expect(violations.filter { $0.handoverName == "evening" }.count == 2)
        #expect(violations.allSatisfy { $0.description.contains("the \($0.handoverName ?? "?") at") })
    }

    @Test func handoverThatNoTemplateSpans() {
        let handover = HandoverRule(name: "noon", time: Small.time(12), minAgents: 1, overlapMinutes: 30)
        let s = Small.scenario(agents: 2, days: 2, templates: [Small.template("morning", "M", start: Small.time(4), hours: 8)],
                               rules: LaborRules(floorAgents: 0), handovers: [handover]) { _, _ in 0 }
        let c = FeasibilityAnalysis.conflicts(in: s)
        #expect(c.count == 1 && c[0].message.contains("no shift template spans it") && c[0].message.contains("add a shift template"))
    }

    @Test func floorNeedsMoreAgentHoursThanTheTeamHas() throws {
        // Three agents, 12-hour shifts around the clock, five days a week: 180 h against 2 × 168 h.
        let rules = LaborRules(minRestHours: 11, minDaysOffPerWeek: 2, floorAgents: 2)
        let s = Small.scenario(agents: 3, days: 7, templates: [early, late], rules: rules) { _, _ in 0 }
        let conflicts = FeasibilityAnalysis.conflicts(in: s)
        let c = try #require(conflicts.first { $0.kind == .floor && $0.dates.isEmpty }, "\(conflicts)")
        #expect(c.message.contains("floor_agents = 2 needs 336 agent-hours on the line, the team can give at most 180"), "\(c.message)")
        #expect(c.message.contains("lower floor_agents to 1"))
        let (_, _, roster) = try solve(s, seconds: 3)
        let floors = RosterChecker(scenario: s).check(roster).violations.filter { $0.rule == .floor }
        #expect(!floors.isEmpty)
        #expect(floors.allSatisfy { FeasibilityAnalysis.cause(of: $0, among: conflicts) != nil })
    }

    @Test func floorAtHoursNobodyCanWork() throws {
        let s = Small.scenario(agents: 3, days: 2, templates: [day], rules: LaborRules(floorAgents: 1)) { _, _ in 0 }
        let perDay = FeasibilityAnalysis.conflicts(in: s).filter { $0.kind == .floor && !$0.dates.isEmpty }
        #expect(perDay.count == 2)
        #expect(perDay[0].message.contains("only 0 agent(s) can be on the line at 00:00–07:00, 15:00–00:00"), "\(perDay[0].message)")
    }

    @Test func pinnedShiftsAgainstLeaveAndRestAreLeftOutAndExplained() throws {
        let leave = AvailabilityEntry(agentID: "a1", kind: .leave, span: .dates(Small.start.adding(days: 3), Small.start.adding(days: 4)))
        let pins = [
            PinnedShift(agentID: "a1", date: Small.start.adding(days: 3), template: "day", start: Small.time(7)),        // in the leave
            PinnedShift(agentID: "a2", date: Small.start, template: "evening", start: Small.time(19)),                   // ends 07:00 on day 1
            PinnedShift(agentID: "a2", date: Small.start.adding(days: 1), template: "day", start: Small.time(7)),       // no rest after it
            PinnedShift(agentID: "a3", date: Small.start.adding(days: 2), template: "day", start: Small.time(7)),       // fine
        ]
        let s = Small.scenario(agents: 3, days: 7, templates: [day, evening], rules: LaborRules(minRestHours: 11, floorAgents: 0),
                               availability: [leave], pinned: pins) { _, _ in 0 }
        let conflicts = FeasibilityAnalysis.conflicts(in: s)
        #expect(conflicts.map(\.pinIndex) == [0, 2], "\(conflicts)")
        #expect(conflicts[0].message.contains("falls in their leave") && conflicts[0].message.contains("shorten the leave"))
        #expect(conflicts[1].message.contains("leaves 0 h of rest") && conflicts[1].message.contains("min_rest_hours is 11"), "\(conflicts[1].message)")
        let zh = conflicts.map { $0.description(in: .simplifiedChinese) }
        #expect(zh[0].contains("a1 在 \(Small.start.adding(days: 3)) 07:00 的固定班次 day无法上：它落在其休假或不可排班时间内") && zh[0].hasSuffix("求解时不采用它"), "\(zh[0])")
        #expect(zh[1].contains("只休息 0 小时，但 min_rest_hours 是 11"), "\(zh[1])")

        // The model refuses a pin on leave; without the unkeepable pins it solves, and the check of the
        // original scenario reports the pins as missing, each explained.
        #expect(throws: RosterModelError.self) { try RosterIntegerModel(scenario: s, requirement: Small.requirement(s)) }
        let pruned = FeasibilityAnalysis.withoutUnkeepablePins(s, conflicts)
        #expect(pruned.pinned.count == 2)
        let (_, _, roster) = try solve(pruned, seconds: 3)
        let violations = RosterChecker(scenario: s).check(roster).violations
        #expect(violations.count == 2, "\(violations)")
        #expect(violations.allSatisfy { $0.rule == .pinned && FeasibilityAnalysis.cause(of: $0, among: conflicts) != nil })
    }

    @Test func pinsOutsideTheHorizonAreIgnoredNotFatal() throws {
        let pins = [PinnedShift(agentID: "a1", date: Small.start.adding(days: 30), template: "day", start: Small.time(7))]
        let s = Small.scenario(agents: 1, days: 7, templates: [day], rules: LaborRules(floorAgents: 0), pinned: pins) { _, _ in 0 }
        let conflicts = FeasibilityAnalysis.conflicts(in: s)
        #expect(conflicts.isEmpty)
        #expect(throws: RosterModelError.self) { try RosterIntegerModel(scenario: s, requirement: Small.requirement(s)) }
        let solvable = FeasibilityAnalysis.withoutUnkeepablePins(s, conflicts)
        #expect(solvable.pinned.isEmpty)
        _ = try RosterIntegerModel(scenario: solvable, requirement: Small.requirement(solvable))
    }

    @Test func pinsBeyondTheWeeklyLimits() {
        let rules = LaborRules(minRestHours: 8, maxConsecutiveDays: 6, minDaysOffPerWeek: 2, maxHoursPerWeek: 40, floorAgents: 0)
        let pins = (0..<6).map { PinnedShift(agentID: "a1", date: Small.start.adding(days: $0), template: "day", start: Small.time(7)) }
        let s = Small.scenario(agents: 1, days: 7, templates: [day], rules: rules, pinned: pins) { _, _ in 0 }
        let conflicts = FeasibilityAnalysis.conflicts(in: s)
        #expect(conflicts.map(\.pinIndex) == [5], "\(conflicts)")
        #expect(conflicts[0].message.contains("min_days_off_per_week"))
    }

    @Test func theBundledScenarioHasNoConflict() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["suzhou-96122", "suzhou-96122-surge"] {
            let s = try ScenarioLoader.load(directory: root.appendingPathComponent("rosters/\(name)")).scenario
            let conflicts = FeasibilityAnalysis.conflicts(in: s)
            #expect(conflicts.isEmpty, "\(name): \(conflicts)")
        }
    }
}
