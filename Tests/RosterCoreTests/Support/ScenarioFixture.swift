import Foundation
@testable import RosterCore

/// A small valid scenario written into a fresh temporary folder; tests overwrite single files to break it.
struct ScenarioFixture {
    let url: URL

    static let team = """
    name = "Test line"
    time_zone = "Asia/Shanghai"
    interval_minutes = 30
    start_date = 2027-03-15
    days = 7
    shrinkage = 0.3
    max_occupancy = 0.85

    [service_goal]
    service_level = 0.8
    answer_seconds = 20

    [rules]
    min_rest_hours = 11
    max_hours_per_week = 40
    floor_agents = 0

    [[shifts]]
    name = "day"
    code = "D"
    earliest_start = "07:00"
    latest_start = "09:00"
    step_minutes = 30
    lengths_minutes = [480]

    [shifts.break]
    length_minutes = 60
    earliest_offset_minutes = 180
    latest_offset_minutes = 300

    [[shifts]]
    name = "night"
    code = "N"
    earliest_start = "22:00"
    lengths_minutes = [600]
    night = true

    [[handovers]]
    name = "morning"
    time = "08:00"
    min_agents = 1
    overlap_minutes = 30

    """

    static let agents = """
    id,name,min_hours_per_week,max_hours_per_week,skills,night,allowed_shifts
    a1,徐海燕,32,40,consult;lead,no,day
    a2,王丽,,40,consult,yes,
    a3,"Li, Na",,,consult,yes,day;night
    a4,张敏,,,,,

    """

    static let availability = """
    agent,from,to,kind,shift,weight
    a2,2027-03-16,2027-03-17,leave,,
    a3,2027-03-18T08:00,2027-03-18T12:00,unavailable,,
    a4,2027-03-20,,prefers_off,,3
    a1,2027-03-15,2027-03-21,preferred_shift,day,2

    """

    /// Seven days of forecast: 10 calls per half hour from 08:00 to 16:00 and none otherwise, AHT 180 s.
    static var forecast: String {
        var s = "interval_start,calls,aht_seconds\n"
        for d in 0..<7 {
            let date = LocalDate(year: 2027, month: 3, day: 15)!.adding(days: d)
            for i in 0..<48 {
                s += String(format: "%@T%02d:%02d,%d,180\n", date.description, i / 2, (i % 2) * 30, (16..<32).contains(i) ? 2 : 0)
            }
        }
        return s
    }

    init(files: [String: String] = [:], omit: Set<String> = []) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var all = ["team.toml": Self.team, "agents.csv": Self.agents, "availability.csv": Self.availability,
                   "forecast.csv": Self.forecast]
        for (k, v) in files { all[k] = v }
        for (name, text) in all where !omit.contains(name) {
            try Data(text.utf8).write(to: url.appendingPathComponent(name))
        }
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: url.appendingPathComponent(name))
    }

    func check() -> (scenario: Scenario?, diagnostics: [Diagnostic]) { ScenarioLoader.check(directory: url) }

    func errors() -> [Diagnostic] { check().diagnostics.filter(\.isError) }
    func warnings() -> [Diagnostic] { check().diagnostics.filter { !$0.isError } }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The line (1-based) of the first line of `text` containing `needle`.
func lineOf(_ needle: String, in text: String) -> Int? {
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(needle) {
        return i + 1
    }
    return nil
}
