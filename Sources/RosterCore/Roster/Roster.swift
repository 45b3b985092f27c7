import Foundation

/// One shift of one agent: real start and end instants, with the break inside it.
public struct RosterShift: Sendable, Hashable, Codable {
    public var agentID: String
    public var agentName: String
    /// The local date the shift belongs to (the date it starts on).
    public var date: LocalDate
    /// The template's name (e.g. "Day", "Night").
    public var shiftName: String
    public var start: Date
    public var end: Date
    public var breakStart: Date?
    public var breakEnd: Date?

    public init(agentID: String, agentName: String, date: LocalDate, shiftName: String, start: Date, end: Date,
                breakStart: Date? = nil, breakEnd: Date? = nil) {
        self.agentID = agentID
        self.agentName = agentName
        self.date = date
        self.shiftName = shiftName
        self.start = start
        self.end = end
        self.breakStart = breakStart
        self.breakEnd = breakEnd
    }

    /// Paid minutes: the span less the break.
    public var paidMinutes: Double {
        let span = end.timeIntervalSince(start) / 60
        guard let b0 = breakStart, let b1 = breakEnd else { return span }
        return span - b1.timeIntervalSince(b0) / 60
    }

    /// Whether the agent is on the line (working, not on break) at an instant.
    public func isOnLine(at t: Date) -> Bool {
        guard t >= start, t < end else { return false }
        if let b0 = breakStart, let b1 = breakEnd, t >= b0, t < b1 { return false }
        return true
    }

    /// Seconds of a span [from, to) during which the agent is on the line.
    public func secondsOnLine(from: Date, to: Date) -> Double {
        var s = max(0, min(end, to).timeIntervalSince(max(start, from)))
        if let b0 = breakStart, let b1 = breakEnd {
            s -= max(0, min(b1, to, end).timeIntervalSince(max(b0, from, start)))
        }
        return max(0, s)
    }
}

/// A roster: every shift of every agent over the horizon, in the team's zone.
public struct Roster: Sendable, Hashable {
    public var teamName: String
    public var timeZoneIdentifier: String
    public var shifts: [RosterShift]

    public init(teamName: String, timeZoneIdentifier: String, shifts: [RosterShift]) {
        self.teamName = teamName
        self.timeZoneIdentifier = timeZoneIdentifier
        self.shifts = shifts.sorted { ($0.start, $0.agentID) < ($1.start, $1.agentID) }
    }

    public func shifts(of agentID: String) -> [RosterShift] { shifts.filter { $0.agentID == agentID } }

    /// The shifts that overlap the horizon of a grid (a roster of a longer period, cut to a scenario).
    public func within(_ grid: TimeGrid) -> Roster {
        Roster(teamName: teamName, timeZoneIdentifier: timeZoneIdentifier,
               shifts: shifts.filter { $0.end > grid.horizonStart && $0.start < grid.horizonEnd })
    }
}
