import Foundation
import TOMLKit

/// What `team.toml` yielded. `team` is nil when a setting the rest depends on is missing or invalid;
/// everything that could be read is kept so that later files can still be checked.
struct TeamFile {
    var team: TeamSettings?
    var templates: [ShiftTemplate] = []
    /// Names of every `[[shifts]]` entry, valid or not (so that references to them are not reported too).
    var shiftNames: Set<String> = []
    var rules = LaborRules()
    var handovers: [HandoverRule] = []
    var weights = ObjectiveWeights()
    /// `previous_roster`: the previous period's roster.csv, relative to the scenario folder, and where it is set.
    var previousRoster: (path: String, location: SourceLocation)?
    /// `csv_encoding`: the encoding every CSV file of the folder is in (any name iconv knows, e.g.
    /// `GBK`, `windows-1252`), when guessing is not wanted; nil: detected per file.
    var csvEncoding: (name: String, location: SourceLocation)?
    /// A `csv_encoding` this system cannot read was given (the CSV files are then not read: one error, no cascade).
    var csvEncodingUnknown = false
}

enum TeamFileParser {
    static let file = "team.toml"

    static func parse(text: String, _ sink: inout DiagnosticSink) -> TeamFile {
        var result = TeamFile()
        let root: TOMLTable
        if let p = TOMLPreflight.problem(in: text) {
            sink.error(.tomlSyntax(p.message), SourceLocation(file: file, line: p.line))
            return result
        }
        do {
            root = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            let line = e.source.begin.line > 0 ? e.source.begin.line : nil
            sink.error(.tomlSyntax(e.description), SourceLocation(file: file, line: line))
            return result
        } catch {
            sink.error(.tomlSyntax("\(error)"), SourceLocation(file: file))
            return result
        }
        let index = TOMLLineIndex(text: text)
        var r = TOMLTableReader(table: root, path: "", file: file, index: index)

        let name = r.string("name", required: true, &sink)
        var clock: ZoneClock? = nil
        if let zone = r.string("time_zone", required: true, maxLength: 64, &sink) {
            clock = ZoneClock(identifier: zone)
            if clock == nil { sink.error(.unknownTimeZone(zone), r.location("time_zone")) }
        }
        var intervalMinutes: Int? = nil
        if let m = r.int("interval_minutes", required: true, range: Int.min...Int.max, &sink) {
            if [15, 30, 60].contains(m) { intervalMinutes = m } else {
                sink.error(.outOfRange("must be 15, 30 or 60"), r.location("interval_minutes"))
            }
        }
        let startDate = r.date("start_date", required: true, &sink)
        let days = r.int("days", required: true, range: 1...400, allowed: "must be between 1 and 400 days", &sink)
        let shrinkage = r.double("shrinkage", range: 0...0.95, allowed: "must be between 0 and 0.95 (a share, e.g. 0.3)", &sink)
        let maxOcc = r.double("max_occupancy", range: 0.01...1, allowed: "must be above 0 and at most 1 (a share, e.g. 0.85)", &sink)
        let patience = r.double("patience_seconds", range: 1...86_400, allowed: "must be between 1 and 86400 seconds", &sink)
        if let path = r.string("previous_roster", maxLength: 1000, &sink) {
            result.previousRoster = (path, r.location("previous_roster"))
        }
        var calendarID: String? = nil
        if let id = r.string("calendar_id", maxLength: 64, &sink) {
            if let bad = id.unicodeScalars.first(where: { !(CharacterSet.alphanumerics.contains($0) || "-_.@".unicodeScalars.contains($0)) || $0.value > 0x7E }) {
                sink.error(.invalid("calendar_id must be letters, digits, '-', '_', '.' or '@' (ASCII, no spaces); found \"\(bad.escaped(asASCII: true))\""), r.location("calendar_id"))
            } else { calendarID = id }
        }
        var holidays: [LocalDate] = []
        if let arr = r.array("holidays", &sink) {
            for v in arr {
                if let d = TOMLTableReader.date(from: v, location: r.location("holidays"), &sink) { holidays.append(d) }
            }
        }
        var language: Language? = nil
        if let code = r.string("language", maxLength: 20, &sink) {
            if let l = Language(code: code) { language = l } else {
                sink.error(.invalid("language must be \"en\" or \"zh-Hans\"; found \"\(code)\""), r.location("language"))
            }
        }
        if let name = r.string("csv_encoding", maxLength: 40, &sink), name.lowercased() != "auto" {
            if TextDecoding.knows(name) { result.csvEncoding = (name, r.location("csv_encoding")) } else {
                result.csvEncodingUnknown = true
                sink.error(.invalid("csv_encoding \"\(name)\" is not an encoding this system can read (e.g. \"UTF-8\", \"GBK\", \"GB18030\", \"UTF-16\", \"windows-1252\"; or \"auto\")"),
                           r.location("csv_encoding"))
            }
        }
        var makeUp: [LocalDate] = []
        if let arr = r.array("make_up_workdays", &sink) {
            for v in arr {
                if let d = TOMLTableReader.date(from: v, location: r.location("make_up_workdays"), &sink) {
                    if holidays.contains(d) {
                        sink.error(.invalid("\(d) is both a holiday and a make-up workday"), r.location("make_up_workdays"))
                    } else { makeUp.append(d) }
                }
            }
        }

        // [service_goal]
        var goal: ServiceGoal? = nil
        if var g = r.table("service_goal", &sink) {
            let sl = g.double("service_level", range: 0.01...0.999, allowed: "must be a share above 0 and below 1 (e.g. 0.8)", &sink)
            let t = g.double("answer_seconds", range: 0...3600, allowed: "must be between 0 and 3600 seconds", &sink)
            let asa = g.double("average_speed_of_answer_seconds", range: 0.1...3600,
                               allowed: "must be above 0 and at most 3600 seconds", &sink)
            let hadSL = g.table["service_level"] != nil, hadT = g.table["answer_seconds"] != nil
            let hadASA = g.table["average_speed_of_answer_seconds"] != nil
            if hadSL && !hadT { sink.error(.missingField, g.location("answer_seconds")) }
            if hadT && !hadSL { sink.error(.missingField, g.location("service_level")) }
            if !hadSL && !hadT && !hadASA {
                sink.error(.invalid("set service_level with answer_seconds, and/or average_speed_of_answer_seconds"),
                           g.tableLocation)
            }
            g.warnUnknownKeys(&sink)
            if (sl != nil && t != nil) || asa != nil {
                goal = ServiceGoal(serviceLevel: sl, answerSeconds: sl == nil ? nil : t, averageSpeedOfAnswer: asa)
            }
        } else if root["service_goal"] == nil {
            sink.error(.missingField, SourceLocation(file: file, field: "service_goal"))
        }

        // The horizon (and the eve and morrow the model looks at) must stay inside years 1–9999.
        var horizonOK = true
        if let startDate, let days, startDate.adding(days: days + 1).year > 9999 || startDate.adding(days: -1).year < 1 {
            sink.error(.outOfRange("the horizon (\(startDate) + \(days) days) must lie within the years 0001–9999"),
                       r.location("start_date"))
            horizonOK = false
        }
        if let name, let clock, let intervalMinutes, let startDate, let days, let goal, horizonOK {
            result.team = TeamSettings(name: name, clock: clock, intervalMinutes: intervalMinutes, startDate: startDate,
                                       days: days, goal: goal, maxOccupancy: maxOcc, shrinkage: shrinkage ?? 0,
                                       patienceSeconds: patience, holidays: holidays, calendarID: calendarID)
            result.team?.makeUpWorkdays = makeUp
            result.team?.language = language
        }
        let interval = intervalMinutes ?? 30
        let horizonDays = days ?? 28

        // [rules]
        if var t = r.table("rules", &sink) {
            result.rules = parseRules(&t, horizonDays: horizonDays, &sink)
        }
        // [weights]
        if var t = r.table("weights", &sink) {
            result.weights = parseWeights(&t, &sink)
        }
        // [[shifts]]
        if let shifts = r.tableArray("shifts", &sink) {
            if shifts.count > 100 {
                sink.error(.tooMany(what: "shift templates", limit: 100), r.location("shifts"))
            }
            var codes: [String: String] = [:]
            for var s in shifts.prefix(100) {
                if let name = s.table["name"]?.string?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
                    if result.shiftNames.contains(name) { sink.error(.duplicateName(name), s.location("name")) }
                    result.shiftNames.insert(name)
                }
                if let tpl = parseShift(&s, intervalMinutes: interval, &sink) {
                    if let other = codes[tpl.code] {
                        sink.error(.invalid("code '\(tpl.code)' is already used by shift '\(other)'"), s.location("code"))
                    } else {
                        codes[tpl.code] = tpl.name
                    }
                    if !result.templates.contains(where: { $0.name == tpl.name }) { result.templates.append(tpl) }
                }
            }
        } else if root["shifts"] == nil {
            sink.error(.invalid("no [[shifts]] defined: at least one shift template is needed"),
                       SourceLocation(file: file, field: "shifts"))
        }
        // [[handovers]]
        if let hs = r.tableArray("handovers", &sink) {
            for var h in hs.prefix(48) {
                if let rule = parseHandover(&h, &sink) {
                    if result.handovers.contains(where: { $0.name == rule.name }) {
                        sink.error(.duplicateName(rule.name), h.location("name"))
                    }
                    result.handovers.append(rule)
                }
            }
            if hs.count > 48 { sink.error(.tooMany(what: "handover rules", limit: 48), r.location("handovers")) }
        }
        r.warnUnknownKeys(&sink)
        return result
    }

    static func parseRules(_ t: inout TOMLTableReader, horizonDays: Int, _ sink: inout DiagnosticSink) -> LaborRules {
        var rules = LaborRules()
        if let v = t.double("min_rest_hours", range: 0...48, &sink) { rules.minRestHours = v }
        if let v = t.int("max_consecutive_days", range: 1...400, &sink) { rules.maxConsecutiveDays = v }
        if let v = t.int("min_days_off_per_week", range: 0...6, &sink) { rules.minDaysOffPerWeek = v }
        rules.minHoursPerWeek = t.double("min_hours_per_week", range: 0...168, &sink)
        rules.maxHoursPerWeek = t.double("max_hours_per_week", range: 1...168, &sink)
        let horizonHours = Double(horizonDays * 24)
        rules.minHoursPerHorizon = t.double("min_hours_per_horizon", range: 0...horizonHours,
                                            allowed: "must be between 0 and \(fmt(horizonHours)) (24 h × days)", &sink)
        rules.maxHoursPerHorizon = t.double("max_hours_per_horizon", range: 1...horizonHours,
                                            allowed: "must be between 1 and \(fmt(horizonHours)) (24 h × days)", &sink)
        rules.maxNightsPerWeek = t.int("max_nights_per_week", range: 0...7, &sink)
        rules.maxConsecutiveNights = t.int("max_consecutive_nights", range: 0...400, &sink)
        rules.minWeeklyRestHours = t.double("min_weekly_rest_hours", range: 24...36,
                                            allowed: "must be between 24 (a whole day off) and 36 hours (the EU asks 35)", &sink)
        if let v = t.int("max_shifts_per_day", range: 1...3, &sink) { rules.maxShiftsPerDay = v }
        if let v = t.int("floor_agents", range: 0...20_000, &sink) { rules.floorAgents = v }
        if let lo = rules.minHoursPerWeek, let hi = rules.maxHoursPerWeek, lo > hi {
            sink.error(.invalid("min_hours_per_week (\(fmt(lo))) is above max_hours_per_week (\(fmt(hi)))"),
                       t.location("min_hours_per_week"))
        }
        if let lo = rules.minHoursPerHorizon, let hi = rules.maxHoursPerHorizon, lo > hi {
            sink.error(.invalid("min_hours_per_horizon (\(fmt(lo))) is above max_hours_per_horizon (\(fmt(hi)))"),
                       t.location("min_hours_per_horizon"))
        }
        t.warnUnknownKeys(&sink)
        return rules
    }

    static func parseWeights(_ t: inout TOMLTableReader, _ sink: inout DiagnosticSink) -> ObjectiveWeights {
        var w = ObjectiveWeights()
        let r = 0.0...1_000_000
        if let v = t.double("shortfall", range: r, &sink) { w.shortfall = v }
        if let v = t.double("shortfall_growth", range: 1...100, &sink) { w.shortfallGrowth = v }
        if let v = t.double("surplus", range: r, &sink) { w.surplus = v }
        if let v = t.double("preference", range: r, &sink) { w.preference = v }
        if let v = t.double("fairness", range: r, &sink) { w.fairness = v }
        if let v = t.double("paid_hour", range: r, &sink) { w.paidHour = v }
        t.warnUnknownKeys(&sink)
        return w
    }

    static func parseShift(_ s: inout TOMLTableReader, intervalMinutes: Int, _ sink: inout DiagnosticSink) -> ShiftTemplate? {
        let name = s.string("name", required: true, maxLength: 40, &sink)
        var code = s.string("code", maxLength: 2, &sink)
        if code == nil, s.table["code"] == nil, let name { code = String(name.prefix(1)).uppercased() }
        let earliest = s.time("earliest_start", required: true, &sink)
        let latest = s.table["latest_start"] == nil ? earliest : s.time("latest_start", &sink)
        let step = s.int("step_minutes", range: 1...1440, &sink) ?? intervalMinutes
        var lengths: [Int] = []
        var lengthsOK = true
        if let v = s.table["lengths_minutes"] ?? s.table["length_minutes"] {
            let key = s.table["lengths_minutes"] != nil ? "lengths_minutes" : "length_minutes"
            if let i = v.int {
                lengths = [i]
                _ = s.int(key, range: Int.min...Int.max, &sink)
            } else if let arr = s.array(key, &sink) {
                for e in arr {
                    if let i = e.int { lengths.append(i) } else {
                        sink.error(.wrongType(expected: "whole minutes", found: TOMLTableReader.typeName(e.type)), s.location(key))
                        lengthsOK = false
                    }
                }
            } else {
                lengthsOK = false
            }
            if lengthsOK {
                if lengths.isEmpty {
                    sink.error(.invalid("needs at least one length"), s.location(key)); lengthsOK = false
                }
                for l in lengths where !(60...960).contains(l) || l % intervalMinutes != 0 {
                    sink.error(.outOfRange("each length must be 60 to 960 minutes and a multiple of interval_minutes (\(intervalMinutes)); \(l) is not"),
                               s.location(key))
                    lengthsOK = false
                    break
                }
            }
            if s.table["lengths_minutes"] != nil && s.table["length_minutes"] != nil {
                sink.error(.invalid("give lengths_minutes or length_minutes, not both"), s.location("length_minutes"))
            }
            s.markUsed("lengths_minutes"); s.markUsed("length_minutes")
        } else {
            sink.error(.missingField, s.location("lengths_minutes"))
            lengthsOK = false
        }
        let night = s.bool("night", &sink) ?? false
        let skills = s.stringArray("required_skills", &sink) ?? []

        var breakRule: BreakRule? = nil
        var breakOK = true
        if var b = s.table("break", &sink) {
            let len = b.int("length_minutes", required: true, range: 1...240, &sink)
            let earliestOff = b.int("earliest_offset_minutes", required: true, range: 0...960, &sink)
            let latestOff = b.int("latest_offset_minutes", required: true, range: 0...960, &sink)
            b.warnUnknownKeys(&sink)
            if let len, let earliestOff, let latestOff {
                if len % intervalMinutes != 0 || earliestOff % intervalMinutes != 0 || latestOff % intervalMinutes != 0 {
                    sink.error(.invalid("break length and offsets must be multiples of interval_minutes (\(intervalMinutes))"),
                               b.location("length_minutes"))
                    breakOK = false
                } else if earliestOff > latestOff {
                    sink.error(.invalid("earliest_offset_minutes (\(earliestOff)) is after latest_offset_minutes (\(latestOff))"),
                               b.location("earliest_offset_minutes"))
                    breakOK = false
                } else if earliestOff == 0 {
                    sink.error(.outOfRange("a break cannot start with the shift: must be above 0"),
                               b.location("earliest_offset_minutes"))
                    breakOK = false
                } else if let shortest = lengths.min(), lengthsOK, latestOff + len >= shortest {
                    sink.error(.invalid("a break starting at \(latestOff) min and lasting \(len) min does not end before the shortest shift (\(shortest) min) ends"),
                               b.location("latest_offset_minutes"))
                    breakOK = false
                } else {
                    breakRule = BreakRule(lengthMinutes: len, earliestOffsetMinutes: earliestOff, latestOffsetMinutes: latestOff)
                }
            } else {
                breakOK = false
            }
        }
        var timesOK = earliest != nil && latest != nil
        if let e = earliest, let l = latest {
            if e > l {
                sink.error(.invalid("earliest_start \(e) is after latest_start \(l) (a start window cannot wrap midnight)"),
                           s.location("latest_start"))
                timesOK = false
            }
            if e.minutes % intervalMinutes != 0 || l.minutes % intervalMinutes != 0 {
                sink.error(.invalid("shift starts must lie on interval boundaries (multiples of \(intervalMinutes) min after midnight)"),
                           s.location("earliest_start"))
                timesOK = false
            }
        }
        var stepOK = true
        if step % intervalMinutes != 0 {
            sink.error(.outOfRange("must be a multiple of interval_minutes (\(intervalMinutes))"), s.location("step_minutes"))
            stepOK = false
        }
        s.warnUnknownKeys(&sink)
        guard let name, let code, let earliest, let latest, timesOK, stepOK, lengthsOK, breakOK else { return nil }
        return ShiftTemplate(name: name, code: code, earliestStart: earliest, latestStart: latest, stepMinutes: step,
                             lengthsMinutes: Array(Set(lengths)).sorted(), breakRule: breakRule, isNight: night,
                             requiredSkills: skills)
    }

    static func parseHandover(_ h: inout TOMLTableReader, _ sink: inout DiagnosticSink) -> HandoverRule? {
        let time = h.time("time", required: true, &sink)
        let name = h.string("name", maxLength: 40, &sink) ?? time?.description
        let minAgents = h.int("min_agents", required: true, range: 1...20_000, &sink)
        let overlap = h.int("overlap_minutes", range: 0...480, &sink) ?? 30
        h.warnUnknownKeys(&sink)
        guard let name, let time, let minAgents else { return nil }
        return HandoverRule(name: name, time: time, minAgents: minAgents, overlapMinutes: overlap)
    }
}
