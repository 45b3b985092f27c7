import Foundation
import RosterCore
@testable import RosterForecast

/// Generated history read back through the ACD reader, as `roster forecast` reads a file.
func generatedHistory(_ settings: HistoryGenerator.Settings, gridClock: ZoneClock? = nil, gridMinutes: Int = 30) throws -> CallHistory {
    let csv = HistoryGenerator(settings).csv()
    return try CallHistoryReader.read(data: Data(csv.utf8), file: "history.csv", clock: gridClock ?? settings.clock,
                                      gridMinutes: gridMinutes).history
}

func clock(_ id: String) -> ZoneClock { ZoneClock(identifier: id)! }
func date(_ s: String) -> LocalDate { LocalDate(iso: s)! }

/// Reads a history CSV given as text; the failure's messages when it is refused.
func readHistory(_ text: String, clock: ZoneClock = clock("Asia/Shanghai"), gridMinutes: Int = 30, zone: ZoneClock? = nil,
                 intervalMinutes: Int? = nil) -> Result<CallHistory, ForecastInputFailure> {
    do {
        return .success(try CallHistoryReader.read(data: Data(text.utf8), file: "history.csv", clock: clock, gridMinutes: gridMinutes,
                                                   zone: zone, intervalMinutes: intervalMinutes).history)
    } catch { return .failure(error) }
}

/// The Chinese public holidays and make-up workdays of 2026 (as used by the bundled scenario's history).
let holidays2026 = ["2026-04-04", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
                    "2026-06-19", "2026-06-20", "2026-06-21", "2026-09-25", "2026-09-26", "2026-09-27",
                    "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"].map(date)
let makeUp2026 = ["2026-05-09", "2026-09-20", "2026-10-10"].map(date)
