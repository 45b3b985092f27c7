import Foundation

/// Reads a scenario folder (`team.toml`, `agents.csv`, `forecast.csv` or `requirement.csv`, and the
/// optional `availability.csv` and `pinned.csv`), validates every value and reference, and reports every
/// problem at once. Formats: Docs/formats.md.
public enum ScenarioLoader {
    /// Largest file read, in bytes (64 MiB): checked before the file is read.
    static let maxFileBytes = 64 * 1024 * 1024
    static let maxAgents = 20_000
    static let maxDays = 400
    static let maxRowsPerFile = 1_000_000
    /// Calls in one interval above this are refused as absurd.
    static let maxCallsPerInterval = 100_000.0
    /// Offered load in one interval above this is refused (the Erlang search is linear in the load).
    static let maxErlangsPerInterval = 50_000.0

    /// Loads and validates a scenario folder. Throws with every error found; returns warnings with the scenario.
    public static func load(directory: URL) throws(ScenarioLoadFailure) -> LoadedScenario {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw ScenarioLoadFailure(errors: [Diagnostic(.error, SourceLocation(file: directory.path), .notAFolder)], warnings: [])
        }
        let reader = FolderReader(directory: directory)
        let (scenario, diagnostics) = check(reader, directory: directory)
        let errors = diagnostics.filter(\.isError)
        let warnings = diagnostics.filter { !$0.isError }
        guard errors.isEmpty, let scenario else {
            throw ScenarioLoadFailure(errors: errors.isEmpty ? [Diagnostic(.error, SourceLocation(file: directory.lastPathComponent), .notAFolder)] : errors,
                                      warnings: warnings)
        }
        return LoadedScenario(scenario: scenario, warnings: warnings, files: reader.record.files)
    }

    /// Every diagnostic (errors and warnings, in file order), and the scenario when there is no error.
    public static func check(directory: URL) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        var sink = DiagnosticSink()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            sink.error(.notAFolder, SourceLocation(file: directory.path))
            return (nil, sink.items)
        }
        return check(FolderReader(directory: directory), directory: directory)
    }

    /// Every diagnostic and the scenario, from files held in memory (file name → bytes) instead of a
    /// folder: the same parsing and validation, for embedding and for the fuzzers (`Sources/RosterFuzz`).
    public static func check(files: [String: Data], directory: URL? = nil) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        check(FolderReader(directory: URL(fileURLWithPath: "/"), memory: files), directory: directory)
    }

    /// Loads and validates a scenario from files held in memory (a version's kept inputs, a folder with
    /// some files replaced); `directory` is the scenario folder they stand for (it names the scenario's
    /// default calendar id). Throws with every error found.
    public static func load(files: [String: Data], directory: URL?) throws(ScenarioLoadFailure) -> LoadedScenario {
        let reader = FolderReader(directory: URL(fileURLWithPath: "/"), memory: files)
        let (scenario, diagnostics) = check(reader, directory: directory)
        let errors = diagnostics.filter(\.isError)
        guard errors.isEmpty, let scenario else {
            throw ScenarioLoadFailure(errors: errors.isEmpty ? [Diagnostic(.error, SourceLocation(file: "team.toml"), .notAFolder)] : errors,
                                      warnings: diagnostics.filter { !$0.isError })
        }
        // What was read from disk besides (the previous roster named in team.toml) is kept too.
        return LoadedScenario(scenario: scenario, warnings: diagnostics.filter { !$0.isError },
                              files: files.filter { ScenarioInputs.names.contains($0.key) }.merging(reader.record.files) { a, _ in a })
    }

    /// Reads only a folder's `team.toml`: its settings (zone, grid, horizon, holidays), for commands that
    /// prepare the other files (`roster forecast`). Throws with every error found in it.
    public static func teamSettings(directory: URL) throws(ScenarioLoadFailure) -> (team: TeamSettings, warnings: [Diagnostic]) {
        var sink = DiagnosticSink()
        var files = FolderReader(directory: directory)
        var teamFile = TeamFile()
        if let text = files.text("team.toml", required: true, &sink) {
            teamFile = TeamFileParser.parse(text: text, &sink)
        }
        guard !sink.hasErrors, let team = teamFile.team else {
            throw ScenarioLoadFailure(errors: sink.errors.isEmpty ? [Diagnostic(.error, SourceLocation(file: "team.toml"), .missingFile)] : sink.errors,
                                      warnings: sink.warnings)
        }
        return (team, sink.warnings)
    }

    private static func check(_ reader: FolderReader, directory: URL?) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        var sink = DiagnosticSink()
        var files = reader

        // team.toml
        var teamFile = TeamFile()
        if let text = files.text("team.toml", required: true, &sink) {
            teamFile = TeamFileParser.parse(text: text, &sink)
        }
        let grid: TimeGrid? = teamFile.team.map {
            TimeGrid(clock: $0.clock, startDate: $0.startDate, days: $0.days, intervalMinutes: $0.intervalMinutes)
        }
        let teamOK = teamFile.team != nil
        // A CSV file in the encoding team.toml names (`csv_encoding`), turned into UTF-8; else as it is
        // (the CSV reader detects UTF-8, UTF-16 and GB18030).
        func csv(_ name: String, required: Bool) -> Data? {
            guard !teamFile.csvEncodingUnknown else { return nil }
            guard let data = files.data(name, required: required, &sink) else { return nil }
            guard let (encoding, location) = teamFile.csvEncoding else { return data }
            var bytes = [UInt8](data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if let converted = TextDecoding.iconvToUTF8(bytes, from: encoding) { return Data(converted) }
            sink.error(.invalid("not readable as \(encoding), the csv_encoding set at \(location) (set it to \"auto\" to have each file's encoding detected)"),
                       SourceLocation(file: name))
            return nil
        }

        // agents.csv
        var agents: [Agent] = []
        var agentIDs: Set<String>? = nil
        var agentsRead = false
        if let data = csv("agents.csv", required: true) {
            agentsRead = true
            // (nil ids: the file could not be read at all — its one error says why, and references to
            // agents in the other files are not reported on top of it.)
            (agents, agentIDs) = AgentsParser.parse(data: data,
                                                    shiftNames: teamOK || !teamFile.shiftNames.isEmpty ? teamFile.shiftNames : nil,
                                                    &sink)
        }
        let knownAgents: Set<String>? = agentsRead ? agentIDs : nil
        let knownShifts: Set<String>? = teamOK || !teamFile.shiftNames.isEmpty ? teamFile.shiftNames : nil

        // availability.csv (optional)
        var availability: [AvailabilityEntry] = []
        if let data = csv("availability.csv", required: false) {
            availability = AvailabilityParser.parse(data: data, agents: knownAgents, shifts: knownShifts,
                                                    clock: teamFile.team?.clock, grid: grid, &sink)
        }

        // The previous period's roster (optional): `previous.csv` given in memory (a version's kept copy,
        // `--previous`), else `previous_roster` in team.toml, read relative to the folder.
        var previous: [RosterShift]? = nil
        var previousData: Data? = nil, previousName = "previous.csv"
        if files.memory?["previous.csv"] != nil {
            previousData = files.data("previous.csv", required: true, &sink)
        } else if let (path, location) = teamFile.previousRoster, let directory {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
            previousName = path
            switch FileEntry.kind(url) {
            case .file:
                do {
                    let data = try Data(contentsOf: url)
                    files.record.files["previous.csv"] = data
                    previousData = data
                } catch { sink.error(.unreadable(error.localizedDescription), location) }
            case .missing: sink.error(.invalid("previous_roster: no file \(url.path)"), location)
            default: sink.error(.invalid("previous_roster: \(url.path) is not a file"), location)
            }
        }
        if let previousData, let clock = teamFile.team?.clock, let grid {
            if let text = String(data: previousData, encoding: .utf8) {
                do {
                    let roster = try RosterCSV.parse(text, file: previousName, timeZoneIdentifier: clock.identifier)
                    // Only what lies before the horizon is the previous period's; agents who left do not matter.
                    let known = Set(agents.map(\.id))
                    previous = roster.shifts.filter { $0.start < grid.horizonStart && known.contains($0.agentID) }
                } catch {
                    sink.error(.invalid(error.message), error.location)
                }
            } else {
                sink.error(.notUTF8, SourceLocation(file: previousName))
            }
        }

        // forecast.csv or requirement.csv
        var demand: Demand? = nil
        let hasForecast = files.exists("forecast.csv"), hasRequirement = files.exists("requirement.csv")
        if hasForecast && hasRequirement {
            sink.error(.bothDemandFiles, SourceLocation(file: "requirement.csv"))
        } else if !hasForecast && !hasRequirement {
            sink.error(.missingDemandFile, SourceLocation(file: "forecast.csv"))
        } else if hasForecast, let data = csv("forecast.csv", required: true) {
            demand = DemandParser.parseForecast(data: data, grid: grid, &sink)
        } else if hasRequirement, let data = csv("requirement.csv", required: true) {
            demand = DemandParser.parseRequirement(data: data, grid: grid, &sink)
        }

        // pinned.csv (optional)
        var pinned: [PinnedShift] = []
        if let data = csv("pinned.csv", required: false) {
            pinned = PinnedParser.parse(data: data, agents: agents, knownAgents: knownAgents, templates: teamFile.templates,
                                        shiftNames: knownShifts, grid: grid, &sink)
        }

        guard !sink.hasErrors, let team = teamFile.team, let demand else { return (nil, sink.items) }
        let scenario = Scenario(directory: directory, team: team, templates: teamFile.templates, rules: teamFile.rules,
                                handovers: teamFile.handovers, weights: teamFile.weights, agents: agents,
                                availability: availability, pinned: pinned, demand: demand, previous: previous)
        SanityChecks.run(scenario, &sink)
        return (scenario, sink.items)
    }
}

/// Reads files of a scenario folder with the size, emptiness and encoding checks.
struct FolderReader {
    let directory: URL
    /// Files held in memory instead of the folder's (`ScenarioLoader.check(files:)`).
    var memory: [String: Data]? = nil
    /// The bytes of every file read from the folder, exactly as read (what a version keeps).
    final class Record: @unchecked Sendable { var files: [String: Data] = [:] }
    let record = Record()

    /// Whether the folder has an entry of that name: a file, or a symbolic link even when its target is
    /// missing (which `data` then reports), so that a broken link is never read as "no file".
    func exists(_ name: String) -> Bool {
        if let memory { return memory[name] != nil }
        return FileEntry.kind(directory.appendingPathComponent(name)) != .missing
    }

    /// The file's bytes without a UTF-8 BOM; nil (with a diagnostic when required) when absent or unusable.
    mutating func data(_ name: String, required: Bool, _ sink: inout DiagnosticSink) -> Data? {
        let url = directory.appendingPathComponent(name)
        let loc = SourceLocation(file: name)
        if let memory {
            guard let data = memory[name] else {
                if required { sink.error(.missingFile, loc) }
                return nil
            }
            return checked(data, loc, required: required, &sink)
        }
        switch FileEntry.kind(url) {
        case .missing:
            if required { sink.error(.missingFile, loc) }
            return nil
        case .dangling(let target):
            sink.error(.unreadable("it is a symbolic link to \(target), which does not exist"), loc)
            return nil
        case .folder:
            sink.error(.unreadable("it is a folder"), loc)
            return nil
        case .special(let what):
            sink.error(.unreadable("it is \(what), not a file"), loc)
            return nil
        case .file:
            break
        }
        if let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
           let size = (attributes[.size] as? NSNumber)?.intValue, size > ScenarioLoader.maxFileBytes {
            sink.error(.fileTooLarge(bytes: size, limit: ScenarioLoader.maxFileBytes), loc)
            return nil
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            sink.error(.unreadable(error.localizedDescription), loc)
            return nil
        }
        record.files[name] = data
        return checked(data, loc, required: required, &sink)
    }

    /// The bytes without a UTF-8 BOM, or nil (with a diagnostic) when too large or empty.
    private func checked(_ data: Data, _ loc: SourceLocation, required: Bool, _ sink: inout DiagnosticSink) -> Data? {
        guard data.count <= ScenarioLoader.maxFileBytes else {
            sink.error(.fileTooLarge(bytes: data.count, limit: ScenarioLoader.maxFileBytes), loc)
            return nil
        }
        var body = data
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            if required { sink.error(.emptyFile, loc) } else { sink.warning(.emptyFile, loc) }
            return nil
        }
        return Data(body)
    }

    /// The file as text (UTF-8, BOM removed).
    mutating func text(_ name: String, required: Bool, _ sink: inout DiagnosticSink) -> String? {
        guard let data = data(name, required: required, &sink) else { return nil }
        guard let s = String(data: data, encoding: .utf8) else {
            var line: Int? = nil
            do { try CSVReader.validateUTF8([UInt8](data), from: 0) } catch { line = error.line }
            sink.error(.notUTF8, SourceLocation(file: name, line: line))
            return nil
        }
        if s.contains("\0") {
            sink.error(.invalid("contains a NUL character: not a text file"), SourceLocation(file: name))
            return nil
        }
        return s
    }
}

enum AgentsParser {
    static let file = "agents.csv"

    /// The valid agents, and the ids of every row (valid or not) so that references to them are not reported too.
    static func parse(data: Data, shiftNames: Set<String>?, _ sink: inout DiagnosticSink) -> ([Agent], Set<String>?) {
        guard let t = CSVTable.read(file: file, data: data, required: ["id", "name"],
                                    optional: ["min_hours_per_week", "max_hours_per_week", "skills", "night",
                                               "allowed_shifts"], &sink) else { return ([], nil) }
        if t.rows.count > ScenarioLoader.maxAgents {
            sink.error(.tooMany(what: "agents", limit: ScenarioLoader.maxAgents),
                       SourceLocation(file: file, line: t.rows[ScenarioLoader.maxAgents].line))
            return ([], nil)
        }
        var agents: [Agent] = []
        var firstLine: [String: Int] = [:]
        for row in t.rows {
            var ok = true
            let id = t.value(row, "id")
            if id == nil { sink.error(.missingField, t.location(row, "id")); ok = false }
            if let id {
                if let problem = AgentID.problem(id) {
                    sink.error(.invalid(problem), t.location(row, "id"))
                    ok = false
                } else if let first = firstLine[id] {
                    sink.error(.duplicateAgent(id: id, firstLine: first), t.location(row, "id"))
                    ok = false
                } else {
                    firstLine[id] = row.line
                }
            }
            let name = t.value(row, "name")
            if name == nil { sink.error(.missingField, t.location(row, "name")); ok = false }
            if let name, name.count > 200 { sink.error(.outOfRange("must be at most 200 characters"), t.location(row, "name")); ok = false }
            let minH = t.number(row, "min_hours_per_week", range: 0...168, required: false, &sink)
            let maxH = t.number(row, "max_hours_per_week", range: 0...168, required: false, &sink)
            if t.value(row, "min_hours_per_week") != nil && minH == nil { ok = false }
            if t.value(row, "max_hours_per_week") != nil && maxH == nil { ok = false }
            if let minH, let maxH, minH > maxH {
                sink.error(.invalid("min_hours_per_week (\(fmt(minH))) is above max_hours_per_week (\(fmt(maxH)))"),
                           t.location(row, "min_hours_per_week"))
                ok = false
            }
            let night = t.bool(row, "night", &sink)
            if t.value(row, "night") != nil && night == nil { ok = false }
            let skills = t.list(row, "skills") ?? []
            let allowed = t.list(row, "allowed_shifts")
            if let allowed, let shiftNames {
                for s in allowed where !shiftNames.contains(s) {
                    sink.error(.unknownShift(s), t.location(row, "allowed_shifts"))
                    ok = false
                }
            }
            guard ok, let id, let name else { continue }
            agents.append(Agent(id: id, name: name, minHoursPerWeek: minH, maxHoursPerWeek: maxH, skills: skills,
                                nightEligible: night ?? true, allowedShifts: allowed.flatMap { $0.isEmpty ? nil : $0 },
                                location: SourceLocation(file: file, line: row.line)))
        }
        if t.rows.isEmpty { sink.error(.invalid("no agents: the file has a header but no rows"), SourceLocation(file: file, line: t.headerLine)) }
        return (agents, Set(firstLine.keys))
    }
}

enum AvailabilityParser {
    static let file = "availability.csv"

    enum Point { case date(LocalDate), dateTime(LocalDateTime) }

    static func point(_ text: String) -> Point? {
        if text.count == 10, let d = LocalDate(iso: text) { return .date(d) }
        if let dt = LocalDateTime(iso: text) { return .dateTime(dt) }
        return nil
    }

    static func parse(data: Data, agents: Set<String>?, shifts: Set<String>?, clock: ZoneClock?, grid: TimeGrid?,
                      _ sink: inout DiagnosticSink) -> [AvailabilityEntry] {
        guard let t = CSVTable.read(file: file, data: data, required: ["agent", "from", "kind"],
                                    optional: ["to", "shift", "weight", "note"], &sink) else { return [] }
        if t.rows.count > ScenarioLoader.maxRowsPerFile {
            sink.error(.tooMany(what: "rows", limit: ScenarioLoader.maxRowsPerFile), SourceLocation(file: file))
            return []
        }
        var entries: [AvailabilityEntry] = []
        var outside = 0
        var firstOutside = ""
        for row in t.rows {
            var ok = true
            let agent = t.value(row, "agent")
            if agent == nil { sink.error(.missingField, t.location(row, "agent")); ok = false }
            if let agent, let agents, !agents.contains(agent) { sink.error(.unknownAgent(agent), t.location(row, "agent")); ok = false }

            var kind: AvailabilityKind? = nil
            let shift = t.value(row, "shift")
            switch t.value(row, "kind")?.lowercased() {
            case nil: sink.error(.missingField, t.location(row, "kind")); ok = false
            case "unavailable"?: kind = .unavailable
            case "leave"?: kind = .leave
            case "prefers_off"?: kind = .prefersOff
            case "prefers_on"?: kind = .prefersOn
            case "preferred_shift"?:
                if let shift {
                    if let shifts, !shifts.contains(shift) { sink.error(.unknownShift(shift), t.location(row, "shift")); ok = false }
                    kind = .preferredShift(shift)
                } else {
                    sink.error(.invalid("kind preferred_shift needs the template name in column 'shift'"), t.location(row, "shift"))
                    ok = false
                }
            case let other?:
                sink.error(.invalid("'\(other)' is not a kind: use unavailable, leave, prefers_off, prefers_on or preferred_shift"),
                           t.location(row, "kind"))
                ok = false
            }
            if let shift, let k = kind, k != .preferredShift(shift) {
                sink.warning(.invalid("column 'shift' is only read for kind preferred_shift (ignored)"), t.location(row, "shift"))
            }
            let weight = t.number(row, "weight", range: 0...1_000_000, required: false, &sink)
            if t.value(row, "weight") != nil && weight == nil { ok = false }

            var span: AvailabilitySpan? = nil
            var spanDates: (LocalDate, LocalDate)? = nil
            let fromText = t.value(row, "from"), toText = t.value(row, "to")
            let from = fromText.flatMap(point), to = toText.flatMap(point)
            if fromText == nil { sink.error(.missingField, t.location(row, "from")); ok = false }
            else if from == nil {
                sink.error(.invalid("'\(fromText!)' is not a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM"), t.location(row, "from"))
                ok = false
            }
            if let toText, to == nil {
                sink.error(.invalid("'\(toText)' is not a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM"), t.location(row, "to"))
                ok = false
            }
            switch (from, to, toText) {
            case (.date(let a)?, nil, nil):
                span = .dates(a, a); spanDates = (a, a)
            case (.date(let a)?, .date(let b)?, _):
                if b < a { sink.error(.endBeforeStart, t.location(row, "to")); ok = false }
                span = .dates(a, b); spanDates = (a, b)
            case (.dateTime(let a)?, .dateTime(let b)?, _):
                if b <= a { sink.error(.endBeforeStart, t.location(row, "to")); ok = false }
                else if let clock { span = .instants(clock.instant(a), clock.instant(b)) }
                spanDates = (a.date, b.date)
            case (.dateTime?, nil, nil):
                sink.error(.invalid("a date-time start needs an end date-time in column 'to'"), t.location(row, "to")); ok = false
            case (.date?, .dateTime?, _), (.dateTime?, .date?, _):
                sink.error(.invalid("'from' and 'to' must both be dates or both date-times"), t.location(row, "to")); ok = false
            default:
                break
            }
            if let (a, b) = spanDates, let grid, ok,
               b.dayNumber < grid.startDate.dayNumber || a.dayNumber > grid.startDate.dayNumber + grid.days - 1 {
                outside += 1
                if firstOutside.isEmpty { firstOutside = "line \(row.line)" }
            }
            guard ok, let agent, let kind, let span else { continue }
            entries.append(AvailabilityEntry(agentID: agent, kind: kind, span: span, weight: weight ?? 1,
                                             location: SourceLocation(file: file, line: row.line)))
        }
        if outside > 0 {
            sink.warning(.outsideHorizon(count: outside, first: firstOutside), SourceLocation(file: file))
        }
        return entries
    }
}

enum DemandParser {
    /// Maps local interval-start labels to grid intervals; a repeated autumn label maps to its occurrences in order.
    struct IntervalMap {
        let grid: TimeGrid
        private var slots: [LocalDateTime: [Int]] = [:]
        private var used: [LocalDateTime: [Int]] = [:]   // lines of rows already mapped per label

        init(grid: TimeGrid) {
            self.grid = grid
            for iv in grid.intervals { slots[iv.local, default: []].append(iv.index) }
        }

        enum Outcome { case interval(Int), outside, notStart, gap, duplicate(firstLine: Int) }

        mutating func map(_ label: LocalDateTime, line: Int) -> Outcome {
            guard grid.day(of: label.date) != nil else {
                // The last day's intervals may end after midnight only in zones with odd offsets; outside otherwise.
                return .outside
            }
            guard label.time.minutes % grid.intervalMinutes == 0 else { return .notStart }
            guard let indices = slots[label] else { return .gap }
            let seen = used[label, default: []]
            if seen.count >= indices.count { return .duplicate(firstLine: seen[0]) }
            used[label, default: []].append(line)
            return .interval(indices[seen.count])
        }
    }

    static func parseForecast(data: Data, grid: TimeGrid?, _ sink: inout DiagnosticSink) -> Demand? {
        let file = "forecast.csv"
        guard let t = CSVTable.read(file: file, data: data, required: ["interval_start", "calls", "aht_seconds"],
                                    optional: ["note", "calls_low", "calls_high"], &sink) else { return nil }
        var forecast = grid.map { Array(repeating: ForecastInterval(calls: 0, handleSeconds: 0), count: $0.intervals.count) }
        var filled = grid.map { Array(repeating: false, count: $0.intervals.count) }
        var rowsOK = true
        mapRows(t, file: file, grid: grid, &sink) { row, index, sink in
            let calls = t.number(row, "calls", range: 0...ScenarioLoader.maxCallsPerInterval, required: true,
                                 allowed: "must be between 0 and \(Int(ScenarioLoader.maxCallsPerInterval)) calls", &sink)
            let aht = t.number(row, "aht_seconds", range: 0...7200, required: (calls ?? 0) > 0,
                               allowed: "must be between 0 and 7200 seconds", &sink)
            if let calls, calls > 0, let aht, aht <= 0 {
                sink.error(.outOfRange("must be above 0 when there are calls"), t.location(row, "aht_seconds"))
                rowsOK = false
                return
            }
            guard let calls, (aht != nil || calls == 0) else { rowsOK = false; return }
            _ = t.number(row, "calls_low", range: 0...ScenarioLoader.maxCallsPerInterval, required: false, &sink)
            let high = t.number(row, "calls_high", range: 0...ScenarioLoader.maxCallsPerInterval, required: false, &sink)
            if t.value(row, "calls_high") != nil && high == nil { rowsOK = false; return }
            if let high, high < calls {
                sink.error(.outOfRange("calls_high (\(high)) is below calls (\(calls))"), t.location(row, "calls_high"))
                rowsOK = false
                return
            }
            if t.value(row, "aht_seconds") != nil && aht == nil { rowsOK = false; return }
            if let index, let grid {
                let seconds = grid.intervals[index].end.timeIntervalSince(grid.intervals[index].start)
                let load = Erlang.load(calls: calls, handleSeconds: aht ?? 0, intervalSeconds: seconds)
                if load > ScenarioLoader.maxErlangsPerInterval {
                    sink.error(.outOfRange("calls × aht_seconds ÷ interval length is \(Int(load)) erlangs; at most \(Int(ScenarioLoader.maxErlangsPerInterval)) are supported"),
                               t.location(row, "calls"))
                    rowsOK = false
                    return
                }
                forecast?[index] = ForecastInterval(calls: calls, handleSeconds: aht ?? 0, callsHigh: high)
                filled?[index] = true
            }
        }
        if t.rows.isEmpty { sink.error(.invalid("no rows: the file has a header only"), SourceLocation(file: file, line: t.headerLine)) }
        if let grid, let filled { warnGaps(filled, grid: grid, file: file, &sink) }
        guard rowsOK, let forecast else { return nil }
        return .forecast(forecast)
    }

    static func parseRequirement(data: Data, grid: TimeGrid?, _ sink: inout DiagnosticSink) -> Demand? {
        let file = "requirement.csv"
        guard let t = CSVTable.read(file: file, data: data, required: ["interval_start", "agents"], optional: ["note"],
                                    &sink) else { return nil }
        var agents = grid.map { Array(repeating: 0, count: $0.intervals.count) }
        var filled = grid.map { Array(repeating: false, count: $0.intervals.count) }
        mapRows(t, file: file, grid: grid, &sink) { row, index, sink in
            guard let n = t.integer(row, "agents", range: 0...ScenarioLoader.maxAgents, required: true, &sink) else { return }
            if let index { agents?[index] = n; filled?[index] = true }
        }
        if t.rows.isEmpty { sink.error(.invalid("no rows: the file has a header only"), SourceLocation(file: file, line: t.headerLine)) }
        if let grid, let filled { warnGaps(filled, grid: grid, file: file, &sink) }
        guard let agents else { return nil }
        return .requirement(agents)
    }

    /// Parses each row's interval_start, maps it onto the grid (when there is one) and hands the row on.
    private static func mapRows(_ t: CSVTable, file: String, grid: TimeGrid?, _ sink: inout DiagnosticSink,
                                _ body: (CSVRecord, Int?, inout DiagnosticSink) -> Void) {
        if t.rows.count > ScenarioLoader.maxRowsPerFile {
            sink.error(.tooMany(what: "rows", limit: ScenarioLoader.maxRowsPerFile), SourceLocation(file: file))
            return
        }
        var map = grid.map(IntervalMap.init)
        var outside = 0
        var firstOutside = ""
        for row in t.rows {
            guard let text = t.value(row, "interval_start") else {
                sink.error(.missingField, t.location(row, "interval_start"))
                continue
            }
            guard let label = LocalDateTime(iso: text) else {
                sink.error(.invalid("'\(text)' is not a local date-time YYYY-MM-DDTHH:MM"), t.location(row, "interval_start"))
                continue
            }
            guard map != nil else { body(row, nil, &sink); continue }
            switch map!.map(label, line: row.line) {
            case .interval(let i):
                body(row, i, &sink)
            case .outside:
                outside += 1
                if firstOutside.isEmpty { firstOutside = "line \(row.line), \(label)" }
                body(row, nil, &sink)   // still validate its values
            case .notStart:
                sink.error(.notIntervalStart("\(label.time) is not the start of an interval (every \(map!.grid.intervalMinutes) min from 00:00)"),
                           t.location(row, "interval_start"))
            case .gap:
                sink.warning(.nonexistentLocalTime(label.description), t.location(row, "interval_start"))
            case .duplicate(let first):
                sink.error(.duplicateInterval(label.description, firstLine: first), t.location(row, "interval_start"))
            }
        }
        if outside > 0 {
            sink.warning(.outsideHorizon(count: outside, first: firstOutside), SourceLocation(file: file))
        }
    }

    private static func warnGaps(_ filled: [Bool], grid: TimeGrid, file: String, _ sink: inout DiagnosticSink) {
        let missing = filled.indices.filter { !filled[$0] }
        guard let first = missing.first, missing.count < filled.count || filled.isEmpty == false else { return }
        if missing.count == filled.count { return }   // nothing mapped: the errors above say why
        sink.warning(.forecastGaps(count: missing.count, first: grid.intervals[first].local.description), SourceLocation(file: file))
    }
}

enum PinnedParser {
    static let file = "pinned.csv"

    static func parse(data: Data, agents: [Agent], knownAgents: Set<String>?, templates: [ShiftTemplate], shiftNames: Set<String>?,
                      grid: TimeGrid?, _ sink: inout DiagnosticSink) -> [PinnedShift] {
        guard let t = CSVTable.read(file: file, data: data, required: ["agent", "date", "shift", "start"],
                                    optional: ["length_minutes", "note"], &sink) else { return [] }
        let byID = Dictionary(agents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [PinnedShift] = []
        var seen: [String: Int] = [:]
        for row in t.rows {
            var ok = true
            let agentID = t.value(row, "agent")
            if agentID == nil { sink.error(.missingField, t.location(row, "agent")); ok = false }
            if let agentID, let knownAgents, !knownAgents.contains(agentID) {
                sink.error(.unknownAgent(agentID), t.location(row, "agent")); ok = false
            }
            let dateText = t.value(row, "date")
            let date = dateText.flatMap { LocalDate(iso: $0) }
            if dateText == nil { sink.error(.missingField, t.location(row, "date")); ok = false }
            else if date == nil { sink.error(.invalid("'\(dateText!)' is not a date YYYY-MM-DD"), t.location(row, "date")); ok = false }
            let shiftName = t.value(row, "shift")
            if shiftName == nil { sink.error(.missingField, t.location(row, "shift")); ok = false }
            if let shiftName, let shiftNames, !shiftNames.contains(shiftName) {
                sink.error(.unknownShift(shiftName), t.location(row, "shift")); ok = false
            }
            let startText = t.value(row, "start")
            let start = startText.flatMap { LocalTime(hhmm: $0) }
            if startText == nil { sink.error(.missingField, t.location(row, "start")); ok = false }
            else if start == nil { sink.error(.invalid("'\(startText!)' is not a time HH:MM"), t.location(row, "start")); ok = false }
            let length = t.integer(row, "length_minutes", range: 1...1440, required: false, &sink)
            if t.value(row, "length_minutes") != nil && length == nil { ok = false }
            if let shiftName, let tpl = templates.first(where: { $0.name == shiftName }) {
                if let start, !tpl.startTimes.contains(start) {
                    sink.error(.invalid("\(start) is not a start time of shift '\(shiftName)' (\(tpl.earliestStart)–\(tpl.latestStart) every \(tpl.stepMinutes) min)"),
                               t.location(row, "start"))
                    ok = false
                }
                if let length, !tpl.lengthsMinutes.contains(length) {
                    sink.error(.invalid("shift '\(shiftName)' has no length \(length) (lengths: \(tpl.lengthsMinutes.map(String.init).joined(separator: ", ")))"),
                               t.location(row, "length_minutes"))
                    ok = false
                }
                if let agentID, let agent = byID[agentID] {
                    if let allowed = agent.allowedShifts, !allowed.contains(shiftName) {
                        sink.error(.invalid("agent '\(agentID)' may not work shift '\(shiftName)' (see allowed_shifts in agents.csv)"),
                                   t.location(row, "shift"))
                        ok = false
                    } else if tpl.isNight && !agent.nightEligible {
                        sink.error(.invalid("agent '\(agentID)' is not night-eligible but '\(shiftName)' is a night shift"),
                                   t.location(row, "shift"))
                        ok = false
                    }
                }
            }
            if let date, let grid, grid.day(of: date) == nil {
                sink.warning(.outsideHorizon(count: 1, first: "line \(row.line), \(date)"), t.location(row, "date"))
            }
            if let agentID, let date {
                let key = "\(agentID)|\(date)|\(startText ?? "")"
                if let first = seen[key] {
                    sink.error(.invalid("the same shift is pinned again (first on line \(first))"), t.location(row, "agent"))
                    ok = false
                } else {
                    seen[key] = row.line
                }
            }
            guard ok, let agentID, byID[agentID] != nil, let date, let shiftName, let start else { continue }
            result.append(PinnedShift(agentID: agentID, date: date, template: shiftName, start: start,
                                      lengthMinutes: length, location: SourceLocation(file: file, line: row.line)))
        }
        return result
    }
}
