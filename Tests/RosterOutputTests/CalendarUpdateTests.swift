import Foundation
@testable import RosterCore
@testable import RosterOutput
import Testing

/// Re-exported calendars after a re-roster: unchanged events stay byte-identical apart from DTSTAMP,
/// a moved shift keeps its UID and raises SEQUENCE, a removed one is sent as CANCELLED.
@Suite struct CalendarUpdateTests {
    /// The fixture roster with a2's Saturday day shift moved two hours later and a3's Monday day shift removed.
    func changedRoster() -> Roster {
        var shifts = Fixture.roster.shifts
        let moved = shifts.firstIndex { $0.agentID == "a2" && $0.date == Fixture.date("2026-03-28") }!
        shifts[moved] = Fixture.shift("a2", "Anna Müller", "Day", "2026-03-28T10:00", minutes: 480)
        shifts.removeAll { $0.agentID == "a3" && $0.date == Fixture.date("2026-03-30") }
        return Roster(teamName: Fixture.scenario.team.name, timeZoneIdentifier: "Europe/Berlin", shifts: shifts)
    }

    /// VEVENT blocks by UID, with DTSTAMP lines removed.
    func events(_ ics: String) -> [String: String] {
        var result: [String: String] = [:]
        for block in ics.components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst() {
            let body = block.components(separatedBy: "END:VEVENT\r\n")[0]
            let lines = body.components(separatedBy: "\r\n").filter { !$0.hasPrefix("DTSTAMP:") }
            guard let uid = lines.first(where: { $0.hasPrefix("UID:") }) else { continue }
            result[String(uid.dropFirst(4))] = lines.joined(separator: "\r\n")
        }
        return result
    }

    let calendarID = "test-line"

    @Test func sequencesFollowTheChanges() throws {
        let first = CalendarState.initial(Fixture.roster, calendarID: calendarID)
        let state = first.advanced(to: changedRoster(), calendarID: calendarID)
        let uids = ICalendarExport.uids(changedRoster().shifts, calendarID: calendarID)
        let byShift = Dictionary(zip(changedRoster().shifts.map { "\($0.agentID) \($0.date)" }, uids), uniquingKeysWith: { a, _ in a })
        #expect(state.sequence(of: byShift["a2 2026-03-28"]!) == 1)
        #expect(state.sequence(of: byShift["a1 2026-03-27"]!) == 0)
        #expect(state.cancelled.count == 1)
        #expect(state.cancelled.first?.event.shift?.agentID == "a3")
        #expect(state.cancelled.first?.event.sequence == 1)
        // Moving a2's shift back raises its sequence again; a3's shift comes back above its cancellation.
        let third = state.advanced(to: Fixture.roster, calendarID: calendarID)
        #expect(third.sequence(of: byShift["a2 2026-03-28"]!) == 2)
        #expect(third.cancelled.isEmpty)
        let back = try #require(ICalendarExport.uids(Fixture.roster.shifts, calendarID: calendarID).first { uid in
            third.events[uid]?.shift?.agentID == "a3" && third.events[uid]?.shift?.date == "2026-03-30" })
        #expect(third.sequence(of: back) == 2)
        // Exporting the same roster again changes nothing.
        #expect(third.advanced(to: Fixture.roster, calendarID: calendarID) == third)
    }

    @Test func oneAgentsExportLeavesTheOthersAlone() {
        let first = CalendarState.initial(Fixture.roster, calendarID: calendarID)
        let onlyA2 = first.advanced(to: changedRoster(), calendarID: calendarID, agents: ["a2"])
        #expect(onlyA2.cancelled.isEmpty)                 // a3's removal is not a2's export's business
        #expect(onlyA2.events.values.filter { $0.sequence == 1 }.count == 1)
        let all = onlyA2.advanced(to: changedRoster(), calendarID: calendarID)
        #expect(all.cancelled.count == 1)
        #expect(all.events.values.filter { $0.sequence == 1 }.count == 2)   // a2's move (already sent) and a3's cancellation
    }

    @Test func uidsComeFromTheCalendarIDNotTheTeamName() {
        let a = ICalendarExport.uids(Fixture.roster.shifts, calendarID: "line-1")
        #expect(a == ICalendarExport.uids(Fixture.roster.shifts, calendarID: "line-1"))
        #expect(Set(a).isDisjoint(with: ICalendarExport.uids(Fixture.roster.shifts, calendarID: "line-2")))
        var renamed = Fixture.scenario
        renamed.team.name = "Another display name"
        renamed.team.calendarID = Fixture.scenario.calendarID
        #expect(ICalendarExport(context: RosterContext(scenario: renamed, roster: Fixture.roster), stamp: Fixture.stamp).uids(Fixture.roster.shifts)
                == ICalendarExport(context: Fixture.context, stamp: Fixture.stamp).uids(Fixture.roster.shifts))
    }

    @Test func stateFilesOfEarlierReleasesAreRead() throws {
        let legacy = #"{"sequences":{"u1@roster":2,"u2@roster":0},"cancelled":[{"uid":"u3@roster","sequence":1,"shift":{"agentID":"a1","agentName":"A","date":"2026-03-27","shiftName":"Day","start":0,"end":3600}}]}"#
        let state = try JSONDecoder().decode(CalendarState.self, from: Data(legacy.utf8))
        #expect(state.sequence(of: "u1@roster") == 2)
        #expect(state.events["u2@roster"]?.cancelled == false)
        #expect(state.cancelled.map(\.uid) == ["u3@roster"])
    }

    @Test func reExportedCalendarsUpdateExactlyWhatChanged() throws {
        let before = ICalendarExport(context: Fixture.context, stamp: Fixture.stamp).teamCalendar()
        let cid = Fixture.scenario.calendarID
        let state = CalendarState.initial(Fixture.roster, calendarID: cid).advanced(to: changedRoster(), calendarID: cid)
        let later = Fixture.stamp.addingTimeInterval(86_400)
        let after = ICalendarExport(context: RosterContext(scenario: Fixture.scenario, roster: changedRoster()), stamp: later, state: state).teamCalendar()
        let old = events(before), new = events(after)
        #expect(Set(old.keys) == Set(new.keys))     // the removed shift is still there, cancelled
        var unchanged = 0, moved = 0, cancelled = 0
        for (uid, event) in new {
            if event == old[uid] { unchanged += 1; continue }
            if event.contains("STATUS:CANCELLED") {
                cancelled += 1
                #expect(event.contains("SEQUENCE:1"))
                #expect(event.contains("SUMMARY:Cancelled: "))
            } else {
                moved += 1
                #expect(event.contains("SEQUENCE:1"))
                #expect(event.contains("DTSTART;TZID=Europe/Berlin:20260328T100000"))
            }
        }
        #expect(unchanged == Fixture.roster.shifts.count - 2)
        #expect(moved == 1 && cancelled == 1)
        #expect(after.contains("DTSTAMP:" + ICalendarWriter.utc(later)))
    }

    @Test func diffNamesAddedRemovedAndMovedShifts() {
        var shifts = changedRoster().shifts
        shifts.append(Fixture.shift("a3", "O'Brien, Pat; \"Paddy\"", "Day", "2026-03-31T07:00", minutes: 480))
        let diff = RosterDiff(old: Fixture.roster, new: Roster(teamName: "", timeZoneIdentifier: "", shifts: shifts))
        #expect(diff.count(.moved) == 1 && diff.count(.removed) == 1 && diff.count(.added) == 1)
        #expect(diff.unchanged == Fixture.roster.shifts.count - 2)
        let csv = DiffView.csv(diff, clock: Fixture.clock)
        #expect(csv.contains("moved,a2,Anna Müller,2026-03-28,Day,2026-03-28T08:00:00+01:00,2026-03-28T16:00:00+01:00,Day,2026-03-28T10:00:00+01:00"))
        #expect(csv.contains("removed,a3,"))
        #expect(csv.contains("added,a3,"))
    }
}
