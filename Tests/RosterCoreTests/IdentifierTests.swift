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
}
