import Foundation
import Testing
@testable import RosterCore
@testable import RosterOutput

/// The calendars of the bundled scenario (rosters/suzhou-96122 with the roster in
/// Golden/suzhou-96122-roster.csv) read back by a real calendar library: Python's `icalendar`.
@Suite struct CalendarLibraryTests {
    static let scenarioURL = Fixture.packageRoot.appendingPathComponent("rosters/suzhou-96122")
    static let rosterURL = Fixture.goldenDirectory.appendingPathComponent("suzhou-96122-roster.csv")
    static let validator = Fixture.packageRoot.appendingPathComponent("../shared/tools/validate_ics.py").standardizedFileURL

    static func python() -> URL? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    static func run(_ python: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = python
        p.arguments = arguments
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("py-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        p.waitUntilExit()
        try handle.close()
        return (p.terminationStatus, String(decoding: try Data(contentsOf: out), as: UTF8.self))
    }

    static let readBack = """
    import json, sys, pathlib, icalendar
    result = {}
    for path in sorted(pathlib.Path(sys.argv[1]).glob("*.ics")):
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        events = []
        for ev in cal.walk("VEVENT"):
            events.append([str(ev["UID"]), ev["DTSTART"].dt.timestamp(), ev["DTEND"].dt.timestamp(),
                           str(ev["SUMMARY"]), str(ev["DESCRIPTION"]), int(ev["SEQUENCE"])])
        result[path.name] = events
    print(json.dumps(result))
    """

    static let validateAll = """
    import sys, importlib.util, pathlib, contextlib, io
    spec = importlib.util.spec_from_file_location("validate_ics", sys.argv[1])
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    bad = 0
    for path in sorted(pathlib.Path(sys.argv[2]).glob("*.ics")):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            code = mod.main([str(path)])
        line = buf.getvalue().strip()
        if code != 0 or "0 warnings" not in line:
            bad += 1
            print(line)
    print(f"checked, {bad} bad")
    sys.exit(1 if bad else 0)
    """

    @Test func bundledScenarioCalendarsParseInIcalendarAndMatchTheRoster() throws {
        let scenario = try ScenarioLoader.load(directory: Self.scenarioURL).scenario
        let roster = try RosterLocator.load(Self.rosterURL, scenario: scenario)
        let context = RosterContext(scenario: scenario, roster: roster)
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("ics-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: base) }
        let first = base.appendingPathComponent("one"), second = base.appendingPathComponent("two")
        let files = try ICalendarExport(context: context, stamp: Date(timeIntervalSince1970: 1_800_000_000)).write(agents: context.agents, team: true, to: first).files
        _ = try ICalendarExport(context: context, stamp: Date()).write(agents: context.agents, team: true, to: second)
        #expect(files.count == scenario.agents.count + 1)

        // Bytes: CRLF only, no physical line over 75 octets; re-export identical but for DTSTAMP.
        for f in files {
            let data = try Data(contentsOf: f)
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.hasSuffix("\r\n"))
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(f.lastPathComponent): \(line)") }
            let again = try String(contentsOf: second.appendingPathComponent(f.lastPathComponent), encoding: .utf8)
            func stable(_ s: String) -> [Substring] { s.split(separator: "\r\n").filter { !$0.hasPrefix("DTSTAMP:") } }
            #expect(stable(text) == stable(again), "\(f.lastPathComponent) changed between exports")
        }

        guard let python = Self.python() else {
            withKnownIssue("python3 is not installed: the icalendar read-back is skipped") { Issue.record("python3 absent") }
            return
        }
        let script = base.appendingPathComponent("read.py")
        try Self.readBack.write(to: script, atomically: true, encoding: .utf8)
        let run = try Self.run(python, [script.path, first.path])
        try #require(run.status == 0, "python icalendar failed (pip install icalendar): \(run.output)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: [[Any]]])
        #expect(parsed.count == files.count)
        func key(_ start: Date, _ end: Date) -> String { "\(Int(start.timeIntervalSince1970))-\(Int(end.timeIntervalSince1970))" }
        var agentUIDs: Set<String> = []
        for agent in context.agents {
            let name = ICalendarExport.fileName(for: agent)
            let events = try #require(parsed[name], "\(name) missing")
            let expected = context.shifts(of: agent.id).map { key($0.start, $0.end) }.sorted()
            let got = events.map { "\(Int($0[1] as! Double))-\(Int($0[2] as! Double))" }.sorted()
            #expect(got == expected, "\(name): event times differ from roster.csv")
            let uids = events.map { $0[0] as! String }
            #expect(Set(uids).count == uids.count, "\(name): duplicate UID")
            agentUIDs.formUnion(uids)
            for e in events {
                #expect((e[4] as! String).contains("Break: ") && (e[4] as! String).contains(scenario.team.name))
                #expect(e[5] as! Int == 0)
            }
        }
        let team = try #require(parsed["team.ics"])
        #expect(team.count == roster.shifts.count)
        let teamUIDs = team.map { $0[0] as! String }
        #expect(Set(teamUIDs).count == teamUIDs.count)
        #expect(Set(teamUIDs) == agentUIDs)
        #expect(team.map { "\(Int($0[1] as! Double))-\(Int($0[2] as! Double))" }.sorted() == roster.shifts.map { key($0.start, $0.end) }.sorted())
        // A shift across midnight ends on the next local day.
        #expect(roster.shifts.contains { context.clock.localDateTime(of: $0.end).date > $0.date })

        // The strict RFC 5545 checker of the workspace, when it is there.
        if FileManager.default.fileExists(atPath: Self.validator.path) {
            let check = base.appendingPathComponent("check.py")
            try Self.validateAll.write(to: check, atomically: true, encoding: .utf8)
            let v = try Self.run(python, [check.path, Self.validator.path, first.path])
            #expect(v.status == 0, "validate_ics.py: \(v.output)")
            #expect(v.output.contains("checked, 0 bad"), "\(v.output)")
        }
    }

    @Test(.enabled(if: CalendarLibraryTests.python() != nil && FileManager.default.fileExists(atPath: CalendarLibraryTests.validator.path),
                   "needs python3 and ../shared/tools/validate_ics.py"))
    func fixtureCalendarsPassTheStrictChecker() throws {
        let python = try #require(Self.python())
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("ics-fx-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        _ = try ICalendarExport(context: Fixture.context, stamp: Fixture.stamp).write(agents: Fixture.context.agents, team: true, to: dir)
        let check = dir.appendingPathComponent("check.py.txt")
        try Self.validateAll.write(to: check, atomically: true, encoding: .utf8)
        let v = try Self.run(python, [check.path, Self.validator.path, dir.path])
        #expect(v.status == 0 && v.output.contains("checked, 0 bad"), "\(v.output)")
    }
}
