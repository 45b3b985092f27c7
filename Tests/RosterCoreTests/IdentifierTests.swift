import Foundation
import Testing
@testable import RosterCore

/// Issue 19: every zone of the system's tz database, one rule for agent ids, files told apart before
/// they are read, and spreadsheet-safe CSV that keeps the roster's own ids exact.
@Suite struct IdentifierTests {
    /// India's and Nepal's standard names, `Etc/` zones, zones with a change at midnight or a 30-minute
    /// change: each is a zone with an offset the tz database gives it in January or July 2027.
    @Test(arguments: [("Asia/Kolkata", 19_800), ("Asia/Kathmandu", 20_700), ("Etc/UTC", 0), ("Etc/GMT-8", 28_800),
                      ("America/Nuuk", -7_200), ("America/Santiago", -10_800), ("Australia/Lord_Howe", 37_800),
                      ("America/Scoresbysund", -7_200)])
    func everyZoneOfTheDatabaseIsAccepted(zone: String, anOffset: Int) throws {
        let clock = try #require(ZoneClock(identifier: zone), "\(zone) refused")
        // Mid-January and mid-July 2027: one of them is standard time in each hemisphere.
        let january = Date(timeIntervalSince1970: 1_800_000_000 - 180 * 86_400)
        let july = Date(timeIntervalSince1970: 1_800_000_000)
        let offsets = [clock.timeZone.secondsFromGMT(for: january), clock.timeZone.secondsFromGMT(for: july)]
        #expect(offsets.contains(anOffset), "\(zone): \(offsets)")
    }

    @Test(arguments: ["GMT+8", "Asia/../etc/passwd", "Foo/Bar", "/usr/share/zoneinfo/UTC", "Asia/", "", "right/../UTC"])
    func namesThatAreNoZoneAreRefused(zone: String) {
        #expect(ZoneClock(identifier: zone) == nil)
    }

    @Test func agentIdsFollowOneRule() {
        for ok in ["a01", "+8612", "-k3", "=SUM(A1)", "@home", "李娜", "x/y", "a,b", "..", "'quoted'"] {
            #expect(AgentID.problem(ok) == nil, "\(ok) refused")
        }
        for bad in ["", "a b", "a;b", "tab\there", "line\nbreak", "bidi\u{202E}x", "zero\u{200B}width", String(repeating: "x", count: 65)] {
            #expect(AgentID.problem(bad) != nil, "\(bad.debugDescription) accepted")
        }
    }

    /// roster.csv keeps an id exactly and reads it back; the spreadsheet export defuses it, and only it.
    @Test func formulaLookingIdsReadBackExactly() throws {
        let clock = try #require(ZoneClock(identifier: "Asia/Shanghai"))
        let start = Date(timeIntervalSince1970: 1_805_000_000)
        let ids = ["=SUM(A1)", "+8612", "-k3", "@home", "a,b\"c"]
        let roster = Roster(teamName: "t", timeZoneIdentifier: "Asia/Shanghai", shifts: ids.map {
            RosterShift(agentID: $0, agentName: "=HYPERLINK(\"x\")", date: clock.localDateTime(of: start).date, shiftName: "day",
                        start: start, end: start.addingTimeInterval(8 * 3600), breakStart: nil, breakEnd: nil)
        })
        let text = RosterCSV.render(roster, clock: clock)
        let back = try RosterCSV.parse(text, file: "roster.csv")
        #expect(back.shifts.map(\.agentID).sorted() == ids.sorted())
        #expect(back.shifts.map(\.agentName) == Array(repeating: "=HYPERLINK(\"x\")", count: ids.count))
        let sheet = RosterCSV.render(roster, clock: clock, forSpreadsheet: true)
        let rows = try RosterCSV.parse(sheet, file: "export.csv").shifts
        #expect(rows.allSatisfy { $0.agentName.hasPrefix("'=") })
        #expect(rows.map(\.agentID).sorted() == ["'+8612", "'-k3", "'=SUM(A1)", "'@home", "a,b\"c"])
    }

    @Test func fileEntriesAreToldApart() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("entry-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let file = dir.appendingPathComponent("f.csv"), link = dir.appendingPathComponent("dangling.csv")
        try "x".write(to: file, atomically: false, encoding: .utf8)
        try fm.createSymbolicLink(atPath: link.path, withDestinationPath: "missing.csv")
        #expect(mkfifo(dir.appendingPathComponent("pipe").path, 0o600) == 0)
        #expect(FileEntry.kind(file) == .file)
        #expect(FileEntry.kind(link) == .dangling(target: "missing.csv"))
        #expect(FileEntry.kind(dir) == .folder)
        #expect(FileEntry.kind(dir.appendingPathComponent("pipe")) == .special("a named pipe"))
        #expect(FileEntry.kind(URL(fileURLWithPath: "/dev/zero")) == .special("a device"))
        #expect(FileEntry.kind(dir.appendingPathComponent("none")) == .missing)
    }

    /// Found by fuzzing: a name holding CR LF ("\r\n" is one Character in Swift) was written unquoted,
    /// so roster.csv did not read back.
    @Test func aLineBreakInANameIsQuoted() throws {
        let clock = try #require(ZoneClock(identifier: "Asia/Shanghai"))
        let start = Date(timeIntervalSince1970: 1_805_000_000)
        let roster = Roster(teamName: "t", timeZoneIdentifier: "Asia/Shanghai", shifts: ["a\r\nb", "c\rd", "e\nf"].map {
            RosterShift(agentID: "a1", agentName: $0, date: clock.localDateTime(of: start).date, shiftName: "day",
                        start: start, end: start.addingTimeInterval(3600))
        })
        let back = try RosterCSV.parse(RosterCSV.render(roster, clock: clock), file: "roster.csv")
        #expect(back.shifts.map(\.agentName) == ["a\r\nb", "c\rd", "e\nf"])
    }

    /// Found by fuzzing: a table header with no key (`[,yes,`) made TOMLKit's parser (toml++) abort;
    /// it is an error naming team.toml and the line.
    @Test(arguments: ["[,yes,", "[[ ,x]]", "[ {a}]", "x = 1\n[=]", "[[", "[ "])
    func aTableHeaderWithoutAKeyIsAnError(header: String) throws {
        var files = [String: Data]()
        files["team.toml"] = Data("name = \"t\"\n\(header)\n".utf8)
        let (_, diagnostics) = ScenarioLoader.check(files: files)
        let error = try #require(diagnostics.first { $0.location.file == "team.toml" })
        #expect(error.description.contains("a table header must start with a key"), "\(error)")
        #expect(error.location.line == header.split(separator: "\n", omittingEmptySubsequences: false).count + 1)
    }

    /// The check leaves valid TOML alone: headers after arrays, strings and comments that hold brackets.
    @Test func validTOMLPassesThePreflight() {
        let text = """
        a = [
          [1, 2],
          ["[", "]"],
        ]
        b = \"\"\"
        [,not a header
        \"\"\"
        c = { d = [1] } # [, a comment
        [e]
        [[f]]
        [ "g h" . i ]
        """
        #expect(TOMLPreflight.problem(in: text) == nil)
    }

    /// A roster file that is a device or a named pipe is named as such (it would read forever or block),
    /// not reported as a permission problem.
    @Test func aRosterFileThatIsNoFileIsNamed() throws {
        do { _ = try RosterCSV.read(URL(fileURLWithPath: "/dev/zero")); Issue.record("read /dev/zero") } catch {
            #expect(error.description.contains("it is a device, not a roster file"), "\(error)")
        }
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        defer { try? FileManager.default.removeItem(at: fifo) }
        do { _ = try RosterCSV.read(fifo); Issue.record("read a named pipe") } catch {
            #expect(error.description.contains("it is a named pipe, not a roster file"), "\(error)")
        }
    }
}
