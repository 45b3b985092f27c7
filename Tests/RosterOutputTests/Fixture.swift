import Foundation
@testable import RosterCore
@testable import RosterOutput

/// A small scenario built in code: Europe/Berlin over the spring-forward day 2026-03-29 (a 23-hour day),
/// a Chinese name, a night shift across midnight (and across the DST change), and text that needs
/// escaping in iCalendar (comma, semicolon, quotes).
enum Fixture {
    static let clock = ZoneClock(identifier: "Europe/Berlin")!
    static func date(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    static func at(_ s: String) -> Date { clock.instant(LocalDateTime(iso: s)!) }

    static var scenario: Scenario {
        let team = TeamSettings(name: "Hotline Berlin-Nord; 24/7, \"Test\"", clock: clock, intervalMinutes: 60,
                                startDate: date("2026-03-27"), days: 4, goal: ServiceGoal(serviceLevel: 0.8, answerSeconds: 20),
                                maxOccupancy: nil, shrinkage: 0)
        let brk = BreakRule(lengthMinutes: 60, earliestOffsetMinutes: 180, latestOffsetMinutes: 300)
        let templates = [
            ShiftTemplate(name: "Day", code: "D", earliestStart: LocalTime(hhmm: "07:00")!, latestStart: LocalTime(hhmm: "09:00")!,
                          stepMinutes: 60, lengthsMinutes: [480], breakRule: brk, isNight: false),
            ShiftTemplate(name: "Evening", code: "E", earliestStart: LocalTime(hhmm: "14:00")!, latestStart: LocalTime(hhmm: "14:00")!,
                          stepMinutes: 60, lengthsMinutes: [480], breakRule: brk, isNight: false),
            ShiftTemplate(name: "Night", code: "N", earliestStart: LocalTime(hhmm: "22:00")!, latestStart: LocalTime(hhmm: "22:00")!,
                          stepMinutes: 60, lengthsMinutes: [540], breakRule: brk, isNight: true),
        ]
        let agents = [
            Agent(id: "a1", name: "张伟"),
            Agent(id: "a2", name: "Anna Müller"),
            Agent(id: "a3", name: "O'Brien, Pat; \"Paddy\""),
        ]
        let grid = TimeGrid(clock: clock, startDate: team.startDate, days: team.days, intervalMinutes: 60)
        let required = grid.intervals.map { iv -> Int in
            let h = iv.local.time.hour
            return h < 7 || h >= 22 ? 1 : 2
        }
        return Scenario(team: team, templates: templates, rules: LaborRules(),
                        handovers: [HandoverRule(name: "morning handover", time: LocalTime(hhmm: "07:00")!, minAgents: 2, overlapMinutes: 30)],
                        weights: ObjectiveWeights(), agents: agents, availability: [], demand: .requirement(required))
    }

    static func shift(_ id: String, _ name: String, _ template: String, _ start: String, minutes: Int, breakAfter: Int = 240) -> RosterShift {
        let s = at(start)
        let e = s.addingTimeInterval(Double(minutes) * 60)
        let b0 = s.addingTimeInterval(Double(breakAfter) * 60)
        return RosterShift(agentID: id, agentName: name, date: clock.localDateTime(of: s).date, shiftName: template, start: s, end: e,
                           breakStart: b0, breakEnd: b0.addingTimeInterval(3600))
    }

    static var roster: Roster {
        Roster(teamName: scenario.team.name, timeZoneIdentifier: clock.identifier, shifts: [
            shift("a1", "张伟", "Day", "2026-03-27T07:00", minutes: 480),
            // 22:00 CET → 08:00 CEST: nine real hours across midnight and the spring-forward gap.
            shift("a1", "张伟", "Night", "2026-03-28T22:00", minutes: 540, breakAfter: 180),
            shift("a2", "Anna Müller", "Evening", "2026-03-27T14:00", minutes: 480),
            shift("a2", "Anna Müller", "Day", "2026-03-28T08:00", minutes: 480),
            shift("a2", "Anna Müller", "Evening", "2026-03-29T14:00", minutes: 480),
            shift("a3", "O'Brien, Pat; \"Paddy\"", "Night", "2026-03-27T22:00", minutes: 540, breakAfter: 180),
            shift("a3", "O'Brien, Pat; \"Paddy\"", "Day", "2026-03-30T07:00", minutes: 480),
            shift("a1", "张伟", "Night", "2026-03-30T22:00", minutes: 540, breakAfter: 180),
        ])
    }

    static var context: RosterContext { RosterContext(scenario: scenario, roster: roster) }

    /// DTSTAMP of the golden calendars.
    static let stamp = Date(timeIntervalSince1970: 1_774_000_000)  // 2026-03-20T09:46:40Z

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
}

/// Compares text with a golden file byte for byte; `UPDATE_GOLDEN=1` rewrites the file instead.
func golden(_ name: String, _ actual: String) throws -> (matches: Bool, expected: String) {
    let url = Fixture.goldenDirectory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        return (true, actual)
    }
    let expected = try Data(contentsOf: url)
    return (expected == Data(actual.utf8), String(decoding: expected, as: UTF8.self))
}
