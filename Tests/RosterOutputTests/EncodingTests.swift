import Foundation
@testable import RosterCore
@testable import RosterOutput
import Testing

/// JSON files are written whole or refused with an error; never as an empty object.
@Suite struct EncodingTests {
    func info(shortfallAfter: Double) -> VersionInfo {
        VersionInfo(parent: "roster-1/roster.csv", cutoff: "2026-03-28T08:00:00+01:00",
                    diff: RosterDiff(old: Fixture.roster, new: Fixture.roster),
                    shortfallBefore: 12.5, shortfallAfter: shortfallAfter, costs: ChangeCosts())
    }

    @Test func versionInfoRoundTrips() throws {
        let original = info(shortfallAfter: 3)
        let data = try original.encoded()
        #expect(try JSONDecoder().decode(VersionInfo.self, from: data) == original)
    }

    @Test func aNumberJSONCannotHoldIsAnErrorNotAnEmptyObject() throws {
        let error = #expect(throws: JSONEncodeError.self) { try info(shortfallAfter: .nan).encoded() }
        guard case .cannotEncode(let what, let reason)? = error else { Issue.record("no error"); return }
        #expect(what == "version.json")
        #expect(reason.contains("shortfallAfter"), "\(reason)")
        #expect(error?.description.hasPrefix("cannot encode version.json as JSON: ") == true)
    }

    @Test func calendarStateRoundTrips() throws {
        let state = CalendarState.initial(Fixture.roster, calendarID: "line").advanced(to: Fixture.roster, calendarID: "line")
        let data = try state.encoded()
        #expect(data.count > 2)
        #expect(try JSONDecoder().decode(CalendarState.self, from: data) == state)
    }
}
