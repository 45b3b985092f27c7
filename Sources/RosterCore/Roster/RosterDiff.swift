import Foundation

/// What each kind of change to a published shift costs in a re-roster (objective units; a shortfall of
/// one agent for one hour costs `weights.shortfall`, 100 by default).
public struct ChangeCosts: Sendable, Hashable, Codable {
    /// A shift kept on its day but starting at most an hour earlier or later (or only longer or shorter).
    public var smallMove: Double
    /// A shift kept on its day but moved by more than an hour.
    public var move: Double
    /// A published shift taken away (the agent gets the day off).
    public var removal: Double
    /// A published day off taken away (the agent gets a shift).
    public var dayOffTaken: Double

    public init(smallMove: Double = 5, move: Double = 20, removal: Double = 30, dayOffTaken: Double = 60) {
        self.smallMove = smallMove
        self.move = move
        self.removal = removal
        self.dayOffTaken = dayOffTaken
    }
}

/// How a new roster differs from an old one, agent by agent (a shift is identified by agent and date).
public struct RosterDiff: Sendable {
    public enum Kind: String, Sendable, Codable { case added, removed, moved }
    public struct Change: Sendable, Hashable {
        public var kind: Kind
        public var agentID: String
        public var date: LocalDate
        public var old: RosterShift?
        public var new: RosterShift?
    }

    public let changes: [Change]
    public let unchanged: Int

    public init(old: Roster, new: Roster, from cutoff: Date? = nil) {
        struct Key: Hashable { let agent: String; let date: LocalDate }
        func index(_ r: Roster) -> [Key: [RosterShift]] {
            Dictionary(grouping: r.shifts.filter { cutoff == nil || $0.start >= cutoff! }) { Key(agent: $0.agentID, date: $0.date) }
        }
        let a = index(old), b = index(new)
        var changes: [Change] = []
        var unchanged = 0
        for key in Set(a.keys).union(b.keys) {
            let olds = a[key] ?? [], news = b[key] ?? []
            for i in 0..<max(olds.count, news.count) {
                let o = i < olds.count ? olds[i] : nil, n = i < news.count ? news[i] : nil
                switch (o, n) {
                case let (o?, n?):
                    if o.start == n.start && o.end == n.end && o.shiftName == n.shiftName && o.breakStart == n.breakStart && o.breakEnd == n.breakEnd {
                        unchanged += 1
                    } else {
                        changes.append(Change(kind: .moved, agentID: key.agent, date: key.date, old: o, new: n))
                    }
                case let (o?, nil): changes.append(Change(kind: .removed, agentID: key.agent, date: key.date, old: o, new: nil))
                case let (nil, n?): changes.append(Change(kind: .added, agentID: key.agent, date: key.date, old: nil, new: n))
                default: break
                }
            }
        }
        self.changes = changes.sorted { ($0.agentID, $0.date) < ($1.agentID, $1.date) }
        self.unchanged = unchanged
    }

    public func count(_ kind: Kind) -> Int { changes.filter { $0.kind == kind }.count }
}
