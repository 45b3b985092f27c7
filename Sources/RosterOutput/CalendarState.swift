import Foundation
import RosterCore

/// What calendars already published say, so a re-export updates them correctly (RFC 5545 §3.8.7.4):
/// an unchanged shift keeps its SEQUENCE (its event stays byte-identical apart from DTSTAMP), a moved
/// shift keeps its UID and raises its SEQUENCE, a removed shift is sent again as `STATUS:CANCELLED`
/// with a raised SEQUENCE. Kept as `calendar-state.json` beside each roster version.
public struct CalendarState: Codable, Sendable, Equatable {
    struct Cancelled: Codable, Sendable, Equatable {
        var uid: String
        var sequence: Int
        var shift: Shift
    }
    /// A shift as the calendar showed it.
    public struct Shift: Codable, Sendable, Equatable {
        var agentID: String
        var agentName: String
        public var date: String
        var shiftName: String
        var start: Double
        var end: Double
        var breakStart: Double?
        var breakEnd: Double?

        init(_ s: RosterShift) {
            agentID = s.agentID
            agentName = s.agentName
            date = s.date.description
            shiftName = s.shiftName
            start = s.start.timeIntervalSince1970
            end = s.end.timeIntervalSince1970
            breakStart = s.breakStart?.timeIntervalSince1970
            breakEnd = s.breakEnd?.timeIntervalSince1970
        }

        var rosterShift: RosterShift? {
            guard let d = LocalDate(iso: date) else { return nil }
            return RosterShift(agentID: agentID, agentName: agentName, date: d, shiftName: shiftName,
                               start: Date(timeIntervalSince1970: start), end: Date(timeIntervalSince1970: end),
                               breakStart: breakStart.map(Date.init(timeIntervalSince1970:)),
                               breakEnd: breakEnd.map(Date.init(timeIntervalSince1970:)))
        }
    }

    /// SEQUENCE of every live event, by UID (absent: 0).
    var sequences: [String: Int] = [:]
    /// Events of earlier versions whose shift is gone.
    var cancelled: [Cancelled] = []

    public init() {}

    public static let fileName = "calendar-state.json"

    /// The state of `current`, given the roster the calendars showed before and its state.
    public static func after(previous: Roster, previousState: CalendarState, current: Roster, team: String) -> CalendarState {
        let old = Dictionary(zip(ICalendarExport.uids(previous.shifts, team: team), previous.shifts), uniquingKeysWith: { a, _ in a })
        var state = CalendarState()
        var live = Set<String>()
        for (uid, s) in zip(ICalendarExport.uids(current.shifts, team: team), current.shifts) {
            live.insert(uid)
            let before = previousState.sequences[uid] ?? previousState.cancelled.first { $0.uid == uid }.map(\.sequence) ?? 0
            if let o = old[uid] {
                state.sequences[uid] = Shift(o) == Shift(s) ? before : before + 1
            } else if previousState.cancelled.contains(where: { $0.uid == uid }) {
                state.sequences[uid] = before + 1          // a cancelled shift comes back
            } else {
                state.sequences[uid] = 0
            }
        }
        for (uid, s) in old where !live.contains(uid) {
            state.cancelled.append(Cancelled(uid: uid, sequence: (previousState.sequences[uid] ?? 0) + 1, shift: Shift(s)))
        }
        for c in previousState.cancelled where !live.contains(c.uid) && old[c.uid] == nil {
            state.cancelled.append(c)                      // still cancelled: unchanged
        }
        state.cancelled.sort { $0.uid < $1.uid }
        return state
    }

    public static func read(from directory: URL) -> CalendarState? {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent(fileName)) else { return nil }
        return try? JSONDecoder().decode(CalendarState.self, from: data)
    }

    /// The JSON text of `calendar-state.json`; a failure to encode is an error, not an empty object.
    public func encoded() throws(JSONEncodeError) -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try JSONOutput.encode(self, as: Self.fileName, with: e)
    }
}
