import Foundation

/// The files `roster init` writes for a new scenario: a commented team.toml with a line's usual settings
/// (day, evening and night shifts, rest, weekly limits, handovers) and the headers of the CSV files, with
/// commented examples. Each setting's meaning is in Docs/formats.md.
public enum ScenarioTemplate {
    /// The files by name. `start` should be a Monday (weekly rules then see whole weeks).
    public static func files(name: String, zone: String, start: LocalDate, days: Int, intervalMinutes: Int) -> [(name: String, text: String)] {
        let quotedName = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let team = """
        # \(name): written by `roster init`. Every key is explained in Docs/formats.md; `roster check`
        # says what is still missing.

        name = "\(quotedName)"
        time_zone = "\(zone)"                # an IANA zone: its daylight-saving changes are followed
        interval_minutes = \(intervalMinutes)
        start_date = \(start)               # a Monday: weekly rules see whole Monday–Sunday weeks
        days = \(days)
        shrinkage = 0.10                     # share of paid time off the phones besides planned breaks
        max_occupancy = 0.85
        holidays = []                        # public holidays (e.g. [2027-04-05]); past ones help `roster forecast`
        make_up_workdays = []                # weekend days worked for a holiday bridge (调休)
        # csv_encoding = "windows-1252"      # the CSV files' encoding when not UTF-8/UTF-16/GB18030 (default "auto")

        [service_goal]
        service_level = 0.80                 # 80 % of calls answered ...
        answer_seconds = 20                  # ... within 20 seconds

        [rules]
        min_rest_hours = 11
        max_consecutive_days = 6
        min_days_off_per_week = 2
        min_hours_per_week = 24
        max_hours_per_week = 40
        max_nights_per_week = 3
        max_consecutive_nights = 3
        max_shifts_per_day = 1
        floor_agents = 2                     # never fewer on the line, whatever the forecast

        [weights]
        shortfall = 100
        surplus = 1
        preference = 5
        fairness = 10

        [[shifts]]
        name = "day"
        code = "D"
        earliest_start = "06:00"
        latest_start = "10:00"
        step_minutes = 30
        lengths_minutes = [480, 540]

        [shifts.break]
        length_minutes = 60
        earliest_offset_minutes = 180
        latest_offset_minutes = 330

        [[shifts]]
        name = "evening"
        code = "E"
        earliest_start = "12:00"
        latest_start = "16:00"
        step_minutes = 60
        lengths_minutes = [480, 540]

        [shifts.break]
        length_minutes = 60
        earliest_offset_minutes = 180
        latest_offset_minutes = 330

        [[shifts]]
        name = "night"
        code = "N"
        earliest_start = "22:00"
        latest_start = "23:30"
        step_minutes = 30
        lengths_minutes = [480, 540]
        night = true

        [shifts.break]
        length_minutes = 60
        earliest_offset_minutes = 180
        latest_offset_minutes = 300

        # The day/night handovers are call peaks: keep people on across them.
        [[handovers]]
        name = "morning handover"
        time = "08:00"
        min_agents = 2
        overlap_minutes = 30

        [[handovers]]
        name = "evening handover"
        time = "20:00"
        min_agents = 2
        overlap_minutes = 30

        """
        let agents = """
        id,name,min_hours_per_week,max_hours_per_week,skills,night,allowed_shifts
        # One row per agent (remove the '#'): the weekly hours and shifts of their contract, if not the team's.
        # a01,Zhang Wei,32,40,consult;lead,no,day
        # a02,Li Na,,,consult,yes,

        """
        let availability = """
        agent,from,to,kind,shift,weight,note
        # kinds: leave, unavailable (hard); prefers_off, prefers_on, preferred_shift (soft, with a weight)
        # a01,\(start.adding(days: 7)),\(start.adding(days: 11)),leave,,,annual leave

        """
        let forecast = """
        interval_start,calls,aht_seconds
        # One row per interval of the horizon, in local time: `roster forecast` writes this file from the
        # ACD's call history (history.csv), or fill it in, e.g.:
        # \(start)T08:00,120,180

        """
        let pinned = """
        agent,date,shift,start,length_minutes,note
        # Shifts fixed in advance, e.g.:
        # a01,\(start),day,08:00,480,opens the first week

        """
        return [("team.toml", team), ("agents.csv", agents), ("availability.csv", availability), ("forecast.csv", forecast), ("pinned.csv", pinned)]
    }
}
