import Foundation

/// What is wrong (or worth knowing) about a scenario, without where: see `Diagnostic`.
public enum ScenarioProblem: Hashable, Sendable, CustomStringConvertible {
    // Files
    case missingFile
    case missingDemandFile
    case bothDemandFiles
    case fileTooLarge(bytes: Int, limit: Int)
    case unreadable(String)
    case emptyFile
    case notUTF8
    case notAFolder
    // team.toml
    case tomlSyntax(String)
    case missingField
    case wrongType(expected: String, found: String)
    case notFinite
    /// The value is outside its allowed range; the text says what is allowed (e.g. "must be 15, 30 or 60").
    case outOfRange(String)
    /// Any other invalid value; the text says why.
    case invalid(String)
    case unknownKey
    case unknownTimeZone(String)
    case duplicateName(String)
    // CSV files
    case csv(CSVError)
    case missingColumn(String)
    case unknownColumn(String)
    case duplicateColumn(String)
    case fieldCount(expected: Int, found: Int)
    case unknownAgent(String)
    case unknownShift(String)
    case duplicateAgent(id: String, firstLine: Int)
    case duplicateInterval(String, firstLine: Int)
    case endBeforeStart
    case tooMany(what: String, limit: Int)
    case notIntervalStart(String)
    // Sanity warnings
    case forecastGaps(count: Int, first: String)
    case outsideHorizon(count: Int, first: String)
    case nonexistentLocalTime(String)
    case agentCannotWork(id: String, reason: String)
    case shiftNobodyCanWork(String)
    case capacityBelowDemand(available: Double, needed: Double)
    case peakAboveTeam(interval: String, needed: Int, agents: Int)
    case notice(String)

    public var description: String {
        switch self {
        case .missingFile: return "file is missing"
        case .missingDemandFile: return "neither forecast.csv nor requirement.csv exists: one of them is needed"
        case .bothDemandFiles: return "both forecast.csv and requirement.csv exist: keep only one"
        case .fileTooLarge(let bytes, let limit):
            return "file is \(bytes) bytes; the limit is \(limit) bytes (\(limit / (1024 * 1024)) MiB)"
        case .unreadable(let why): return "cannot be read: \(why)"
        case .emptyFile: return "file is empty"
        case .notUTF8: return "the text is not valid UTF-8 (save the file as UTF-8)"
        case .notAFolder: return "not a scenario folder (it must hold team.toml, agents.csv and forecast.csv or requirement.csv)"
        case .tomlSyntax(let why): return "TOML syntax error: \(why)"
        case .missingField: return "required field is missing"
        case .wrongType(let expected, let found): return "must be \(expected), not \(found)"
        case .notFinite: return "must be a finite number"
        case .outOfRange(let allowed): return allowed
        case .invalid(let why): return why
        case .unknownKey: return "unknown key (ignored): check the spelling against Docs/formats.md"
        case .unknownTimeZone(let name): return "'\(name)' is not an IANA time zone (e.g. Asia/Shanghai, Europe/Berlin)"
        case .duplicateName(let name): return "'\(name)' is used twice"
        case .csv(let e): return e.description
        case .missingColumn(let name): return "required column '\(name)' is missing from the header"
        case .unknownColumn(let name): return "unknown column '\(name)' (ignored)"
        case .duplicateColumn(let name): return "column '\(name)' appears twice in the header"
        case .fieldCount(let expected, let found): return "has \(found) fields; the header has \(expected)"
        case .unknownAgent(let id): return "no agent with id '\(id)' in agents.csv"
        case .unknownShift(let name): return "no shift template named '\(name)' in team.toml"
        case .duplicateAgent(let id, let first): return "agent id '\(id)' is used again (first on line \(first))"
        case .duplicateInterval(let label, let first): return "interval \(label) is given again (first on line \(first))"
        case .endBeforeStart: return "the end is before the start"
        case .tooMany(let what, let limit): return "too many \(what): at most \(limit)"
        case .notIntervalStart(let why): return why
        case .forecastGaps(let count, let first):
            return "\(count) interval(s) of the horizon have no row and count as 0 calls (first: \(first))"
        case .outsideHorizon(let count, let first):
            return "\(count) row(s) lie outside the planning horizon and are ignored (first: \(first))"
        case .nonexistentLocalTime(let label):
            return "\(label) does not exist in the team's time zone (the clocks skip it); row ignored"
        case .agentCannotWork(let id, let reason): return "agent '\(id)' can never work: \(reason)"
        case .shiftNobodyCanWork(let name): return "no agent can work shift template '\(name)'"
        case .capacityBelowDemand(let available, let needed):
            return String(format: "the team can work at most %.0f agent-hours on the phones, but the staffing needs %.0f", available, needed)
        case .peakAboveTeam(let label, let needed, let agents):
            return "interval \(label) needs \(needed) agents scheduled, but the team has only \(agents)"
        case .notice(let text): return text
        }
    }
}

/// One problem or warning about a scenario, with the file, line and field it concerns.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        case error
        case warning
    }

    var severity: Severity
    public var location: SourceLocation
    var problem: ScenarioProblem

    public init(_ severity: Severity, _ location: SourceLocation, _ problem: ScenarioProblem) {
        self.severity = severity
        self.location = location
        self.problem = problem
    }

    public var message: String { problem.description }
    public var isError: Bool { severity == .error }

    /// `error: team.toml:12: field 'interval_minutes': must be 15, 30 or 60`
    public var description: String { "\(severity.rawValue): \(location): \(message)" }
}

/// Loading failed: every error found (and the warnings gathered on the way).
public struct ScenarioLoadFailure: Error, Sendable, CustomStringConvertible {
    public let errors: [Diagnostic]
    public let warnings: [Diagnostic]

    init(errors: [Diagnostic], warnings: [Diagnostic] = []) {
        self.errors = errors
        self.warnings = warnings
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A scenario that loaded, with the warnings found on the way.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    public let warnings: [Diagnostic]
    /// The scenario's files exactly as read and validated (file name → bytes): what a version keeps.
    public var files: [String: Data]

    public init(scenario: Scenario, warnings: [Diagnostic], files: [String: Data] = [:]) {
        self.scenario = scenario
        self.warnings = warnings
        self.files = files
    }
}

/// Collects diagnostics while loading.
package struct DiagnosticSink {
    package private(set) var items: [Diagnostic] = []

    package init() {}

    package mutating func error(_ problem: ScenarioProblem, _ location: SourceLocation) {
        items.append(Diagnostic(.error, location, problem))
    }

    package mutating func warning(_ problem: ScenarioProblem, _ location: SourceLocation) {
        items.append(Diagnostic(.warning, location, problem))
    }

    package var errors: [Diagnostic] { items.filter(\.isError) }
    package var warnings: [Diagnostic] { items.filter { !$0.isError } }
    package var hasErrors: Bool { items.contains(where: \.isError) }
}
