import Foundation
import RosterCore

/// What the calendars already written say, so that the next export updates them correctly (RFC 5545
/// §3.8.7.4): an unchanged shift keeps its SEQUENCE (its event stays byte-identical apart from DTSTAMP),
/// a moved shift keeps its UID and raises its SEQUENCE, a shift that went away is sent again as
/// `STATUS:CANCELLED` with a raised SEQUENCE, a new shift starts at 0.
///
/// Kept as `calendar-state.json` in two places: in every export folder (what that folder's calendars
/// last said, whatever roster they came from — a `resolve`, a fresh `solve`, a hand-edited file), and
/// beside a re-rostered version (what the calendars of its chain say after it, for a first export into
/// an empty folder). An export starts from the folder's state, else the version's, else nothing.
public struct CalendarState: Codable, Sendable, Equatable {
    /// One event as the calendars show it.
    public struct Event: Codable, Sendable, Equatable {
        public var sequence: Int
        /// The shift the event showed (nil only in states written by roster before 2026-12: the shift
        /// of the roster the state lies beside).
        public var shift: Shift?
        public var cancelled: Bool

        public init(sequence: Int, shift: Shift?, cancelled: Bool) {
            self.sequence = sequence
            self.shift = shift
            self.cancelled = cancelled
        }
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

        /// What the calendar shows: times and shift; a changed display name alone is no reason to re-send.
        func sameEvent(as o: Shift) -> Bool {
            agentID == o.agentID && date == o.date && shiftName == o.shiftName && start == o.start && end == o.end
                && breakStart == o.breakStart && breakEnd == o.breakEnd
        }

        var rosterShift: RosterShift? {
            guard let d = LocalDate(iso: date) else { return nil }
            return RosterShift(agentID: agentID, agentName: agentName, date: d, shiftName: shiftName,
                               start: Date(timeIntervalSince1970: start), end: Date(timeIntervalSince1970: end),
                               breakStart: breakStart.map(Date.init(timeIntervalSince1970:)),
                               breakEnd: breakEnd.map(Date.init(timeIntervalSince1970:)))
        }
    }

    /// The calendar id the UIDs were made from (nil in states written before 2026-12).
    public var calendarID: String?
    /// Every event the calendars carry, live or cancelled, by UID.
    public var events: [String: Event] = [:]

    public init(calendarID: String? = nil, events: [String: Event] = [:]) {
        self.calendarID = calendarID
        self.events = events
    }

    public static let fileName = "calendar-state.json"

    /// The SEQUENCE of a live or cancelled event (0 for one never written).
    func sequence(of uid: String) -> Int { events[uid]?.sequence ?? 0 }

    /// Events sent as cancelled, in UID order.
    var cancelled: [(uid: String, event: Event)] {
        events.filter { $0.value.cancelled }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The state after the calendars are brought to `roster`'s shifts. Only the events of `agents` (nil:
    /// every agent — the whole roster was exported) on `dates` (ISO dates, nil: every date; a roster
    /// speaks for its horizon only, so a two-week surge roster leaves weeks 3–4 of the four-week one as
    /// they were) are touched; a single agent's export leaves the others' events alone.
    public func advanced(to roster: Roster, calendarID: String, agents: Set<String>? = nil,
                         dates: ClosedRange<String>? = nil) -> CalendarState {
        var next = CalendarState(calendarID: calendarID, events: [:])
        let inScope: (Shift) -> Bool = { s in (agents?.contains(s.agentID) ?? true) && (dates?.contains(s.date) ?? true) }
        var live = Set<String>()
        for (uid, s) in zip(ICalendarExport.uids(roster.shifts, calendarID: calendarID), roster.shifts) where inScope(Shift(s)) {
            live.insert(uid)
            let shift = Shift(s)
            guard let before = events[uid] else {
                next.events[uid] = Event(sequence: 0, shift: shift, cancelled: false)
                continue
            }
            // Unknown old content (an old state) is taken to be this roster's: it lay beside it.
            let same = !before.cancelled && (before.shift.map { $0.sameEvent(as: shift) } ?? true)
            next.events[uid] = Event(sequence: same ? before.sequence : before.sequence + 1, shift: shift, cancelled: false)
        }
        for (uid, e) in events where !live.contains(uid) {
            guard let shift = e.shift, inScope(shift), !e.cancelled else {
                if e.shift != nil { next.events[uid] = e }   // out of scope, or already cancelled: unchanged
                continue
            }
            next.events[uid] = Event(sequence: e.sequence + 1, shift: shift, cancelled: true)
        }
        return next
    }

    /// What the calendars of `roster` say when nothing was written before.
    public static func initial(_ roster: Roster, calendarID: String) -> CalendarState {
        CalendarState().advanced(to: roster, calendarID: calendarID)
    }

    /// The dates a roster of `grid` speaks for: its horizon and the eve before it (night shifts that
    /// start on the eve run into the first day), as ISO dates.
    public static func dates(of grid: TimeGrid) -> ClosedRange<String> {
        grid.startDate.adding(days: -1).description...grid.startDate.adding(days: grid.days - 1).description
    }

    /// Live events in this state whose UID the given calendar id would not make: calendars written
    /// under another calendar id (e.g. before `calendar_id` was set, or from another scenario folder).
    public func liveEvents(notMadeWith calendarID: String) -> Int {
        guard let own = self.calendarID, own != calendarID else { return 0 }
        return events.values.filter { !$0.cancelled }.count
    }

    public static func read(from directory: URL) throws(OutputInputError) -> CalendarState? {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw OutputInputError("cannot read \(url.path): \(error.localizedDescription)")
        }
        do { return try JSONDecoder().decode(CalendarState.self, from: data) } catch {
            throw OutputInputError("\(url.path) is not a calendar state written by roster; move it away to start the calendars afresh (every event is then sent anew)")
        }
    }

    /// The JSON text of `calendar-state.json`; a failure to encode is an error, not an empty object.
    public func encoded() throws(JSONEncodeError) -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try JSONOutput.encode(self, as: Self.fileName, with: e)
    }

    // The state files of earlier releases (`sequences` of live events, `cancelled` with their shifts)
    // are still read.
    private enum CodingKeys: String, CodingKey { case calendarID, events, sequences, cancelled }
    private struct LegacyCancelled: Codable { var uid: String; var sequence: Int; var shift: Shift }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        calendarID = try c.decodeIfPresent(String.self, forKey: .calendarID)
        if let events = try c.decodeIfPresent([String: Event].self, forKey: .events) {
            self.events = events
            return
        }
        let sequences = try c.decode([String: Int].self, forKey: .sequences)
        let cancelled = try c.decodeIfPresent([LegacyCancelled].self, forKey: .cancelled) ?? []
        for (uid, n) in sequences { events[uid] = Event(sequence: n, shift: nil, cancelled: false) }
        for x in cancelled { events[x.uid] = Event(sequence: x.sequence, shift: x.shift, cancelled: true) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(calendarID, forKey: .calendarID)
        try c.encode(events, forKey: .events)
    }
}
