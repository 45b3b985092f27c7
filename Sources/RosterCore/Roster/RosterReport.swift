import Foundation

/// The honest account of a roster: coverage, rules, hours, preferences, fairness, and how good the
/// solve proved it to be.
public struct RosterReport: Sendable, Codable {
    public struct Day: Sendable, Codable {
        public var date: String
        public var shortfallAgentHours: Double
        public var intervalsBelowRequirement: Int
        /// Expected share of the day's calls answered within the goal, weighted by calls (nil without a forecast).
        public var expectedServiceLevel: Double?
        public init(date: String, shortfallAgentHours: Double, intervalsBelowRequirement: Int, expectedServiceLevel: Double?) {
            self.date = date
            self.shortfallAgentHours = shortfallAgentHours
            self.intervalsBelowRequirement = intervalsBelowRequirement
            self.expectedServiceLevel = expectedServiceLevel
        }
    }

    public struct AgentLoad: Sendable, Codable {
        public var id: String
        public var name: String
        public var shifts: Int
        public var paidHours: Double
        public var nights: Int
        public var weekendShifts: Int
        public var holidayShifts: Int
        public init(id: String, name: String, shifts: Int, paidHours: Double, nights: Int, weekendShifts: Int, holidayShifts: Int) {
            self.id = id
            self.name = name
            self.shifts = shifts
            self.paidHours = paidHours
            self.nights = nights
            self.weekendShifts = weekendShifts
            self.holidayShifts = holidayShifts
        }
    }

    public var team: String
    public var timeZone: String
    public var firstDay: String
    public var days: Int
    public var status: String
    public var objective: Double
    public var breakdown: ObjectiveBreakdown
    public var bound: Double?
    public var boundSource: String
    public var gap: Double?
    public var seconds: Double
    public var shortfallAgentHours: Double
    public var surplusAgentHours: Double
    public var intervalsBelowRequirement: Int
    public var intervalsBelowFloor: Int
    public var totalPaidHours: Double
    /// Cost of unmet soft preferences (0 is best).
    public var preferenceCost: Double
    /// Largest minus smallest number of nights among night-eligible agents.
    public var nightSpread: Int
    /// Largest minus smallest number of weekend shifts among agents.
    public var weekendSpread: Int
    public var violations: [String]
    public var daily: [Day]
    public var agents: [AgentLoad]
    public var log: [String]
    /// Solver parameters that differ from their defaults (`name=value`), absent when none do.
    public var parameters: [String]?
    /// Agent-hours of surplus in the best fractional roster (converged column generation): surplus the
    /// forecast, the shift options and the rules force on any roster about that good, not the solver's.
    public var relaxedSurplusAgentHours: Double?
    /// The least surplus (agent-hours) of any roster with no shortfall that keeps the floor and the
    /// handovers (the pooled model's LP): what the forecast and the shift options force; nil when unknown
    /// or when no roster can cover every interval.
    public var forcedSurplusAgentHours: Double?
    /// The service goal's share of calls (for the "goal missed" line), when there is a forecast.
    public var serviceGoal: Double?
    /// Whether the solve was interrupted (Ctrl-C or SIGTERM): the roster is the best found so far.
    public var interrupted: Bool?
    /// Rules found before solving that no roster can keep (FeasibilityAnalysis), in words.
    public var conflicts: [String]?
    /// For each entry of `violations`: the number (1-based) of the conflict in `conflicts` that explains it.
    public var violationConflicts: [Int?]?
    /// What the solver and the checker say in their own words — the status, the bound's source, each
    /// violation and each conflict — in the other languages, keyed by language code (`zh-Hans`); the
    /// plain fields above hold the English.
    public var translations: [String: Words]?

    /// The solver's and the checker's sentences in one language, entry for entry as in the plain fields.
    public struct Words: Sendable, Codable, Equatable {
        public var status: String
        public var boundSource: String
        public var violations: [String]
        public var conflicts: [String]?
        public init(status: String, boundSource: String, violations: [String], conflicts: [String]? = nil) {
            self.status = status
            self.boundSource = boundSource
            self.violations = violations
            self.conflicts = conflicts
        }
    }

    /// The solver's and the checker's sentences in `language` (English, or a translation when present).
    public func words(in language: Language) -> Words {
        if language != .english, let w = translations?[language.rawValue] { return w }
        return Words(status: status, boundSource: boundSource, violations: violations, conflicts: conflicts)
    }

    /// An empty report; the solver's pipeline fills it (`RosterModel`), renderers read it (`RosterOutput`).
    public init() {
        team = ""; timeZone = ""; firstDay = ""; days = 0; status = ""
        objective = .nan; breakdown = ObjectiveBreakdown(); bound = nil; boundSource = ""; gap = nil; seconds = 0
        shortfallAgentHours = 0; surplusAgentHours = 0; intervalsBelowRequirement = 0; intervalsBelowFloor = 0
        totalPaidHours = 0; preferenceCost = 0; nightSpread = 0; weekendSpread = 0
        violations = []; daily = []; agents = []; log = []
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
