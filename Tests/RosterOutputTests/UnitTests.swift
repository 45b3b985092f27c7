import Foundation
import Testing
@testable import RosterCore
@testable import RosterOutput
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct DisplayWidthTests {
    @Test func eastAsianWideCharactersTakeTwoColumns() {
        #expect(DisplayWidth.width("abc") == 3)
        #expect(DisplayWidth.width("徐海燕") == 6)
        #expect(DisplayWidth.width("Anna Müller") == 11)
        #expect(DisplayWidth.width("ｱ") == 1)            // halfwidth katakana: narrow
        #expect(DisplayWidth.width("ＡＢ") == 4)          // fullwidth Latin
        #expect(DisplayWidth.width("한국") == 4)
        #expect(DisplayWidth.width("e\u{301}") == 1)      // combining accent
        #expect(DisplayWidth.width("a\u{200B}b") == 2)    // zero-width space (format)
        #expect(DisplayWidth.width("\u{1F600}") == 2)     // emoji
        #expect(DisplayWidth.width("𠀀") == 2)            // CJK extension B
        #expect(DisplayWidth.width("（婚假）") == 8)
    }

    @Test func padAndTruncateCountColumns() {
        #expect(DisplayWidth.pad("王丽", to: 6) == "王丽  ")
        #expect(DisplayWidth.pad("王丽", to: 6, alignRight: true) == "  王丽")
        #expect(DisplayWidth.width(DisplayWidth.pad("徐海燕徐海燕", to: 7)) <= 7)
        #expect(DisplayWidth.truncate("徐海燕徐海燕", to: 7) == "徐海燕…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
    }

    @Test func gridRowsAlignWithChineseNames() {
        // The fixture spans one Monday (2026-03-30): its week separator must sit in the same column on every row.
        let rows = ShowViews(context: Fixture.context).grid().split(separator: "\n").filter { $0.contains("│") }.map(String.init)
        #expect(rows.count == 2 + 3 + 1, "\(rows)")
        let columns = Set(rows.map { DisplayWidth.width(String($0.prefix(while: { $0 != "│" }))) })
        #expect(columns.count == 1, "\(rows)")
        #expect(Set(rows.map { DisplayWidth.width($0) }).count == 1, "\(rows)")
    }

    @Test func colourModes() {
        #expect(ColorMode.auto.enabled(isTerminal: true, environment: [:]))
        #expect(!ColorMode.auto.enabled(isTerminal: false, environment: [:]))
        #expect(!ColorMode.auto.enabled(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(ColorMode.auto.enabled(isTerminal: true, environment: ["NO_COLOR": ""]))
        #expect(ColorMode.always.enabled(isTerminal: false, environment: ["NO_COLOR": "1"]))
        #expect(!ColorMode.never.enabled(isTerminal: true, environment: [:]))
    }
}

@Suite struct ICalendarTests {
    @Test func textEscaping() {
        #expect(ICalendarWriter.escapeText("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        #expect(ICalendarWriter.escapeText("x\r\ny\u{7}") == "x\\ny ")
    }

    @Test func foldingKeeps75OctetsAndWholeCharacters() {
        let line = "DESCRIPTION:" + String(repeating: "徐海燕", count: 30) + String(repeating: "x", count: 7)
        let folded = ICalendarWriter.fold(line)
        #expect(folded.hasSuffix("\r\n"))
        let physical = folded.components(separatedBy: "\r\n").dropLast()
        #expect(physical.count > 1)
        for (i, p) in physical.enumerated() {
            #expect(p.utf8.count <= 75)
            if i > 0 { #expect(p.hasPrefix(" ")) }
            #expect(String(data: Data(p.utf8), encoding: .utf8) != nil)
        }
        // Unfolding gives the line back.
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n", with: "") == line)
        #expect(ICalendarWriter.fold(String(repeating: "a", count: 75)) == String(repeating: "a", count: 75) + "\r\n")
        #expect(ICalendarWriter.fold(String(repeating: "a", count: 76)) == String(repeating: "a", count: 75) + "\r\n a\r\n")
    }

    @Test func vtimezoneForBerlinHasBothTransitionsAndShanghaiOneStandard() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let year = VTimeZone.observances(for: berlin, from: Fixture.at("2026-01-10T00:00"), to: Fixture.at("2026-12-10T00:00"))
        #expect(year.count == 3)
        #expect(year[0] == .init(daylight: false, start: "20251026T030000", offsetFrom: 7200, offsetTo: 3600, name: year[0].name))
        #expect(year[1].daylight && year[1].start == "20260329T020000" && year[1].offsetFrom == 3600 && year[1].offsetTo == 7200)
        #expect(!year[2].daylight && year[2].start == "20261025T030000" && year[2].offsetFrom == 7200 && year[2].offsetTo == 3600)
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        let flat = VTimeZone.observances(for: shanghai, from: Date(timeIntervalSince1970: 1_800_000_000), to: Date(timeIntervalSince1970: 1_803_000_000))
        #expect(flat.count == 1)
        #expect(!flat[0].daylight && flat[0].offsetFrom == 28800 && flat[0].offsetTo == 28800)
    }

    @Test func uidsAreStableAndIgnoreTimes() {
        let a = ICalendarExport.uid(calendarID: "T", agentID: "a1", date: Fixture.date("2026-03-29"), ordinal: 0)
        #expect(a == ICalendarExport.uid(calendarID: "T", agentID: "a1", date: Fixture.date("2026-03-29"), ordinal: 0))
        #expect(a != ICalendarExport.uid(calendarID: "T", agentID: "a1", date: Fixture.date("2026-03-30"), ordinal: 0))
        #expect(a != ICalendarExport.uid(calendarID: "T", agentID: "a2", date: Fixture.date("2026-03-29"), ordinal: 0))
        #expect(a != ICalendarExport.uid(calendarID: "U", agentID: "a1", date: Fixture.date("2026-03-29"), ordinal: 0))
        // A moved shift keeps its UID.
        var moved = Fixture.roster
        let i = moved.shifts.firstIndex { $0.agentID == "a2" && $0.date == Fixture.date("2026-03-28") }!
        moved.shifts[i].start += 3600; moved.shifts[i].end += 3600; moved.shifts[i].breakStart! += 3600; moved.shifts[i].breakEnd! += 3600
        let before = ICalendarExport(context: Fixture.context, stamp: Fixture.stamp).agentCalendar(Fixture.context.agents[1])
        let after = ICalendarExport(context: RosterContext(scenario: Fixture.scenario, roster: moved), stamp: Date()).agentCalendar(Fixture.context.agents[1])
        func uids(_ s: String) -> [Substring] { s.split(separator: "\r\n").filter { $0.hasPrefix("UID:") } }
        #expect(uids(before) == uids(after))
        #expect(before != after)
    }

    @Test func nightShiftAcrossMidnightAndDSTEndsOnTheNextDay() {
        let team = ICalendarExport(context: Fixture.context, stamp: Fixture.stamp).agentCalendar(Fixture.context.agents[0])
        #expect(team.contains("DTSTART;TZID=Europe/Berlin:20260328T220000\r\n"))
        #expect(team.contains("DTEND;TZID=Europe/Berlin:20260329T080000\r\n"))
        #expect(!team.contains("METHOD"))
        #expect(team.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"))
    }

    @Test func secondOccurrenceOfTheAutumnHourIsWrittenInUTC() {
        let clock = Fixture.clock
        // 2026-10-25 02:30 CET (UTC 01:30) is the second 02:30 of that night.
        let start = ISO8601.parse("2026-10-25T02:30:00+01:00")!
        let s = RosterShift(agentID: "a1", agentName: "张伟", date: Fixture.date("2026-10-25"), shiftName: "Day", start: start, end: start + 8 * 3600)
        let firstOccurrence = ISO8601.parse("2026-10-25T02:30:00+02:00")!
        let s2 = RosterShift(agentID: "a2", agentName: "Anna Müller", date: Fixture.date("2026-10-25"), shiftName: "Day", start: firstOccurrence, end: firstOccurrence + 8 * 3600)
        let roster = Roster(teamName: "x", timeZoneIdentifier: clock.identifier, shifts: [s, s2])
        let cal = ICalendarExport(context: RosterContext(scenario: Fixture.scenario, roster: roster), stamp: Fixture.stamp).teamCalendar()
        #expect(cal.contains("DTSTART:20261025T013000Z\r\n"))
        #expect(cal.contains("DTSTART;TZID=Europe/Berlin:20261025T023000\r\n"))
    }

    @Test func safeFileNamesStayInTheFolder() throws {
        for raw in ["../../etc/passwd", "/abs/path", "a/b", "..", ".", ".hidden", "-rf", "a\u{0}b\nc", "con\u{7F}", "",
                    String(repeating: "长", count: 100), String(repeating: "x", count: 300), "a\\b", "徐海燕", "a01"] {
            let name = SafeFileName.make(raw)
            #expect(!name.isEmpty)
            #expect(!name.contains("/") && !name.contains("\\") && !name.contains(".."))
            #expect(!name.hasPrefix(".") && !name.hasPrefix("-"))
            #expect(name.utf8.count <= 64)
            #expect(!name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        }
        #expect(SafeFileName.make("徐海燕") == "徐海燕")
        #expect(SafeFileName.make("a01") == "a01")
        #expect(SafeFileName.make(String(repeating: "x", count: 300)) != SafeFileName.make(String(repeating: "x", count: 299)))
        // Writing calendars for hostile ids puts every file inside the folder.
        var scenario = Fixture.scenario
        scenario.agents = [Agent(id: "../../evil", name: "E"), Agent(id: "..\\evil", name: "F"), Agent(id: "/etc/x", name: "G")]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ics-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent().appendingPathComponent(dir.lastPathComponent)) }
        let files = try ICalendarExport(context: RosterContext(scenario: scenario, roster: Roster(teamName: "t", timeZoneIdentifier: "Europe/Berlin", shifts: [])), stamp: Fixture.stamp)
            .write(agents: scenario.agents, team: true, to: dir).files
        #expect(files.count == 4)
        #expect(Set(files.map(\.lastPathComponent)).count == 4)
        let listed = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(Set(listed) == Set(files.map(\.lastPathComponent) + [CalendarState.fileName]))
        for f in files { #expect(f.deletingLastPathComponent().standardizedFileURL.path == dir.standardizedFileURL.path) }
    }
}

@Suite struct CoverageAndExportTests {
    @Test func coverageCountsAgentsOnTheLineWithoutBreaks() {
        let data = CoverageData(scenario: Fixture.scenario, roster: Fixture.roster)
        #expect(data.days.map(\.intervals.count) == [24, 24, 23, 24])
        // 2026-03-29 03:00 CEST (the first hour after the gap): a1's night shift, not on break (break 01:00–02:00 CET).
        let grid = Fixture.scenario.grid
        let i = grid.intervalIndex(containing: Fixture.at("2026-03-29T03:00"))!
        #expect(data.scheduled[i] == 1)
        let brk = grid.intervalIndex(containing: Fixture.at("2026-03-29T01:00"))!
        #expect(data.scheduled[brk] == 0)
        #expect(data.required[brk] == 1)
    }

    @Test func svgHeatMapCellsSitAtTheirWallClockTimeOnADSTDay() throws {
        // 2026-03-29 in Berlin skips 02:00–03:00: its 03:00 cell must sit under the 03:00 of the day before,
        // not an hour to the left; the legend's handover key clears the word "over".
        let svg = CoverageSVG(data: CoverageData(scenario: Fixture.scenario, roster: Fixture.roster)).render()
        final class Cells: NSObject, XMLParserDelegate {
            var x: [String: String] = [:]
            var pendingX: String? = nil, inTitle = false, title = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "rect" { pendingX = attributes["x"] }
                if name == "title" { inTitle = true; title = "" }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { title += string } }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "title" {
                    inTitle = false
                    if let px = pendingX { x[String(title.prefix(16))] = px }
                }
                if name == "rect" { pendingX = nil }
            }
        }
        let cells = Cells()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = cells
        #expect(parser.parse())
        let before = try #require(cells.x["2026-03-28 03:00"]), after = try #require(cells.x["2026-03-29 03:00"])
        #expect(before == after)
        #expect(cells.x["2026-03-29 01:00"] == cells.x["2026-03-28 01:00"])
        let over = try #require(svg.range(of: ">over</text>"))
        let overX = Double(svg[..<over.lowerBound].components(separatedBy: "x=\"").last!.prefix { $0 != "\"" })!
        let keyX = Double(svg[over.upperBound...].components(separatedBy: "x1=\"")[1].prefix { $0 != "\"" })!
        #expect(keyX >= overX + 30)
    }

    @Test func svgIsWellFormedXMLWithEscapedText() throws {
        let svg = CoverageSVG(data: CoverageData(scenario: Fixture.scenario, roster: Fixture.roster)).render()
        #expect(svg.contains("Hotline Berlin-Nord; 24/7, &quot;Test&quot;"))
        let parser = XMLParser(data: Data(svg.utf8))
        final class Counter: NSObject, XMLParserDelegate {
            var rects = 0, polylines = 0, root = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if root.isEmpty { root = name }
                if name == "rect" { rects += 1 }
                if name == "polyline" { polylines += 1 }
            }
        }
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(counter.root == "svg")
        #expect(counter.rects >= 24 + 24 + 23 + 24)
        #expect(counter.polylines == 2 * 4)
        #expect(CoverageSVG.escape("<a & 'b'>\u{1}") == "&lt;a &amp; &apos;b&apos;&gt;\u{FFFD}")
    }

    @Test func csvExportWithAndWithoutBOMReadsBack() throws {
        let plain = CSVExport.render(Fixture.context, byteOrderMark: false)
        let bom = CSVExport.render(Fixture.context, byteOrderMark: true)
        #expect(bom.hasPrefix("\u{FEFF}agent_id,"))
        #expect(plain.hasPrefix("agent_id,"))
        let back = try RosterCSV.parse(bom, file: "x.csv", timeZoneIdentifier: "Europe/Berlin")
        #expect(back.shifts.map(\.start) == Fixture.roster.shifts.map(\.start))
        #expect(back.shifts.map(\.agentName) == Fixture.roster.shifts.map(\.agentName))
    }

    @Test func noticeBoardFitsA4Landscape() {
        for line in NoticeBoard(context: Fixture.context).render().split(separator: "\n") {
            #expect(DisplayWidth.width(String(line)) <= 120, "\(line)")
        }
    }
}

@Suite struct RosterLocatorTests {
    @Test func newestRosterByFolderNameAndErrors() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("loc-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        #expect(throws: OutputInputError.self) { try RosterLocator.resolve(rosterPath: nil, scenarioDirectory: dir) }
        // Newer than the one to find: an empty folder, an interrupted solve, and a roster.csv without its roster.json.
        for name in ["roster-20260101-100000", "roster-20260301-090000", "roster-20260201-235959", "roster-20260401-000000",
                     "roster-20260501-000000", "roster-20260601-000000"] {
            try fm.createDirectory(at: dir.appendingPathComponent(name), withIntermediateDirectories: true)
            if name != "roster-20260401-000000" {
                try RosterCSV.render(Fixture.roster, clock: Fixture.clock).write(to: dir.appendingPathComponent(name + "/roster.csv"), atomically: true, encoding: .utf8)
            }
            if name != "roster-20260401-000000" && name != "roster-20260601-000000" {
                let interrupted = name == "roster-20260501-000000"
                // Made on the day its name says (the creation time, not the name, decides).
                let d = Array(name.dropFirst("roster-".count))
                let created = "\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8]))T00:00:00Z"
                try #"{"created": "\#(created)", "report": {"interrupted": \#(interrupted)}}"#.write(to: dir.appendingPathComponent(name + "/roster.json"), atomically: true, encoding: .utf8)
            }
        }
        var notes: [String] = []
        var found = try RosterLocator.resolve(rosterPath: nil, scenarioDirectory: dir, notes: { notes.append($0) })
        // A roster.csv without roster.json (made by hand) is a complete version; an interrupted one is not.
        #expect(found.deletingLastPathComponent().lastPathComponent == "roster-20260601-000000")
        #expect(notes.count == 2 && notes[0].contains("interrupted") && notes[1].contains("no published version"), "\(notes)")
        notes = []
        try fm.removeItem(at: dir.appendingPathComponent("roster-20260601-000000"))
        found = try RosterLocator.resolve(rosterPath: nil, scenarioDirectory: dir, notes: { notes.append($0) })
        #expect(found.deletingLastPathComponent().lastPathComponent == "roster-20260301-090000")
        #expect(notes.count == 2 && notes[0].contains("roster-20260501-000000") && notes[0].contains("interrupted"), "\(notes)")
        // Named explicitly, an interrupted version still opens.
        #expect(try RosterLocator.resolve(rosterPath: dir.appendingPathComponent("roster-20260501-000000").path, scenarioDirectory: dir)
                .deletingLastPathComponent().lastPathComponent == "roster-20260501-000000")
        #expect(throws: OutputInputError.self) { try RosterLocator.resolve(rosterPath: dir.appendingPathComponent("nope.csv").path, scenarioDirectory: dir) }
        let roster = try RosterLocator.load(found, scenario: Fixture.scenario)
        #expect(roster.shifts.count == Fixture.roster.shifts.count)
        // Another scenario's roster: unknown agents.
        var other = Fixture.scenario
        other.agents = [Agent(id: "b1", name: "x")]
        do {
            _ = try RosterLocator.load(found, scenario: other)
            Issue.record("accepted a roster of another scenario")
        } catch {
            #expect(error.message.contains("'a1'") && error.message.contains("another scenario"))
        }
        // A roster.json naming another team.
        try #"{"team": "Other team"}"#.write(to: found.deletingLastPathComponent().appendingPathComponent("roster.json"), atomically: true, encoding: .utf8)
        #expect(throws: OutputInputError.self) { try RosterLocator.load(found, scenario: Fixture.scenario) }
    }

    @Test func agentLookupByIdNameAndClearErrors() throws {
        let c = Fixture.context
        #expect(try c.agent(matching: "a1").name == "张伟")
        #expect(try c.agent(matching: "张伟").id == "a1")
        #expect(try c.agent(matching: "anna müller").id == "a2")
        #expect(try c.agent(matching: "anna muller").id == "a2")          // accents folded
        #expect(try c.agent(matching: "ＡＮＮＡ ＭÜＬＬＥＲ").id == "a2")    // full-width letters folded
        do { _ = try c.agent(matching: "a9"); Issue.record("unknown agent accepted") } catch { #expect(error.message.contains("'a9'")) }
        do { _ = try c.agent(matching: "Anna"); Issue.record("partial name accepted") } catch { #expect(error.message.contains("did you mean a2")) }
        #expect(throws: OutputInputError.self) { try c.date("2026-13-01") }
        #expect(throws: OutputInputError.self) { try c.date("2027-01-01") }
        #expect(throws: OutputInputError.self) { try c.instant("tomorrow") }
        #expect(try c.instant("2026-03-29T03:00") == ISO8601.parse("2026-03-29T03:00:00+02:00"))
    }
}

/// Night shifts of the eve before the horizon (they cover its first hours) show in the grid and on the notice board.
@Suite struct EveShiftTests {
    var context: RosterContext {
        var roster = Fixture.roster
        roster.shifts.append(Fixture.shift("a2", "Anna Müller", "Night", "2026-03-26T22:00", minutes: 540, breakAfter: 180))
        return RosterContext(scenario: Fixture.scenario, roster: roster)
    }

    @Test func theGridHasAnEveColumn() {
        let grid = ShowViews(context: context).grid()
        let row = grid.split(separator: "\n").first { $0.contains("a2") }.map(String.init) ?? ""
        #expect(row.contains("N ┊") || row.contains("N┊"), "\(grid)")
        #expect(grid.contains("┊ before it: the eve's night shifts"))
        // Without an eve shift there is no such column.
        let plain = ShowViews(context: Fixture.context).grid()
        #expect(!plain.contains("┊"))
    }

    @Test func theNoticeBoardListsTheEve() {
        // A horizon from Monday 2026-03-30: its eve, Sunday, belongs to a week the board does not print.
        var scenario = Fixture.scenario
        scenario.team.startDate = Fixture.date("2026-03-30")
        scenario.team.days = 1
        var roster = Fixture.roster
        roster.shifts.removeAll { $0.date == Fixture.date("2026-03-29") }
        let plain = NoticeBoard(context: RosterContext(scenario: scenario, roster: roster)).render()
        #expect(!plain.contains("Before the first day"))
        roster.shifts.append(Fixture.shift("a2", "Anna Müller", "Night", "2026-03-29T22:00", minutes: 540, breakAfter: 180))
        let board = NoticeBoard(context: RosterContext(scenario: scenario, roster: roster)).render()
        #expect(board.contains("Before the first day, Sun 03-29: Anna Müller a2 22:00-07:00"), "\(board)")
    }
}

/// Leave and whole days of unavailability are marked in the grid, the notice board and the agent view,
/// not shown as ordinary days off.
@Suite struct AbsenceMarkTests {
    var context: RosterContext {
        var scenario = Fixture.scenario
        scenario.availability = [
            AvailabilityEntry(agentID: "a2", kind: .leave, span: .dates(Fixture.date("2026-03-29"), Fixture.date("2026-03-30"))),
            AvailabilityEntry(agentID: "a3", kind: .unavailable, span: .dates(Fixture.date("2026-03-28"), Fixture.date("2026-03-28"))),
            // Unavailable for part of a day only: still an ordinary day off.
            AvailabilityEntry(agentID: "a1", kind: .unavailable,
                              span: .instants(Fixture.at("2026-03-27T18:00"), Fixture.at("2026-03-27T23:00"))),
        ]
        var roster = Fixture.roster
        roster.shifts.removeAll { ($0.agentID == "a2" && ["2026-03-29", "2026-03-30"].contains($0.date.description))
            || ($0.agentID == "a3" && $0.date.description == "2026-03-28") || ($0.agentID == "a1" && $0.date.description == "2026-03-27") }
        return RosterContext(scenario: scenario, roster: roster)
    }

    @Test func absencesAreMarkedInEveryView() throws {
        let c = context
        #expect(c.absence(of: "a2", on: Fixture.date("2026-03-29")) == .leave)
        #expect(c.absence(of: "a3", on: Fixture.date("2026-03-28")) == .unavailable)
        #expect(c.absence(of: "a1", on: Fixture.date("2026-03-27")) == nil)
        let grid = ShowViews(context: c).grid()
        let row = { (id: String) in grid.split(separator: "\n").first { $0.contains(" \(id) ") || $0.hasSuffix(" \(id)") || $0.contains("\(id) ") }.map(String.init) ?? "" }
        #expect(row("a2").filter { $0 == "L" }.count == 2, "\(grid)")
        #expect(row("a3").contains("U"), "\(grid)")
        #expect(grid.contains("L leave  U unavailable"))
        let board = NoticeBoard(context: c).render()
        #expect(board.contains("leave") && board.contains("unavailable"), "\(board)")
        let a2 = try c.agent(matching: "a2")
        let view = ShowViews(context: c).agent(a2, at: Fixture.at("2026-03-27T06:00"))
        #expect(view.contains("Leave: Sun 2026-03-29 – Mon 2026-03-30"), "\(view)")
        // Past leave is left out unless --all.
        #expect(!ShowViews(context: c).agent(a2, at: Fixture.at("2026-03-31T06:00")).contains("Leave:"))
    }

    @Test func theCoverageChartSaysWhoIsAwayEachDay() throws {
        let c = context
        // The row of each day names how many are away; the tooltip names them; other days say nothing.
        final class Away: NSObject, XMLParserDelegate {
            var notes: [String] = [], titles: [String] = []
            var inAway = false, inTitle = false, text = "", title = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "text" && attributes["class"] == "away" { inAway = true; text = "" }
                if name == "title" && inAway { inTitle = true; title = "" }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { title += string } else if inAway { text += string } }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "title" && inTitle { inTitle = false; titles.append(title) }
                if name == "text" && inAway { inAway = false; notes.append(text) }
            }
        }
        for (language, leave, unavailable, who) in [(Language.english, "1 on leave", "1 unavailable", "on leave: "),
                                                     (.simplifiedChinese, "休假 1 人", "不可排班 1 人", "休假：")] {
            let svg = CoverageSVG(data: CoverageData(scenario: c.scenario, roster: c.roster), language: language).render()
            let away = Away()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = away
            #expect(parser.parse())
            // 03-28: a3 unavailable; 03-29 and 03-30 (the fixture's last two days): a2 on leave.
            #expect(away.notes.filter { $0 == unavailable }.count == 1, "\(away.notes)")
            #expect(away.notes.filter { $0 == leave }.count == 2, "\(away.notes)")
            #expect(away.notes.count == away.titles.count)
            let a2 = try #require(c.scenario.agents.first { $0.id == "a2" })
            #expect(away.titles.contains { $0.hasPrefix(who) && $0.contains("\(a2.name) (a2)") }, "\(away.titles)")
            // The partial unavailability of a1 on 03-27 is not a day away.
            #expect(!away.titles.contains { $0.contains("(a1)") })
        }
    }
}

/// `roster hours`: paid time split at midnights and the night window, by week, with the contract.
@Suite struct HoursReportTests {
    @Test func nightShiftsCountOnBothDatesAndInTheNightWindow() throws {
        let night = try #require(HoursReport.NightWindow("22:00-06:00"))
        let report = HoursReport(context: Fixture.context, period: .horizon, night: night)
        // Every paid hour of the roster is counted once.
        let paid = Fixture.roster.shifts.reduce(0.0) { $0 + $1.paidMinutes } / 60
        #expect(abs(report.rows.reduce(0.0) { $0 + $1.paidHours } - paid) < 1e-9)
        // a1 works nights, among them the one across the spring change (2026-03-28 22:00).
        let a1 = try #require(report.rows.first { $0.agentID == "a1" })
        #expect(a1.nights == Fixture.roster.shifts.filter { $0.agentID == "a1" && $0.shiftName == "Night" }.count)
        #expect(a1.nightHours > 0 && a1.nightHours <= a1.paidHours)
        // By hand for one shift: 22:00–07:00 with a break 01:00–02:00 on a plain day (2026-03-27, a3): night
        // window 22:00–06:00 → 7 h of night out of 8 paid.
        let a3night = try #require(Fixture.roster.shifts.first { $0.agentID == "a3" && $0.shiftName == "Night" })
        let pieces = HoursReport.paidPieces(a3night, clock: Fixture.clock)
        let nightSeconds = pieces.reduce(0.0) { $0 + HoursReport.overlap($1.start, $1.end, night: night, clock: Fixture.clock) }
        #expect(abs(nightSeconds / 3600 - 7) < 1e-9, "\(nightSeconds / 3600)")
        #expect(pieces.count == 3)   // 22:00–24:00, 00:00–01:00, 02:00–07:00
    }

    @Test func weeklyRowsShowTheContractAndOvertime() throws {
        var scenario = Fixture.scenario
        scenario.rules.maxHoursPerWeek = 10
        let report = HoursReport(context: RosterContext(scenario: scenario, roster: Fixture.roster), period: .week, night: HoursReport.NightWindow("22:00-06:00")!)
        // The fixture's 4 days (Fri–Mon) are two weeks.
        #expect(Set(report.rows.map(\.from)).count == 2)
        let over = report.rows.filter { $0.overtimeHours > 0 }
        #expect(!over.isEmpty && over.allSatisfy { abs($0.overtimeHours - ($0.paidHours - 10)) < 1e-9 })
        #expect(report.csv().hasPrefix("agent_id,agent_name,from,to,shifts,paid_hours"))
        let json = try JSONSerialization.jsonObject(with: report.json()) as? [String: Any]
        #expect((json?["rows"] as? [Any])?.count == report.rows.count)
    }
}

/// `export csv --excel`: dates and times Excel reads, paid, night, weekend and holiday hours per shift.
@Suite struct ExcelExportTests {
    @Test func nightShiftAcrossMidnightAndTheSpringChange() throws {
        var scenario = Fixture.scenario
        scenario.team.holidays = [Fixture.date("2026-03-29")]
        let context = RosterContext(scenario: scenario, roster: Fixture.roster)
        let text = CSVExport.excel(context, night: HoursReport.NightWindow("22:00-06:00")!)
        #expect(text.hasPrefix("\u{FEFF}agent_id,agent_name,date,weekday,start,end_date,end,"))
        let rows = try CSVReader.parse(text)
        let header = rows[0].fields.map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
        #expect(header == CSVExport.excelHeader)
        func field(_ row: CSVRecord, _ name: String) -> String { row.fields[header.firstIndex(of: name)!] }
        #expect(rows.count == 1 + Fixture.roster.shifts.count)
        // 张伟's night from Saturday 22:00 CET to Sunday 08:00 CEST: nine real hours (the clocks skip 02:00),
        // break 01:00 CET for one real hour (it ends at 03:00 CEST), so 8 paid: 2 on Saturday, 6 on Sunday
        // the holiday; inside 22:00–06:00 local: 22–24, 00–01 and 03–06 = 6 paid hours.
        let night = try #require(rows.first { field($0, "agent_id") == "a1" && field($0, "date") == "2026-03-28" })
        #expect(field(night, "weekday") == "Sat" && field(night, "start") == "22:00")
        #expect(field(night, "end_date") == "2026-03-29" && field(night, "end") == "08:00")
        #expect(field(night, "paid_hours") == "8.00" && field(night, "break_minutes") == "60" && field(night, "break_start") == "01:00")
        #expect(field(night, "night_hours") == "6.00")
        #expect(field(night, "weekend_hours") == "8.00" && field(night, "holiday_hours") == "6.00" && field(night, "holiday") == "yes")
        #expect(field(night, "night_shift") == "yes" && field(night, "code") == "N")
        // Paid hours add up to the roster's.
        let total = rows.dropFirst().reduce(0.0) { $0 + Double(field($1, "paid_hours"))! }
        #expect(abs(total - Fixture.roster.shifts.reduce(0.0) { $0 + $1.paidMinutes / 60 }) < 0.011)
        // A name a spreadsheet would run as a formula never starts with '='; quotes and commas survive.
        #expect(rows.dropFirst().contains { field($0, "agent_name") == "O'Brien, Pat; \"Paddy\"" })
    }
}

/// `export ical --leave`: an all-day event per run of leave days, updated and cancelled like shifts.
@Suite struct LeaveCalendarTests {
    @Test func leaveIsAnAllDayEventThatALaterExportCancels() throws {
        let context = AbsenceMarkTests().context
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("roster-leave-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a2 = try #require(context.agents.first { $0.id == "a2" })
        // With --leave: a2's two days (29–30 March, the spring-forward day first) are one all-day event.
        let first = try ICalendarExport(context: context, stamp: Fixture.stamp, includeLeave: true).write(agents: context.agents, team: true, to: dir)
        let ics = try String(contentsOf: dir.appendingPathComponent(ICalendarExport.fileName(for: a2)), encoding: .utf8)
        let events = ics.components(separatedBy: "BEGIN:VEVENT").dropFirst()
        let leave = try #require(events.first { $0.contains("CATEGORIES:Leave") })
        #expect(leave.contains("DTSTART;VALUE=DATE:20260329\r\n") && leave.contains("DTEND;VALUE=DATE:20260331\r\n"), "\(leave)")
        #expect(leave.contains("SUMMARY:Leave – ") && leave.contains("TRANSP:TRANSPARENT") && leave.contains("STATUS:CONFIRMED"))
        #expect(events.filter { $0.contains("CATEGORIES:Leave") }.count == 1)
        #expect(first.added == context.roster.shifts.count + 1)
        // Unavailability is no leave: a3 has none.
        let a3 = try String(contentsOf: dir.appendingPathComponent("agent-a3.ics"), encoding: .utf8)
        #expect(!a3.contains("CATEGORIES:Leave"))
        // The leave is withdrawn: the next export cancels its event (SEQUENCE raised), the shifts stay as they were.
        var scenario = context.scenario
        scenario.availability.removeAll { $0.kind == .leave }
        let later = RosterContext(scenario: scenario, roster: context.roster)
        let second = try ICalendarExport(context: later, stamp: Fixture.stamp, includeLeave: true).write(agents: later.agents, team: true, to: dir)
        #expect(second.cancelled == 1 && second.updated == 0 && second.added == 0)
        let again = try String(contentsOf: dir.appendingPathComponent(ICalendarExport.fileName(for: a2)), encoding: .utf8)
        let gone = try #require(again.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("CATEGORIES:Leave") })
        #expect(gone.contains("STATUS:CANCELLED") && gone.contains("SEQUENCE:1") && gone.contains("SUMMARY:Cancelled: Leave"))
    }
}
