import Foundation
import RosterCore

/// A hard rule that no roster of the scenario can keep, found from the scenario alone, before solving,
/// explained in words with the smallest change that would let it hold.
public struct FeasibilityConflict: Sendable, Hashable, CustomStringConvertible {
    enum Kind: String, Sendable, Hashable, Codable {
        case weeklyHours = "minimum weekly hours"
        case horizonHours = "minimum horizon hours"
        case handover = "handover"
        case floor = "floor of agents"
        case pinned = "pinned shift"
    }

    var kind: Kind
    /// The checker's rule that a roster will break because of this conflict.
    var rule: RuleViolation.Rule
    var agentID: String?
    /// The days concerned (a week's Monday for weekly hours); empty when the conflict spans the horizon.
    var dates: [LocalDate]
    /// What cannot hold, why, and what would help.
    var phrase: Phrase
    /// Where the rule (or the pinned shift) is written.
    var location: SourceLocation
    /// For a pinned shift that cannot be kept: its position in `scenario.pinned` (`roster solve` drops it).
    var pinIndex: Int?
    /// For a handover conflict: the rule's name (a violation of another handover rule is not explained by it).
    var handoverName: String?

    init(kind: Kind, rule: RuleViolation.Rule, agentID: String?, dates: [LocalDate], message: Phrase, location: SourceLocation,
         pinIndex: Int? = nil, handoverName: String? = nil) {
        self.kind = kind
        self.rule = rule
        self.agentID = agentID
        self.dates = dates
        self.phrase = message
        self.location = location
        self.pinIndex = pinIndex
        self.handoverName = handoverName
    }

    /// `conflict: team.toml: field 'handovers': the 20:00 handover ...`
    public var description: String { description(in: .english) }
    /// What cannot hold, why, and what would help (English).
    var message: String { phrase.en }

    /// The conflict in a language; the location's file and field names stay as written.
    public func description(in language: Language) -> String {
        language == .simplifiedChinese ? "冲突：\(location.description(in: language))：\(phrase.zh)" : "conflict: \(location): \(phrase.en)"
    }

    /// Whether this conflict explains a violation the checker found: the same rule, agent, handover and
    /// day (when the conflict names them), compared by value.
    func explains(_ v: RuleViolation) -> Bool {
        guard v.rule == rule else { return false }
        if let agentID, v.agentID != agentID { return false }
        if let handoverName, v.handoverName != handoverName { return false }
        if dates.isEmpty { return true }
        guard let d = v.date else { return false }
        return dates.contains(d)
    }
}

/// Finds, before solving, the hard rules that no roster can keep — an agent's minimum hours beyond what
/// their available days and shifts allow, a handover that too few agents can span, a floor of agents
/// that too few agents can staff, pinned shifts that break leave, rest or the weekly limits — each with
/// the smallest relaxation that would help. The checks are relaxations of the model: a conflict is only
/// reported when every roster must break the rule (see Docs/guarantees.md).
public enum FeasibilityAnalysis {
    /// Every conflict of the scenario. Scenarios beyond ``SolveLimits`` (which `roster solve` refuses) are
    /// not analysed: the result is empty.
    public static func conflicts(in scenario: Scenario, catalog given: ShiftCatalog? = nil) -> [FeasibilityConflict] {
        guard SolveLimits.refusal(scenario) == nil else { return [] }
        let catalog = given ?? ShiftCatalog(scenario: scenario)
        let facts = Facts(scenario: scenario, catalog: catalog)
        return pinned(facts) + hours(facts) + handovers(facts) + floor(facts)
    }

    /// The positions in `scenario.pinned` of the pins that cannot be kept.
    static func unkeepablePins(_ conflicts: [FeasibilityConflict]) -> Set<Int> {
        Set(conflicts.compactMap(\.pinIndex))
    }

    /// The scenario without the pins that cannot be kept, so that the model stays solvable, and without
    /// pins outside the horizon (the loader warns that they are ignored).
    static func withoutUnkeepablePins(_ scenario: Scenario, _ conflicts: [FeasibilityConflict]) -> Scenario {
        let drop = unkeepablePins(conflicts)
        var s = scenario
        s.pinned = scenario.pinned.enumerated().filter { !drop.contains($0.offset) && scenario.grid.day(of: $0.element.date) != nil }
            .map(\.element)
        return s
    }

    /// The scenario without pins outside the horizon, which the loader warns are ignored: what a roster
    /// is checked against.
    public static func inHorizon(_ scenario: Scenario) -> Scenario {
        var s = scenario
        s.pinned = scenario.pinned.filter { scenario.grid.day(of: $0.date) != nil }
        return s
    }

    /// The conflict found before solving that explains a violation, if any.
    static func cause(of violation: RuleViolation, among conflicts: [FeasibilityConflict]) -> FeasibilityConflict? {
        conflicts.first { $0.explains(violation) }
    }

    // MARK: What each agent can work

    /// What keeps an agent's hours in a week down, in the words of the conflict's message.
    enum CapacityLimit: Hashable, CustomStringConvertible {
        /// Leave or hard unavailability on these days (`03-23..03-26, 03-28`).
        case absence(days: String)
        /// Days on which no shift is open to the agent.
        case noShift(days: Int)
        case daysOff(Int)
        case consecutiveDays(Int)
        case nightsOnly(maxNightsPerWeek: Int)
        case weeklyHours(Double)

        var description: String { phrase.en }

        var phrase: Phrase {
            switch self {
            case .absence(let days): Phrase("leave or unavailability \(days)", "休假或不可排班 \(days)")
            case .noShift(let days): Phrase("no shift open to them on \(days) day(s)", "有 \(days) 天没有可上的班次")
            case .daysOff(let n): Phrase(verbatim: "min_days_off_per_week = \(n)")
            case .consecutiveDays(let n): Phrase(verbatim: "max_consecutive_days = \(n)")
            case .nightsOnly(let n): Phrase("they work nights only and max_nights_per_week = \(n)", "只上夜班且 max_nights_per_week = \(n)")
            case .weeklyHours(let m): Phrase(verbatim: "max_hours_per_week = \(fmt(m))")
            }
        }
    }

    struct Facts {
        let scenario: Scenario
        let catalog: ShiftCatalog
        let semantics: RuleSemantics
        /// Option ids each agent may work (eligibility, skills, and hard unavailability respected).
        let workable: [[Int]]
        /// Option ids each agent is barred from only by hard unavailability or leave.
        let barredByAbsence: [Set<Int>]
        /// Hard availability spans of each agent.
        let hardSpans: [[(Date, Date)]]

        init(scenario: Scenario, catalog: ShiftCatalog) {
            self.scenario = scenario
            self.catalog = catalog
            semantics = RuleSemantics(scenario: scenario)
            let index = Dictionary(scenario.agents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            var spans = Array(repeating: [(Date, Date)](), count: scenario.agents.count)
            for e in scenario.availability where e.kind.isHard {
                if let a = index[e.agentID] { spans[a].append(RuleSemantics.instants(of: e.span, clock: scenario.team.clock)) }
            }
            hardSpans = spans
            var workable: [[Int]] = [], barred: [Set<Int>] = []
            for (a, agent) in scenario.agents.enumerated() {
                var mine: [Int] = [], absent = Set<Int>()
                for o in catalog.options {
                    if RosterIntegerModel.refusal(agent: agent, option: o, scenario: scenario, hardSpans: []) != nil { continue }
                    if RosterIntegerModel.refusal(agent: agent, option: o, scenario: scenario, hardSpans: spans[a]) != nil {
                        absent.insert(o.id)
                    } else {
                        mine.append(o.id)
                    }
                }
                workable.append(mine)
                barred.append(absent)
            }
            self.workable = workable
            barredByAbsence = barred
        }

        var grid: TimeGrid { scenario.grid }
        var rules: LaborRules { scenario.rules }

        /// The paid minutes of the shifts agent `a` can work on each slot (0: the eve, d + 1: day d).
        func paidMinutesBySlot(_ a: Int) -> [Set<Int>] {
            var values = [Set<Int>](repeating: [], count: catalog.slotCount)
            for k in workable[a] { let o = catalog.options[k]; values[o.slot].insert(Int((o.paidHours * 60).rounded())) }
            return values
        }

        /// Most working days in any seven consecutive days under the rule on consecutive days.
        var maxDaysInSevenByRuns: Int {
            let c = rules.maxConsecutiveDays
            return c >= 7 ? 7 : 7 - 7 / (c + 1)
        }

        /// Most hours agent `a` can work in the days `week` (a calendar week), given the minutes each of
        /// their shifts counts on each slot, and what limits it. Exact for the day and hour limits: the
        /// largest sum of at most k shifts, one a day, within the weekly maximum.
        func weekCapacity(_ a: Int, _ week: Range<Int>, minutes: [Set<Int>], scale: Double = 1) -> (hours: Double, days: Int, limits: [CapacityLimit]) {
            let values = week.map { minutes[$0 + 1].filter { $0 > 0 } }
            var limits: [CapacityLimit] = []
            var k = values.filter { !$0.isEmpty }.count
            let blocked = week.filter { semantics.blockedDay[a][$0] }
            if k < 7 {
                if !blocked.isEmpty { limits.append(.absence(days: dateRanges(blocked))) }
                if k + blocked.count < 7 { limits.append(.noShift(days: 7 - k - blocked.count)) }
            }
            let byRule = min(7 - rules.minDaysOffPerWeek, maxDaysInSevenByRuns)
            if byRule < k {
                k = byRule
                limits.append(7 - rules.minDaysOffPerWeek <= maxDaysInSevenByRuns
                              ? .daysOff(rules.minDaysOffPerWeek) : .consecutiveDays(rules.maxConsecutiveDays))
            }
            if let n = rules.maxNightsPerWeek, n < k, workable[a].allSatisfy({ catalog.options[$0].isNight }) {
                k = n
                limits.append(.nightsOnly(maxNightsPerWeek: n))
            }
            let unbounded = values.map { $0.max() ?? 0 }.sorted(by: >).prefix(k).reduce(0, +)
            var capMinutes = Int.max
            if let m = semantics.maxWeekHours(scenario.agents[a]), m * 60 * scale < Double(unbounded) {
                capMinutes = Int((m * 60 * scale + Tolerance.time).rounded(.down))
                limits.append(.weeklyHours(m))
            }
            guard capMinutes != Int.max else { return (Double(unbounded) / 60, k, limits) }
            // Sums reachable with `used` shifts, at most one a day, never above the cap.
            var reach = [Set<Int>](repeating: [], count: k + 1)
            reach[0] = [0]
            for day in values where !day.isEmpty && k > 0 {
                for used in stride(from: k - 1, through: 0, by: -1) {
                    for s in reach[used] { for v in day where s + v <= capMinutes { reach[used + 1].insert(s + v) } }
                }
            }
            let best = reach.compactMap { $0.max() }.max() ?? 0
            return (Double(best) / 60, k, limits)
        }

        /// Text for days of the horizon: `03-23..03-26, 03-28`.
        func dateRanges(_ days: [Int]) -> String {
            var parts: [String] = []
            var i = 0
            let sorted = days.sorted()
            while i < sorted.count {
                var j = i
                while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
                let a = grid.date(ofDay: sorted[i]).description.suffix(5), b = grid.date(ofDay: sorted[j]).description.suffix(5)
                parts.append(i == j ? String(a) : "\(a)..\(b)")
                i = j + 1
            }
            return parts.joined(separator: ", ")
        }
    }

    // MARK: Minimum hours

    static func hours(_ f: Facts) -> [FeasibilityConflict] {
        var out: [FeasibilityConflict] = []
        let s = f.scenario
        for (a, agent) in s.agents.enumerated() {
            let minutes = f.paidMinutesBySlot(a)
            let loc = agent.location ?? SourceLocation(file: "agents.csv")
            var horizonCap = 0.0
            var inWeeks = Set<Int>()
            for week in f.semantics.weeks {
                let cap = f.weekCapacity(a, week, minutes: minutes)
                horizonCap += cap.hours
                inWeeks.formUnion(week)
                guard let need = f.semantics.minWeekHours(agentIndex: a, week: week), cap.hours < need - Tolerance.time else { continue }
                let base = f.semantics.baseMinWeekHours(agent) ?? 0
                let free = week.filter { !f.semantics.blockedDay[a][$0] }.count
                let monday = f.grid.date(ofDay: week.lowerBound)
                // The largest base minimum that the reduction for blocked days would bring within reach.
                let lowerTo = free > 0 ? (cap.hours * 7 / Double(free) * 100).rounded(.down) / 100 : 0
                // Name the file that holds each bound: the agent's own in agents.csv wins over the team's rule.
                var help = [agent.minHoursPerWeek != nil
                            ? Phrase("lower their min_hours_per_week in agents.csv to \(fmt(lowerTo))", "把 agents.csv 中其 min_hours_per_week 降到 \(fmt(lowerTo))")
                            : Phrase("lower min_hours_per_week in team.toml [rules] to \(fmt(lowerTo)), or give them their own in agents.csv",
                                     "把 team.toml [rules] 的 min_hours_per_week 降到 \(fmt(lowerTo))，或在 agents.csv 中为其单独设定")]
                if cap.limits.contains(where: { if case .weeklyHours = $0 { true } else { false } }) {
                    help.append(agent.maxHoursPerWeek != nil
                                ? Phrase("raise their max_hours_per_week in agents.csv to \(fmt(need))", "把 agents.csv 中其 max_hours_per_week 提高到 \(fmt(need))")
                                : Phrase("raise max_hours_per_week in team.toml [rules] to \(fmt(need)), or give them their own in agents.csv",
                                         "把 team.toml [rules] 的 max_hours_per_week 提高到 \(fmt(need))，或在 agents.csv 中为其单独设定"))
                }
                if cap.limits.contains(where: { if case .absence = $0 { true } else { false } }) { help.append(Phrase("shorten the leave", "缩短休假")) }
                if cap.limits.contains(where: { if case .noShift = $0 { true } else { false } }) {
                    help.append(Phrase("open more shifts to them (allowed_shifts, night, skills, availability)", "为其开放更多班次（allowed_shifts、夜班、技能、可排班时间）"))
                }
                let limits = Phrase.join(cap.limits.map(\.phrase), en: "; ", zh: "；")
                let why = cap.limits.isEmpty ? Phrase(verbatim: "") : Phrase(" (" + limits.en + ")", "（" + limits.zh + "）")
                let needText = free < 7
                    ? Phrase("\(fmt(need)) h (min_hours_per_week \(fmt(base)), reduced for \(7 - free) day(s) of leave)",
                             "\(fmt(need)) 小时（min_hours_per_week \(fmt(base))，因 \(7 - free) 天休假而减少）")
                    : Phrase("\(fmt(need)) h (min_hours_per_week \(fmt(base)))", "\(fmt(need)) 小时（min_hours_per_week \(fmt(base))）")
                let helpText = Phrase.join(help, en: ", or ", zh: "，或")
                out.append(FeasibilityConflict(
                    kind: .weeklyHours, rule: .weeklyHours, agentID: agent.id, dates: [monday],
                    message: Phrase("agent \(agent.id) can work at most \(cap.days) day(s) in the week of \(monday)\(why.en) = \(fmt(cap.hours)) h, "
                                    + "but must work \(needText.en): " + helpText.en,
                                    "坐席 \(agent.id) 在 \(monday) 这一周最多能工作 \(cap.days) 天\(why.zh) = \(fmt(cap.hours)) 小时，"
                                    + "但必须工作 \(needText.zh)：" + helpText.zh),
                    location: loc))
            }
            guard let need = f.semantics.minHorizonHours(agentIndex: a) else { continue }
            for d in 0..<f.grid.days where !inWeeks.contains(d) { horizonCap += Double(minutes[d + 1].max() ?? 0) / 60 }
            if let m = s.rules.maxHoursPerHorizon { horizonCap = min(horizonCap, m) }
            if horizonCap < need - Tolerance.time {
                out.append(FeasibilityConflict(
                    kind: .horizonHours, rule: .horizonHours, agentID: agent.id, dates: [],
                    message: Phrase("agent \(agent.id) can work at most \(fmt(horizonCap)) h in the horizon, but min_hours_per_horizon asks \(fmt(need)) h of them: "
                                    + "lower min_hours_per_horizon to \(fmt((horizonCap * 100).rounded(.down) / 100)) or give them more days",
                                    "坐席 \(agent.id) 在排班期内最多能工作 \(fmt(horizonCap)) 小时，但 min_hours_per_horizon 要求 \(fmt(need)) 小时："
                                    + "把 min_hours_per_horizon 降到 \(fmt((horizonCap * 100).rounded(.down) / 100))，或给其更多可上班的日子"),
                    location: loc))
            }
        }
        return out
    }

    // MARK: Handovers

    static func handovers(_ f: Facts) -> [FeasibilityConflict] {
        var out: [FeasibilityConflict] = []
        let s = f.scenario
        for rule in s.handovers where rule.minAgents > 0 {
            // One conflict per run of days with the same shortfall and reasons.
            var pending: (dates: [LocalDate], key: String, message: Phrase)? = nil
            func flush() {
                if let p = pending {
                    out.append(FeasibilityConflict(kind: .handover, rule: .handover, agentID: nil, dates: p.dates,
                                                   message: Phrase(p.message.en.replacingOccurrences(of: "{DATES}", with: datesText(p.dates)),
                                                                   p.message.zh.replacingOccurrences(of: "{DATES}", with: datesText(p.dates, chinese: true))),
                                                   location: SourceLocation(file: "team.toml", field: "handovers"), handoverName: rule.name))
                }
                pending = nil
            }
            // Days on which each agent could span the handover (for the count over the horizon below).
            var spanDays = Array(repeating: Set<Int>(), count: s.agents.count)
            var daysWithHandover = 0
            var perDayFound = false
            for d in 0..<f.grid.days {
                guard let t = f.semantics.handoverInstant(rule, day: d) else { flush(); continue }
                daysWithHandover += 1
                let spanning = Set(f.catalog.options.filter {
                    RuleSemantics.spans(start: $0.start, end: $0.end, handover: t, overlapMinutes: rule.overlapMinutes)
                }.map(\.id))
                for a in s.agents.indices where f.workable[a].contains(where: spanning.contains) { spanDays[a].insert(d) }
                var able = 0, absent = 0, barred = 0
                for a in s.agents.indices {
                    if f.workable[a].contains(where: spanning.contains) { able += 1 }
                    else if !f.barredByAbsence[a].isDisjoint(with: spanning) { absent += 1 }
                    else { barred += 1 }
                }
                guard able < rule.minAgents else { flush(); continue }
                perDayFound = true
                let from = LocalTime(minutes: (rule.time.minutes - rule.overlapMinutes + 1440) % 1440)!
                let to = LocalTime(minutes: (rule.time.minutes + rule.overlapMinutes) % 1440)!
                var why: [Phrase] = []
                if spanning.isEmpty { why.append(Phrase("no shift template spans it", "没有班次模板跨越它")) }
                if barred > 0 { why.append(Phrase("\(barred) may not work the shifts that span it (night, allowed_shifts or skills)", "\(barred) 名不能上跨越它的班次（夜班、allowed_shifts 或技能）")) }
                if absent > 0 { why.append(Phrase("\(absent) are on leave or unavailable", "\(absent) 名休假或不可排班")) }
                let key = "\(able)|\(why.map(\.en).joined())"
                let date = f.grid.date(ofDay: d)
                if let p = pending, p.key == key, let last = p.dates.last, last.adding(days: 1) == date {
                    pending!.dates.append(date)
                    continue
                }
                flush()
                let help = able > 0
                    ? Phrase("lower min_agents of '\(rule.name)' to \(able), or make more agents able to work those shifts",
                             "把 '\(rule.name)' 的 min_agents 降到 \(able)，或让更多坐席能上这些班次")
                    : (spanning.isEmpty ? Phrase("add a shift template that works from \(from) to \(to), or lower min_agents to 0",
                                                 "增加一个从 \(from) 工作到 \(to) 的班次模板，或把 min_agents 降到 0")
                                        : Phrase("make agents able to work the shifts that span it, or lower min_agents to 0",
                                                 "让坐席能上跨越它的班次，或把 min_agents 降到 0"))
                let reasons = Phrase.join(why, en: "; ", zh: "；")
                pending = ([date], key, Phrase(
                           "the \(rule.time) handover '\(rule.name)' needs \(rule.minAgents) agents working \(from)–\(to), but only \(able) "
                           + "agent(s) can work a shift spanning it on {DATES}" + (why.isEmpty ? "" : " (" + reasons.en + ")")
                           + ": " + help.en,
                           "\(rule.time) 的交接 '\(rule.name)' 需要 \(rule.minAgents) 名坐席在 \(from)–\(to) 工作，但 {DATES} 只有 \(able) "
                           + "名坐席能上跨越它的班次" + (why.isEmpty ? "" : "（" + reasons.zh + "）") + "：" + help.zh))
            }
            flush()
            // Over the horizon: each agent spans it at most once a day and works only so many days a week.
            guard !perDayFound, daysWithHandover > 0 else { continue }
            let needed = rule.minAgents * daysWithHandover
            var possible = 0
            for a in s.agents.indices {
                var n = 0
                var inWeeks = Set<Int>()
                for week in f.semantics.weeks {
                    n += min(week.filter(spanDays[a].contains).count, 7 - s.rules.minDaysOffPerWeek, f.maxDaysInSevenByRuns)
                    inWeeks.formUnion(week)
                }
                n += spanDays[a].filter { !inWeeks.contains($0) }.count
                possible += n
            }
            if possible < needed {
                let from = LocalTime(minutes: (rule.time.minutes - rule.overlapMinutes + 1440) % 1440)!
                let to = LocalTime(minutes: (rule.time.minutes + rule.overlapMinutes) % 1440)!
                out.append(FeasibilityConflict(
                    kind: .handover, rule: .handover, agentID: nil, dates: [],
                    message: Phrase("the \(rule.time) handover '\(rule.name)' needs \(rule.minAgents) agents working \(from)–\(to) on each of \(daysWithHandover) days = "
                                    + "\(thousands(Double(needed))) shifts, but with their days off (min_days_off_per_week = \(s.rules.minDaysOffPerWeek)) the agents "
                                    + "able to span it can work at most \(thousands(Double(possible))) such shifts: lower min_agents of '\(rule.name)' to "
                                    + "\(possible / daysWithHandover), or add agents able to work those shifts",
                                    "\(rule.time) 的交接 '\(rule.name)' 在 \(daysWithHandover) 天中每天需要 \(rule.minAgents) 名坐席在 \(from)–\(to) 工作，共 "
                                    + "\(thousands(Double(needed))) 个班次，但算上休息日（min_days_off_per_week = \(s.rules.minDaysOffPerWeek)），能跨越它的坐席"
                                    + "最多只能上 \(thousands(Double(possible))) 个这样的班次：把 '\(rule.name)' 的 min_agents 降到 "
                                    + "\(possible / daysWithHandover)，或增加能上这些班次的坐席"),
                    location: SourceLocation(file: "team.toml", field: "handovers"), handoverName: rule.name))
            }
        }
        return out
    }

    static func datesText(_ dates: [LocalDate], chinese: Bool = false) -> String {
        guard let first = dates.first, let last = dates.last else { return "" }
        return dates.count == 1 ? first.description : chinese ? "\(first)..\(last)（\(dates.count) 天）" : "\(first)..\(last) (\(dates.count) days)"
    }

    // MARK: Floor of agents

    static func floor(_ f: Facts) -> [FeasibilityConflict] {
        let s = f.scenario
        let floor = s.rules.floorAgents
        guard floor > 0 else { return [] }
        var out: [FeasibilityConflict] = []
        let grid = f.grid
        let location = SourceLocation(file: "team.toml", field: "floor_agents")
        // Agents who can be on the line in each interval.
        var able = [Int](repeating: 0, count: grid.intervals.count)
        for a in s.agents.indices {
            var mine = [Bool](repeating: false, count: grid.intervals.count)
            for k in f.workable[a] { for i in f.catalog.options[k].coveredIntervals { mine[i] = true } }
            for i in mine.indices where mine[i] { able[i] += 1 }
        }
        for d in 0..<grid.days {
            let short = grid.dayRanges[d].filter { able[$0] < floor }
            guard !short.isEmpty else { continue }
            let least = short.map { able[$0] }.min() ?? 0
            var runs: [String] = []
            var i = 0
            while i < short.count {
                var j = i
                while j + 1 < short.count, short[j + 1] == short[j] + 1 { j += 1 }
                let endLocal = grid.clock.localDateTime(of: grid.intervals[short[j]].end).time
                runs.append("\(grid.intervals[short[i]].local.time)–\(endLocal)")
                i = j + 1
            }
            out.append(FeasibilityConflict(
                kind: .floor, rule: .floor, agentID: nil, dates: [grid.date(ofDay: d)],
                message: Phrase("floor_agents = \(floor), but on \(grid.date(ofDay: d)) only \(least) agent(s) can be on the line at \(runs.joined(separator: ", ")) "
                                + "(the others are on leave, unavailable, or may not work shifts covering it): lower floor_agents to \(least), or make more agents available then",
                                "floor_agents = \(floor)，但 \(grid.date(ofDay: d)) 的 \(runs.joined(separator: "、")) 只有 \(least) 名坐席能在线"
                                + "（其他人休假、不可排班，或不能上覆盖这段时间的班次）：把 floor_agents 降到 \(least)，或让更多坐席在那时可排班"),
                location: location))
        }
        // Agent-hours: the floor over the horizon against the most the team can give on the line.
        let needed = Double(floor) * grid.intervals.reduce(0.0) { $0 + Double($1.minutes) / 60 }
        var capacity = 0.0
        for a in s.agents.indices {
            // Minutes on the line of each shift (paid time, as the checker counts it interval by interval).
            // Limits on paid hours bound time on the line scaled by the most a shift is on the line per paid
            // hour (1 when shifts and breaks sit on the grid of intervals).
            var online = [Set<Int>](repeating: [], count: f.catalog.slotCount)
            var scale = 1.0
            for k in f.workable[a] {
                let o = f.catalog.options[k]
                let minutes = o.coveredIntervals.reduce(0) { $0 + grid.intervals[$1].minutes }
                online[o.slot].insert(minutes)
                if o.paidHours > 0 { scale = max(scale, Double(minutes) / (o.paidHours * 60)) }
            }
            var total = 0.0
            var inWeeks = Set<Int>()
            for week in f.semantics.weeks {
                total += f.weekCapacity(a, week, minutes: online, scale: scale).hours
                inWeeks.formUnion(week)
            }
            for slot in 0..<f.catalog.slotCount where slot == 0 || !inWeeks.contains(slot - 1) {
                total += Double(online[slot].max() ?? 0) / 60
            }
            if let m = s.rules.maxHoursPerHorizon { total = min(total, m * scale) }
            capacity += total
        }
        if capacity < needed - Tolerance.time {
            let hours = grid.intervals.reduce(0.0) { $0 + Double($1.minutes) / 60 }
            let reachable = Int((capacity / max(hours, 1)).rounded(.down))
            out.append(FeasibilityConflict(
                kind: .floor, rule: .floor, agentID: nil, dates: [],
                message: Phrase("floor_agents = \(floor) needs \(thousands(needed)) agent-hours on the line, the team can give at most \(thousands(capacity)) "
                                + "(with every rule on hours and days off): lower floor_agents to \(reachable), or add agents or hours",
                                "floor_agents = \(floor) 需要 \(thousands(needed)) 人时在线，团队最多只能提供 \(thousands(capacity)) "
                                + "（遵守所有工时与休息日规则）：把 floor_agents 降到 \(reachable)，或增加坐席或工时"),
                location: location))
        }
        return out
    }

    static func thousands(_ v: Double) -> String {
        let n = Int(v.rounded(.down))
        let f = NumberFormatter()
        f.numberStyle = .decimal
        f.locale = Locale(identifier: "en_US")
        return f.string(from: NSNumber(value: n)) ?? String(n)
    }

    // MARK: Pinned shifts

    static func pinned(_ f: Facts) -> [FeasibilityConflict] {
        let s = f.scenario
        guard !s.pinned.isEmpty else { return [] }
        var out: [FeasibilityConflict] = []
        let clock = s.team.clock
        let rules = s.rules
        let index = Dictionary(s.agents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        struct Kept { let pin: Int; let option: ShiftOption }
        var kept: [Int: [Kept]] = [:]
        // Pins in order of start, each kept when it fits the ones kept before it.
        let resolved: [(Int, Int, ShiftOption?)] = s.pinned.enumerated().compactMap { p, pin in
            guard let a = index[pin.agentID] else { return nil }
            let option = f.grid.day(of: pin.date).flatMap { d in
                f.catalog.bySlot[d + 1].lazy.map { f.catalog.options[$0] }.first { o in
                    s.templates[o.templateIndex].name == pin.template && o.localStart == pin.start
                        && (pin.lengthMinutes == nil || pin.lengthMinutes == o.lengthMinutes)
                }
            }
            return (p, a, option)
        }
        let ordered = resolved.sorted { ($0.2?.start ?? .distantFuture, $0.0) < ($1.2?.start ?? .distantFuture, $1.0) }
        for (p, a, option) in ordered {
            let pin = s.pinned[p]
            let agent = s.agents[a]
            func conflict(_ why: Phrase, _ help: Phrase) {
                out.append(FeasibilityConflict(kind: .pinned, rule: .pinned, agentID: agent.id, dates: [pin.date],
                                               message: Phrase("the pinned \(pin.template) shift of \(agent.id) on \(pin.date) at \(pin.start) \(why.en): \(help.en); it is left out when solving",
                                                               "\(agent.id) 在 \(pin.date) \(pin.start) 的固定班次 \(pin.template)\(why.zh)：\(help.zh)；求解时不采用它"),
                                               location: pin.location ?? SourceLocation(file: "pinned.csv"), pinIndex: p))
            }
            guard let o = option else {
                if f.grid.day(of: pin.date) != nil {
                    conflict(Phrase("is not a shift of that day (the clocks change then)", "不是当天存在的班次（那天时钟调整）"),
                             Phrase("pin another start time", "改固定另一个开始时间"))
                }
                continue
            }
            if let reason = RosterIntegerModel.refusalPhrase(agent: agent, option: o, scenario: s, hardSpans: f.hardSpans[a]) {
                let absent = RosterIntegerModel.refusal(agent: agent, option: o, scenario: s, hardSpans: []) == nil
                conflict(absent ? Phrase("cannot be worked: it falls in their leave or unavailability", "无法上：它落在其休假或不可排班时间内")
                                : Phrase("cannot be worked: \(reason.en)", "无法上：\(reason.zh)"),
                         absent ? Phrase("remove the pin, or shorten the leave or unavailability", "取消固定，或缩短休假或不可排班时间")
                                : Phrase("remove the pin, or change the agent's entry in agents.csv", "取消固定，或修改 agents.csv 中该坐席的设定"))
                continue
            }
            let mine = kept[a] ?? []
            if let other = mine.first(where: { $0.option.start < o.end && o.start < $0.option.end }) {
                conflict(Phrase("overlaps their pinned shift of \(s.pinned[other.pin].date)", "与其 \(s.pinned[other.pin].date) 的固定班次重叠"),
                         Phrase("remove one of the two pins", "取消两个固定中的一个"))
                continue
            }
            if let other = mine.first(where: { k in
                let gap = o.start >= k.option.end ? o.start.timeIntervalSince(k.option.end) : k.option.start.timeIntervalSince(o.end)
                return gap < rules.minRestHours * 3600 - Tolerance.time
            }) {
                let gap = o.start >= other.option.end ? o.start.timeIntervalSince(other.option.end) : other.option.start.timeIntervalSince(o.end)
                conflict(Phrase("leaves \(fmt(gap / 3600)) h of rest beside their pinned shift of \(s.pinned[other.pin].date), but min_rest_hours is \(fmt(rules.minRestHours))",
                                "与其 \(s.pinned[other.pin].date) 的固定班次之间只休息 \(fmt(gap / 3600)) 小时，但 min_rest_hours 是 \(fmt(rules.minRestHours))"),
                         Phrase("remove one of the two pins, or lower min_rest_hours to \(fmt((gap / 3600 * 100).rounded(.down) / 100))",
                                "取消两个固定中的一个，或把 min_rest_hours 降到 \(fmt((gap / 3600 * 100).rounded(.down) / 100))"))
                continue
            }
            let together = mine.map(\.option) + [o]
            if together.filter({ $0.day == o.day }).count > rules.maxShiftsPerDay {
                conflict(Phrase("is more than max_shifts_per_day = \(rules.maxShiftsPerDay) that day", "使当天班次超过 max_shifts_per_day = \(rules.maxShiftsPerDay)"),
                         Phrase("remove one of the pins of that day", "取消当天的一个固定班次"))
                continue
            }
            if let week = f.semantics.weeks.first(where: { $0.contains(o.day) }) {
                let inWeek = together.filter { week.contains($0.day) }
                let monday = f.grid.date(ofDay: week.lowerBound)
                let days = Set(inWeek.map(\.day)).count
                if 7 - days < rules.minDaysOffPerWeek {
                    conflict(Phrase("makes \(days) pinned working days in the week of \(monday), leaving fewer than min_days_off_per_week = \(rules.minDaysOffPerWeek) off",
                                    "使 \(monday) 这一周有 \(days) 个固定工作日，休息少于 min_days_off_per_week = \(rules.minDaysOffPerWeek)"),
                             Phrase("remove a pin of that week, or lower min_days_off_per_week to \(7 - days)", "取消那一周的一个固定班次，或把 min_days_off_per_week 降到 \(7 - days)"))
                    continue
                }
                let hours = inWeek.reduce(0.0) { $0 + $1.paidHours }
                if let m = f.semantics.maxWeekHours(agent), hours > m + Tolerance.time {
                    conflict(Phrase("makes \(fmt(hours)) pinned paid hours in the week of \(monday), above max_hours_per_week = \(fmt(m))",
                                    "使 \(monday) 这一周固定班次计薪 \(fmt(hours)) 小时，超过 max_hours_per_week = \(fmt(m))"),
                             Phrase("remove a pin of that week, or raise max_hours_per_week to \(fmt(hours))", "取消那一周的一个固定班次，或把 max_hours_per_week 提高到 \(fmt(hours))"))
                    continue
                }
                if let n = rules.maxNightsPerWeek, inWeek.filter(\.isNight).count > n {
                    conflict(Phrase("makes \(inWeek.filter(\.isNight).count) pinned nights in the week of \(monday), above max_nights_per_week = \(n)",
                                    "使 \(monday) 这一周有 \(inWeek.filter(\.isNight).count) 个固定夜班，超过 max_nights_per_week = \(n)"),
                             Phrase("remove a pinned night of that week, or raise max_nights_per_week", "取消那一周的一个固定夜班，或提高 max_nights_per_week"))
                    continue
                }
                if let need = rules.minWeeklyRestHours {
                    // The longest span of the week that no pinned shift (nor the previous roster's) touches.
                    let from = clock.startOfDay(monday), to = clock.startOfDay(f.grid.date(ofDay: week.upperBound))
                    let spans = (together.map { ($0.start, $0.end) } + f.semantics.previousShifts[a].map { ($0.start, $0.end) })
                        .filter { $0.1 > from && $0.0 < to }.sorted { $0.0 < $1.0 }
                    var longest = 0.0, free = from
                    for (start, end) in spans { longest = max(longest, start.timeIntervalSince(free)); free = max(free, end) }
                    longest = max(longest, to.timeIntervalSince(free))
                    if longest < need * 3600 - Tolerance.time {
                        conflict(Phrase("leaves at most \(fmt((longest / 360).rounded(.down) / 10)) h of uninterrupted rest in the week of \(monday), below min_weekly_rest_hours = \(fmt(need))",
                                        "使 \(monday) 这一周最长连续休息至多 \(fmt((longest / 360).rounded(.down) / 10)) 小时，低于 min_weekly_rest_hours = \(fmt(need))"),
                                 Phrase("remove a pin of that week, or lower min_weekly_rest_hours", "取消那一周的一个固定班次，或降低 min_weekly_rest_hours"))
                        continue
                    }
                }
            }
            func longestRun(_ days: Set<Int>) -> Int {
                var best = 0
                for d in days where !days.contains(d - 1) {
                    var n = 1
                    while days.contains(d + n) { n += 1 }
                    best = max(best, n)
                }
                return best
            }
            let run = longestRun(Set(together.map(\.day)))
            if run > rules.maxConsecutiveDays {
                conflict(Phrase("makes \(run) pinned working days in a row, above max_consecutive_days = \(rules.maxConsecutiveDays)",
                                "使固定班次连续工作 \(run) 天，超过 max_consecutive_days = \(rules.maxConsecutiveDays)"),
                         Phrase("remove a pin in that run, or raise max_consecutive_days to \(run)", "取消这段连续中的一个固定班次，或把 max_consecutive_days 提高到 \(run)"))
                continue
            }
            if let n = rules.maxConsecutiveNights {
                let nights = longestRun(Set(together.filter(\.isNight).map(\.day)))
                if nights > n {
                    conflict(Phrase("makes \(nights) pinned nights in a row, above max_consecutive_nights = \(n)",
                                    "使固定夜班连续 \(nights) 个，超过 max_consecutive_nights = \(n)"),
                             Phrase("remove a pinned night in that run, or raise max_consecutive_nights to \(nights)", "取消这段连续中的一个固定夜班，或把 max_consecutive_nights 提高到 \(nights)"))
                    continue
                }
            }
            let total = together.reduce(0.0) { $0 + $1.paidHours }
            if let m = rules.maxHoursPerHorizon, total > m + Tolerance.time {
                conflict(Phrase("makes \(fmt(total)) pinned paid hours in the horizon, above max_hours_per_horizon = \(fmt(m))",
                                "使排班期内固定班次计薪 \(fmt(total)) 小时，超过 max_hours_per_horizon = \(fmt(m))"),
                         Phrase("remove a pin, or raise max_hours_per_horizon to \(fmt(total))", "取消一个固定班次，或把 max_hours_per_horizon 提高到 \(fmt(total))"))
                continue
            }
            _ = clock
            kept[a, default: []].append(Kept(pin: p, option: o))
        }
        return out.sorted { ($0.pinIndex ?? 0) < ($1.pinIndex ?? 0) }
    }
}

/// A number without needless decimals: 24, 13.71.
func fmt(_ v: Double) -> String {
    /// Below this, a whole Double is exactly an integer that `Int` holds (2^53 ≈ 9e15).
    let largestWholeNumber = 1e15
    if v == v.rounded() && abs(v) < largestWholeNumber { return String(Int(v)) }
    return String(format: "%.2f", v)
}
