import Foundation
import RosterCore
import Testing
@testable import RosterForecast

/// Reading ACD exports: time stamps, re-binning, daylight saving, bad rows.
@Suite struct CallHistoryTests {
    @Test func fifteenMinuteUTCRowsFillAThirtyMinuteShanghaiGrid() throws {
        var s = HistoryGenerator.Settings(clock: clock("Asia/Shanghai"), start: date("2026-11-02"), days: 21, intervalMinutes: 15)
        s.stamps = .utc
        let rows = HistoryGenerator(s).rows()
        let history = try generatedHistory(s)
        #expect(history.sourceIntervalMinutes == 15)
        #expect(history.grid.clock.identifier == "Asia/Shanghai" && history.grid.intervalMinutes == 30)
        #expect(history.firstDate == date("2026-11-02") && history.grid.days == 21)
        #expect(history.missingCount == 0)
        // Calls are conserved, and each half-hour holds its two quarter-hours (local 09:00 is 01:00 UTC).
        let total = history.offered.reduce(0.0) { $0 + $1! }
        #expect(total == Double(rows.reduce(0) { $0 + $1.offered }))
        let nine = history.grid.intervals.first { $0.local == LocalDateTime(iso: "2026-11-03T09:00")! }!
        let quarter = rows.filter { $0.start >= nine.start && $0.start < nine.end }
        #expect(quarter.count == 2)
        #expect(history.offered[nine.index] == Double(quarter[0].offered + quarter[1].offered))
        #expect(history.notes.contains { $0.contains("re-binned from 15-minute rows") })
    }

    @Test func aLondonHistoryAcrossBothDaylightSavingChangesIsReadInRealTime() throws {
        var s = HistoryGenerator.Settings(clock: clock("Europe/London"), start: date("2026-03-02"), days: 252, intervalMinutes: 15)
        s.stamps = .utc
        let rows = HistoryGenerator(s).rows()
        let history = try generatedHistory(s)
        let g = history.grid
        // 2026-03-29 has 23 hours (46 half-hours), 2026-10-25 has 25 (50); nothing is missing on either.
        let spring = g.day(of: date("2026-03-29"))!, autumn = g.day(of: date("2026-10-25"))!
        #expect(g.dayRanges[spring].count == 46 && g.dayRanges[autumn].count == 50)
        #expect(history.missingCount == 0)
        #expect(history.offered.reduce(0.0) { $0 + $1! } == Double(rows.reduce(0) { $0 + $1.offered }))
        #expect(history.notes.contains { $0.contains("2026-03-29") && $0.contains("2026-10-25") })
    }

    @Test func localTimestampsMapTheRepeatedHourInFileOrder() throws {
        // An autumn day in local time with the repeated 01:00 hour written twice (as a local export does).
        var s = HistoryGenerator.Settings(clock: clock("Europe/London"), start: date("2026-10-12"), days: 21, intervalMinutes: 30)
        s.stamps = .local
        let rows = HistoryGenerator(s).rows()
        let history = try generatedHistory(s)
        #expect(history.missingCount == 0)
        #expect(history.offered.map { $0! } == rows.map { Double($0.offered) })
    }

    @Test func sixtyMinuteRowsAreSplitEvenlyAndOffsetsAreHonoured() throws {
        let text = """
        interval_start,calls,aht_seconds
        2027-01-04T08:00:00+08:00,40,100
        2027-01-04T09:00:00+08:00,60,110
        2027-01-04T02:00:00Z,20,120

        """
        let h = try readHistory(text).get()
        #expect(h.sourceIntervalMinutes == 60)
        let at = { (t: String) in h.offered[h.grid.intervals.first { $0.local == LocalDateTime(iso: t)! }!.index] }
        #expect(at("2027-01-04T08:00") == 20 && at("2027-01-04T08:30") == 20)
        #expect(at("2027-01-04T09:30") == 30)
        // 02:00Z is 10:00 in Shanghai.
        #expect(at("2027-01-04T10:00") == 10)
        #expect(at("2027-01-04T11:00") == nil)   // no row: missing, not zero
    }

    @Test func badRowsAreNamedByFileLineAndField() {
        func errors(_ text: String, intervalMinutes: Int? = nil) -> [String] {
            guard case .failure(let f) = readHistory(text, intervalMinutes: intervalMinutes) else { return [] }
            return f.errors.map(\.description)
        }
        #expect(errors("interval_start,offered\n2027-01-04 25:00,3\n") == ["error: history.csv:2: field 'interval_start': '2027-01-04 25:00' is not a date-time (YYYY-MM-DDTHH:MM, with Z or an offset like +08:00, or local)"])
        #expect(errors("interval_start,offered\n2027-01-04T08:00,-3\n").first?.contains("history.csv:2: field 'offered'") == true)
        #expect(errors("interval_start,offered,handled\n2027-01-04T08:00,3,5\n").first?.contains("history.csv:2: field 'handled': handled (5) is above offered (3)") == true)
        #expect(errors("interval_start,answered\n2027-01-04T08:00,3\n").first?.contains("required column 'offered' is missing") == true)
        let dup = errors("interval_start,offered\n2027-01-04T08:00+08:00,3\n2027-01-04T00:00Z,4\n")
        #expect(dup.count == 1 && dup[0].contains("history.csv:3") && dup[0].contains("first on line 2"))
        let stray = errors("interval_start,offered\n2027-01-04T08:00,3\n2027-01-04T08:15,3\n2027-01-04T08:30,3\n2027-01-04T08:40,3\n")
        #expect(stray.first?.contains("history.csv:5: field 'interval_start'") == true)
        #expect(errors("interval_start,offered\n2027-01-04T08:00,3\n2027-01-04T08:07,3\n2027-01-04T08:14,3\n").first?.contains("--history-interval") == true)
    }

    @Test func eventsAreReadAndBadOnesNamed() throws {
        let ok = try CallEventReader.read(data: Data("date,kind,uplift\n2027-03-17,Notice,\n2027-03-01,campaign,0.3\n".utf8), file: "events.csv")
        #expect(ok.events.map(\.kind) == ["campaign", "notice"])
        #expect(ok.events[0].uplift == 0.3 && ok.events[1].uplift == nil)
        do {
            _ = try CallEventReader.read(data: Data("date,kind,uplift\n2027-03-17,notice,lots\n".utf8), file: "events.csv")
            Issue.record("a bad uplift was accepted")
        } catch {
            #expect(error.errors.map(\.description) == ["error: events.csv:2: field 'uplift': 'lots' is not a number"])
        }
    }
}
