import Foundation
import RosterCore

/// A hard rule a roster breaks.
public struct RuleViolation: Sendable, Hashable, CustomStringConvertible {
    public enum Rule: String, Sendable, Hashable, CaseIterable, Codable {
        case unknownAgent = "unknown agent"
        case unknownShift = "unknown shift"
        case shiftShape = "shift shape"
        case outsideHorizon = "outside the horizon"
        case eligibility = "eligibility"
        case unavailable = "unavailability"
        case shiftsPerDay = "shifts per day"
        case overlap = "overlapping shifts"
        case rest = "rest between shifts"
        case consecutiveDays = "consecutive days"
        case daysOff = "days off per week"
        case weeklyHours = "weekly hours"
        case horizonHours = "horizon hours"
        case nightsPerWeek = "nights per week"
        case consecutiveNights = "consecutive nights"
        case weeklyRest = "weekly rest"
        case floor = "floor of agents"
        case handover = "handover overlap"
        case pinned = "pinned shift"

        /// The rule's name in a language (the English one is `rawValue`, as in `roster.json`).
        public func name(in language: Language) -> String {
            guard language == .simplifiedChinese else { return rawValue }
            switch self {
            case .unknownAgent: return "未知坐席"
            case .unknownShift: return "未知班次"
            case .shiftShape: return "班次形态"
            case .outsideHorizon: return "超出排班期"
            case .eligibility: return "任职资格"
            case .unavailable: return "不可排班"
            case .shiftsPerDay: return "每日班次数"
            case .overlap: return "班次重叠"
            case .rest: return "班间休息"
            case .consecutiveDays: return "连续工作天数"
            case .daysOff: return "每周休息天数"
            case .weeklyHours: return "每周工时"
            case .horizonHours: return "排班期工时"
            case .nightsPerWeek: return "每周夜班数"
            case .consecutiveNights: return "连续夜班数"
            case .weeklyRest: return "每周连续休息"
            case .floor: return "最低在线人数"
            case .handover: return "交接重叠"
            case .pinned: return "固定班次"
            }
        }
    }

    public var rule: Rule
    public var agentID: String?
    public var date: LocalDate?
    /// What is broken, in each language.
    public var phrase: Phrase
    /// For a violation of a handover rule: the rule's name, so that a conflict about that handover is
    /// matched by value (`FeasibilityConflict.explains`), never by searching the message.
    public var handoverName: String? = nil

    public init(rule: Rule, agentID: String?, date: LocalDate?, message: Phrase, handoverName: String? = nil) {
        self.rule = rule
        self.agentID = agentID
        self.date = date
        self.phrase = message
        self.handoverName = handoverName
    }

    /// What is broken, in English.
    public var message: String { phrase.en }

    public var description: String { description(in: .english) }

    /// `[weekly hours] a03 2027-03-15: 44.00 h in the week of 2027-03-15 (at most 40.00 h)`, in a language.
    public func description(in language: Language) -> String {
        var parts: [String] = ["[\(rule.name(in: language))]"]
        if let agentID { parts.append(agentID) }
        if let date { parts.append(date.description) }
        return parts.joined(separator: " ") + (language == .simplifiedChinese ? "：" : ": ") + phrase.text(language)
    }
}

public struct CheckResult: Sendable {
    public var violations: [RuleViolation]
    public var isValid: Bool { violations.isEmpty }
    public func count(of rule: RuleViolation.Rule) -> Int { violations.filter { $0.rule == rule }.count }
}

/// Re-verifies every hard rule of a scenario on any roster — one just solved or one read back from
/// `roster.csv` — from the shifts' real times alone. It shares no code with the model's constraints
/// (only the reading of "week" and of an agent's bounds, `RuleSemantics`), so it checks them.
public struct RosterChecker: Sendable {
    public let scenario: Scenario
    let semantics: RuleSemantics
    /// Index of each agent by id (the first, should an id repeat) and each template by name.
    let agentIndex: [String: Int]
    let templatesByName: [String: ShiftTemplate]

    public init(scenario: Scenario) {
        self.scenario = scenario
        self.semantics = RuleSemantics(scenario: scenario)
        self.agentIndex = Dictionary(scenario.agents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.templatesByName = Dictionary(scenario.templates.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every broken rule, in a fixed order: each shift's own rules (in roster order), unavailability,
    /// then agent by agent the day, rest, run, week and horizon rules, then floor, handovers and pins.
    public func check(_ roster: Roster) -> CheckResult {
        var v: [RuleViolation] = []
        let byAgent = checkEachShift(roster, into: &v)
        checkUnavailability(byAgent, into: &v)
        for (a, agent) in scenario.agents.enumerated() {
            let shifts = byAgent[a].sorted { $0.start < $1.start }
            checkShiftsPerDay(agent, shifts, into: &v)
            checkOverlapAndRest(agent, shifts, into: &v)
            checkBoundary(agentIndex: a, shifts, into: &v)
            let slots = DaySlots(shifts, grid: scenario.grid, templates: templatesByName)
            checkConsecutiveDaysAndNights(agentIndex: a, slots, into: &v)
            checkWeeks(agentIndex: a, slots, into: &v)
            checkWeeklyRest(agent, semantics.previousShifts[a] + shifts, into: &v)
            checkHorizonHours(agentIndex: a, slots, into: &v)
        }
        checkFloor(roster, into: &v)
        checkHandovers(roster, into: &v)
        checkPinned(roster, into: &v)
        return CheckResult(violations: v)
    }

    private static func hoursText(_ h: Double) -> String { String(format: "%.2f h", h) }
    private static func hoursTextZH(_ h: Double) -> String { String(format: "%.2f 小时", h) }

    // MARK: Each shift alone

    /// The rules of each shift on its own, in roster order: known agent and template, shape and break,
    /// horizon, eligibility. Returns the shifts of each known agent (in roster order).
    private func checkEachShift(_ roster: Roster, into v: inout [RuleViolation]) -> [[RosterShift]] {
        var byAgent = Array(repeating: [RosterShift](), count: scenario.agents.count)
        for s in roster.shifts {
            guard let a = agentIndex[s.agentID] else {
                v.append(RuleViolation(rule: .unknownAgent, agentID: s.agentID, date: s.date, message: Phrase("no agent '\(s.agentID)' in agents.csv", "agents.csv 中没有坐席 '\(s.agentID)'")))
                continue
            }
            byAgent[a].append(s)
            guard let template = templatesByName[s.shiftName] else {
                v.append(RuleViolation(rule: .unknownShift, agentID: s.agentID, date: s.date, message: Phrase("no shift template '\(s.shiftName)'", "没有班次模板 '\(s.shiftName)'")))
                continue
            }
            checkShape(s, template, into: &v)
            checkBreakWindow(s, template, into: &v)
            checkInsideHorizon(s, into: &v)
            checkEligibility(s, scenario.agents[a], template, into: &v)
        }
        return byAgent
    }

    /// The shift must be one the template allows, starting on its own date.
    private func checkShape(_ s: RosterShift, _ template: ShiftTemplate, into v: inout [RuleViolation]) {
        let local = scenario.team.clock.localDateTime(of: s.start)
        let length = Int((s.end.timeIntervalSince(s.start) / 60).rounded())
        if local.date != s.date || !template.startTimes.contains(local.time) || !template.lengthsMinutes.contains(length) {
            v.append(RuleViolation(rule: .shiftShape, agentID: s.agentID, date: s.date,
                                   message: Phrase("\(s.shiftName) starting \(local) for \(length) min is not a start and length of the template",
                                                  "\(s.shiftName) 于 \(local) 开始、长 \(length) 分钟，不是该模板允许的开始时间和时长")))
        }
    }

    /// A template with a break rule: the shift has a break of the rule's length inside its window.
    private func checkBreakWindow(_ s: RosterShift, _ template: ShiftTemplate, into v: inout [RuleViolation]) {
        guard let rule = template.breakRule, rule.lengthMinutes > 0 else { return }
        let tolerance = Tolerance.time
        if let b0 = s.breakStart, let b1 = s.breakEnd {
            let offset = b0.timeIntervalSince(s.start) / 60
            let breakLength = b1.timeIntervalSince(b0) / 60
            if offset < Double(rule.earliestOffsetMinutes) - tolerance || offset > Double(rule.latestOffsetMinutes) + tolerance
                || abs(breakLength - Double(rule.lengthMinutes)) > tolerance {
                v.append(RuleViolation(rule: .shiftShape, agentID: s.agentID, date: s.date,
                                       message: Phrase("break of \(Int(breakLength)) min at +\(Int(offset)) min breaks the break rule",
                                                      "班次开始后 \(Int(offset)) 分钟休息 \(Int(breakLength)) 分钟，不符合休息规则")))
            }
        } else {
            v.append(RuleViolation(rule: .shiftShape, agentID: s.agentID, date: s.date, message: Phrase("the shift has no break", "该班次没有安排休息")))
        }
    }

    /// The shift's date lies in the horizon, or it is carried in from the eve and reaches into it.
    private func checkInsideHorizon(_ s: RosterShift, into v: inout [RuleViolation]) {
        let grid = scenario.grid
        let carriedIn = s.date == grid.date(ofDay: -1) && s.end > grid.horizonStart
        if grid.day(of: s.date) == nil && !carriedIn {
            v.append(RuleViolation(rule: .outsideHorizon, agentID: s.agentID, date: s.date, message: Phrase("the shift's date is outside the planning horizon", "班次日期不在排班期内")))
        }
    }

    /// Allowed shifts, nights and skills of the agent.
    private func checkEligibility(_ s: RosterShift, _ agent: Agent, _ template: ShiftTemplate, into v: inout [RuleViolation]) {
        if let allowed = agent.allowedShifts, !allowed.contains(s.shiftName) {
            v.append(RuleViolation(rule: .eligibility, agentID: s.agentID, date: s.date, message: Phrase("\(s.shiftName) is not among the agent's allowed shifts", "\(s.shiftName) 不在该坐席可上的班次中")))
        }
        if template.isNight && !agent.nightEligible {
            v.append(RuleViolation(rule: .eligibility, agentID: s.agentID, date: s.date, message: Phrase("the agent may not work nights", "该坐席不能上夜班")))
        }
        for skill in template.requiredSkills where !agent.skills.contains(skill) {
            v.append(RuleViolation(rule: .eligibility, agentID: s.agentID, date: s.date, message: Phrase("the agent lacks skill '\(skill)'", "该坐席缺少技能 '\(skill)'")))
        }
    }

    /// No shift meets a hard availability entry (leave or unavailable) of its agent.
    private func checkUnavailability(_ byAgent: [[RosterShift]], into v: inout [RuleViolation]) {
        let clock = scenario.team.clock
        for entry in scenario.availability where entry.kind.isHard {
            guard let a = agentIndex[entry.agentID] else { continue }
            let (from, to) = RuleSemantics.instants(of: entry.span, clock: clock)
            for s in byAgent[a] where s.start < to && s.end > from {
                v.append(RuleViolation(rule: .unavailable, agentID: s.agentID, date: s.date,
                                       message: Phrase("works \(s.shiftName) \(clock.iso8601(s.start))–\(clock.iso8601(s.end)) while \(entry.kind == .leave ? "on leave" : "unavailable")",
                                                      "在\(entry.kind == .leave ? "休假" : "不可排班")期间上 \(s.shiftName) \(clock.iso8601(s.start))–\(clock.iso8601(s.end))")))
            }
        }
    }

    // MARK: Each agent's shifts together

    private func checkShiftsPerDay(_ agent: Agent, _ shifts: [RosterShift], into v: inout [RuleViolation]) {
        let rules = scenario.rules
        var perDate: [LocalDate: Int] = [:]
        for s in shifts { perDate[s.date, default: 0] += 1 }
        for (date, n) in perDate where n > rules.maxShiftsPerDay {
            v.append(RuleViolation(rule: .shiftsPerDay, agentID: agent.id, date: date, message: Phrase("\(n) shifts start that day (at most \(rules.maxShiftsPerDay))", "当天开始 \(n) 个班次（最多 \(rules.maxShiftsPerDay) 个）")))
        }
    }

    /// The overlap or short rest between shift `p` and the later `n`, if any (real hours); `before` and
    /// `of` name `p` in the messages.
    private func restViolation(_ agent: Agent, after p: RosterShift, next n: RosterShift, before: Phrase, of: Phrase) -> RuleViolation? {
        let rest = scenario.rules.minRestHours
        let gap = n.start.timeIntervalSince(p.end)
        if gap < 0 { return RuleViolation(rule: .overlap, agentID: agent.id, date: n.date, message: Phrase("the shift overlaps \(before.en)", "该班次与\(before.zh)重叠")) }
        guard gap < rest * 3600 - Tolerance.time else { return nil }
        return RuleViolation(rule: .rest, agentID: agent.id, date: n.date,
                             message: Phrase("\(Self.hoursText(gap / 3600)) rest after \(of.en) of \(p.date) (at least \(Self.hoursText(rest)))",
                                            "\(p.date) 的\(of.zh)之后只休息 \(Self.hoursTextZH(gap / 3600))（至少 \(Self.hoursTextZH(rest))）"))
    }

    /// Overlap and rest between consecutive shifts (sorted by start), in real hours.
    private func checkOverlapAndRest(_ agent: Agent, _ shifts: [RosterShift], into v: inout [RuleViolation]) {
        for (p, n) in zip(shifts, shifts.dropFirst()) {
            if let x = restViolation(agent, after: p, next: n, before: Phrase("the one before", "前一个班次"), of: Phrase("the shift", "班次")) { v.append(x) }
        }
    }

    /// An agent's working days, nights and paid hours by slot: 0 for the eve of the horizon, d + 1 for day d.
    private struct DaySlots {
        var works: [Bool]
        var night: [Bool]
        var paid: [Double]

        init(_ shifts: [RosterShift], grid: TimeGrid, templates: [String: ShiftTemplate]) {
            works = [Bool](repeating: false, count: grid.days + 1)
            night = [Bool](repeating: false, count: grid.days + 1)
            paid = [Double](repeating: 0, count: grid.days + 1)
            for s in shifts {
                let offset = s.date.dayNumber - grid.startDate.dayNumber
                guard offset >= -1, offset < grid.days else { continue }
                let d = offset + 1
                works[d] = true
                if templates[s.shiftName]?.isNight == true { night[d] = true }
                paid[d] += s.paidMinutes / 60
            }
        }

        /// The longest run of set flags and the slot it ends on (the first such run). With `prior` (a
        /// previous roster: its run up to the eve), the eve slot is the previous period's business: runs
        /// start at slot 1 with `prior` days already in them.
        static func longestRun(_ flags: [Bool], prior: Int? = nil) -> (length: Int, end: Int) {
            var best = (0, 0), run = prior ?? 0
            for (d, f) in flags.enumerated() where prior == nil || d >= 1 {
                run = f ? run + 1 : 0
                if run > best.0 { best = (run, d) }
            }
            return best
        }
    }

    /// The previous period (`previous_roster`): rest after its last shifts, and with it the eve's shifts
    /// are its own (the roster may not add one).
    private func checkBoundary(agentIndex a: Int, _ shifts: [RosterShift], into v: inout [RuleViolation]) {
        guard semantics.hasPrevious else { return }
        let agent = scenario.agents[a]
        let previous = semantics.previousShifts[a]
        func same(_ x: RosterShift, _ y: RosterShift) -> Bool { x.start == y.start && x.end == y.end && x.shiftName == y.shiftName }
        let eve = scenario.grid.date(ofDay: -1)
        for s in shifts where s.date == eve && !previous.contains(where: { same($0, s) }) {
            v.append(RuleViolation(rule: .outsideHorizon, agentID: agent.id, date: s.date,
                                   message: Phrase("a shift on the eve of the horizon that the previous roster does not have", "排班期前一天有上一期排班中没有的班次")))
        }
        for n in shifts where !previous.contains(where: { same($0, n) }) {
            for p in previous where p.start < n.start {
                if let x = restViolation(agent, after: p, next: n, before: Phrase("the previous roster's shift of \(p.date)", "上一期排班 \(p.date) 的班次"),
                                         of: Phrase("the previous roster's shift", "上一期排班的班次")) { v.append(x) }
            }
        }
    }

    private func checkConsecutiveDaysAndNights(agentIndex a: Int, _ slots: DaySlots, into v: inout [RuleViolation]) {
        let grid = scenario.grid, rules = scenario.rules, agent = scenario.agents[a]
        let run = DaySlots.longestRun(slots.works, prior: semantics.hasPrevious ? semantics.priorRun[a] : nil)
        if run.length > rules.maxConsecutiveDays {
            v.append(RuleViolation(rule: .consecutiveDays, agentID: agent.id, date: grid.date(ofDay: run.end - 1),
                                   message: Phrase("\(run.length) working days in a row (at most \(rules.maxConsecutiveDays))", "连续工作 \(run.length) 天（最多 \(rules.maxConsecutiveDays) 天）")))
        }
        if let maxNights = rules.maxConsecutiveNights {
            let nightRun = DaySlots.longestRun(slots.night, prior: semantics.hasPrevious ? semantics.priorNightRun[a] : nil)
            if nightRun.length > maxNights {
                v.append(RuleViolation(rule: .consecutiveNights, agentID: agent.id, date: grid.date(ofDay: nightRun.end - 1),
                                       message: Phrase("\(nightRun.length) nights in a row (at most \(maxNights))", "连续 \(nightRun.length) 个夜班（最多 \(maxNights) 个）")))
            }
        }
    }

    /// `min_weekly_rest_hours`: in every whole week of the horizon, the longest time inside the week
    /// [Monday 00:00, next Monday 00:00) that no shift of the agent (the previous roster's included)
    /// touches, in real hours.
    private func checkWeeklyRest(_ agent: Agent, _ shifts: [RosterShift], into v: inout [RuleViolation]) {
        guard let need = scenario.rules.minWeeklyRestHours else { return }
        let grid = scenario.grid
        let sorted = shifts.sorted { $0.start < $1.start }
        for week in semantics.weeks {
            let from = grid.clock.startOfDay(grid.date(ofDay: week.lowerBound))
            let to = grid.clock.startOfDay(grid.date(ofDay: week.upperBound))
            var longest = 0.0, free = from
            for s in sorted where s.end > from && s.start < to {
                longest = max(longest, s.start.timeIntervalSince(free))
                free = max(free, s.end)
            }
            longest = max(longest, to.timeIntervalSince(free))
            if longest < need * 3600 - Tolerance.time {
                let first = grid.date(ofDay: week.lowerBound)
                v.append(RuleViolation(rule: .weeklyRest, agentID: agent.id, date: first,
                                       message: Phrase("longest rest in the week of \(first): \(Self.hoursText(longest / 3600)) (at least \(Self.hoursText(need)))",
                                                      "\(first) 这一周最长连续休息 \(Self.hoursTextZH(longest / 3600))（至少 \(Self.hoursTextZH(need))）")))
            }
        }
    }

    /// Week by week: days off, then weekly hours (most, least), then nights.
    private func checkWeeks(agentIndex a: Int, _ slots: DaySlots, into v: inout [RuleViolation]) {
        let agent = scenario.agents[a]
        if let week = semantics.straddlingWeek {
            // The week across the boundary: the previous roster's days of it count too.
            let prior = semantics.priorWeek[a], rules = scenario.rules
            let first = scenario.grid.date(ofDay: 0).adding(days: 1 - scenario.grid.date(ofDay: 0).isoWeekday)
            let worked = prior.days + week.filter { slots.works[$0 + 1] }.count
            if 7 - worked < rules.minDaysOffPerWeek {
                v.append(RuleViolation(rule: .daysOff, agentID: agent.id, date: first,
                                       message: Phrase("\(7 - worked) days off in the week of \(first), the previous roster's days included (at least \(rules.minDaysOffPerWeek))",
                                                      "\(first) 这一周（含上一期排班的日子）休息 \(7 - worked) 天（至少 \(rules.minDaysOffPerWeek) 天）")))
            }
            let hours = prior.minutes / 60 + week.reduce(0.0) { $0 + slots.paid[$1 + 1] }
            if let maxH = semantics.maxWeekHours(agent), hours > maxH + Tolerance.time {
                v.append(RuleViolation(rule: .weeklyHours, agentID: agent.id, date: first,
                                       message: Phrase("\(Self.hoursText(hours)) in the week of \(first), the previous roster's included (at most \(Self.hoursText(maxH)))",
                                                      "\(first) 这一周（含上一期排班）工作 \(Self.hoursTextZH(hours))（最多 \(Self.hoursTextZH(maxH))）")))
            }
            let nights = prior.nights + week.filter { slots.night[$0 + 1] }.count
            if let maxN = rules.maxNightsPerWeek, nights > maxN {
                v.append(RuleViolation(rule: .nightsPerWeek, agentID: agent.id, date: first,
                                       message: Phrase("\(nights) nights in the week of \(first), the previous roster's included (at most \(maxN))",
                                                      "\(first) 这一周（含上一期排班）上 \(nights) 个夜班（最多 \(maxN) 个）")))
            }
        }
        for week in semantics.weeks {
            let first = scenario.grid.date(ofDay: week.lowerBound)
            checkDaysOff(agent, week: week, first: first, slots, into: &v)
            checkWeeklyHours(agentIndex: a, week: week, first: first, slots, into: &v)
            checkNightsPerWeek(agent, week: week, first: first, slots, into: &v)
        }
    }

    private func checkDaysOff(_ agent: Agent, week: Range<Int>, first: LocalDate, _ slots: DaySlots, into v: inout [RuleViolation]) {
        let minOff = scenario.rules.minDaysOffPerWeek
        let worked = week.filter { slots.works[$0 + 1] }.count
        if 7 - worked < minOff {
            v.append(RuleViolation(rule: .daysOff, agentID: agent.id, date: first,
                                   message: Phrase("\(7 - worked) days off in the week of \(first) (at least \(minOff))", "\(first) 这一周休息 \(7 - worked) 天（至少 \(minOff) 天）")))
        }
    }

    private func checkWeeklyHours(agentIndex a: Int, week: Range<Int>, first: LocalDate, _ slots: DaySlots, into v: inout [RuleViolation]) {
        let agent = scenario.agents[a], tolerance = Tolerance.time
        let hours = week.reduce(0.0) { $0 + slots.paid[$1 + 1] }
        if let maxH = semantics.maxWeekHours(agent), hours > maxH + tolerance {
            v.append(RuleViolation(rule: .weeklyHours, agentID: agent.id, date: first,
                                   message: Phrase("\(Self.hoursText(hours)) in the week of \(first) (at most \(Self.hoursText(maxH)))", "\(first) 这一周工作 \(Self.hoursTextZH(hours))（最多 \(Self.hoursTextZH(maxH))）")))
        }
        if let minH = semantics.minWeekHours(agentIndex: a, week: week), hours < minH - tolerance {
            v.append(RuleViolation(rule: .weeklyHours, agentID: agent.id, date: first,
                                   message: Phrase("\(Self.hoursText(hours)) in the week of \(first) (at least \(Self.hoursText(minH)))", "\(first) 这一周工作 \(Self.hoursTextZH(hours))（至少 \(Self.hoursTextZH(minH))）")))
        }
    }

    private func checkNightsPerWeek(_ agent: Agent, week: Range<Int>, first: LocalDate, _ slots: DaySlots, into v: inout [RuleViolation]) {
        guard let maxN = scenario.rules.maxNightsPerWeek else { return }
        let nights = week.filter { slots.night[$0 + 1] }.count
        if nights > maxN {
            v.append(RuleViolation(rule: .nightsPerWeek, agentID: agent.id, date: first, message: Phrase("\(nights) nights in the week of \(first) (at most \(maxN))", "\(first) 这一周上 \(nights) 个夜班（最多 \(maxN) 个）")))
        }
    }

    private func checkHorizonHours(agentIndex a: Int, _ slots: DaySlots, into v: inout [RuleViolation]) {
        let agent = scenario.agents[a], tolerance = Tolerance.time
        let total = slots.paid.reduce(0, +)
        if let maxH = semantics.maxHorizonHours(agentIndex: a), total > maxH + tolerance {
            v.append(RuleViolation(rule: .horizonHours, agentID: agent.id, date: nil,
                                   message: Phrase("\(Self.hoursText(total)) over the horizon (at most \(Self.hoursText(maxH)))", "排班期内工作 \(Self.hoursTextZH(total))（最多 \(Self.hoursTextZH(maxH))）")))
        }
        if let minH = semantics.minHorizonHours(agentIndex: a), total < minH - tolerance {
            v.append(RuleViolation(rule: .horizonHours, agentID: agent.id, date: nil,
                                   message: Phrase("\(Self.hoursText(total)) over the horizon (at least \(Self.hoursText(minH)))", "排班期内工作 \(Self.hoursTextZH(total))（至少 \(Self.hoursTextZH(minH))）")))
        }
    }

    // MARK: The whole team

    /// Floor of agents at every interval, counted from real times (breaks excluded).
    private func checkFloor(_ roster: Roster, into v: inout [RuleViolation]) {
        let grid = scenario.grid, floor = scenario.rules.floorAgents
        guard floor > 0 else { return }
        let onLine = OnLineCount(grid: grid, roster: roster).counts
        for (i, iv) in grid.intervals.enumerated() where onLine[i] < floor {
            v.append(RuleViolation(rule: .floor, agentID: nil, date: iv.local.date,
                                   message: Phrase("\(onLine[i]) agents on the line at \(iv.local.time) (at least \(floor))", "\(iv.local.time) 在线 \(onLine[i]) 名坐席（至少 \(floor) 名）")))
        }
    }

    /// Handover overlap, day by day for each rule.
    private func checkHandovers(_ roster: Roster, into v: inout [RuleViolation]) {
        let grid = scenario.grid
        for rule in scenario.handovers where rule.minAgents > 0 {
            for d in 0..<grid.days {
                guard let t = semantics.handoverInstant(rule, day: d) else { continue }
                let n = roster.shifts.filter { RuleSemantics.spans(start: $0.start, end: $0.end, handover: t, overlapMinutes: rule.overlapMinutes) }.count
                if n < rule.minAgents {
                    v.append(RuleViolation(rule: .handover, agentID: nil, date: grid.date(ofDay: d),
                                           message: Phrase("\(n) agents work across the \(rule.name) at \(rule.time) by \(rule.overlapMinutes) min (at least \(rule.minAgents))",
                                                          "跨越 \(rule.name)（\(rule.time)）前后各 \(rule.overlapMinutes) 分钟在班的坐席 \(n) 名（至少 \(rule.minAgents) 名）"),
                                           handoverName: rule.name))
                }
            }
        }
    }

    /// Every pinned shift is in the roster, with its start (and length, if pinned).
    private func checkPinned(_ roster: Roster, into v: inout [RuleViolation]) {
        let clock = scenario.team.clock
        for pin in scenario.pinned {
            let found = roster.shifts.contains { s in
                s.agentID == pin.agentID && s.date == pin.date && s.shiftName == pin.template
                    && clock.localDateTime(of: s.start).time == pin.start
                    && (pin.lengthMinutes == nil || Int((s.end.timeIntervalSince(s.start) / 60).rounded()) == pin.lengthMinutes)
            }
            if !found {
                v.append(RuleViolation(rule: .pinned, agentID: pin.agentID, date: pin.date, message: Phrase("pinned \(pin.template) at \(pin.start) is missing", "缺少固定班次 \(pin.template)（\(pin.start)）")))
            }
        }
    }
}
