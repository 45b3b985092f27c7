import Foundation
@testable import RosterCore
@testable import RosterModel
import RosterOutput
import Testing

/// The independent checker finds each kind of broken rule, on rosters built by hand or read from CSV.
@Suite struct CheckerTests {
    let day = Small.template("Day", "D", start: Small.time(8), hours: 8)
    let night = Small.template("Night", "N", start: Small.time(22), hours: 8, night: true)

    func shift(_ agent: String, day d: Int, _ t: ShiftTemplate, in s: Scenario) -> RosterShift { Small.shift(agent, day: d, t, in: s) }

    @Test func eachBrokenRuleIsFound() throws {
        var rules = LaborRules(minRestHours: 11, maxConsecutiveDays: 2, minDaysOffPerWeek: 1, maxHoursPerWeek: 100,
                               maxNightsPerWeek: 1, maxConsecutiveNights: 1, floorAgents: 0)
        rules.maxShiftsPerDay = 1
        let s = Small.scenario(agents: 2, days: 7, templates: [day, night], rules: rules,
                               availability: [AvailabilityEntry(agentID: "a2", kind: .unavailable, span: .dates(Small.start, Small.start))]) { _, _ in 0 }
        // a1: nights on days 0 and 1 (two in a row, two in the week), then a day shift on day 2 right
        // after a night (rest), then days 3–6 (too many consecutive days, no day off).
        var shifts = [shift("a1", day: 0, night, in: s), shift("a1", day: 1, night, in: s), shift("a1", day: 2, day, in: s)]
        for d in 3...6 { shifts.append(shift("a1", day: d, day, in: s)) }
        shifts.append(shift("a2", day: 0, day, in: s))            // a2 is unavailable on day 0
        shifts.append(shift("ghost", day: 1, day, in: s))         // no such agent
        let result = RosterChecker(scenario: s).check(Roster(teamName: "t", timeZoneIdentifier: "UTC", shifts: shifts))
        #expect(result.count(of: .rest) == 1)
        #expect(result.count(of: .consecutiveDays) == 1)
        #expect(result.count(of: .daysOff) == 1)
        #expect(result.count(of: .nightsPerWeek) == 1)
        #expect(result.count(of: .consecutiveNights) == 1)
        #expect(result.count(of: .unavailable) == 1)
        #expect(result.count(of: .unknownAgent) == 1)
    }

    @Test func floorHandoverShapeAndHoursAreChecked() throws {
        var rules = LaborRules(floorAgents: 1)
        rules.minHoursPerWeek = 40
        let rule = HandoverRule(name: "morning", time: Small.time(8), minAgents: 1, overlapMinutes: 30)
        let s = Small.scenario(agents: 1, days: 7, templates: [day], rules: rules, handovers: [rule]) { _, _ in 0 }
        var odd = shift("a1", day: 0, day, in: s)
        odd.start = odd.start.addingTimeInterval(1800)              // 08:30–16:00: neither start nor length fits
        let result = RosterChecker(scenario: s).check(Roster(teamName: "t", timeZoneIdentifier: "UTC", shifts: [odd]))
        #expect(result.count(of: .shiftShape) == 1)
        // 08:30–16:00 is on the line for half of 08:00–09:00 (counted) and all of 09:00–16:00: 8 intervals.
        #expect(result.count(of: .floor) == 7 * 24 - 8)
        #expect(result.count(of: .handover) == 7)                   // 08:30 start does not reach back to 07:30
        #expect(result.count(of: .weeklyHours) == 1)
    }

    @Test func aRosterReadBackFromCSVChecksTheSame() throws {
        let s = SyntheticScenario.make(agents: 8, days: 7, seed: 3, zone: "Europe/Berlin",
                                       startDate: LocalDate(year: 2026, month: 3, day: 23)!)   // the week clocks go forward
        let (_, _, roster) = try Small.solve(s, seconds: 4)
        let text = RosterCSV.render(roster, clock: s.team.clock)
        let back = try RosterCSV.parse(text, file: "roster.csv")
        #expect(back.shifts == roster.shifts)
        let a = RosterChecker(scenario: s).check(roster).violations
        let b = RosterChecker(scenario: s).check(back).violations
        #expect(a == b)
    }

    @Test func badRosterFilesNameLineAndField() {
        #expect(throws: RosterFileError(SourceLocation(file: "r.csv", line: 2, field: "start"),
                                        "'tomorrow' is not an ISO 8601 date-time with a UTC offset")) {
            try RosterCSV.parse("agent_id,agent_name,date,start,end,shift,break_start,break_end\na1,A,2027-03-01,tomorrow,2027-03-01T16:00:00+08:00,Day,,\n", file: "r.csv")
        }
        #expect(throws: RosterFileError(SourceLocation(file: "r.csv", line: 1, field: "shift"),
                                        "missing column (expected: agent_id,agent_name,date,start,end,shift,break_start,break_end)")) {
            try RosterCSV.parse("agent_id,agent_name,date,start,end\n", file: "r.csv")
        }
        #expect(throws: RosterFileError.self) {
            try RosterCSV.parse("agent_id,agent_name,date,start,end,shift\na1,A,2027-03-01,2027-03-01T16:00:00+08:00,2027-03-01T08:00:00+08:00,Day\n", file: "r.csv")
        }
    }

    /// More than 20 violations: the summary lists 20 and points to roster.json, which holds them all.
    @Test func summaryPointsToTheFileThatHoldsEveryViolation() throws {
        let day = Small.template("Day", "D", start: Small.time(8), hours: 8)
        let s = Small.scenario(agents: 1, days: 2, templates: [day], rules: LaborRules(floorAgents: 1)) { _, _ in 1 }
        let empty = Roster(teamName: s.team.name, timeZoneIdentifier: s.team.clock.identifier, shifts: [])
        let check = RosterChecker(scenario: s).check(empty)
        #expect(check.count(of: .floor) == 48)
        let report = RosterReport(scenario: s, staffing: nil, requirement: Small.requirement(s), roster: empty,
                                  solution: nil, check: check, status: Phrase("test", "测试"))
        #expect(report.summary.contains("… and 28 more (see roster.json)"), "\(report.summary)")
        // In Chinese, the checker's own sentences too: the rule's name and what is broken, entry for entry.
        let chinese = report.summary(in: .simplifiedChinese)
        #expect(chinese.contains("— 测试"), "\(chinese)")
        #expect(chinese.contains("    - [最低在线人数] \(Small.start)：00:00 在线 0 名坐席（至少 1 名）"), "\(chinese)")
        #expect(chinese.contains("另有 28 条（见 roster.json）"))
        #expect(!chinese.contains("agents on the line"))
        #expect(report.translations?["zh-Hans"]?.violations.count == check.violations.count)
        #expect(!report.summary.contains("report.json"))
        let data = try RosterDocument(roster: empty, clock: s.team.clock, report: report).encoded()
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let written = try #require((json["report"] as? [String: Any])?["violations"] as? [String])
        #expect(written == check.violations.map(\.description))
    }
}

@Suite struct PropertyTests {
    static let hardRules: Set<RuleViolation.Rule> = [.unknownAgent, .unknownShift, .shiftShape, .outsideHorizon, .eligibility,
                                                     .unavailable, .shiftsPerDay, .overlap, .rest, .consecutiveDays, .daysOff,
                                                     .nightsPerWeek, .consecutiveNights, .pinned]

    @Test(arguments: 1...8)
    func randomScenariosGiveRostersThatKeepTheHardRules(seed: Int) throws {
        let agents = 3 + seed % 5
        let days = 3 + (seed * 7) % 9
        let zones = ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "UTC"]
        let s = SyntheticScenario.make(agents: agents, days: days, seed: UInt64(seed), zone: zones[seed % zones.count],
                                       startDate: LocalDate(year: 2026, month: 3, day: 20 + seed % 7)!, load: 0.6 + Double(seed % 4) * 0.15)
        let (model, solution, roster) = try Small.solve(s, seconds: 3)
        let result = RosterChecker(scenario: s).check(roster)
        let hard = result.violations.filter { Self.hardRules.contains($0.rule) }
        #expect(hard.isEmpty, "\(hard)")
        if solution.breakdown.ruleViolations < 1e-6 {
            #expect(result.isValid, "\(result.violations)")
        }
        #expect(model.model.maxViolation(solution.values) < 1e-6)
        #expect(abs(model.model.objectiveValue(solution.values) - solution.objective) < 1e-6)
    }
}
