import Foundation
import RosterCore

/// RFC 5545 content lines, written by hand (no Swift package on the list writes iCalendar).
///
/// CRLF line ends; lines folded at 75 octets, never inside a UTF-8 character (a continuation line
/// starts with one space, so it holds at most 74 octets of content); TEXT values escaped.
public struct ICalendarWriter: Sendable {
    public private(set) var text = ""
    init() {}

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks.
    static func escapeText(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                // Control characters other than HTAB are not allowed in a value.
                if (ch.value < 0x20 && ch != "\t") || ch.value == 0x7F { out += " " } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    /// A logical line folded into physical lines of at most 75 octets, each ending in CRLF.
    static func fold(_ line: String) -> String {
        var out = ""
        var current = 0
        let limit = 75
        for ch in line {
            let n = String(ch).utf8.count
            if current + n > limit {
                out += "\r\n "
                current = 1
            }
            if n > limit - 1 {
                // One character longer than a line (a very long grapheme cluster): fold between its scalars.
                for sc in ch.unicodeScalars {
                    let m = String(sc).utf8.count
                    if current + m > limit { out += "\r\n "; current = 1 }
                    out.unicodeScalars.append(sc)
                    current += m
                }
                continue
            }
            out.append(ch)
            current += n
        }
        return out + "\r\n"
    }

    /// A property: `NAME;PARAM=V:value` (the value already in its final form, TEXT escaped by the caller).
    mutating func line(_ name: String, _ value: String, params: [(String, String)] = []) {
        var l = name
        for (k, v) in params { l += ";\(k)=\(v)" }
        text += Self.fold(l + ":" + value)
    }

    mutating func textProperty(_ name: String, _ value: String) { line(name, Self.escapeText(value)) }
    mutating func begin(_ component: String) { line("BEGIN", component) }
    mutating func end(_ component: String) { line("END", component) }

    /// `YYYYMMDDTHHMMSSZ`.
    static func utc(_ t: Date) -> String {
        let secs = Int(t.timeIntervalSince1970.rounded(.down))
        let day = Int((Double(secs) / 86_400).rounded(.down))
        let rest = secs - day * 86_400
        let d = LocalDate(dayNumber: day)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", d.year, d.month, d.day, rest / 3600, (rest % 3600) / 60, rest % 60)
    }

    /// `YYYYMMDDTHHMMSS` for a wall-clock time given as seconds since 1970 in local time.
    static func wall(seconds: Int) -> String {
        let day = Int((Double(seconds) / 86_400).rounded(.down))
        let rest = seconds - day * 86_400
        let d = LocalDate(dayNumber: day)
        return String(format: "%04d%02d%02dT%02d%02d%02d", d.year, d.month, d.day, rest / 3600, (rest % 3600) / 60, rest % 60)
    }

    /// `+0800`, `-0330`, `+053728` (seconds only when needed).
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let a = abs(seconds)
        return a % 60 == 0 ? String(format: "%@%02d%02d", sign, a / 3600, (a % 3600) / 60)
            : String(format: "%@%02d%02d%02d", sign, a / 3600, (a % 3600) / 60, a % 60)
    }
}

/// A VTIMEZONE for an IANA zone over a span of time, from Foundation's time-zone data: one observance
/// (STANDARD or DAYLIGHT) for the offset in force at the start of the span, and one for every transition
/// inside it. A zone without transitions (Asia/Shanghai) gets a single STANDARD.
public enum VTimeZone {
    public struct Observance: Sendable, Equatable {
        var daylight: Bool
        /// Wall-clock onset in the offset before it (`YYYYMMDDTHHMMSS`).
        var start: String
        var offsetFrom: Int
        var offsetTo: Int
        public var name: String?
    }

    static func observances(for zone: TimeZone, from spanStart: Date, to spanEnd: Date) -> [Observance] {
        func name(_ t: Date) -> String? {
            // Foundation on Linux names zones without a letter abbreviation "GMT+8": say nothing then.
            guard let n = zone.abbreviation(for: t), !n.isEmpty, !n.hasPrefix("GMT+"), !n.hasPrefix("GMT-"), n.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" }) else { return nil }
            return n
        }
        // Transitions from a year before the span (to find the one in force at its start) to its end.
        var transitions: [Date] = []
        var t = spanStart.addingTimeInterval(-400 * 86_400)
        while let next = zone.nextDaylightSavingTimeTransition(after: t), next <= spanEnd, transitions.count < 1000 {
            transitions.append(next)
            t = next
        }
        var result: [Observance] = []
        func observance(at transition: Date) -> Observance {
            let from = zone.secondsFromGMT(for: transition.addingTimeInterval(-1)), to = zone.secondsFromGMT(for: transition)
            let onset = Int(transition.timeIntervalSince1970.rounded()) + from
            return Observance(daylight: zone.isDaylightSavingTime(for: transition), start: ICalendarWriter.wall(seconds: onset),
                              offsetFrom: from, offsetTo: to, name: name(transition))
        }
        if let inForce = transitions.last(where: { $0 <= spanStart }) {
            result.append(observance(at: inForce))
        } else {
            let o = zone.secondsFromGMT(for: spanStart)
            result.append(Observance(daylight: zone.isDaylightSavingTime(for: spanStart), start: "19700101T000000",
                                     offsetFrom: o, offsetTo: o, name: name(spanStart)))
        }
        for tr in transitions where tr > spanStart { result.append(observance(at: tr)) }
        return result
    }

    public static func write(_ zone: TimeZone, from: Date, to: Date, into w: inout ICalendarWriter) {
        w.begin("VTIMEZONE")
        w.line("TZID", zone.identifier)
        for o in observances(for: zone, from: from, to: to) {
            let kind = o.daylight ? "DAYLIGHT" : "STANDARD"
            w.begin(kind)
            w.line("DTSTART", o.start)
            w.line("TZOFFSETFROM", ICalendarWriter.offset(o.offsetFrom))
            w.line("TZOFFSETTO", ICalendarWriter.offset(o.offsetTo))
            if let n = o.name { w.textProperty("TZNAME", n) }
            w.end(kind)
        }
        w.end("VTIMEZONE")
    }
}

/// Calendar files of a roster: one per agent and one for the team.
public struct ICalendarExport: Sendable {
    let context: RosterContext
    /// DTSTAMP of every event (the time of export; fixed in tests).
    let stamp: Date
    static let productID = "-//roster//roster shift calendar 1.0//EN"

    /// The events the calendars carry after this export: sequences and cancelled events (empty: a
    /// first export, every event at SEQUENCE 0). `write` computes it from what the folder last said.
    var state: CalendarState
    /// Also an all-day event for each run of leave days (`export ical --leave`).
    let includeLeave: Bool

    public init(context: RosterContext, stamp: Date, state: CalendarState = CalendarState(), includeLeave: Bool = false) {
        self.context = context
        self.stamp = stamp
        self.state = state
        self.includeLeave = includeLeave
    }

    /// The shift name that marks a leave entry among the shifts a calendar carries (no template can
    /// have it: names are printable).
    static let leaveMarker = "\u{1F}leave"

    /// Each run of an agent's leave days in the horizon as a calendar entry: a "shift" from the first
    /// day's local midnight to the midnight after the last, marked `leaveMarker`; empty without `includeLeave`.
    func leaveEntries(of agentIDs: [String]) -> [RosterShift] {
        guard includeLeave else { return [] }
        let names = Dictionary(context.agents.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return agentIDs.flatMap { id in
            context.leave(of: id).map { run in
                RosterShift(agentID: id, agentName: names[id] ?? id, date: run.lowerBound, shiftName: Self.leaveMarker,
                            start: context.clock.startOfDay(run.lowerBound), end: context.clock.startOfDay(run.upperBound.adding(days: 1)))
            }
        }
    }

    /// The UID of an agent's shift: from the line's calendar id (`calendar_id` in team.toml), the agent
    /// id, the shift's date and its ordinal among the agent's shifts of that date — never from a display
    /// name or the shift's times, so it survives a renamed team, a surge variant and a moved shift.
    static func uid(calendarID: String, agentID: String, date: LocalDate, ordinal: Int) -> String {
        StableHash.hex128("roster-shift\u{1F}\(calendarID)\u{1F}\(agentID)\u{1F}\(date)\u{1F}\(ordinal)") + "@roster"
    }

    /// UIDs of every shift of the roster, in roster order.
    func uids(_ shifts: [RosterShift]) -> [String] { Self.uids(shifts, calendarID: context.scenario.calendarID) }

    /// UIDs of shifts (in start order per agent and date), as every export computes them.
    static func uids(_ shifts: [RosterShift], calendarID: String) -> [String] {
        var seen: [String: Int] = [:]
        return shifts.map { s in
            // A leave entry: one per agent and first day, apart from the shifts' ordinals.
            if s.shiftName == leaveMarker {
                return StableHash.hex128("roster-leave\u{1F}\(calendarID)\u{1F}\(s.agentID)\u{1F}\(s.date)") + "@roster"
            }
            let key = "\(s.agentID)\u{1F}\(s.date)"
            let n = seen[key, default: 0]
            seen[key] = n + 1
            return uid(calendarID: calendarID, agentID: s.agentID, date: s.date, ordinal: n)
        }
    }

    /// `DTSTART;TZID=Zone:local` when the local time names the instant unambiguously, else UTC.
    func dateTime(_ name: String, _ t: Date, into w: inout ICalendarWriter) {
        let clock = context.clock
        let local = clock.localDateTime(of: t)
        let seconds = Int(t.timeIntervalSince1970.rounded(.down))
        if clock.instant(local) == Date(timeIntervalSince1970: Double(seconds - seconds % 60)) {
            let wall = seconds + clock.utcOffset(at: t)
            w.line(name, ICalendarWriter.wall(seconds: wall), params: [("TZID", clock.identifier)])
        } else {
            // The second occurrence of a repeated autumn hour: a local time would mean the first one.
            w.line(name, ICalendarWriter.utc(t))
        }
    }

    func event(_ s: RosterShift, uid: String, teamCalendar: Bool, cancelled: Bool = false, sequence: Int? = nil,
               into w: inout ICalendarWriter) {
        if s.shiftName == Self.leaveMarker {
            leaveEvent(s, uid: uid, teamCalendar: teamCalendar, cancelled: cancelled, sequence: sequence, into: &w)
            return
        }
        let team = context.scenario.team.name
        let text = context.timeText
        let m = context.m
        let name = context.agents.first(where: { $0.id == s.agentID })?.name ?? s.agentName
        w.begin("VEVENT")
        w.line("UID", ICalendarWriter.escapeText(uid))
        w.line("DTSTAMP", ICalendarWriter.utc(stamp))
        dateTime("DTSTART", s.start, into: &w)
        dateTime("DTEND", s.end, into: &w)
        w.line("SEQUENCE", String(sequence ?? state.sequence(of: uid)))
        let shown = m.eventSummary(shift: s.shiftName, code: context.code(of: s), team: team, agent: teamCalendar ? name : nil)
        // A cancelled event says so in its title too: some clients keep showing it, struck through or not.
        let summary = cancelled ? m.cancelledPrefix + shown : shown
        w.textProperty("SUMMARY", summary)
        let description = m.eventDescription(shift: s.shiftName, code: context.code(of: s), agent: name, id: s.agentID, team: team,
                                             time: "\(text.day(s.date)) \(text.span(s))", zone: context.clock.identifier,
                                             breakSpan: text.breakSpan(s), paid: m.hours(s.paidMinutes))
        w.textProperty("DESCRIPTION", description)
        // CATEGORIES is a list: each value escaped, joined by unescaped commas.
        w.line("CATEGORIES", (context.isNight(s) ? ["Shift", "Night"] : ["Shift"]).map(ICalendarWriter.escapeText).joined(separator: ","))
        w.line("TRANSP", "OPAQUE")
        w.line("STATUS", cancelled ? "CANCELLED" : "CONFIRMED")
        w.end("VEVENT")
    }

    /// An all-day event (RFC 5545 §3.6.1: DATE values, DTEND the day after the last) that does not block time.
    func leaveEvent(_ s: RosterShift, uid: String, teamCalendar: Bool, cancelled: Bool, sequence: Int?, into w: inout ICalendarWriter) {
        let m = context.m
        let name = context.agents.first(where: { $0.id == s.agentID })?.name ?? s.agentName
        let first = context.clock.localDateTime(of: s.start).date
        let after = context.clock.localDateTime(of: s.end).date
        func day(_ d: LocalDate) -> String { String(format: "%04d%02d%02d", d.year, d.month, d.day) }
        w.begin("VEVENT")
        w.line("UID", ICalendarWriter.escapeText(uid))
        w.line("DTSTAMP", ICalendarWriter.utc(stamp))
        w.line("DTSTART", day(first), params: [("VALUE", "DATE")])
        w.line("DTEND", day(after), params: [("VALUE", "DATE")])
        w.line("SEQUENCE", String(sequence ?? state.sequence(of: uid)))
        let shown = m.leaveSummary(agent: teamCalendar ? name : nil, team: context.scenario.team.name)
        w.textProperty("SUMMARY", cancelled ? m.cancelledPrefix + shown : shown)
        w.textProperty("DESCRIPTION", m.leaveDescription(agent: name, id: s.agentID, from: first.description, to: after.adding(days: -1).description))
        w.line("CATEGORIES", "Leave")
        w.line("TRANSP", "TRANSPARENT")
        w.line("STATUS", cancelled ? "CANCELLED" : "CONFIRMED")
        w.end("VEVENT")
    }

    func calendar(name: String, shifts: [RosterShift], teamCalendar: Bool, calendarAgent: String? = nil) -> String {
        var w = ICalendarWriter()
        w.begin("VCALENDAR")
        w.line("VERSION", "2.0")
        w.line("PRODID", ICalendarWriter.escapeText(Self.productID))
        w.line("CALSCALE", "GREGORIAN")
        w.textProperty("X-WR-CALNAME", name)
        w.textProperty("X-WR-TIMEZONE", context.clock.identifier)
        // Shifts of earlier calendars that are gone: sent as cancelled, so calendars remove them.
        let gone = state.cancelled.compactMap { c -> (uid: String, sequence: Int, shift: RosterShift)? in
            guard let s = c.event.shift?.rosterShift, teamCalendar || calendarAgent == s.agentID else { return nil }
            return (c.uid, c.event.sequence, s)
        }
        let starts = shifts.map(\.start) + gone.map(\.shift.start)
        let ends = shifts.map(\.end) + gone.map(\.shift.end)
        let from = starts.min() ?? context.scenario.grid.horizonStart
        let to = ends.max() ?? context.scenario.grid.horizonEnd
        VTimeZone.write(context.clock.timeZone, from: from, to: to, into: &w)
        let ids = uids(shifts)
        for (s, uid) in zip(shifts, ids) { event(s, uid: uid, teamCalendar: teamCalendar, into: &w) }
        for g in gone { event(g.shift, uid: g.uid, teamCalendar: teamCalendar, cancelled: true, sequence: g.sequence, into: &w) }
        w.end("VCALENDAR")
        return w.text
    }

    /// One agent's calendar.
    func agentCalendar(_ agent: Agent) -> String {
        calendar(name: context.m.calendarName(agent: agent.name, id: agent.id, team: context.scenario.team.name),
                 shifts: context.shifts(of: agent.id) + leaveEntries(of: [agent.id]), teamCalendar: false, calendarAgent: agent.id)
    }

    /// The whole team's calendar: every shift, titled with the agent's name.
    func teamCalendar() -> String {
        calendar(name: context.m.teamCalendarName(context.scenario.team.name),
                 shifts: context.roster.shifts + leaveEntries(of: context.agents.map(\.id)), teamCalendar: true)
    }

    /// File name of an agent's calendar: `agent-<id>.ics`, sanitized (see `SafeFileName`).
    public static func fileName(for agent: Agent) -> String { "agent-" + SafeFileName.make(agent.id) + ".ics" }
    static let teamFileName = "team.ics"

    /// What an export into a folder did: the files written and notes for the user.
    public struct Written: Sendable {
        public var files: [URL]
        /// Events sent again as cancelled, raised (moved shifts) and new in this export.
        public var cancelled = 0, updated = 0, added = 0
        public var notes: [String] = []
    }

    /// Writes the calendars (one agent, or every agent and the team) into `directory` (created if
    /// needed), with the folder's `calendar-state.json`, all or none (`AtomicFile.writeAll`): a full disk
    /// leaves every earlier calendar as it was and no temporary file behind.
    ///
    /// The folder remembers what its calendars last said, so any later export — of a re-rostered
    /// version, a fresh solve or a hand-edited roster — updates moved shifts (SEQUENCE raised), cancels
    /// shifts that went away and adds new ones. A folder without a state starts from `versionState`
    /// (what a re-rostered version's chain published), else from nothing.
    public func write(agents: [Agent], team: Bool, to directory: URL, versionState: CalendarState? = nil) throws(OutputInputError) -> Written {
        var isDir: ObjCBool = false
        let created = !FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir)
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw OutputInputError("cannot create \(directory.path): \(error.localizedDescription)", isWriteFailure: true)
        }
        // One export into a folder at a time (two exports would mix their calendars and their state).
        let lock: FolderLock?
        do { lock = try FolderLock.acquire(directory) } catch { throw OutputInputError(error.description) }
        defer { lock?.release() }
        let calendarID = context.scenario.calendarID
        let prior: CalendarState
        do { prior = try CalendarState.read(from: directory) ?? versionState ?? CalendarState() } catch {
            if created { rmdir(directory.path) }
            throw error
        }
        let scope: Set<String>? = team ? nil : Set(agents.map(\.id))
        var export = self
        // The calendars carry the roster's shifts and, with --leave, each run of leave days.
        let carried = Roster(teamName: context.roster.teamName, timeZoneIdentifier: context.roster.timeZoneIdentifier,
                             shifts: context.roster.shifts + leaveEntries(of: context.agents.map(\.id)))
        export.state = prior.advanced(to: carried, calendarID: calendarID, agents: scope,
                                      dates: CalendarState.dates(of: context.scenario.grid))
        var written = Written(files: [])
        for (uid, e) in export.state.events {
            let before = prior.events[uid]
            if e.cancelled { if before?.cancelled != true { written.cancelled += 1 } }
            else if before == nil { written.added += 1 }
            else if e.sequence > before!.sequence { written.updated += 1 }
        }
        if let old = prior.calendarID, old != calendarID, prior.events.values.contains(where: { !$0.cancelled }) {
            written.notes.append("note: the calendars in \(directory.path) were written under calendar id \"\(old)\", this scenario's is \"\(calendarID)\": their events are cancelled and sent again under new UIDs; set calendar_id = \"\(old)\" in team.toml to keep them")
        }

        var files: [(data: Data, url: URL)] = []
        var used: Set<String> = [Self.teamFileName.lowercased(), CalendarState.fileName.lowercased()]
        for a in agents {
            var file = Self.fileName(for: a)
            var n = 2
            while used.contains(file.lowercased()) { file = "agent-" + SafeFileName.make(a.id) + "-\(n).ics"; n += 1 }
            used.insert(file.lowercased())
            let url = directory.appendingPathComponent(file)
            guard url.deletingLastPathComponent().standardizedFileURL.path == directory.standardizedFileURL.path else {
                throw OutputInputError("refusing to write outside \(directory.path): \(file)")
            }
            files.append((Data(export.agentCalendar(a).utf8), url))
        }
        if team {
            // Agents who left the roster keep a file that cancels what it showed.
            let here = Set(agents.map(\.id))
            var gone: [String: String] = [:]
            for (_, e) in export.state.cancelled { if let s = e.shift, !here.contains(s.agentID) { gone[s.agentID] = s.agentName } }
            for (id, name) in gone.sorted(by: { $0.key < $1.key }) {
                var file = "agent-" + SafeFileName.make(id) + ".ics"
                var n = 2
                while used.contains(file.lowercased()) { file = "agent-" + SafeFileName.make(id) + "-\(n).ics"; n += 1 }
                used.insert(file.lowercased())
                let text = export.calendar(name: context.m.calendarName(agent: name, id: id, team: context.scenario.team.name), shifts: [], teamCalendar: false, calendarAgent: id)
                files.append((Data(text.utf8), directory.appendingPathComponent(file)))
            }
            files.append((Data(export.teamCalendar().utf8), directory.appendingPathComponent(Self.teamFileName)))
        }
        written.files = files.map(\.url)
        do {
            files.append((try export.state.encoded(), directory.appendingPathComponent(CalendarState.fileName)))
        } catch { throw OutputInputError(error.description) }
        do { try AtomicFile.writeAll(files) } catch {
            if created { rmdir(directory.path) }
            throw OutputInputError(error.description, isWriteFailure: true)
        }
        return written
    }
}

/// File names made from agent ids or names that cannot leave the output folder: no path separators,
/// no `..`, no control characters, no leading dot or dash, at most 64 UTF-8 bytes; letters and digits
/// of any script are kept, anything else becomes `_`.
public enum SafeFileName {
    static func make(_ raw: String, maxBytes: Int = 64) -> String {
        var out = ""
        for ch in raw.precomposedStringWithCanonicalMapping {
            let ok = ch.unicodeScalars.allSatisfy { sc in
                sc.properties.isAlphabetic || sc.properties.numericType != nil || sc == "-" || sc == "_" || sc == "."
            } && !ch.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            out.append(ok ? ch : "_")
        }
        while out.contains("..") { out = out.replacingOccurrences(of: "..", with: "_") }
        while let f = out.first, f == "." || f == "-" { out.removeFirst(); out = "_" + out }
        if out.utf8.count > maxBytes {
            // Keep a readable prefix and a hash of the whole, so two long names stay apart.
            let hash = String(StableHash.hex128(raw).prefix(8))
            var cut = ""
            for ch in out { if cut.utf8.count + String(ch).utf8.count > maxBytes - 9 { break }; cut.append(ch) }
            out = cut + "-" + hash
        }
        if out.isEmpty || out.allSatisfy({ $0 == "_" }) { out = "agent_" + String(StableHash.hex128(raw).prefix(8)) }
        return out
    }
}
