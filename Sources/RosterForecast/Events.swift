// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import RosterCore

/// A dated event that moves call volume: a notice, a campaign, an outage. Past events label the history
/// (their effect is measured there); future events get the effect measured for their kind.
public struct CallEvent: Sendable, Hashable {
    public let date: LocalDate
    /// Lower-cased kind (`notice`, `campaign` …); `outage` marks days whose data are not demand.
    public let kind: String
    /// A given uplift (share of normal volume on the event's day, e.g. 0.5 = +50 %), for a kind the
    /// history has never seen; nil: measured from the history.
    public let uplift: Double?
    /// A given decay time in days (the uplift falls to 1/e after this long); nil: measured (or 2.5 with a given uplift).
    public let decayDays: Double?
    public let line: Int

    public init(date: LocalDate, kind: String, uplift: Double? = nil, decayDays: Double? = nil, line: Int = 0) {
        self.date = date
        self.kind = kind.lowercased()
        self.uplift = uplift
        self.decayDays = decayDays
        self.line = line
    }

    public var isOutage: Bool { kind == "outage" }
}

public enum CallEventReader {
    /// Reads `events.csv`: `date` (YYYY-MM-DD), `kind`, optional `uplift` (−0.9 … 20), `decay_days` (0.1 … 60), `note`.
    public static func read(data: Data, file: String) throws(ForecastInputFailure) -> (events: [CallEvent], warnings: [Diagnostic]) {
        var sink = DiagnosticSink()
        guard let t = CSVTable.read(file: file, data: data, required: ["date", "kind"], optional: ["uplift", "decay_days", "note"], &sink) else {
            throw ForecastInputFailure(errors: sink.errors, warnings: sink.warnings)
        }
        var events: [CallEvent] = []
        for r in t.rows {
            guard let text = t.value(r, "date") else { sink.error(.missingField, t.location(r, "date")); continue }
            guard let date = LocalDate(iso: text) else {
                sink.error(.invalid("'\(text)' is not a date YYYY-MM-DD"), t.location(r, "date"))
                continue
            }
            guard let kind = t.value(r, "kind") else { sink.error(.missingField, t.location(r, "kind")); continue }
            guard kind.count <= 40, kind.allSatisfy({ $0.isLetter || $0.isNumber || "-_ ".contains($0) }) else {
                sink.error(.invalid("'\(kind)' is not a kind name (letters, digits, '-', '_', at most 40)"), t.location(r, "kind"))
                continue
            }
            let uplift = t.number(r, "uplift", range: -0.9...20, required: false, allowed: "must be between -0.9 and 20 (a share of normal volume, e.g. 0.5)", &sink)
            let decay = t.number(r, "decay_days", range: 0.1...60, required: false, allowed: "must be between 0.1 and 60 days", &sink)
            if t.value(r, "uplift") != nil && uplift == nil { continue }
            if t.value(r, "decay_days") != nil && decay == nil { continue }
            events.append(CallEvent(date: date, kind: kind, uplift: uplift, decayDays: decay, line: r.line))
        }
        if t.rows.isEmpty { sink.warning(.invalid("no events listed"), SourceLocation(file: file, line: t.headerLine)) }
        guard !sink.hasErrors else { throw ForecastInputFailure(errors: sink.errors, warnings: sink.warnings) }
        return (events.sorted { ($0.date, $0.line) < ($1.date, $1.line) }, sink.warnings)
    }
}
