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
        case floor = "floor of agents"
        case handover = "handover overlap"
        case pinned = "pinned shift"
    }

    public var rule: Rule
    public var agentID: String?
    public var date: LocalDate?
    public var message: String
    /// For a violation of a handover rule: the rule's name, so that a conflict about that handover is
    /// matched by value (`FeasibilityConflict.explains`), never by searching the message.
    public var handoverName: String? = nil

    public var description: String {
        var parts: [String] = ["[\(rule.rawValue)]"]
        if let agentID { parts.append(agentID) }
        if let date { parts.append(date.description) }
        return parts.joined(separator: " ") + ": " + message
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

    public init(scenario: Scenario) {
        self.scenario = scenario
        self.semantics = RuleSemantics(scenario: scenario)
    }

    public func check(_ roster: Roster) -> CheckResult {
        var v: [RuleViolation] = []
        let grid = scenario.grid
        let clock = scenario.team.clock
        let rules = scenario.rules
        let agentsByID = Dictionary(scenario.agents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let templates = Dictionary(scenario.templates.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let tolerance = Tolerance.time
        func hoursText(_ h: Double) -> String { String(format: "%.2f h", h) }

        var byAgent = Array(repeating: [RosterShift](), count: scenario.agents.count)
        for s in roster.shifts {
            guard let a = agentsByID[s.agentID] else {
                v.append(RuleViolation(rule: .unknownAgent, agentID: s.agentID, date: s.date, message: "no agent '\(s.agentID)' in agents.csv"))
                continue
            }
            byAgent[a].append(s)
            let agent = scenario.agents[a]
            guard let template = templates[s.shiftName] else {
                v.append(RuleViolation(rule: .unknownShift, agentID: s.agentID, date: s.date, message: "no shift template '\(s.shiftName)'"))
                continue
            }
            // The shift must be one the template allows, starting on its own date.
            let local = clock.localDateTime(of: s.start)
            let length = Int((s.end.timeIntervalSince(s.start) / 60).rounded())
            if local.date != s.date || !template.startTimes.contains(local.time) || !template.lengthsMinutes.contains(length) {
                v.append(RuleViolation(rule: .shiftShape, agentID: s.agentID, date: s.date,
                                       message: "\(s.shiftName) starting \(local) for \(length) min is not a start and length of the template"))
            }
            if let rule = template.breakRule, rule.lengthMinutes > 0 {
                if let b0 = s.breakStart, let b1 = s.breakEnd {
                    let offset = b0.timeIntervalSince(s.start) / 60
                    let breakLength = b1.timeIntervalSince(b0) / 60
                    if offset < Double(rule.earliestOffsetMinutes) - tolerance || offset > Double(rule.latestOffsetMinutes) + tolerance
                        || abs(breakLength - Double(rule.lengthMinutes)) > tolerance {
                        v.append(RuleViolation(rule: .shiftShape, agentID: s.agentID, date: s.date,
                                               message: "break of \(Int(breakLength)) min at +\(Int(offset)) min breaks the break rule"))
                    }
                } else {
                    v.append(RuleViolation(rule: .shiftShape, agentID: s.agentID, date: s.date, message: "the shift has no break"))
                }
            }
            let carriedIn = s.date == grid.date(ofDay: -1) && s.end > grid.horizonStart
            if grid.day(of: s.date) == nil && !carriedIn {
                v.append(RuleViolation(rule: .outsideHorizon, agentID: s.agentID, date: s.date, message: "the shift's date is outside the planning horizon"))
            }
            if let allowed = agent.allowedShifts, !allowed.contains(s.shiftName) {
                v.append(RuleViolation(rule: .eligibility, agentID: s.agentID, date: s.date, message: "\(s.shiftName) is not among the agent's allowed shifts"))
            }
            if template.isNight && !agent.nightEligible {
                v.append(RuleViolation(rule: .eligibility, agentID: s.agentID, date: s.date, message: "the agent may not work nights"))
            }
            for skill in template.requiredSkills where !agent.skills.contains(skill) {
                v.append(RuleViolation(rule: .eligibility, agentID: s.agentID, date: s.date, message: "the agent lacks skill '\(skill)'"))
            }
        }
        for entry in scenario.availability where entry.kind.isHard {
            guard let a = agentsByID[entry.agentID] else { continue }
            let (from, to) = RuleSemantics.instants(of: entry.span, clock: clock)
            for s in byAgent[a] where s.start < to && s.end > from {
                v.append(RuleViolation(rule: .unavailable, agentID: s.agentID, date: s.date,
                                       message: "works \(s.shiftName) \(clock.iso8601(s.start))–\(clock.iso8601(s.end)) while \(entry.kind == .leave ? "on leave" : "unavailable")"))
            }
        }

        for (a, agent) in scenario.agents.enumerated() {
            let shifts = byAgent[a].sorted { $0.start < $1.start }
            // Shifts per day.
            var perDate: [LocalDate: Int] = [:]
            for s in shifts { perDate[s.date, default: 0] += 1 }
            for (date, n) in perDate where n > rules.maxShiftsPerDay {
                v.append(RuleViolation(rule: .shiftsPerDay, agentID: agent.id, date: date, message: "\(n) shifts start that day (at most \(rules.maxShiftsPerDay))"))
            }
            // Overlap and rest, in real hours.
            for (p, n) in zip(shifts, shifts.dropFirst()) {
                let gap = n.start.timeIntervalSince(p.end)
                if gap < 0 {
                    v.append(RuleViolation(rule: .overlap, agentID: agent.id, date: n.date, message: "the shift overlaps the one before"))
                } else if gap < rules.minRestHours * 3600 - tolerance {
                    v.append(RuleViolation(rule: .rest, agentID: agent.id, date: n.date,
                                           message: "\(hoursText(gap / 3600)) rest after the shift of \(p.date) (at least \(hoursText(rules.minRestHours)))"))
                }
            }
            // Working days and nights by slot: 0 for the eve of the horizon, d + 1 for day d.
            var works = [Bool](repeating: false, count: grid.days + 1)
            var night = [Bool](repeating: false, count: grid.days + 1)
            var paid = [Double](repeating: 0, count: grid.days + 1)
            for s in shifts {
                let offset = s.date.dayNumber - grid.startDate.dayNumber
                guard offset >= -1, offset < grid.days else { continue }
                let d = offset + 1
                works[d] = true
                if templates[s.shiftName]?.isNight == true { night[d] = true }
                paid[d] += s.paidMinutes / 60
            }
            func longestRun(_ flags: [Bool]) -> (length: Int, end: Int) {
                var best = (0, 0), run = 0
                for (d, f) in flags.enumerated() {
                    run = f ? run + 1 : 0
                    if run > best.0 { best = (run, d) }
                }
                return best
            }
            let run = longestRun(works)
            if run.length > rules.maxConsecutiveDays {
                v.append(RuleViolation(rule: .consecutiveDays, agentID: agent.id, date: grid.date(ofDay: run.end - 1),
                                       message: "\(run.length) working days in a row (at most \(rules.maxConsecutiveDays))"))
            }
            if let maxNights = rules.maxConsecutiveNights {
                let nightRun = longestRun(night)
                if nightRun.length > maxNights {
                    v.append(RuleViolation(rule: .consecutiveNights, agentID: agent.id, date: grid.date(ofDay: nightRun.end - 1),
                                           message: "\(nightRun.length) nights in a row (at most \(maxNights))"))
                }
            }
            for week in semantics.weeks {
                let first = grid.date(ofDay: week.lowerBound)
                let worked = week.filter { works[$0 + 1] }.count
                if 7 - worked < rules.minDaysOffPerWeek {
                    v.append(RuleViolation(rule: .daysOff, agentID: agent.id, date: first,
                                           message: "\(7 - worked) days off in the week of \(first) (at least \(rules.minDaysOffPerWeek))"))
                }
                let hours = week.reduce(0.0) { $0 + paid[$1 + 1] }
                if let maxH = semantics.maxWeekHours(agent), hours > maxH + tolerance {
                    v.append(RuleViolation(rule: .weeklyHours, agentID: agent.id, date: first, message: "\(hoursText(hours)) in the week of \(first) (at most \(hoursText(maxH)))"))
                }
                if let minH = semantics.minWeekHours(agentIndex: a, week: week), hours < minH - tolerance {
                    v.append(RuleViolation(rule: .weeklyHours, agentID: agent.id, date: first, message: "\(hoursText(hours)) in the week of \(first) (at least \(hoursText(minH)))"))
                }
                if let maxN = rules.maxNightsPerWeek {
                    let nights = week.filter { night[$0 + 1] }.count
                    if nights > maxN {
                        v.append(RuleViolation(rule: .nightsPerWeek, agentID: agent.id, date: first, message: "\(nights) nights in the week of \(first) (at most \(maxN))"))
                    }
                }
            }
            let total = paid.reduce(0, +)
            if let maxH = semantics.maxHorizonHours(agentIndex: a), total > maxH + tolerance {
                v.append(RuleViolation(rule: .horizonHours, agentID: agent.id, date: nil, message: "\(hoursText(total)) over the horizon (at most \(hoursText(maxH)))"))
            }
            if let minH = semantics.minHorizonHours(agentIndex: a), total < minH - tolerance {
                v.append(RuleViolation(rule: .horizonHours, agentID: agent.id, date: nil, message: "\(hoursText(total)) over the horizon (at least \(hoursText(minH)))"))
            }
        }

        // Floor of agents at every interval, counted from real times (breaks excluded).
        if rules.floorAgents > 0 {
            let onLine = OnLineCount(grid: grid, roster: roster).counts
            for (i, iv) in grid.intervals.enumerated() where onLine[i] < rules.floorAgents {
                v.append(RuleViolation(rule: .floor, agentID: nil, date: iv.local.date,
                                       message: "\(onLine[i]) agents on the line at \(iv.local.time) (at least \(rules.floorAgents))"))
            }
        }
        // Handover overlap.
        for rule in scenario.handovers where rule.minAgents > 0 {
            for d in 0..<grid.days {
                guard let t = semantics.handoverInstant(rule, day: d) else { continue }
                let n = roster.shifts.filter { RuleSemantics.spans(start: $0.start, end: $0.end, handover: t, overlapMinutes: rule.overlapMinutes) }.count
                if n < rule.minAgents {
                    v.append(RuleViolation(rule: .handover, agentID: nil, date: grid.date(ofDay: d),
                                           message: "\(n) agents work across the \(rule.name) at \(rule.time) by \(rule.overlapMinutes) min (at least \(rule.minAgents))",
                                           handoverName: rule.name))
                }
            }
        }
        // Pinned shifts.
        for pin in scenario.pinned {
            let found = roster.shifts.contains { s in
                s.agentID == pin.agentID && s.date == pin.date && s.shiftName == pin.template
                    && clock.localDateTime(of: s.start).time == pin.start
                    && (pin.lengthMinutes == nil || Int((s.end.timeIntervalSince(s.start) / 60).rounded()) == pin.lengthMinutes)
            }
            if !found {
                v.append(RuleViolation(rule: .pinned, agentID: pin.agentID, date: pin.date, message: "pinned \(pin.template) at \(pin.start) is missing"))
            }
        }
        return CheckResult(violations: v)
    }
}
