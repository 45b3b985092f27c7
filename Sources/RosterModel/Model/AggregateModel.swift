import Foundation
import RosterCore
import Solver

/// Shift-count selection: how many agents work each shift option, with agents pooled.
///
/// Every constraint here is implied by the full model summed over agents, and the objective keeps only
/// parts of the full objective that depend on counts alone (coverage, floor, handover, paid hours) plus
/// a pooled minimum-hours slack that costs no more than the full model's. So any roster of the full
/// model maps to a solution of this model costing no more: its optimum, and any bound on it, is a valid
/// lower bound on the full model's optimum. Its solution also seeds the constructive roster.
struct AggregateModel {
    let model: LinearModel
    let count: [ColumnID]
    /// Each interval's cover row and floor row (nil without a floor), each handover's row (in `full.handovers` order).
    let coverRow: [RowID]
    let floorRow: [RowID?]
    let handoverRow: [RowID]
    /// Per interval: its shortfall segments, its surplus column and its length in hours; and the slacks of
    /// the floor and handover rows (for ``forcedSurplusModel()``).
    let shortfallColumns: [[ColumnID]]
    let surplusColumn: [ColumnID]
    let intervalHours: [Double]
    let ruleSlacks: [ColumnID]

    /// The LP duals of the cover, floor and handover rows, per interval and handover: the prices that
    /// start column generation (``HotlineMaster/prices(cover:floor:handover:)``).
    func prices(_ duals: [Double]) -> (cover: [Double], floor: [Double], handover: [Double]) {
        (coverRow.map { duals[$0.index] }, floorRow.map { $0.map { duals[$0.index] } ?? 0 }, handoverRow.map { duals[$0.index] })
    }

    init(_ full: RosterIntegerModel) {
        let scenario = full.scenario
        let options = full.catalog.options
        let grid = scenario.grid
        let rules = scenario.rules
        let weights = scenario.weights
        let semantics = full.semantics
        var m = LinearModel(name: "shift_counts", sense: .minimize)

        var eligibleAgents = [Int](repeating: 0, count: options.count)
        for list in full.agentOptions {
            for x in list where (full.model.columnUpper[x.column.index] ?? 1) > 0.5 { eligibleAgents[x.option] += 1 }
        }
        var pinnedCount = [Int](repeating: 0, count: options.count)
        for list in full.pinnedOptions { for k in list { pinnedCount[k] += 1 } }
        let count = options.map { o in
            m.addColumn("n_d\(o.day)_o\(o.id)", kind: .integer, lower: Double(pinnedCount[o.id]),
                        upper: Double(eligibleAgents[o.id]), objective: weights.paidHour * o.paidHours)
        }
        var coverRow: [RowID] = [], floorRow: [RowID?] = [], handoverRow: [RowID] = []
        var shortfallColumns: [[ColumnID]] = [], surplusColumn: [ColumnID] = [], intervalHours: [Double] = [], ruleSlacks: [ColumnID] = []
        for (i, iv) in grid.intervals.enumerated() {
            let hours = Double(iv.minutes) / 60
            let g = max(1, weights.shortfallGrowth)
            let s1 = m.addColumn(lower: 0, upper: 1, objective: weights.shortfall * hours)
            let s2 = m.addColumn(lower: 0, upper: 1, objective: weights.shortfall * g * hours)
            let s3 = m.addColumn(lower: 0, upper: nil, objective: weights.shortfall * g * g * hours)
            let over = m.addColumn(lower: 0, upper: nil, objective: weights.surplus * hours)
            shortfallColumns.append([s1, s2, s3])
            surplusColumn.append(over)
            intervalHours.append(hours)
            let cover = full.coveringOptions[i].map { (count[$0], 1.0) }
            coverRow.append(m.addRow("cover_\(i)", terms: cover + [(s1, 1), (s2, 1), (s3, 1), (over, -1)], .equal(Double(full.requirement[i]))))
            if rules.floorAgents > 0 {
                let f = m.addColumn(lower: 0, upper: nil, objective: full.ruleViolationWeight * hours)
                ruleSlacks.append(f)
                floorRow.append(m.addRow("floor_\(i)", terms: cover + [(f, 1)], .atLeast(Double(rules.floorAgents))))
            } else {
                floorRow.append(nil)
            }
        }
        for h in full.handovers {
            let s = m.addColumn(lower: 0, upper: nil, objective: full.ruleViolationWeight)
            ruleSlacks.append(s)
            handoverRow.append(m.addRow("handover_\(h.rule)_d\(h.day)", terms: h.options.map { (count[$0], 1) } + [(s, 1)], .atLeast(Double(h.minimum))))
        }
        // Agents available each day.
        for slot in 0..<full.catalog.slotCount {
            let available = full.worksDay.filter { $0[slot] != nil }.count
            m.addRow("agents_s\(slot)", sumOf: full.catalog.bySlot[slot].map { count[$0] }, .atMost(Double(available)))
        }
        let agents = scenario.agents
        for (wk, week) in semantics.weeks.enumerated() {
            let weekOptions = week.flatMap { full.catalog.bySlot[$0 + 1] }
            // Working days in the week, pooled.
            var dayCap = 0.0, maxHours = 0.0, minHours = 0.0, nightCap = 0.0
            var maxHoursBounded = true
            for a in agents.indices {
                let workable = week.filter { full.worksDay[a][$0 + 1] != nil }.count
                dayCap += Double(min(workable, 7 - rules.minDaysOffPerWeek))
                if let h = semantics.maxWeekHours(agents[a]) { maxHours += h } else { maxHoursBounded = false }
                if let n = rules.maxNightsPerWeek, agents[a].nightEligible { nightCap += Double(n) }
            }
            // Only the minimum-hours rows the full model has (agents with options that week) and whose
            // slack costs something there (a re-roster frees the weeks before its cut-off); the pooled
            // slack costs the cheapest of theirs, so it never costs more than the full model's.
            let weekSlacks = full.hoursSlacks.filter { $0.days == week && full.model.objective[$0.column.index] > 0 }
            minHours = weekSlacks.reduce(0) { $0 + $1.minimum }
            let slackPrice = weekSlacks.map { full.model.objective[$0.column.index] }.min() ?? 0
            m.addRow("days_w\(wk)", sumOf: weekOptions.map { count[$0] }, .atMost(dayCap))
            let hourTerms = weekOptions.map { (count[$0], options[$0].paidHours) }
            if maxHoursBounded { m.addRow("hours_max_w\(wk)", terms: hourTerms, .atMost(maxHours)) }
            if minHours > 0 {
                let s = m.addColumn(lower: 0, upper: nil, objective: slackPrice)
                m.addRow("hours_min_w\(wk)", terms: hourTerms + [(s, 1)], .atLeast(minHours))
            }
            if rules.maxNightsPerWeek != nil {
                m.addRow("nights_w\(wk)", sumOf: weekOptions.filter { options[$0].isNight }.map { count[$0] }, .atMost(nightCap))
            }
        }
        if let maxH = scenario.rules.maxHoursPerHorizon {
            m.addRow("hours_horizon", terms: options.map { (count[$0.id], $0.paidHours) }, .atMost(maxH * Double(agents.count)))
        }
        self.model = m
        self.shortfallColumns = shortfallColumns
        self.surplusColumn = surplusColumn
        self.intervalHours = intervalHours
        self.ruleSlacks = ruleSlacks
        self.count = count
        self.coverRow = coverRow
        self.floorRow = floorRow
        self.handoverRow = handoverRow
    }

    /// The pooled model's LP asked a different question: the least surplus (agent-hours) of any roster with
    /// no shortfall, no interval below the floor and every handover kept, over continuous shift counts.
    /// Every such roster of the full model is a solution, so its optimum is a lower bound on the surplus
    /// the forecast and the shift options force (infeasible: no roster covers every interval).
    func forcedSurplusModel() -> LinearModel {
        var m = model
        for j in 0..<m.columnCount { m.setObjective(ColumnID(j), 0) }
        m.objectiveConstant = 0
        for (i, over) in surplusColumn.enumerated() {
            m.setObjective(over, intervalHours[i])
            for c in shortfallColumns[i] { m.setBounds(c, lower: 0, upper: 0) }
        }
        for c in ruleSlacks { m.setBounds(c, lower: 0, upper: 0) }
        return m
    }
}
