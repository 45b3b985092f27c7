import Foundation
import RosterCore

/// A problem with what the user asked for (unknown agent, bad date, a roster that is missing or belongs
/// to another scenario): one line naming what and where. The command prints it and exits with status 2.
public struct OutputInputError: Error, Equatable, Sendable, CustomStringConvertible {
    var message: String
    /// A file could not be written (a full disk, a read-only folder): the system's fault, not the input's.
    public var isWriteFailure = false
    public init(_ message: String, isWriteFailure: Bool = false) { self.message = message; self.isWriteFailure = isWriteFailure }
    public var description: String { message }
}

/// Finding and reading the roster file the views show.
public enum RosterLocator {
    /// The roster a scenario's commands use by default: the published version (`roster publish`,
    /// ``Publication``), else the newest complete, uninterrupted `roster-*/roster.csv` by creation time (its
    /// roster.json's `created`, else the file's modification time; the name breaks ties). A write cut short
    /// by a crash is rolled back first (`AtomicFile.recover`); a version still being written and one whose
    /// solve was interrupted (Ctrl-C: possibly a near-empty roster) are never chosen by default. `notes`
    /// hears which version was taken and why, and what was skipped; `--roster` still opens any version.
    public static func newestRoster(in directory: URL, notes: ((String) -> Void)? = nil) -> URL? {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: directory.path) else { return nil }
        if let p = Publication.read(scenario: directory) {
            let folder = directory.appendingPathComponent(p.version)
            if isReadable(folder, notes: notes) {
                notes?("using the published version \(p.version) (published \(p.publishedAt) by \(p.by))")
                return folder.appendingPathComponent("roster.csv")
            }
            notes?("the published version \(p.version) is missing or being written: using the newest version instead")
        }
        var best: (created: Date, name: String, file: URL)? = nil
        for name in entries where name.hasPrefix("roster-") {
            let folder = directory.appendingPathComponent(name)
            guard isReadable(folder, notes: notes) else {
                if AtomicFile.hasUnfinishedWrite(in: folder) { notes?("skipping \(name): it is being written (or a write was cut short)") }
                continue
            }
            let document = RosterVersions.document(folder)
            if RosterVersions.isInterrupted(document: document) {
                notes?("skipping \(name): its solve was interrupted before it finished (pass --roster \(folder.path) to use it)")
                continue
            }
            let created = RosterVersions.creationDate(folder, document: document)
            if best == nil || (created, name) > (best!.created, best!.name) { best = (created, name, folder.appendingPathComponent("roster.csv")) }
        }
        if let best {
            notes?("no published version: using the newest, \(best.name); 'roster publish \(directory.path) \(best.name)' makes it the version everybody sees")
        }
        return best?.file
    }

    /// Whether a version folder can be read now: a write cut short there rolled back first (`notes` hears
    /// of it), then a roster.csv present and no write under way.
    static func isReadable(_ folder: URL, notes: ((String) -> Void)?) -> Bool {
        for note in AtomicFile.recover(in: folder) { notes?(note) }
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("roster.csv").path)
            && !AtomicFile.hasUnfinishedWrite(in: folder)
    }

    /// The roster file to use: the one given, else the newest in the scenario folder.
    public static func resolve(rosterPath: String?, scenarioDirectory: URL,
                               notes: ((String) -> Void)? = nil) throws(OutputInputError) -> URL {
        if let rosterPath {
            let url = URL(fileURLWithPath: rosterPath)
            var isDir: ObjCBool = false
            // A write cut short there is rolled back first; one still under way is not read.
            let folder = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue ? url : url.deletingLastPathComponent()
            for note in AtomicFile.recover(in: folder) { notes?(note) }
            if AtomicFile.hasUnfinishedWrite(in: folder) {
                throw OutputInputError("--roster: \(folder.path) is being written by another roster run; try again when it has finished")
            }
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
                throw OutputInputError("--roster: \(rosterPath): no such file")
            }
            if isDir.boolValue {
                let inside = url.appendingPathComponent("roster.csv")
                guard FileManager.default.fileExists(atPath: inside.path) else {
                    throw OutputInputError("--roster: \(rosterPath) is a folder without roster.csv")
                }
                return inside
            }
            return url
        }
        guard let found = newestRoster(in: scenarioDirectory, notes: notes) else {
            throw OutputInputError("no roster in \(scenarioDirectory.path) (no roster-*/roster.csv): run 'roster solve \(scenarioDirectory.path)' or pass --roster FILE")
        }
        return found
    }

    /// Reads a roster file and checks that it belongs to the scenario: every agent is in agents.csv,
    /// the shifts lie in the horizon, and a `roster.json` beside it names the same team.
    public static func load(_ url: URL, scenario: Scenario) throws(OutputInputError) -> Roster {
        let roster: Roster
        do {
            roster = try RosterCSV.read(url, teamName: scenario.team.name, timeZoneIdentifier: scenario.team.clock.identifier)
        } catch {
            throw OutputInputError(error.description)
        }
        let known = Set(scenario.agents.map(\.id))
        if let stranger = roster.shifts.first(where: { !known.contains($0.agentID) }) {
            let count = Set(roster.shifts.filter { !known.contains($0.agentID) }.map(\.agentID)).count
            throw OutputInputError("\(url.path): agent '\(stranger.agentID)' (and \(count - 1) more) is not in the scenario's agents.csv: is this a roster of another scenario?")
        }
        let grid = scenario.grid
        if let outside = roster.shifts.first(where: { $0.end <= grid.horizonStart || $0.start >= grid.horizonEnd }) {
            throw OutputInputError("\(url.path): the shift of \(outside.agentID) on \(outside.date) lies outside the scenario's horizon (\(scenario.team.startDate) + \(scenario.team.days) days): is this a roster of another scenario?")
        }
        let json = url.deletingLastPathComponent().appendingPathComponent("roster.json")
        if let data = try? Data(contentsOf: json),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let team = object["team"] as? String, team != scenario.team.name {
            throw OutputInputError("\(json.path) is a roster of team '\(team)', not of '\(scenario.team.name)'")
        }
        return roster
    }
}

/// A scenario and one of its rosters, with what every view needs to look things up.
public struct RosterContext: Sendable {
    public let scenario: Scenario
    public let roster: Roster
    public var clock: ZoneClock { scenario.team.clock }
    /// Agents in agents.csv order.
    public var agents: [Agent] { scenario.agents }
    let shiftsByAgent: [String: [RosterShift]]
    let templatesByName: [String: ShiftTemplate]
    /// The language people read the views in (`--lang`, else team.toml's `language`, else English).
    public var language: Language
    var m: Messages { Messages(language) }
    var timeText: TimeText { TimeText(clock: clock, language: language) }

    public init(scenario: Scenario, roster: Roster, language: Language? = nil) {
        self.scenario = scenario
        self.roster = roster
        self.language = language ?? scenario.team.language ?? .english
        self.shiftsByAgent = Dictionary(grouping: roster.shifts, by: \.agentID)
        self.templatesByName = Dictionary(scenario.templates.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// An agent's shifts in time order.
    public func shifts(of agentID: String) -> [RosterShift] { shiftsByAgent[agentID] ?? [] }

    /// The one or two characters a grid shows for a shift (the template's code).
    func code(of shift: RosterShift) -> String {
        if let t = templatesByName[shift.shiftName], !t.code.isEmpty { return t.code }
        return String(shift.shiftName.prefix(1)).uppercased()
    }

    func isNight(_ shift: RosterShift) -> Bool { templatesByName[shift.shiftName]?.isNight ?? false }

    /// A name for matching: case, accents and full-width forms folded, canonical composition.
    static func folded(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// Why an agent is away on a local date: on leave for any part of it, or unavailable all day.
    public enum Absence: Sendable, Equatable { case leave, unavailable }

    /// The agent's absence on a date (from availability.csv), nil when the agent could work that day.
    public func absence(of agentID: String, on date: LocalDate) -> Absence? {
        Self.absence(of: agentID, on: date, in: scenario)
    }

    /// The agent's absence on a date in a scenario (from its availability.csv).
    public static func absence(of agentID: String, on date: LocalDate, in scenario: Scenario) -> Absence? {
        let clock = scenario.team.clock
        let dayStart = clock.startOfDay(date), dayEnd = clock.startOfDay(date.adding(days: 1))
        var unavailable = false
        for e in scenario.availability where e.agentID == agentID {
            let (from, to): (Date, Date)
            switch e.span {
            case let .dates(first, last): (from, to) = (clock.startOfDay(first), clock.startOfDay(last.adding(days: 1)))
            case let .instants(a, b): (from, to) = (a, b)
            }
            switch e.kind {
            case .leave where from < dayEnd && to > dayStart: return .leave
            case .unavailable where from <= dayStart && to >= dayEnd: unavailable = true
            default: continue
            }
        }
        return unavailable ? .unavailable : nil
    }

    /// The agent's leave as runs of dates within the horizon (and its eve), in order.
    public func leave(of agentID: String) -> [ClosedRange<LocalDate>] {
        var runs: [ClosedRange<LocalDate>] = []
        for d in -1..<scenario.team.days {
            let date = scenario.team.startDate.adding(days: d)
            guard absence(of: agentID, on: date) == .leave else { continue }
            if let last = runs.last, last.upperBound.adding(days: 1) == date { runs[runs.count - 1] = last.lowerBound...date } else { runs.append(date...date) }
        }
        return runs
    }

    /// The agent named by an id, or else by a name (exact, then ignoring case); an unknown or ambiguous
    /// name is an error that lists what would match.
    public func agent(matching query: String) throws(OutputInputError) -> Agent {
        if let a = agents.first(where: { $0.id == query }) { return a }
        var found = agents.filter { $0.name == query }
        if found.isEmpty { found = agents.filter { $0.name.caseInsensitiveCompare(query) == .orderedSame || $0.id.caseInsensitiveCompare(query) == .orderedSame } }
        // Then ignoring accents and width too ("jose garcia" finds José García, full-width letters as well).
        if found.isEmpty {
            let q = Self.folded(query)
            found = agents.filter { Self.folded($0.name) == q || Self.folded($0.id) == q }
        }
        if found.count == 1 { return found[0] }
        if found.count > 1 {
            throw OutputInputError("--agent: '\(query)' names \(found.count) agents: \(found.map { "\($0.id) (\($0.name))" }.joined(separator: ", ")); use the id")
        }
        let q = Self.folded(query)
        let hint = agents.filter { Self.folded($0.name).contains(q) || Self.folded($0.id).contains(q) }.prefix(5)
        let suggestion = hint.isEmpty ? "" : "; did you mean \(hint.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))?"
        throw OutputInputError("--agent: no agent with id or name '\(query)' in agents.csv\(suggestion)")
    }

    /// A date of the horizon (or the day before it, whose night shifts reach in).
    public func date(_ text: String, option: String = "--date") throws(OutputInputError) -> LocalDate {
        guard let d = LocalDate(iso: text) else { throw OutputInputError("\(option): '\(text)' is not a date YYYY-MM-DD") }
        let first = scenario.team.startDate, last = first.adding(days: scenario.team.days - 1)
        guard d >= first.adding(days: -1), d <= last else {
            throw OutputInputError("\(option): \(d) is outside the horizon (\(first) to \(last))")
        }
        return d
    }

    /// An instant: `YYYY-MM-DDTHH:MM` in the team's zone, or ISO 8601 with an offset.
    public func instant(_ text: String, option: String = "--at") throws(OutputInputError) -> Date {
        if let t = ISO8601.parse(text) { return t }
        if let local = LocalDateTime(iso: text) { return clock.instant(local) }
        if let d = LocalDate(iso: text) { return clock.startOfDay(d) }
        throw OutputInputError("\(option): '\(text)' is not a date-time (YYYY-MM-DDTHH:MM in \(clock.identifier), or ISO 8601 with an offset)")
    }
}

/// Formatting of local times, shared by the views.
public struct TimeText: Sendable {
    public let clock: ZoneClock
    let m: Messages
    init(clock: ZoneClock, language: Language = .english) {
        self.clock = clock
        m = Messages(language)
    }

    func weekday(_ d: LocalDate) -> String { m.weekday(d) }

    /// `HH:MM` local.
    func hhmm(_ t: Date) -> String { clock.localDateTime(of: t).time.description }

    /// `HH:MM`, with `+1` (or `+n`) when the local date is after `base`.
    func hhmm(_ t: Date, from base: LocalDate) -> String {
        let l = clock.localDateTime(of: t)
        let days = l.date.dayNumber - base.dayNumber
        return l.time.description + (days > 0 ? "+\(days)" : days < 0 ? "(\(days))" : "")
    }

    /// `07:30–16:30`, `22:00–07:00+1`.
    func span(_ s: RosterShift) -> String { hhmm(s.start, from: s.date) + "–" + hhmm(s.end, from: s.date) }

    func breakSpan(_ s: RosterShift) -> String? {
        guard let b0 = s.breakStart, let b1 = s.breakEnd else { return nil }
        return hhmm(b0, from: s.date) + "–" + hhmm(b1, from: s.date)
    }

    /// `Mon 2027-03-15`.
    public func day(_ d: LocalDate) -> String { "\(weekday(d)) \(d)" }
}
