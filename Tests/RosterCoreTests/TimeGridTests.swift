import Foundation
import Testing
@testable import RosterCore

@Suite struct TimeGridTests {
    let berlin = ZoneClock(identifier: "Europe/Berlin")!

    @Test func springForwardDayHas46HalfHours() throws {
        let grid = TimeGrid(clock: berlin, startDate: LocalDate(iso: "2026-03-29")!, days: 1, intervalMinutes: 30)
        #expect(grid.intervals.count == 46)
        #expect(grid.horizonEnd.timeIntervalSince(grid.horizonStart) == 23 * 3600)
        let labels = grid.intervals.map(\.local.time.description)
        #expect(!labels.contains("02:00") && !labels.contains("02:30"))
        #expect(labels[3] == "01:30" && labels[4] == "03:00")
        #expect(grid.intervals.allSatisfy { $0.minutes == 30 })
    }

    @Test func fallBackDayHas50HalfHours() throws {
        let grid = TimeGrid(clock: berlin, startDate: LocalDate(iso: "2026-10-25")!, days: 1, intervalMinutes: 30)
        #expect(grid.intervals.count == 50)
        #expect(grid.horizonEnd.timeIntervalSince(grid.horizonStart) == 25 * 3600)
        let twoAM = grid.intervals.filter { $0.local.time.description == "02:00" }
        #expect(twoAM.count == 2)
        #expect(berlin.iso8601(twoAM[0].start) == "2026-10-25T02:00:00+02:00")
        #expect(berlin.iso8601(twoAM[1].start) == "2026-10-25T02:00:00+01:00")
    }

    @Test func shanghaiDaysAre48HalfHours() {
        let clock = ZoneClock(identifier: "Asia/Shanghai")!
        let grid = TimeGrid(clock: clock, startDate: LocalDate(iso: "2027-03-15")!, days: 28, intervalMinutes: 30)
        #expect(grid.intervals.count == 28 * 48)
        #expect(grid.dayRanges.allSatisfy { $0.count == 48 })
        #expect(clock.iso8601(grid.intervals[0].start) == "2027-03-15T00:00:00+08:00")
        #expect(grid.intervalIndex(containing: grid.intervals[100].start.addingTimeInterval(60)) == 100)
        #expect(grid.day(of: LocalDate(iso: "2027-04-11")!) == 27 && grid.day(of: LocalDate(iso: "2027-04-12")!) == nil)
    }

    @Test func gapAndRepeatedWallTimes() {
        // 02:30 does not exist on 2026-03-29 in Berlin: read with the offset before the gap → 03:30 CEST.
        let gap = berlin.instant(LocalDateTime(iso: "2026-03-29T02:30")!)
        #expect(berlin.iso8601(gap) == "2026-03-29T03:30:00+02:00")
        // A repeated wall time gives its first occurrence.
        let repeated = berlin.instant(LocalDateTime(iso: "2026-10-25T02:30")!)
        #expect(berlin.iso8601(repeated) == "2026-10-25T02:30:00+02:00")
        #expect(ZoneClock(identifier: "Mars/Olympus") == nil)
        #expect(ZoneClock(identifier: "") == nil)
    }

    @Test func localDateArithmetic() {
        #expect(LocalDate(iso: "2027-03-15")!.isoWeekday == 1)
        #expect(LocalDate(iso: "2027-03-01")!.isoWeekday == 1)
        #expect(LocalDate(iso: "2024-02-29") != nil && LocalDate(iso: "2027-02-29") == nil)
        #expect(LocalDate(iso: "2027-03-15")!.adding(days: 28).description == "2027-04-12")
        #expect(LocalDate(dayNumber: 0).description == "1970-01-01")
        #expect(LocalTime(hhmm: "24:00") == nil && LocalTime(hhmm: "23:59")?.minutes == 1439)
    }

    /// Forecast rows for the repeated autumn hour map, in file order, onto its two occurrences; rows for
    /// the skipped spring hour are reported and ignored.
    @Test func forecastRowsAcrossDSTChanges() throws {
        let team = ScenarioFixture.team
            .replacingOccurrences(of: "Asia/Shanghai", with: "Europe/Berlin")
            .replacingOccurrences(of: "start_date = 2027-03-15", with: "start_date = 2026-10-25")
            .replacingOccurrences(of: "days = 7", with: "days = 1")
        var forecast = "interval_start,calls,aht_seconds\n"
        for i in 0..<48 {
            let label = String(format: "2026-10-25T%02d:%02d", i / 2, (i % 2) * 30)
            forecast += "\(label),\(i),180\n"
            if label == "2026-10-25T02:00" || label == "2026-10-25T02:30" { forecast += "\(label),\(100 + i),180\n" }
        }
        let f = try ScenarioFixture(files: ["team.toml": team, "forecast.csv": forecast, "availability.csv": "agent,from,kind\n"])
        defer { f.remove() }
        let loaded = try ScenarioLoader.load(directory: f.url)
        guard case .forecast(let fc) = loaded.scenario.demand else { Issue.record("forecast expected"); return }
        #expect(fc.count == 50)
        // 02:00 (first, CEST) = 4 calls, 02:30 (CEST) = 5, 02:00 (CET) = 104, 02:30 (CET) = 105, then 03:00 = 6.
        #expect(fc[4...8].map(\.calls) == [4, 5, 104, 105, 6])
        // Every grid interval got its row: no gap and no skipped-time warning (capacity warnings may remain).
        #expect(!loaded.warnings.contains { d in
            switch d.problem { case .forecastGaps, .nonexistentLocalTime, .outsideHorizon: return true; default: return false }
        }, "\(loaded.warnings)")

        let spring = ScenarioFixture.team
            .replacingOccurrences(of: "Asia/Shanghai", with: "Europe/Berlin")
            .replacingOccurrences(of: "start_date = 2027-03-15", with: "start_date = 2026-03-29")
            .replacingOccurrences(of: "days = 7", with: "days = 1")
        var springForecast = "interval_start,calls,aht_seconds\n"
        for i in 0..<48 { springForecast += String(format: "2026-03-29T%02d:%02d,%d,180\n", i / 2, (i % 2) * 30, i) }
        let g = try ScenarioFixture(files: ["team.toml": spring, "forecast.csv": springForecast, "availability.csv": "agent,from,kind\n"])
        defer { g.remove() }
        let (scenario, diagnostics) = g.check()
        #expect(scenario?.grid.intervals.count == 46)
        expectDiagnostic(diagnostics, file: "forecast.csv", line: 6, field: "interval_start",
                         problem: .nonexistentLocalTime("2026-03-29T02:00"), severity: .warning)
        expectDiagnostic(diagnostics, file: "forecast.csv", line: 7, field: "interval_start",
                         problem: .nonexistentLocalTime("2026-03-29T02:30"), severity: .warning)
        if case .forecast(let fc)? = scenario?.demand { #expect(fc[4].calls == 6) }
    }
}
