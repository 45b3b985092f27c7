import Foundation

// The validated scenario: what a team lead describes once, after every file has been read and
// checked. The model, the staffing calculator and the renderers take this and nothing rawer.
// Loading and validation live in ScenarioLoader; the file formats are in Docs/formats.md.

/// Where a value came from, for messages that name file, line and field.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var field: String?

    public init(file: String, line: Int? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.field = field
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let field { s += ": field '\(field)'" }
        return s
    }

    /// `agents.csv:3: field 'id'` / `agents.csv:3：字段 'id'`.
    public func description(in language: Language) -> String {
        guard language == .simplifiedChinese, let field else { return description }
        return (line.map { "\(file):\($0)" } ?? file) + "：字段 '\(field)'"
    }
}

/// The service goal: a share of calls answered within a time, and/or an average speed of answer.
public struct ServiceGoal: Sendable, Hashable {
    /// Target share of calls answered within `answerSeconds` (e.g. 0.8), if that goal is set.
    public var serviceLevel: Double?
    public var answerSeconds: Double?
    /// Target average speed of answer in seconds, if that goal is set.
    public var averageSpeedOfAnswer: Double?

    public init(serviceLevel: Double? = nil, answerSeconds: Double? = nil, averageSpeedOfAnswer: Double? = nil) {
        self.serviceLevel = serviceLevel
        self.answerSeconds = answerSeconds
        self.averageSpeedOfAnswer = averageSpeedOfAnswer
    }
}

/// The team's settings from `team.toml`.
public struct TeamSettings: Sendable {
    public var name: String
    public var clock: ZoneClock
    /// 15, 30 or 60.
    public var intervalMinutes: Int
    public var startDate: LocalDate
    public var days: Int
    public var goal: ServiceGoal
    /// Cap on occupancy (load / agents), e.g. 0.85; nil for none.
    public var maxOccupancy: Double?
    /// Share of paid time not on the phones, 0 ≤ s < 1.
    public var shrinkage: Double
    /// Erlang A: mean caller patience in seconds; nil uses Erlang C.
    public var patienceSeconds: Double?
    /// Public holidays inside (or around) the horizon, counted for fairness.
    public var holidays: [LocalDate]
    /// `calendar_id`: the line's stable identity in calendar UIDs (nil: the scenario folder's name).
    public var calendarID: String?
    /// `make_up_workdays`: weekend days worked in exchange for a holiday bridge (China's 调休); the
    /// forecast treats them as working days.
    public var makeUpWorkdays: [LocalDate] = []
    /// `language`: the language of the views and calendars (nil: the locale's, else English).
    public var language: Language? = nil

    public init(name: String, clock: ZoneClock, intervalMinutes: Int, startDate: LocalDate, days: Int,
                goal: ServiceGoal, maxOccupancy: Double?, shrinkage: Double, patienceSeconds: Double? = nil,
                holidays: [LocalDate] = [], calendarID: String? = nil) {
        self.name = name
        self.clock = clock
        self.intervalMinutes = intervalMinutes
        self.startDate = startDate
        self.days = days
        self.goal = goal
        self.maxOccupancy = maxOccupancy
        self.shrinkage = shrinkage
        self.patienceSeconds = patienceSeconds
        self.holidays = holidays
        self.calendarID = calendarID
    }
}

/// An unpaid break inside a shift: its length and where it may start, in minutes after the shift start.
public struct BreakRule: Sendable, Hashable {
    public var lengthMinutes: Int
    public var earliestOffsetMinutes: Int
    public var latestOffsetMinutes: Int

    public init(lengthMinutes: Int, earliestOffsetMinutes: Int, latestOffsetMinutes: Int) {
        self.lengthMinutes = lengthMinutes
        self.earliestOffsetMinutes = earliestOffsetMinutes
        self.latestOffsetMinutes = latestOffsetMinutes
    }
}

/// A family of shifts: starts every `stepMinutes` from `earliestStart` to `latestStart` (local time,
/// on the shift's own day), each with one of `lengthsMinutes`. Shifts may run past midnight.
public struct ShiftTemplate: Sendable, Hashable {
    public var name: String
    /// One or two characters for grids (e.g. "D", "N").
    public var code: String
    var earliestStart: LocalTime
    var latestStart: LocalTime
    var stepMinutes: Int
    public var lengthsMinutes: [Int]
    public var breakRule: BreakRule?
    public var isNight: Bool
    /// Skills an agent needs for this shift (all of them); empty for none.
    public var requiredSkills: [String]

    public init(name: String, code: String, earliestStart: LocalTime, latestStart: LocalTime, stepMinutes: Int,
                lengthsMinutes: [Int], breakRule: BreakRule?, isNight: Bool, requiredSkills: [String] = []) {
        self.name = name
        self.code = code
        self.earliestStart = earliestStart
        self.latestStart = latestStart
        self.stepMinutes = stepMinutes
        self.lengthsMinutes = lengthsMinutes
        self.breakRule = breakRule
        self.isNight = isNight
        self.requiredSkills = requiredSkills
    }

    /// Local start times of this template, in order.
    public var startTimes: [LocalTime] {
        stride(from: earliestStart.minutes, through: latestStart.minutes, by: max(stepMinutes, 1))
            .compactMap { LocalTime(minutes: $0) }
    }
}

/// Labor rules for every agent (an agent's own contract bounds, from agents.csv, apply on top).
public struct LaborRules: Sendable, Hashable {
    /// Minimum rest in real hours between the end of one shift and the start of the next.
    public var minRestHours: Double
    public var maxConsecutiveDays: Int
    /// Minimum days off in every calendar week (Monday–Sunday) fully inside the horizon.
    public var minDaysOffPerWeek: Int
    public var minHoursPerWeek: Double?
    public var maxHoursPerWeek: Double?
    public var minHoursPerHorizon: Double?
    public var maxHoursPerHorizon: Double?
    public var maxNightsPerWeek: Int?
    public var maxConsecutiveNights: Int?
    /// `min_weekly_rest_hours`: an uninterrupted rest of at least this many hours inside every whole
    /// Monday–Sunday week of the horizon, in real hours (nil: no such rule).
    public var minWeeklyRestHours: Double?
    /// At most this many shifts start on one day (1 in practice).
    public var maxShiftsPerDay: Int
    /// Agents on the line (not on break) at every interval, whatever the forecast.
    public var floorAgents: Int

    public init(minRestHours: Double = 11, maxConsecutiveDays: Int = 6, minDaysOffPerWeek: Int = 1,
                minHoursPerWeek: Double? = nil, maxHoursPerWeek: Double? = nil,
                minHoursPerHorizon: Double? = nil, maxHoursPerHorizon: Double? = nil,
                maxNightsPerWeek: Int? = nil, maxConsecutiveNights: Int? = nil,
                maxShiftsPerDay: Int = 1, floorAgents: Int = 1, minWeeklyRestHours: Double? = nil) {
        self.minRestHours = minRestHours
        self.maxConsecutiveDays = maxConsecutiveDays
        self.minDaysOffPerWeek = minDaysOffPerWeek
        self.minHoursPerWeek = minHoursPerWeek
        self.maxHoursPerWeek = maxHoursPerWeek
        self.minHoursPerHorizon = minHoursPerHorizon
        self.maxHoursPerHorizon = maxHoursPerHorizon
        self.maxNightsPerWeek = maxNightsPerWeek
        self.maxConsecutiveNights = maxConsecutiveNights
        self.minWeeklyRestHours = minWeeklyRestHours
        self.maxShiftsPerDay = maxShiftsPerDay
        self.floorAgents = floorAgents
    }
}

/// At a named local time each day, at least `minAgents` agents whose shifts overlap that time by
/// `overlapMinutes` on each side (they are working both before and after it).
public struct HandoverRule: Sendable, Hashable {
    public var name: String
    public var time: LocalTime
    public var minAgents: Int
    public var overlapMinutes: Int

    public init(name: String, time: LocalTime, minAgents: Int, overlapMinutes: Int) {
        self.name = name
        self.time = time
        self.minAgents = minAgents
        self.overlapMinutes = overlapMinutes
    }
}

/// Weights of the objective's parts (all ≥ 0). See Docs/model.md.
public struct ObjectiveWeights: Sendable, Hashable {
    /// Cost of each missing agent-interval at the first depth of shortfall; deeper ones cost more.
    public var shortfall: Double
    /// Factor by which each further agent of shortfall in the same interval costs more (≥ 1).
    public var shortfallGrowth: Double
    /// Cost of each agent-interval above requirement.
    public var surplus: Double
    /// Multiplies each availability preference's weight.
    public var preference: Double
    /// Cost per unit of the largest deviation from a fair share of nights, weekends and holidays.
    public var fairness: Double
    /// Cost per paid hour (small: breaks ties toward fewer hours).
    public var paidHour: Double

    public init(shortfall: Double = 100, shortfallGrowth: Double = 2, surplus: Double = 1,
                preference: Double = 1, fairness: Double = 10, paidHour: Double = 0) {
        self.shortfall = shortfall
        self.shortfallGrowth = shortfallGrowth
        self.surplus = surplus
        self.preference = preference
        self.fairness = fairness
        self.paidHour = paidHour
    }
}

/// One agent of the team, from `agents.csv`.
public struct Agent: Sendable, Hashable {
    public var id: String
    public var name: String
    public var minHoursPerWeek: Double?
    public var maxHoursPerWeek: Double?
    public var skills: [String]
    public var nightEligible: Bool
    /// Template names this agent may work; nil for all.
    public var allowedShifts: [String]?
    public var location: SourceLocation?

    public init(id: String, name: String, minHoursPerWeek: Double? = nil, maxHoursPerWeek: Double? = nil,
                skills: [String] = [], nightEligible: Bool = true, allowedShifts: [String]? = nil,
                location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.minHoursPerWeek = minHoursPerWeek
        self.maxHoursPerWeek = maxHoursPerWeek
        self.skills = skills
        self.nightEligible = nightEligible
        self.allowedShifts = allowedShifts
        self.location = location
    }
}

/// What an availability row says about the agent in its time span.
public enum AvailabilityKind: Sendable, Hashable {
    /// Cannot work at all in the span (hard).
    case unavailable
    /// On leave in the span (hard).
    case leave
    /// Would rather not work in the span (soft, weighted).
    case prefersOff
    /// Would like to work in the span (soft, weighted).
    case prefersOn
    /// Would like to work this template in the span (soft, weighted).
    case preferredShift(String)

    public var isHard: Bool {
        switch self {
        case .unavailable, .leave: return true
        default: return false
        }
    }
}

/// A span of time in an availability row: whole local dates, or a range of real instants.
public enum AvailabilitySpan: Sendable, Hashable {
    /// Whole local days, first through last inclusive.
    case dates(LocalDate, LocalDate)
    /// From one instant up to (not including) another.
    case instants(Date, Date)
}

public struct AvailabilityEntry: Sendable, Hashable {
    public var agentID: String
    public var kind: AvailabilityKind
    public var span: AvailabilitySpan
    /// Weight of a soft preference (ignored for hard kinds), ≥ 0.
    public var weight: Double
    public var location: SourceLocation?

    public init(agentID: String, kind: AvailabilityKind, span: AvailabilitySpan, weight: Double = 1,
                location: SourceLocation? = nil) {
        self.agentID = agentID
        self.kind = kind
        self.span = span
        self.weight = weight
        self.location = location
    }
}

/// A shift fixed in advance by the lead: this agent works this template at this local start.
public struct PinnedShift: Sendable, Hashable {
    public var agentID: String
    public var date: LocalDate
    public var template: String
    public var start: LocalTime
    public var lengthMinutes: Int?
    public var location: SourceLocation?

    init(agentID: String, date: LocalDate, template: String, start: LocalTime, lengthMinutes: Int? = nil,
                location: SourceLocation? = nil) {
        self.agentID = agentID
        self.date = date
        self.template = template
        self.start = start
        self.lengthMinutes = lengthMinutes
        self.location = location
    }
}

/// One interval of the forecast, aligned with the time grid.
public struct ForecastInterval: Sendable, Hashable {
    public var calls: Double
    public var handleSeconds: Double
    /// The upper end of the forecast's prediction interval (`calls_high`, written by `roster forecast`), if given.
    public var callsHigh: Double? = nil

    init(calls: Double, handleSeconds: Double, callsHigh: Double? = nil) {
        self.calls = calls
        self.handleSeconds = handleSeconds
        self.callsHigh = callsHigh
    }
}

/// Demand on the line: a forecast to staff with Erlang, or a requirement given directly.
public enum Demand: Sendable {
    /// One entry per grid interval (intervals the file left out hold zero calls).
    case forecast([ForecastInterval])
    /// Agents to schedule per grid interval, already including shrinkage.
    case requirement([Int])
}

extension Scenario {
    /// The scenario planned for the high case of its forecast: every interval's calls at the forecast's
    /// `calls_high` (intervals without it keep their calls). Nil when the demand is a requirement or no
    /// interval has a high case.
    public func highCase() -> Scenario? {
        guard case .forecast(let f) = demand, f.contains(where: { $0.callsHigh != nil }) else { return nil }
        var s = self
        s.demand = .forecast(f.map { ForecastInterval(calls: $0.callsHigh ?? $0.calls, handleSeconds: $0.handleSeconds, callsHigh: $0.callsHigh) })
        return s
    }
}

/// A scenario that passed validation: every reference resolves and every value is in range.
public struct Scenario: Sendable {
    /// The folder the scenario was read from (nil for one built in code).
    public var directory: URL?
    public var team: TeamSettings
    public var grid: TimeGrid
    public var templates: [ShiftTemplate]
    public var rules: LaborRules
    public var handovers: [HandoverRule]
    public var weights: ObjectiveWeights
    public var agents: [Agent]
    public var availability: [AvailabilityEntry]
    public var pinned: [PinnedShift]
    public var demand: Demand
    /// The previous period's shifts before the horizon (`previous_roster`, `--previous`), of this
    /// scenario's agents; nil when no previous roster is given (the model then chooses the eve's night
    /// shifts itself).
    public var previous: [RosterShift]?

    public init(directory: URL? = nil, team: TeamSettings, templates: [ShiftTemplate], rules: LaborRules,
                handovers: [HandoverRule], weights: ObjectiveWeights, agents: [Agent],
                availability: [AvailabilityEntry], pinned: [PinnedShift] = [], demand: Demand, previous: [RosterShift]? = nil) {
        self.directory = directory
        self.team = team
        self.grid = TimeGrid(clock: team.clock, startDate: team.startDate, days: team.days,
                             intervalMinutes: team.intervalMinutes)
        self.templates = templates
        self.rules = rules
        self.handovers = handovers
        self.weights = weights
        self.agents = agents
        self.availability = availability
        self.pinned = pinned
        self.demand = demand
        self.previous = previous
    }

    /// The line's identity in calendar UIDs: `calendar_id` in team.toml, else the scenario folder's
    /// name, else (a scenario built in code) "roster". Never the team's display name.
    public var calendarID: String {
        if let id = team.calendarID { return id }
        if let d = directory?.standardizedFileURL.lastPathComponent, !d.isEmpty, d != "/", d != "." { return d }
        return "roster"
    }
}
