import Foundation
import RosterCore
import Search

/// The report of a solve, from the scenario, the solution and the independent check.
extension RosterReport {
    public init(scenario: Scenario, staffing: StaffingRequirement?, requirement: [Int], roster: Roster,
                solution: RosterSolution?, check: CheckResult, status: Phrase) {
        self.init()
        let grid = scenario.grid
        let coverage = CoverageReport(scenario: scenario, requirement: requirement, roster: roster)
        team = scenario.team.name
        timeZone = scenario.team.clock.identifier
        firstDay = grid.startDate.description
        days = grid.days
        self.status = status.en
        objective = solution?.objective ?? .nan
        breakdown = solution?.breakdown ?? ObjectiveBreakdown()
        bound = solution?.bound
        boundSource = (solution?.boundSource ?? .none).sentence
        gap = solution?.gap
        seconds = solution?.elapsed ?? 0
        shortfallAgentHours = coverage.shortfallAgentHours
        surplusAgentHours = coverage.surplusAgentHours
        intervalsBelowRequirement = coverage.intervalsBelowRequirement
        intervalsBelowFloor = coverage.scheduled.filter { $0 < scenario.rules.floorAgents }.count
        totalPaidHours = roster.shifts.reduce(0) { $0 + $1.paidMinutes / 60 }
        preferenceCost = solution?.breakdown.preferences ?? 0
        violations = check.violations.map(\.description)
        let source = (solution?.boundSource ?? .none).phrase
        translations = Dictionary(uniqueKeysWithValues: Language.allCases.filter { $0 != .english }.map { language in
            (language.rawValue, Words(status: status.text(language), boundSource: source.text(language),
                                      violations: check.violations.map { $0.description(in: language) }))
        })
        log = solution?.log ?? []
        parameters = solution.flatMap { $0.parameters.isEmpty ? nil : $0.parameters }
        serviceGoal = staffing != nil ? scenario.team.goal.serviceLevel : nil
        relaxedSurplusAgentHours = solution?.relaxedSurplusHours
        forcedSurplusAgentHours = solution?.forcedSurplusHours

        var daily: [Day] = []
        for d in 0..<grid.days {
            let range = grid.dayRanges[d]
            var short = 0.0, below = 0
            var answered = 0.0, calls = 0.0
            for i in range {
                let missing = max(0, coverage.required[i] - coverage.scheduled[i])
                short += Double(missing) * coverage.intervalHours[i]
                if missing > 0 { below += 1 }
                if let st = staffing, i < st.intervals.count, st.intervals[i].calls > 0 {
                    let s = st.intervals[i]
                    let sl = Staffing.serviceLevel(calls: s.calls, handleSeconds: s.handleSeconds,
                                                   intervalSeconds: Double(grid.intervals[i].minutes * 60),
                                                   scheduledAgents: coverage.scheduled[i], shrinkage: scenario.team.shrinkage,
                                                   goal: scenario.team.goal, patience: scenario.team.patienceSeconds)
                    answered += sl * s.calls
                    calls += s.calls
                }
            }
            daily.append(Day(date: grid.date(ofDay: d).description, shortfallAgentHours: short, intervalsBelowRequirement: below,
                             expectedServiceLevel: calls > 0 ? answered / calls : nil))
        }
        self.daily = daily

        let templates = Dictionary(scenario.templates.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let holidays = Set(scenario.team.holidays)
        agents = scenario.agents.map { agent in
            let mine = roster.shifts.filter { $0.agentID == agent.id }
            return AgentLoad(id: agent.id, name: agent.name, shifts: mine.count,
                             paidHours: mine.reduce(0) { $0 + $1.paidMinutes / 60 },
                             nights: mine.filter { templates[$0.shiftName]?.isNight == true }.count,
                             weekendShifts: mine.filter { $0.date.isWeekend }.count,
                             holidayShifts: mine.filter { holidays.contains($0.date) }.count)
        }
        let nightCounts = zip(scenario.agents, agents).filter { $0.0.nightEligible }.map(\.1.nights)
        nightSpread = (nightCounts.max() ?? 0) - (nightCounts.min() ?? 0)
        let weekendCounts = agents.map(\.weekendShifts)
        weekendSpread = (weekendCounts.max() ?? 0) - (weekendCounts.min() ?? 0)
    }
}

extension RosterReport {
    /// Records the conflicts found before solving and which of them explains each violation.
    mutating func explain(_ check: CheckResult, by conflicts: [FeasibilityConflict]) {
        self.conflicts = conflicts.map(\.description)
        for language in Language.allCases where language != .english {
            translations?[language.rawValue]?.conflicts = conflicts.map { $0.description(in: language) }
        }
        violationConflicts = check.violations.map { v in conflicts.firstIndex { $0.explains(v) }.map { $0 + 1 } }
        let explained = violationConflicts?.compactMap { $0 }.count ?? 0
        if explained > 0 { log.append("\(explained) of \(check.violations.count) violation(s) explained by conflicts found before solving") }
    }
}

/// `roster.json`: the roster with its report.
public struct RosterDocument: Codable, Sendable {
    public struct Shift: Codable, Sendable {
        var agentID: String
        var agentName: String
        public var date: String
        var shift: String
        var start: String
        var end: String
        var breakStart: String?
        var breakEnd: String?
    }
    var format = "roster/1"
    public var team: String
    var timeZone: String
    var created: String
    public var shifts: [Shift]
    public var report: RosterReport

    init(roster: Roster, clock: ZoneClock, report: RosterReport, created: Date = Date()) {
        team = roster.teamName
        timeZone = clock.identifier
        self.created = clock.iso8601(created)
        shifts = roster.shifts.map { s in
            Shift(agentID: s.agentID, agentName: s.agentName, date: s.date.description, shift: s.shiftName,
                  start: clock.iso8601(s.start), end: clock.iso8601(s.end),
                  breakStart: s.breakStart.map(clock.iso8601), breakEnd: s.breakEnd.map(clock.iso8601))
        }
        self.report = report
    }

    /// The JSON text of `roster.json`; a value the encoder cannot write is an error, not an empty object.
    public func encoded() throws(JSONEncodeError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try JSONOutput.encode(self, as: "roster.json", with: encoder)
    }
}

extension BoundSource {
    /// The sentence a report prints, in each language.
    var phrase: Phrase {
        switch self {
        case .none: Phrase(sentence, "无")
        case .fullRelaxation: Phrase(sentence, "完整模型的线性松弛")
        case .shiftCountModel: Phrase(sentence, "班次数松弛（坐席合并），由分支定界求得")
        case .columnGeneration: Phrase(sentence, "列生成：收敛时的主问题线性规划")
        case .lagrangian: Phrase(sentence, "拉格朗日下界：在覆盖价格下，每名坐席遵守其全部规则的最便宜排班")
        case .branchAndBound: Phrase(sentence, "完整模型上的分支切割")
        }
    }
}
