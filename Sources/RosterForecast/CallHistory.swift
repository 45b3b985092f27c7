// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterCore

/// Reading a forecast's inputs failed: every error found, with the warnings gathered on the way.
public struct ForecastInputFailure: Error, Sendable, CustomStringConvertible {
    public let errors: [Diagnostic]
    public let warnings: [Diagnostic]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Call history as an ACD exports it, re-binned onto the team's planning grid: offered calls and handle
/// time per interval of real time, for every local date from the first to the last the export touches.
///
/// Intervals the export does not cover (no row, or only part of the interval) are *missing* (nil), never
/// zero. Everything the reader noticed is in ``notes``.
public struct CallHistory: Sendable {
    /// The team's grid over the history's local dates (23- and 25-hour days as they were).
    public let grid: TimeGrid
    /// Offered calls per grid interval; nil where the export has no data.
    public var offered: [Double?]
    /// Average handle time (seconds) per interval, weighted by handled calls (else offered); nil when unknown.
    public var aht: [Double?]
    /// The true intensity, when the file carries `expected_calls` (generated histories only).
    public var expected: [Double?]?
    /// The export's own interval length in minutes, and how many data rows it had.
    public let sourceIntervalMinutes: Int
    public let rows: Int
    /// What the reader noticed (re-binning, missing intervals, DST days), for the summary.
    public var notes: [String]

    public var firstDate: LocalDate { grid.startDate }
    public var lastDate: LocalDate { grid.startDate.adding(days: grid.days - 1) }
    public var missingCount: Int { offered.reduce(0) { $0 + ($1 == nil ? 1 : 0) } }
}

/// Reads a call-history CSV (``CallHistory``). Columns (case and spaces ignored):
/// `interval_start` (ISO 8601 with `Z` or an offset, or a local time in `zone`), `offered` (or `calls`,
/// `offered_calls`, `calls_offered`), optional `handled`, `abandoned`, `aht_seconds` (or `aht`,
/// `handle_time_seconds`), `expected_calls`, `note`.
public enum CallHistoryReader {
    static let offeredNames = ["offered", "calls", "offered_calls", "calls_offered"]
    static let ahtNames = ["aht_seconds", "aht", "handle_time_seconds"]
    static let supportedLengths = [5, 10, 15, 20, 30, 60]
    /// At most this many data rows (ten years of 5-minute intervals).
    static let maxRows = 1_100_000

    struct Row {
        let line: Int
        let start: Date
        let offered: Double
        let handled: Double?
        let aht: Double?
        let expected: Double?
    }

    /// - Parameters:
    ///   - zone: the zone of timestamps without an offset (default: the team's).
    ///   - intervalMinutes: the export's interval length; nil detects it from the timestamps.
    public static func read(data: Data, file: String, clock: ZoneClock, gridMinutes: Int, zone: ZoneClock? = nil,
                            intervalMinutes: Int? = nil) throws(ForecastInputFailure) -> (history: CallHistory, warnings: [Diagnostic]) {
        var sink = DiagnosticSink()
        let optional = offeredNames + ahtNames + ["handled", "abandoned", "expected_calls", "note", "interval_minutes"]
        guard let t = CSVTable.read(file: file, data: data, required: ["interval_start"], optional: optional, &sink) else {
            throw ForecastInputFailure(errors: sink.errors, warnings: sink.warnings)
        }
        let offeredColumn = offeredNames.first(where: t.has)
        let ahtColumn = ahtNames.first(where: t.has)
        if offeredColumn == nil {
            sink.error(.missingColumn("offered"), SourceLocation(file: file, line: t.headerLine, field: "offered"))
        }
        if t.rows.isEmpty { sink.error(.invalid("no rows: the file has a header only"), SourceLocation(file: file, line: t.headerLine)) }
        if t.rows.count > maxRows { sink.error(.tooMany(what: "rows", limit: maxRows), SourceLocation(file: file)) }
        guard let offeredColumn, !sink.hasErrors else { throw ForecastInputFailure(errors: sink.errors, warnings: sink.warnings) }
        let local = zone ?? clock
        var rows: [Row] = []
        rows.reserveCapacity(t.rows.count)
        var seenLocal: [LocalDateTime: [Int]] = [:]
        var skipped = 0, firstSkipped = ""
        for r in t.rows {
            guard let text = t.value(r, "interval_start") else { sink.error(.missingField, t.location(r, "interval_start")); continue }
            guard let stamp = Timestamp(text) else {
                sink.error(.invalid("'\(text)' is not a date-time (YYYY-MM-DDTHH:MM, with Z or an offset like +08:00, or local)"),
                           t.location(r, "interval_start"))
                continue
            }
            let instant: Date
            if let offset = stamp.offsetSeconds {
                instant = Date(timeIntervalSince1970: Double(stamp.local.date.dayNumber) * 86_400 + Double(stamp.local.time.minutes * 60 + stamp.seconds) - Double(offset))
            } else {
                // A local time: a repeated autumn time maps in file order to its two occurrences; a time the
                // spring change skips does not exist and is dropped with a warning.
                let first = local.instant(stamp.local)
                guard local.localDateTime(of: first) == stamp.local else {
                    skipped += 1
                    if firstSkipped.isEmpty { firstSkipped = "line \(r.line), \(stamp.local)" }
                    continue
                }
                let occurrences = [first, first.addingTimeInterval(3600)].filter { local.localDateTime(of: $0) == stamp.local }
                let used = seenLocal[stamp.local, default: []]
                if used.count >= occurrences.count {
                    sink.error(.duplicateInterval(stamp.local.description, firstLine: used[0]), t.location(r, "interval_start"))
                    continue
                }
                seenLocal[stamp.local, default: []].append(r.line)
                instant = occurrences[used.count].addingTimeInterval(Double(stamp.seconds))
            }
            let offered = t.number(r, offeredColumn, range: 0...1_000_000, required: true,
                                   allowed: "must be between 0 and 1000000 calls", &sink)
            let handled = t.number(r, "handled", range: 0...1_000_000, required: false, &sink)
            _ = t.number(r, "abandoned", range: 0...1_000_000, required: false, &sink)
            let aht = ahtColumn.flatMap { t.number(r, $0, range: 0...7200, required: false, allowed: "must be between 0 and 7200 seconds", &sink) }
            let expected = t.number(r, "expected_calls", range: 0...1_000_000, required: false, &sink)
            if let offered, let handled, handled > offered + 1e-9 {
                sink.error(.outOfRange("handled (\(fmt(handled))) is above offered (\(fmt(offered)))"), t.location(r, "handled"))
                continue
            }
            guard let offered else { continue }
            rows.append(Row(line: r.line, start: instant, offered: offered, handled: handled, aht: aht, expected: expected))
        }
        if skipped > 0 {
            sink.warning(.nonexistentLocalTime("\(skipped) row(s) at local times the spring change skips in \(local.identifier) (first: \(firstSkipped)); dropped"),
                         SourceLocation(file: file))
        }
        guard !sink.hasErrors else { throw ForecastInputFailure(errors: sink.errors, warnings: sink.warnings) }
        rows.sort { $0.start < $1.start }
        // Same instant twice (two UTC rows, or an offset row repeating another).
        for (a, b) in zip(rows, rows.dropFirst()) where a.start == b.start {
            sink.error(.duplicateInterval(clock.iso8601(b.start), firstLine: a.line), SourceLocation(file: file, line: b.line, field: "interval_start"))
        }
        guard !sink.hasErrors, let firstRow = rows.first, let lastRow = rows.last else {
            throw ForecastInputFailure(errors: sink.errors.isEmpty ? [Diagnostic(.error, SourceLocation(file: file), .invalid("no usable rows"))] : sink.errors,
                                       warnings: sink.warnings)
        }
        // The export's interval length: given, else the most common step between rows.
        var length = intervalMinutes
        if length == nil {
            var steps: [Int: Int] = [:]
            for (a, b) in zip(rows, rows.dropFirst()) { steps[Int((b.start.timeIntervalSince(a.start) / 60).rounded()), default: 0] += 1 }
            length = rows.count == 1 ? gridMinutes : steps.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key
        }
        guard let length, supportedLengths.contains(length) else {
            sink.error(.invalid("cannot tell the export's interval length from its timestamps (most common step: \(length.map { "\($0) min" } ?? "none")); give --history-interval 5, 10, 15, 20, 30 or 60"),
                       SourceLocation(file: file, field: "interval_start"))
            throw ForecastInputFailure(errors: sink.errors, warnings: sink.warnings)
        }
        let step = Double(length * 60)
        // Rows whose start is not on the export's own step from the first row (a 15-minute export with a
        // stray 08:10 row) are refused: their calls cannot be placed.
        for r in rows {
            let k = r.start.timeIntervalSince(firstRow.start) / step
            if abs(k - k.rounded()) > 1e-6 {
                sink.error(.notIntervalStart("not on the export's \(length)-minute steps (first row: \(clock.iso8601(firstRow.start)))"),
                           SourceLocation(file: file, line: r.line, field: "interval_start"))
            }
        }
        guard !sink.hasErrors else { throw ForecastInputFailure(errors: sink.errors, warnings: sink.warnings) }

        // The team's grid over every local date the export touches.
        let firstDate = clock.localDateTime(of: firstRow.start).date
        let lastDate = clock.localDateTime(of: lastRow.start.addingTimeInterval(step - 1)).date
        let days = lastDate.dayNumber - firstDate.dayNumber + 1
        guard days <= 366 * 10 else {
            sink.error(.outOfRange("the history spans \(days) days; at most ten years are read"), SourceLocation(file: file))
            throw ForecastInputFailure(errors: sink.errors, warnings: sink.warnings)
        }
        let grid = TimeGrid(clock: clock, startDate: firstDate, days: days, intervalMinutes: gridMinutes)
        let n = grid.intervals.count
        var calls = [Double](repeating: 0, count: n)
        var covered = [Double](repeating: 0, count: n)
        var ahtWeight = [Double](repeating: 0, count: n), ahtSum = [Double](repeating: 0, count: n)
        var expected = [Double](repeating: 0, count: n)
        var hasExpected = true
        // Each row's calls go to the grid intervals it overlaps, in proportion to the overlap (a 60-minute
        // export on a 30-minute grid splits evenly; 15-minute rows add up).
        for r in rows {
            let end = r.start.addingTimeInterval(step)
            guard var i = grid.intervalIndex(containing: r.start) else { continue }
            while i < n, grid.intervals[i].start < end {
                let iv = grid.intervals[i]
                let overlap = min(end, iv.end).timeIntervalSince(max(r.start, iv.start))
                if overlap > 0 {
                    let share = overlap / step
                    calls[i] += r.offered * share
                    covered[i] += overlap
                    let w = (r.handled ?? r.offered) * share
                    if let a = r.aht, w > 0 { ahtSum[i] += a * w; ahtWeight[i] += w }
                    if let e = r.expected { expected[i] += e * share } else { hasExpected = false }
                }
                i += 1
            }
        }
        var offered = [Double?](repeating: nil, count: n)
        var aht = [Double?](repeating: nil, count: n)
        var missing = 0, firstMissing = ""
        for i in 0..<n {
            let length = grid.intervals[i].end.timeIntervalSince(grid.intervals[i].start)
            if covered[i] >= length - 1 {
                offered[i] = calls[i]
                if ahtWeight[i] > 0 { aht[i] = ahtSum[i] / ahtWeight[i] }
            } else {
                // The export's first and last dates are partly outside it: not worth a note.
                let edge = grid.intervals[i].start < firstRow.start || grid.intervals[i].end > lastRow.start.addingTimeInterval(step)
                if !edge {
                    missing += 1
                    if firstMissing.isEmpty { firstMissing = grid.intervals[i].local.description }
                }
            }
        }
        var notes: [String] = []
        if length != gridMinutes {
            notes.append("re-binned from \(length)-minute rows onto the team's \(gridMinutes)-minute grid in \(clock.identifier)")
        }
        if missing > 0 {
            notes.append("\(missing) interval(s) with no data inside the history (first: \(firstMissing)): treated as missing, not as zero")
        }
        let dstDays = grid.dayRanges.enumerated().filter { $0.element.count * gridMinutes != 1440 }.map { grid.date(ofDay: $0.offset).description }
        if !dstDays.isEmpty {
            notes.append("daylight-saving days in the history: \(dstDays.prefix(6).joined(separator: ", "))\(dstDays.count > 6 ? " …" : "") (read in real time)")
        }
        if ahtColumn == nil { notes.append("no handle-time column: give --aht SECONDS for the forecast's handle time") }
        let history = CallHistory(grid: grid, offered: offered, aht: aht, expected: hasExpected ? expected.enumerated().map { offered[$0.offset] == nil ? nil : $0.element } : nil,
                                  sourceIntervalMinutes: length, rows: rows.count, notes: notes)
        return (history, sink.warnings)
    }

    static func fmt(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.2f", v) }
}

/// A timestamp as ACD exports write it: `YYYY-MM-DD[T ]HH:MM[:SS]` then `Z`, `±HH:MM`, `±HHMM` or nothing.
struct Timestamp {
    let local: LocalDateTime
    let seconds: Int
    /// Offset from UTC in seconds; nil for a local time.
    let offsetSeconds: Int?

    init?(_ raw: String) {
        var s = Substring(raw.trimmingCharacters(in: .whitespaces))
        var offset: Int? = nil
        if s.hasSuffix("Z") || s.hasSuffix("z") {
            offset = 0
            s = s.dropLast()
        } else if s.count > 16 {
            // An offset starts at the last '+' or '-' after the time.
            let tail = s.dropFirst(16)
            if let sign = tail.lastIndex(where: { $0 == "+" || $0 == "-" }) {
                let body = s[s.index(after: sign)...].replacingOccurrences(of: ":", with: "")
                guard body.count == 4 || body.count == 2, body.allSatisfy(\.isNumber), let v = Int(body) else { return nil }
                let hours = body.count == 4 ? v / 100 : v, minutes = body.count == 4 ? v % 100 : 0
                guard hours <= 14, minutes < 60 else { return nil }
                offset = (s[sign] == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
                s = s[..<sign]
            }
        }
        guard s.count == 16 || s.count == 19 else { return nil }
        var seconds = 0
        if s.count == 19 {
            let sec = s.suffix(2)
            guard s[s.index(s.startIndex, offsetBy: 16)] == ":", sec.allSatisfy(\.isNumber), let v = Int(sec), v < 60 else { return nil }
            seconds = v
            s = s.prefix(16)
        }
        guard let l = LocalDateTime(iso: s) else { return nil }
        local = l
        self.seconds = seconds
        offsetSeconds = offset
    }
}
