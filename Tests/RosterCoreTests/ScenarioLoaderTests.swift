import Foundation
import Testing
@testable import RosterCore

/// Asserts that `diagnostics` hold one with this file, line, field (and problem, when given).
@discardableResult
func expectDiagnostic(_ diagnostics: [Diagnostic], file: String, line: Int?, field: String?,
                      problem: ScenarioProblem? = nil, severity: Diagnostic.Severity = .error,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
    let match = diagnostics.first { d in
        d.severity == severity && d.location.file == file && d.location.line == line && d.location.field == field
            && (problem == nil || d.problem == problem)
    }
    #expect(match != nil, "no \(severity) at \(file):\(line.map(String.init) ?? "-") field \(field ?? "-") \(problem.map { "(\($0))" } ?? ""); got:\n\(diagnostics.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    return match
}

@Suite struct ScenarioLoaderTests {
    @Test func validFixtureLoads() throws {
        let f = try ScenarioFixture()
        defer { f.remove() }
        let loaded = try ScenarioLoader.load(directory: f.url)
        let s = loaded.scenario
        #expect(s.team.name == "Test line")
        #expect(s.grid.intervals.count == 7 * 48)
        #expect(s.templates.map(\.name) == ["day", "night"])
        #expect(s.templates[0].startTimes.map(\.description) == ["07:00", "07:30", "08:00", "08:30", "09:00"])
        #expect(s.templates[0].breakRule == BreakRule(lengthMinutes: 60, earliestOffsetMinutes: 180, latestOffsetMinutes: 300))
        #expect(s.templates[1].isNight && s.templates[1].startTimes.count == 1)
        #expect(s.agents.count == 4)
        #expect(s.agents[0].name == "徐海燕" && s.agents[0].allowedShifts == ["day"] && !s.agents[0].nightEligible)
        #expect(s.agents[2].name == "Li, Na" && s.agents[2].maxHoursPerWeek == nil)
        #expect(s.agents[0].location?.line == 2)
        #expect(s.availability.count == 4)
        #expect(s.availability[0].span == .dates(LocalDate(iso: "2027-03-16")!, LocalDate(iso: "2027-03-17")!))
        #expect(s.availability[3].kind == .preferredShift("day") && s.availability[3].weight == 2)
        if case .instants(let a, let b) = s.availability[1].span {
            #expect(b.timeIntervalSince(a) == 4 * 3600)
            #expect(s.grid.clock.iso8601(a) == "2027-03-18T08:00:00+08:00")
        } else {
            Issue.record("expected an instant span")
        }
        #expect(s.handovers == [HandoverRule(name: "morning", time: LocalTime(hhmm: "08:00")!, minAgents: 1, overlapMinutes: 30)])
        #expect(s.rules.maxHoursPerWeek == 40 && s.rules.minRestHours == 11)
        guard case .forecast(let f) = s.demand else { Issue.record("expected forecast"); return }
        #expect(f.count == 336 && f[16].calls == 2 && f[0].calls == 0 && f.allSatisfy { $0.handleSeconds == 180 })
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
    }

    @Test func bundledScenariosLoadWithoutWarnings() throws {
        for name in ["suzhou-96122", "suzhou-96122-surge"] {
            let dir = packageRoot.appendingPathComponent("rosters/\(name)")
            let loaded = try ScenarioLoader.load(directory: dir)
            #expect(loaded.warnings.isEmpty, "\(name): \(loaded.warnings.map(\.description))")
            let s = loaded.scenario
            #expect(s.team.clock.identifier == "Asia/Shanghai")
            #expect(s.team.startDate.isoWeekday == 1)
            #expect(s.grid.intervals.count == s.team.days * 48)
            #expect((40...70).contains(s.agents.count))
            #expect(s.agents.contains { $0.name == "徐海燕" })
            #expect(s.templates.contains { $0.isNight && $0.earliestStart.minutes + ($0.lengthsMinutes.max() ?? 0) > 1440 })
            #expect(Set(s.handovers.map(\.time.description)) == ["08:00", "20:00"])
            // Coverable on average: the team's weekly hours exceed the agent-hours to schedule.
            let req = Staffing.requirement(for: s)
            let needed = req.scheduledAgentHours(grid: s.grid)
            let capacity = s.agents.reduce(0.0) { $0 + ($1.maxHoursPerWeek ?? 40) } * Double(s.team.days) / 7
            #expect(needed < 0.8 * capacity, "\(name): needed \(needed) vs capacity \(capacity)")
            #expect(req.intervals.allSatisfy { $0.calls > 0 && $0.serviceLevel >= 0.8 })
        }
        // The normal scenario: a morning peak above the night and the 20:00 handover bump.
        let s = try ScenarioLoader.load(directory: packageRoot.appendingPathComponent("rosters/suzhou-96122")).scenario
        guard case .forecast(let f) = s.demand else { Issue.record("forecast expected"); return }
        let day = Array(f[0..<48])
        #expect(day[19].calls > 5 * day[6].calls)            // 09:30 vs 03:00
        #expect(day[40].calls > day[38].calls && day[40].calls > day[42].calls)   // 20:00 handover peak
        let perDay = f.reduce(0) { $0 + $1.calls } / Double(s.team.days)
        #expect((3000...4500).contains(perDay))
    }

    @Test func tomlSyntaxErrorHasLine() throws {
        let f = try ScenarioFixture(files: ["team.toml": "name = \"x\"\ntime_zone = \"Asia/Shanghai\"\ninterval_minutes = = 30\n"])
        defer { f.remove() }
        let errors = f.errors()
        let d = errors.first { $0.location.file == "team.toml" }
        #expect(d?.location.line == 3)
        if case .tomlSyntax? = d?.problem {} else { Issue.record("expected a TOML syntax error, got \(errors)") }
        #expect(throws: ScenarioLoadFailure.self) { try ScenarioLoader.load(directory: f.url) }
    }

    @Test func badIntervalMinutesNamesLineAndField() throws {
        let team = ScenarioFixture.team.replacingOccurrences(of: "interval_minutes = 30", with: "interval_minutes = 20")
        let f = try ScenarioFixture(files: ["team.toml": team])
        defer { f.remove() }
        let d = expectDiagnostic(f.errors(), file: "team.toml", line: 3, field: "interval_minutes",
                                 problem: .outOfRange("must be 15, 30 or 60"))
        #expect(d?.description == "error: team.toml:3: field 'interval_minutes': must be 15, 30 or 60")
    }

    @Test func wrongTypesAndRanges() throws {
        var team = ScenarioFixture.team
        team = team.replacingOccurrences(of: "days = 7", with: "days = \"seven\"")
        team = team.replacingOccurrences(of: "shrinkage = 0.3", with: "shrinkage = nan")
        team = team.replacingOccurrences(of: "max_occupancy = 0.85", with: "max_occupancy = 1.5")
        team = team.replacingOccurrences(of: "service_level = 0.8", with: "service_level = 80")
        team = team.replacingOccurrences(of: "lengths_minutes = [600]", with: "lengths_minutes = [610]")
        let f = try ScenarioFixture(files: ["team.toml": team])
        defer { f.remove() }
        let errors = f.errors()
        expectDiagnostic(errors, file: "team.toml", line: lineOf("days =", in: team), field: "days",
                         problem: .wrongType(expected: "a whole number", found: "a string"))
        expectDiagnostic(errors, file: "team.toml", line: lineOf("shrinkage", in: team), field: "shrinkage", problem: .notFinite)
        expectDiagnostic(errors, file: "team.toml", line: lineOf("max_occupancy", in: team), field: "max_occupancy")
        expectDiagnostic(errors, file: "team.toml", line: lineOf("service_level", in: team), field: "service_goal.service_level")
        // The second [[shifts]] entry: its own line, not the first entry's.
        expectDiagnostic(errors, file: "team.toml", line: lineOf("[610]", in: team), field: "shifts[2].lengths_minutes")
    }

    @Test func absurdSizesAreRefused() throws {
        let team = ScenarioFixture.team.replacingOccurrences(of: "days = 7", with: "days = 5000")
        let f = try ScenarioFixture(files: ["team.toml": team])
        defer { f.remove() }
        expectDiagnostic(f.errors(), file: "team.toml", line: 5, field: "days",
                         problem: .outOfRange("must be between 1 and 400 days"))
        // A file over 64 MiB is refused before it is read (a sparse file: no disk used).
        let big = f.url.appendingPathComponent("availability.csv")
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(ScenarioLoader.maxFileBytes + 1))
        try handle.close()
        let errors = f.errors()
        #expect(errors.contains { $0.location.file == "availability.csv" && {
            if case .fileTooLarge = $0.problem { return true } else { return false } }($0) })
    }

    @Test func unknownKeyIsAWarningWithItsLine() throws {
        let team = ScenarioFixture.team.replacingOccurrences(of: "max_occupancy = 0.85", with: "max_ocupancy = 0.85")
        let f = try ScenarioFixture(files: ["team.toml": team])
        defer { f.remove() }
        let (scenario, diagnostics) = f.check()
        #expect(scenario != nil)
        expectDiagnostic(diagnostics, file: "team.toml", line: 7, field: "max_ocupancy", problem: .unknownKey, severity: .warning)
    }

    @Test func unknownTimeZone() throws {
        let team = ScenarioFixture.team.replacingOccurrences(of: "Asia/Shanghai", with: "Asia/Suzhou")
        let f = try ScenarioFixture(files: ["team.toml": team])
        defer { f.remove() }
        expectDiagnostic(f.errors(), file: "team.toml", line: 2, field: "time_zone", problem: .unknownTimeZone("Asia/Suzhou"))
    }

    @Test func wrongCSVColumns() throws {
        let f = try ScenarioFixture(files: ["agents.csv": "id,full_name,night\na1,徐海燕,no\na2,王丽,yes,extra\n"])
        defer { f.remove() }
        let diagnostics = f.check().diagnostics
        expectDiagnostic(diagnostics, file: "agents.csv", line: 1, field: "name", problem: .missingColumn("name"))
        expectDiagnostic(diagnostics, file: "agents.csv", line: 1, field: "full_name", problem: .unknownColumn("full_name"),
                         severity: .warning)
        // A row with too many fields.
        let g = try ScenarioFixture(files: ["agents.csv": "id,name\na1,徐海燕\na2,王丽,extra\n"])
        defer { g.remove() }
        expectDiagnostic(g.errors(), file: "agents.csv", line: 3, field: nil, problem: .fieldCount(expected: 2, found: 3))
    }

    @Test func unknownAgentInAvailability() throws {
        let availability = "agent,from,to,kind,shift,weight\na2,2027-03-16,,leave,,\na9,2027-03-16,,leave,,\n"
        let f = try ScenarioFixture(files: ["availability.csv": availability])
        defer { f.remove() }
        let d = expectDiagnostic(f.errors(), file: "availability.csv", line: 3, field: "agent", problem: .unknownAgent("a9"))
        #expect(d?.description == "error: availability.csv:3: field 'agent': no agent with id 'a9' in agents.csv")
    }

    @Test func startAfterEnd() throws {
        let availability = """
        agent,from,to,kind,shift,weight
        a2,2027-03-18,2027-03-16,leave,,
        a3,2027-03-18T12:00,2027-03-18T08:00,unavailable,,
        a3,2027-03-18T12:00,2027-03-19,unavailable,,
        """
        let f = try ScenarioFixture(files: ["availability.csv": availability])
        defer { f.remove() }
        let errors = f.errors()
        expectDiagnostic(errors, file: "availability.csv", line: 2, field: "to", problem: .endBeforeStart)
        expectDiagnostic(errors, file: "availability.csv", line: 3, field: "to", problem: .endBeforeStart)
        expectDiagnostic(errors, file: "availability.csv", line: 4, field: "to")
    }

    @Test func negativeAndBadCalls() throws {
        var forecast = ScenarioFixture.forecast
        forecast = forecast.replacingOccurrences(of: "2027-03-15T03:00,0,180", with: "2027-03-15T03:00,-5,180")
        forecast = forecast.replacingOccurrences(of: "2027-03-15T04:00,0,180", with: "2027-03-15T04:00,lots,180")
        forecast = forecast.replacingOccurrences(of: "2027-03-15T05:00,0,180", with: "2027-03-15T05:00,10,0")
        forecast = forecast.replacingOccurrences(of: "2027-03-15T06:00,0,180", with: "2027-03-15T06:10,10,180")
        let f = try ScenarioFixture(files: ["forecast.csv": forecast])
        defer { f.remove() }
        let errors = f.errors()
        expectDiagnostic(errors, file: "forecast.csv", line: 8, field: "calls")
        #expect(errors.first { $0.location.line == 8 }?.description
                == "error: forecast.csv:8: field 'calls': must be between 0 and 100000 calls")
        expectDiagnostic(errors, file: "forecast.csv", line: 10, field: "calls", problem: .invalid("'lots' is not a number"))
        expectDiagnostic(errors, file: "forecast.csv", line: 12, field: "aht_seconds")
        expectDiagnostic(errors, file: "forecast.csv", line: 14, field: "interval_start")
    }

    @Test func unknownShiftNames() throws {
        let agents = ScenarioFixture.agents.replacingOccurrences(of: "a3,\"Li, Na\",,,consult,yes,day;night",
                                                                 with: "a3,\"Li, Na\",,,consult,yes,day;nite")
        let availability = "agent,from,to,kind,shift,weight\na1,2027-03-15,,preferred_shift,early,1\n"
        let pinned = "agent,date,shift,start\na1,2027-03-15,morning,07:00\na2,2027-03-16,day,07:15\n"
        let f = try ScenarioFixture(files: ["agents.csv": agents, "availability.csv": availability, "pinned.csv": pinned])
        defer { f.remove() }
        let errors = f.errors()
        expectDiagnostic(errors, file: "agents.csv", line: 4, field: "allowed_shifts", problem: .unknownShift("nite"))
        expectDiagnostic(errors, file: "availability.csv", line: 2, field: "shift", problem: .unknownShift("early"))
        expectDiagnostic(errors, file: "pinned.csv", line: 2, field: "shift", problem: .unknownShift("morning"))
        expectDiagnostic(errors, file: "pinned.csv", line: 3, field: "start")
    }

    @Test func emptyFiles() throws {
        let f = try ScenarioFixture(files: ["agents.csv": "", "team.toml": "\u{FEFF}\n  \n"])
        defer { f.remove() }
        let errors = f.errors()
        expectDiagnostic(errors, file: "agents.csv", line: nil, field: nil, problem: .emptyFile)
        expectDiagnostic(errors, file: "team.toml", line: nil, field: nil, problem: .emptyFile)
        // Header only.
        let g = try ScenarioFixture(files: ["forecast.csv": "interval_start,calls,aht_seconds\n"])
        defer { g.remove() }
        expectDiagnostic(g.errors(), file: "forecast.csv", line: 1, field: nil)
    }

    @Test func missingFilesAndDemandChoice() throws {
        let f = try ScenarioFixture(omit: ["agents.csv", "forecast.csv"])
        defer { f.remove() }
        let errors = f.errors()
        expectDiagnostic(errors, file: "agents.csv", line: nil, field: nil, problem: .missingFile)
        expectDiagnostic(errors, file: "forecast.csv", line: nil, field: nil, problem: .missingDemandFile)
        let g = try ScenarioFixture(files: ["requirement.csv": "interval_start,agents\n2027-03-15T00:00,2\n"])
        defer { g.remove() }
        expectDiagnostic(g.errors(), file: "requirement.csv", line: nil, field: nil, problem: .bothDemandFiles)
    }

    @Test func requirementFileIsUsedDirectly() throws {
        var req = "interval_start,agents\n"
        for i in 0..<(7 * 48) {
            let date = LocalDate(iso: "2027-03-15")!.adding(days: i / 48)
            req += String(format: "%@ %02d:%02d,%d\n", date.description, (i % 48) / 2, (i % 2) * 30, i % 5)
        }
        let f = try ScenarioFixture(files: ["requirement.csv": req], omit: ["forecast.csv"])
        defer { f.remove() }
        let loaded = try ScenarioLoader.load(directory: f.url)
        let staffing = Staffing.requirement(for: loaded.scenario)
        #expect(staffing.agentsToSchedule == (0..<(7 * 48)).map { $0 % 5 })
        #expect(staffing.intervals.allSatisfy { $0.calls == 0 && $0.agentsNeeded == 0 })
    }

    @Test func bomAndCRLFAreAccepted() throws {
        func crlf(_ s: String) -> [UInt8] { [0xEF, 0xBB, 0xBF] + Array(s.replacingOccurrences(of: "\n", with: "\r\n").utf8) }
        let f = try ScenarioFixture()
        defer { f.remove() }
        try f.write("team.toml", bytes: crlf(ScenarioFixture.team))
        try f.write("agents.csv", bytes: crlf(ScenarioFixture.agents))
        try f.write("availability.csv", bytes: crlf(ScenarioFixture.availability))
        try f.write("forecast.csv", bytes: crlf(ScenarioFixture.forecast))
        let loaded = try ScenarioLoader.load(directory: f.url)
        #expect(loaded.scenario.agents.map(\.id) == ["a1", "a2", "a3", "a4"])
        #expect(loaded.scenario.team.name == "Test line")
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        // Line numbers still count physical lines.
        let bad = ScenarioFixture.team.replacingOccurrences(of: "interval_minutes = 30", with: "interval_minutes = 45")
        try f.write("team.toml", bytes: crlf(bad))
        expectDiagnostic(f.errors(), file: "team.toml", line: 3, field: "interval_minutes")
    }

    @Test func everyProblemAtOnce() throws {
        let team = ScenarioFixture.team.replacingOccurrences(of: "interval_minutes = 30", with: "interval_minutes = 25")
        let availability = "agent,from,to,kind,shift,weight\nzz,2027-03-16,,leave,,\n"
        let agents = ScenarioFixture.agents + "a2,重复,,,,,\n"
        let f = try ScenarioFixture(files: ["team.toml": team, "availability.csv": availability, "agents.csv": agents])
        defer { f.remove() }
        let errors = f.errors()
        #expect(Set(errors.map(\.location.file)) == ["team.toml", "agents.csv", "availability.csv"])
        expectDiagnostic(errors, file: "agents.csv", line: 6, field: "id", problem: .duplicateAgent(id: "a2", firstLine: 3))
        do {
            _ = try ScenarioLoader.load(directory: f.url)
            Issue.record("expected a failure")
        } catch {
            #expect(error.errors.count == errors.count)
        }
    }

    @Test func forecastGapsDuplicatesAndOutsideRows() throws {
        var lines = ScenarioFixture.forecast.split(separator: "\n").map(String.init)
        lines.remove(at: 5)                                   // a gap: 2027-03-15T02:00
        lines.append("2027-03-30T00:00,0,180")               // outside the horizon
        lines.append("2027-03-15T00:00,0,180")               // duplicate of line 2
        let f = try ScenarioFixture(files: ["forecast.csv": lines.joined(separator: "\n") + "\n"])
        defer { f.remove() }
        let diagnostics = f.check().diagnostics
        expectDiagnostic(diagnostics, file: "forecast.csv", line: nil, field: nil,
                         problem: .forecastGaps(count: 1, first: "2027-03-15T02:00"), severity: .warning)
        expectDiagnostic(diagnostics, file: "forecast.csv", line: nil, field: nil,
                         problem: .outsideHorizon(count: 1, first: "line 337, 2027-03-30T00:00"), severity: .warning)
        expectDiagnostic(diagnostics, file: "forecast.csv", line: 338, field: "interval_start",
                         problem: .duplicateInterval("2027-03-15T00:00", firstLine: 2))
    }

    @Test func sanityWarnings() throws {
        // a5 is not night-eligible and may only work nights; a6 is on leave the whole week; demand far above the team.
        let agents = ScenarioFixture.agents + "a5,周婷,,,,no,night\na6,吴芳,,,,,\n"
        let availability = ScenarioFixture.availability + "a6,2027-03-10,2027-03-25,leave,,\n"
        let forecast = ScenarioFixture.forecast.replacingOccurrences(of: ",2,180", with: ",400,180")
        let f = try ScenarioFixture(files: ["agents.csv": agents, "availability.csv": availability, "forecast.csv": forecast])
        defer { f.remove() }
        let (scenario, diagnostics) = f.check()
        #expect(scenario != nil)
        let warnings = diagnostics.filter { !$0.isError }
        expectDiagnostic(warnings, file: "agents.csv", line: 6, field: nil, severity: .warning)
        expectDiagnostic(warnings, file: "agents.csv", line: 7, field: nil,
                         problem: .agentCannotWork(id: "a6", reason: "unavailable or on leave for the whole horizon"),
                         severity: .warning)
        #expect(warnings.contains { if case .capacityBelowDemand = $0.problem { return true } else { return false } })
        #expect(warnings.contains { if case .peakAboveTeam = $0.problem { return true } else { return false } })
    }

    @Test func notAFolder() {
        let (s, d) = ScenarioLoader.check(directory: URL(fileURLWithPath: "/nonexistent/roster/dir"))
        #expect(s == nil && d.count == 1 && d[0].problem == .notAFolder)
    }

    @Test func invalidUTF8InTOML() throws {
        let f = try ScenarioFixture()
        defer { f.remove() }
        try f.write("team.toml", bytes: Array("name = \"ok\"\n".utf8) + [0x6E, 0x3D, 0xFF, 0x0A])
        expectDiagnostic(f.errors(), file: "team.toml", line: 2, field: nil, problem: .notUTF8)
    }
}
