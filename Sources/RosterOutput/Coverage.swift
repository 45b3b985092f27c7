import Foundation
import RosterCore

/// Required against scheduled agents per interval, by day: the numbers behind the coverage chart.
public struct CoverageData: Sendable {
    public struct Day: Sendable {
        public var date: LocalDate
        /// Interval indices of the grid that start on this date.
        public var intervals: Range<Int>
    }

    public let scenario: Scenario
    public let report: CoverageReport
    var required: [Int] { report.required }
    var scheduled: [Int] { report.scheduled }
    public let days: [Day]

    public init(scenario: Scenario, roster: Roster, required: [Int]? = nil) {
        self.scenario = scenario
        self.report = CoverageReport(scenario: scenario, requirement: required ?? OutputRequirement.required(for: scenario), roster: roster)
        self.days = scenario.grid.dayRanges.enumerated().map { Day(date: scenario.grid.date(ofDay: $0.offset), intervals: $0.element) }
    }

    func difference(_ i: Int) -> Int { scheduled[i] - required[i] }

    /// Interval indices at which a handover falls (the interval containing its local time), by day.
    func handoverIntervals(on day: Day) -> [(rule: HandoverRule, interval: Int)] {
        let grid = scenario.grid
        return scenario.handovers.compactMap { h in
            let t = grid.clock.instant(LocalDateTime(date: day.date, time: h.time))
            guard let i = grid.intervalIndex(containing: t), day.intervals.contains(i) else { return nil }
            return (h, i)
        }
    }

    func shortfallHours(_ day: Day) -> Double {
        day.intervals.reduce(0) { $0 + Double(max(0, required[$1] - scheduled[$1])) * report.intervalHours[$1] }
    }
}

/// The coverage chart for the terminal.
public struct CoverageText: Sendable {
    public let data: CoverageData
    let painter: Painter
    let m: Messages

    public init(data: CoverageData, painter: Painter = .plain, language: Language = .english) {
        self.data = data
        self.painter = painter
        m = Messages(language)
    }

    /// One symbol per interval for scheduled − required.
    func symbol(_ diff: Int) -> String {
        switch diff {
        case ..<(-2): return painter.paint("▼", .red, .bold)
        case -2...(-1): return painter.paint("▽", .red)
        case 0: return painter.paint("·", .dim)
        case 1...2: return painter.paint("+", .green)
        default: return painter.paint("▲", .cyan)
        }
    }

    /// The whole horizon: one row per day, one column per interval (a heat map in symbols), with the
    /// day's shortfall; handovers marked on the axis.
    public func overview() -> String {
        let scenario = data.scenario
        let clock = scenario.team.clock
        let text = TimeText(clock: clock, language: m.language)
        let perDay = data.days.map { $0.intervals.count }.max() ?? 48
        let hoursPerCell = Double(scenario.team.intervalMinutes) / 60
        var out = painter.paint(m.coverageTitle(scenario.team.intervalMinutes), .bold) + "\n"
        out += painter.paint(m.timesIn(scenario.team.name, clock.identifier), .dim) + "\n\n"
        // Axis from the first normal day.
        let prefix = String(repeating: " ", count: 16)
        var axis = [Character](repeating: " ", count: perDay + 2)
        let cellsPer3h = Int(3 / hoursPerCell)
        if cellsPer3h > 0 {
            for c in stride(from: 0, to: perDay, by: cellsPer3h) {
                let h = String(format: "%02d", Int(Double(c) * hoursPerCell))
                axis[c] = h.first!; axis[c + 1] = h.last!
            }
        }
        out += prefix + String(String(axis).reversed().drop(while: { $0 == " " }).reversed()) + "\n"
        var marks = [Character](repeating: " ", count: perDay)
        if let first = data.days.first {
            for (_, i) in data.handoverIntervals(on: first) { marks[i - first.intervals.lowerBound] = "^" }
        }
        out += prefix + String(marks) + "  " + m.shortfallColumn + "\n"
        for day in data.days {
            var row = ""
            for i in day.intervals { row += symbol(data.difference(i)) }
            row += String(repeating: " ", count: perDay - day.intervals.count)
            let short = data.shortfallHours(day)
            let shortText = short > 0 ? painter.paint(m.agentHours(short), .red) : "    —"
            out += DisplayWidth.pad(text.day(day.date), to: 16) + row + "  " + shortText
                + (day.intervals.count != perDay || day.intervals.count * scenario.team.intervalMinutes != 1440 ? "  " + m.dstHours(day.intervals.count * scenario.team.intervalMinutes / 60) : "") + "\n"
        }
        let total = data.report.shortfallAgentHours
        out += "\n" + m.coverageLegend + "\n"
        out += m.coverageTotal(total, data.report.intervalsBelowRequirement, data.report.surplusAgentHours) + "\n"
        return out
    }

    /// One day, interval by interval: required, scheduled, difference and a bar; shortfalls and handovers marked.
    public func day(_ day: CoverageData.Day) -> String {
        let clock = data.scenario.team.clock
        let text = TimeText(clock: clock, language: m.language)
        let grid = data.scenario.grid
        let maxValue = max(1, day.intervals.map { max(data.required[$0], data.scheduled[$0]) }.max() ?? 1)
        let barWidth = 60
        let fit = Double(barWidth) / Double(maxValue)
        let scale = fit >= 1 ? min(4, fit.rounded(.down)) : fit
        let handovers = Dictionary(data.handoverIntervals(on: day).map { ($0.interval, $0.rule) }, uniquingKeysWith: { a, _ in a })
        var out = painter.paint(m.coverageOn(text.day(day.date)), .bold) + "\n"
        out += painter.paint(m.timesIn(data.scenario.team.name, clock.identifier), .dim) + "\n\n"
        out += m.coverageDayHead(scale > 1 ? m.agentPerColumns(Int(scale)) : scale < 1 ? m.columnPerAgents(1 / scale) : "") + "\n"
        for i in day.intervals {
            let iv = grid.intervals[i]
            let r = data.required[i], s = data.scheduled[i], d = s - r
            let sCols = Int((Double(s) * scale).rounded()), rCol = Int((Double(r) * scale).rounded())
            var bar = ""
            for c in 0..<max(sCols, rCol + 1) {
                if c == rCol { bar += painter.paint("│", .bold) }
                else if c < sCols { bar += c > rCol ? painter.paint("█", .green) : "█" }
                else { bar += painter.paint("·", d < 0 ? .red : .dim) }
            }
            let diff = String(format: "%+4d", d)
            var line = text.hhmm(iv.start) + "  " + String(format: "%4d  %5d  ", r, s) + (d < 0 ? painter.paint(diff, .red, .bold) : diff) + "  " + bar
            if d < 0 { line += painter.paint(m.short(-d), .red) }
            if let h = handovers[i] { line += painter.paint("  ◀ \(h.name) \(h.time)", .cyan) }
            out += line + "\n"
        }
        out += "\n" + m.dayShortfall(data.shortfallHours(day), day.intervals.filter { data.difference($0) < 0 }.count) + "\n"
        return out
    }
}

/// The coverage chart as SVG: a day × interval heat map (colour = scheduled − required) and, for each
/// day, a small line chart of required against scheduled. Plain SVG 1.1, no scripts, text escaped.
public struct CoverageSVG: Sendable {
    public let data: CoverageData
    let m: Messages
    public init(data: CoverageData, language: Language = .english) {
        self.data = data
        m = Messages(language)
    }

    /// XML text escaping for element content and attribute values (`XMLText`).
    static func escape(_ s: String) -> String { XMLText.escape(s) }

    /// Fill colour for a difference: reds for shortfall, white for exact, greens for surplus.
    static func colour(_ diff: Int) -> String {
        switch diff {
        case ..<(-3): return "#b2182b"
        case -3: return "#d6604d"
        case -2: return "#f4a582"
        case -1: return "#fddbc7"
        case 0: return "#f7f7f7"
        case 1: return "#d9f0d3"
        case 2: return "#a6dba0"
        case 3: return "#5aae61"
        default: return "#1b7837"
        }
    }

    static func f(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    public func render() -> String {
        let scenario = data.scenario
        let clock = scenario.team.clock
        let text = TimeText(clock: clock, language: m.language)
        let perDay = max(1, data.days.map { $0.intervals.count }.max() ?? 48)
        let cell = max(4.0, min(14.0, 672.0 / Double(perDay)))
        let rowH = 14.0
        let left = 110.0, top = 70.0
        let heatW = cell * Double(perDay), heatH = rowH * Double(data.days.count)
        // Small multiples: 7 per row.
        let cols = 7, chartW = 130.0, chartH = 80.0, gap = 14.0
        let chartsTop = top + heatH + 80
        let chartRows = (data.days.count + cols - 1) / cols
        let width = max(left + heatW + 230, 20 + Double(cols) * (chartW + gap) + 20)
        let height = chartsTop + Double(chartRows) * (chartH + gap + 20) + 30
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\" viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        s += "<title>\(Self.escape(m.svgTitle(scenario.team.name)))</title>\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\" fill=\"#ffffff\"/>\n"
        s += "<text x=\"20\" y=\"24\" font-size=\"15\" font-weight=\"bold\">\(Self.escape(m.svgHeading(scenario.team.name)))</text>\n"
        s += "<text x=\"20\" y=\"42\" fill=\"#555555\">\(Self.escape(m.svgSubtitle(scenario.team.intervalMinutes, clock.identifier, data.report.shortfallAgentHours, data.report.intervalsBelowRequirement)))</text>\n"
        // Heat map.
        s += "<g id=\"heatmap\">\n"
        let hoursPerCell = Double(scenario.team.intervalMinutes) / 60
        for c in stride(from: 0, through: perDay, by: max(1, Int(3 / hoursPerCell))) {
            let x = left + Double(c) * cell
            s += "<text x=\"\(Self.f(x))\" y=\"\(Self.f(top - 6))\" text-anchor=\"middle\">\(String(format: "%02d", Int(Double(c) * hoursPerCell) % 25))</text>\n"
        }
        for (r, day) in data.days.enumerated() {
            let y = top + Double(r) * rowH
            s += "<text x=\"\(Self.f(left - 6))\" y=\"\(Self.f(y + rowH - 3))\" text-anchor=\"end\">\(Self.escape(text.day(day.date)))</text>\n"
            // Cells sit at their wall-clock time: on a 23-hour day the skipped hour stays empty; on a 25-hour
            // day the repeated hour's second intervals fill the lower half of the same cells.
            var drawn = Set<Int>()
            for i in day.intervals {
                let d = data.difference(i)
                let iv = scenario.grid.intervals[i]
                let slot = iv.local.time.minutes / scenario.team.intervalMinutes
                let repeated = !drawn.insert(slot).inserted
                let cy = repeated ? y + rowH / 2 : y, ch = repeated ? rowH / 2 : rowH
                s += "<rect x=\"\(Self.f(left + Double(slot) * cell))\" y=\"\(Self.f(cy))\" width=\"\(Self.f(cell))\" height=\"\(Self.f(ch))\" fill=\"\(Self.colour(d))\" stroke=\"#ffffff\" stroke-width=\"0.5\">"
                s += "<title>\(Self.escape(m.svgCell("\(day.date) \(text.hhmm(iv.start))", data.required[i], data.scheduled[i], d)))</title></rect>\n"
            }
            for (h, i) in data.handoverIntervals(on: day) {
                let x = left + Double(scenario.grid.intervals[i].local.time.minutes / scenario.team.intervalMinutes) * cell
                s += "<line x1=\"\(Self.f(x))\" y1=\"\(Self.f(y))\" x2=\"\(Self.f(x))\" y2=\"\(Self.f(y + rowH))\" stroke=\"#2166ac\" stroke-width=\"1.5\"><title>\(Self.escape("\(h.name) \(h.time)"))</title></line>\n"
            }
            var noteX = left + heatW + 6
            if day.intervals.count * scenario.team.intervalMinutes != 1440 {
                s += "<text x=\"\(Self.f(noteX))\" y=\"\(Self.f(y + rowH - 3))\" fill=\"#555555\">\(Self.escape(m.svgDST(day.intervals.count * scenario.team.intervalMinutes / 60)))</text>\n"
                noteX += 80
            }
            // Who is away that day (leave, or unavailable all day), their names in the tooltip.
            let away = scenario.agents.map { ($0, RosterContext.absence(of: $0.id, on: day.date, in: scenario)) }
            let onLeave = away.filter { $0.1 == .leave }.map { "\($0.0.name) (\($0.0.id))" }
            let unavailable = away.filter { $0.1 == .unavailable }.map { "\($0.0.name) (\($0.0.id))" }
            if !onLeave.isEmpty || !unavailable.isEmpty {
                s += "<text class=\"away\" x=\"\(Self.f(noteX))\" y=\"\(Self.f(y + rowH - 3))\" fill=\"#7b3294\">\(Self.escape(m.svgAway(leave: onLeave.count, unavailable: unavailable.count)))"
                s += "<title>\(Self.escape(m.svgAwayNames(onLeave, unavailable)))</title></text>\n"
            }
        }
        // Legend.
        let legendY = top + heatH + 16
        s += "<text x=\"\(Self.f(left))\" y=\"\(Self.f(legendY + 10))\">\(Self.escape(m.svgShort))</text>\n"
        for (k, d) in (-4...4).enumerated() {
            s += "<rect x=\"\(Self.f(left + 40 + Double(k) * 26))\" y=\"\(Self.f(legendY))\" width=\"26\" height=\"12\" fill=\"\(Self.colour(d))\" stroke=\"#999999\" stroke-width=\"0.5\"/>\n"
            s += "<text x=\"\(Self.f(left + 53 + Double(k) * 26))\" y=\"\(Self.f(legendY + 24))\" text-anchor=\"middle\">\(d == -4 ? "≤−4" : d == 4 ? "≥+4" : d > 0 ? "+\(d)" : d < 0 ? "−\(-d)" : "0")</text>\n"
        }
        s += "<text x=\"\(Self.f(left + 40 + 9 * 26 + 6))\" y=\"\(Self.f(legendY + 10))\">\(Self.escape(m.svgOver))</text>\n"
        // (The handover key starts clear of "over", about 30 px wide.)
        s += "<line x1=\"\(Self.f(left + 330))\" y1=\"\(Self.f(legendY))\" x2=\"\(Self.f(left + 330))\" y2=\"\(Self.f(legendY + 12))\" stroke=\"#2166ac\" stroke-width=\"1.5\"/>\n"
        s += "<text x=\"\(Self.f(left + 336))\" y=\"\(Self.f(legendY + 10))\">\(Self.escape(m.svgHandover))</text>\n"
        s += "</g>\n"
        // Line charts.
        let maxValue = max(1, (data.required + data.scheduled).max() ?? 1)
        s += "<g id=\"days\">\n"
        s += "<text x=\"20\" y=\"\(Self.f(chartsTop - 24))\" font-size=\"13\" font-weight=\"bold\">\(Self.escape(m.svgEachDay))</text>\n"
        for (r, day) in data.days.enumerated() {
            let x0 = 20 + Double(r % cols) * (chartW + gap)
            let y0 = chartsTop + Double(r / cols) * (chartH + gap + 20)
            let n = max(1, day.intervals.count)
            func px(_ k: Int) -> Double { x0 + Double(k) * chartW / Double(n) }
            func py(_ v: Int) -> Double { y0 + chartH - Double(v) / Double(maxValue) * chartH }
            s += "<g>\n<text x=\"\(Self.f(x0))\" y=\"\(Self.f(y0 - 4))\">\(Self.escape(text.day(day.date)))</text>\n"
            s += "<rect x=\"\(Self.f(x0))\" y=\"\(Self.f(y0))\" width=\"\(Self.f(chartW))\" height=\"\(Self.f(chartH))\" fill=\"none\" stroke=\"#cccccc\"/>\n"
            for (k, i) in day.intervals.enumerated() where data.difference(i) < 0 {
                s += "<rect x=\"\(Self.f(px(k)))\" y=\"\(Self.f(py(data.required[i])))\" width=\"\(Self.f(chartW / Double(n)))\" height=\"\(Self.f(py(data.scheduled[i]) - py(data.required[i])))\" fill=\"#d6604d\" fill-opacity=\"0.6\"/>\n"
            }
            for (_, i) in data.handoverIntervals(on: day) {
                let x = px(i - day.intervals.lowerBound)
                s += "<line x1=\"\(Self.f(x))\" y1=\"\(Self.f(y0))\" x2=\"\(Self.f(x))\" y2=\"\(Self.f(y0 + chartH))\" stroke=\"#2166ac\" stroke-dasharray=\"2,2\"/>\n"
            }
            func steps(_ values: [Int]) -> String {
                var pts: [String] = []
                for (k, v) in values.enumerated() { pts.append("\(Self.f(px(k))),\(Self.f(py(v)))"); pts.append("\(Self.f(px(k + 1))),\(Self.f(py(v)))") }
                return pts.joined(separator: " ")
            }
            s += "<polyline points=\"\(steps(day.intervals.map { data.required[$0] }))\" fill=\"none\" stroke=\"#777777\" stroke-width=\"1.2\"/>\n"
            s += "<polyline points=\"\(steps(day.intervals.map { data.scheduled[$0] }))\" fill=\"none\" stroke=\"#2166ac\" stroke-width=\"1.2\"/>\n"
            s += "</g>\n"
        }
        s += "<text x=\"20\" y=\"\(Self.f(height - 10))\" fill=\"#555555\">\(Self.escape(m.svgScale(maxValue)))</text>\n"
        s += "</g>\n</svg>\n"
        return s
    }
}
