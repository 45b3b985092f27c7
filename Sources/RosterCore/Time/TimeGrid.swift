import Foundation

/// Converts between the team's local wall-clock time and real instants, in one IANA zone.
///
/// Wall-clock times that do not exist (the hour skipped when clocks spring forward) resolve to the
/// instant the clocks jump to; times that exist twice (the hour repeated in autumn) resolve to the
/// first occurrence.
public struct ZoneClock: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// Looks up an IANA zone name such as `Asia/Shanghai`; nil when the zone does not exist.
    ///
    /// Every identifier of the system's time-zone database is accepted (`Asia/Kolkata`, `Etc/UTC`,
    /// `Etc/GMT-8`, links included), not only Foundation's list of canonical names; names Foundation
    /// would read as offsets (`GMT+8`) but that are no zone of the database are refused.
    public init?(identifier: String) {
        guard !identifier.isEmpty, identifier.utf8.count <= 64,
              TimeZone.knownTimeZoneIdentifiers.contains(identifier) || identifier == "UTC"
                || Self.isDatabaseZone(identifier),
              let tz = TimeZone(identifier: identifier) else { return nil }
        self.init(timeZone: tz)
    }

    /// Folders where the system keeps the tz database (`TZDIR` first, as the C library reads it).
    static var databaseFolders: [String] {
        var folders = ["/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/usr/share/lib/zoneinfo", "/etc/zoneinfo"]
        if let dir = ProcessInfo.processInfo.environment["TZDIR"], !dir.isEmpty { folders.insert(dir, at: 0) }
        return folders
    }

    /// Whether `identifier` names a zone file of the system's tz database: a well-formed name (parts of
    /// letters, digits, `_`, `+`, `-`; no `.` or `..` parts) whose file starts with the `TZif` magic of
    /// RFC 8536.
    static func isDatabaseZone(_ identifier: String) -> Bool {
        let parts = identifier.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ p in
            !p.isEmpty && p.first != "-" && p.utf8.allSatisfy { b in
                (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2B || b == 0x2D
            }
        }) else { return false }
        for folder in databaseFolders {
            guard let handle = FileHandle(forReadingAtPath: folder + "/" + identifier) else { continue }
            defer { try? handle.close() }
            if let magic = try? handle.read(upToCount: 4), magic == Data("TZif".utf8) { return true }
        }
        return false
    }

    public var identifier: String { timeZone.identifier }

    /// The instant of a local date and time.
    ///
    /// A repeated wall time (autumn) gives its first occurrence. A wall time that does not exist
    /// (spring gap) is read with the offset in force before the gap, as RFC 5545 §3.3.5 does, so
    /// 02:30 in a one-hour gap becomes 03:30.
    public func instant(_ local: LocalDateTime) -> Date {
        let wallSeconds = Double(local.date.dayNumber) * 86_400 + Double(local.time.minutes) * 60
        let naive = Date(timeIntervalSince1970: wallSeconds)
        let offsetBefore = Double(timeZone.secondsFromGMT(for: naive.addingTimeInterval(-14 * 3600 - 86_400 / 2)))
        let offsetAfter = Double(timeZone.secondsFromGMT(for: naive.addingTimeInterval(14 * 3600)))
        let candidates = [naive.addingTimeInterval(-offsetBefore), naive.addingTimeInterval(-offsetAfter)]
            .filter { localDateTime(of: $0) == local }
        if let first = candidates.min() { return first }
        return naive.addingTimeInterval(-offsetBefore)
    }

    /// The instant at which a local date begins (its local midnight, or the first instant after it).
    public func startOfDay(_ date: LocalDate) -> Date {
        instant(LocalDateTime(date: date, time: LocalTime(minutes: 0)!))
    }

    /// The local wall-clock date and time (to the minute) of an instant.
    public func localDateTime(of instant: Date) -> LocalDateTime {
        let offset = timeZone.secondsFromGMT(for: instant)
        let wall = Int((instant.timeIntervalSince1970).rounded(.down)) + offset
        let dayNumber = Int((Double(wall) / 86_400).rounded(.down))
        let secondsInDay = wall - dayNumber * 86_400
        return LocalDateTime(date: LocalDate(dayNumber: dayNumber), time: LocalTime(minutes: secondsInDay / 60)!)
    }

    /// Offset from UTC in seconds at an instant.
    public func utcOffset(at instant: Date) -> Int { timeZone.secondsFromGMT(for: instant) }

    /// ISO 8601 with the UTC offset, e.g. `2026-03-29T01:30:00+01:00`.
    public func iso8601(_ instant: Date) -> String {
        let local = localDateTime(of: instant)
        let offset = utcOffset(at: instant)
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) % 60
        return String(format: "%@T%02d:%02d:%02d%@%02d:%02d", local.date.description, local.time.hour, local.time.minute,
                      (seconds + 60) % 60, sign, a / 3600, (a % 3600) / 60)
    }
}

/// One planning interval of the line: a span of real time with its local label.
public struct PlanningInterval: Sendable, Hashable {
    /// Position in the horizon, 0-based.
    public let index: Int
    /// The day of the horizon (0-based) whose local calendar date this interval starts on.
    public let day: Int
    public let start: Date
    public let end: Date
    /// Local wall-clock date and time at which the interval starts.
    public let local: LocalDateTime

    public var minutes: Int { Int((end.timeIntervalSince(start) / 60).rounded()) }
}

/// The horizon cut into intervals of real time. A 23-hour day has fewer intervals and a 25-hour day
/// more: nothing assumes 24 × 60 minutes.
public struct TimeGrid: Sendable {
    public let clock: ZoneClock
    public let startDate: LocalDate
    public let days: Int
    public let intervalMinutes: Int
    public let intervals: [PlanningInterval]
    /// For each day of the horizon, the range of interval indices that start on it.
    public let dayRanges: [Range<Int>]

    public init(clock: ZoneClock, startDate: LocalDate, days: Int, intervalMinutes: Int) {
        precondition(days > 0 && intervalMinutes > 0 && 1440 % intervalMinutes == 0)
        self.clock = clock
        self.startDate = startDate
        self.days = days
        self.intervalMinutes = intervalMinutes
        var intervals: [PlanningInterval] = []
        var ranges: [Range<Int>] = []
        let step = Double(intervalMinutes * 60)
        for d in 0..<days {
            let date = startDate.adding(days: d)
            let dayStart = clock.startOfDay(date)
            let dayEnd = clock.startOfDay(date.adding(days: 1))
            let first = intervals.count
            var t = dayStart
            while t < dayEnd {
                let end = min(t.addingTimeInterval(step), dayEnd)
                intervals.append(PlanningInterval(index: intervals.count, day: d, start: t, end: end,
                                                  local: clock.localDateTime(of: t)))
                t = end
            }
            ranges.append(first..<intervals.count)
        }
        self.intervals = intervals
        self.dayRanges = ranges
    }

    public var horizonStart: Date { intervals.first!.start }
    public var horizonEnd: Date { intervals.last!.end }

    /// The date of day `d` of the horizon.
    public func date(ofDay d: Int) -> LocalDate { startDate.adding(days: d) }

    /// The day of the horizon for a local date, or nil outside the horizon.
    public func day(of date: LocalDate) -> Int? {
        let d = date.dayNumber - startDate.dayNumber
        return (0..<days).contains(d) ? d : nil
    }

    /// Index of the interval containing an instant, or nil outside the horizon.
    public func intervalIndex(containing instant: Date) -> Int? {
        guard instant >= horizonStart, instant < horizonEnd else { return nil }
        var lo = 0, hi = intervals.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if intervals[mid].start <= instant { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
