import Foundation
import RosterCore
import Search
import Solver

/// Assignment with repair, in two small integer programs:
///
/// 1. **Working days.** Which days each agent works, so that each day has as many agents as the shift
///    counts ask for (and enough night-eligible agents for the nights), within consecutive-day, day-off
///    and weekly-hour limits and availability.
/// 2. **Shifts of each day**, day by day: the agents working that day are matched to the day's shift
///    counts (a transportation problem), never to a shift that would break rest, night or hour rules
///    given the days already assigned.
///
/// Counts left unmatched are then handed out greedily to any agent who can still take them.
extension ConstructiveRoster {
    /// Half of `budget` for the two programmes, the rest (at least) for the repair of minimum hours.
    mutating func assignByDayPatterns(counts: [Int], budget: Budget) throws(SolverError) {
        let main = budget.share(0.5)
        let cancellation = budget.cancellation

        // 1. Working days.
        let (m, work) = workingDaysModel(counts: counts)
        // Integer working days if GLPK finds them in time; else the LP relaxation rounded (step 2 checks
        // every rule again, so a rounded pattern only costs quality, never validity); else greedy only.
        var dayValues = try GLPKSolver.solve(m, options: SolveOptions(
            timeLimit: main.share(0.5).seconds(), relativeGap: 1e-3, feasibilityPump: true,
            cancellation: cancellation)).values
        if dayValues == nil, cancellation?.isCancelled != true {
            dayValues = try GLPKSolver.solve(m, options: SolveOptions(timeLimit: main.share(0.5).seconds(),
                                                                     cancellation: cancellation), relaxation: true).values
        }
        guard let dayValues else {
            assign(counts: counts)
            repairMinimumHours(budget: budget)
            return
        }
        let works = work.map { row in row.map { c in c.map { dayValues[$0.index] > 0.5 } ?? false } }

        // 2. Shifts, day by day.
        let remaining = try assignShiftsDayByDay(works: works, counts: counts, budget: main, cancellation: cancellation)
        // 3. Repair: what is still unfilled goes to anyone who can take it.
        assign(counts: remaining.map { max(0, $0) }, includePinned: false)
        repairMinimumHours(budget: budget)
    }

    /// The working-days programme: w[a,s] = 1 when agent a works on slot s, under each slot's demand
    /// and each agent's run, week and horizon limits. Returns it with the w column of each (agent, slot)
    /// (nil where the agent has no option that day).
    private func workingDaysModel(counts: [Int]) -> (model: LinearModel, work: [[ColumnID?]]) {
        var m = LinearModel(name: "working_days")
        let work = addWorkingDayColumns(to: &m)
        addDayDemandRows(to: &m, work: work, counts: counts)
        addAgentWorkingDayLimits(to: &m, work: work)
        return (m, work)
    }

    /// w[a,s] binary, fixed to 1 on pinned days.
    private func addWorkingDayColumns(to m: inout LinearModel) -> [[ColumnID?]] {
        let slots = full.catalog.slotCount
        var work = Array(repeating: [ColumnID?](repeating: nil, count: slots), count: full.scenario.agents.count)
        for a in work.indices {
            for s in 0..<slots where !full.agentDayOptions[a][s].isEmpty {
                let pinned = full.pinnedOptions[a].contains { full.catalog.options[$0].slot == s }
                // A small cost per working day keeps agents off days nobody needs them.
                let pref = full.agentDayOptions[a][s].map { full.model.objective[full.agentOptions[a][$0].column.index] }.min() ?? 0
                work[a][s] = m.addColumn("w_\(a)_\(s)", kind: .binary, lower: pinned ? 1 : 0, upper: 1, objective: 0.01 + max(0, pref))
            }
        }
        return work
    }

    /// Each slot: as many agents as its shift counts ask for (short is costly), not many more (excess is
    /// costed), and enough night-eligible agents for its nights.
    private func addDayDemandRows(to m: inout LinearModel, work: [[ColumnID?]], counts: [Int]) {
        let options = full.catalog.options
        let agents = full.scenario.agents
        for s in 0..<full.catalog.slotCount {
            let demand = full.catalog.bySlot[s].reduce(0) { $0 + counts[$1] }
            let nightDemand = full.catalog.bySlot[s].filter { options[$0].isNight }.reduce(0) { $0 + counts[$1] }
            let cols = agents.indices.compactMap { work[$0][s] }
            if demand > 0 {
                let short = m.addColumn(lower: 0, upper: nil, objective: 1000)
                m.addRow("demand_\(s)", terms: cols.map { ($0, 1) } + [(short, 1)], .atLeast(Double(demand)))
            }
            let over = m.addColumn(lower: 0, upper: nil, objective: 5)
            m.addRow("excess_\(s)", terms: cols.map { ($0, 1) } + [(over, -1)], .atMost(Double(demand)))
            if nightDemand > 0 {
                let nightCols = agents.indices.filter { agents[$0].nightEligible }.compactMap { work[$0][s] }
                let short = m.addColumn(lower: 0, upper: nil, objective: 1000)
                m.addRow("night_demand_\(s)", terms: nightCols.map { ($0, 1) } + [(short, 1)], .atLeast(Double(nightDemand)))
            }
        }
    }

    /// Each agent: consecutive days, days off and hours a week (as days, by the shortest and longest
    /// paid shift), hours over the horizon.
    private func addAgentWorkingDayLimits(to m: inout LinearModel, work: [[ColumnID?]]) {
        let scenario = full.scenario, rules = scenario.rules, semantics = full.semantics
        let slots = full.catalog.slotCount
        let paidByOption = full.catalog.options.map(\.paidHours)
        let shortest = paidByOption.filter { $0 > 0 }.min() ?? 8
        let longest = paidByOption.max() ?? 8
        for a in 0..<scenario.agents.count {
            if rules.maxConsecutiveDays < slots {
                let span = rules.maxConsecutiveDays + 1
                for start in 0...(slots - span) {
                    let cols = (start..<(start + span)).compactMap { work[a][$0] }
                    if cols.count > rules.maxConsecutiveDays { m.addRow(sumOf: cols, .atMost(Double(rules.maxConsecutiveDays))) }
                }
            }
            // The previous period's run carries on into the first slots.
            let free = max(0, rules.maxConsecutiveDays - semantics.priorRun[a])
            if semantics.priorRun[a] > 0, slots > 1 {
                let cols = (1...min(free + 1, slots - 1)).compactMap { work[a][$0] }
                if cols.count > free { m.addRow(sumOf: cols, .atMost(Double(free))) }
            }
            if let week = semantics.straddlingWeek {
                let cols = week.compactMap { work[a][$0 + 1] }
                let cap = max(0, 7 - rules.minDaysOffPerWeek - semantics.priorWeek[a].days)
                if cols.count > cap { m.addRow(sumOf: cols, .atMost(Double(cap))) }
            }
            for week in semantics.weeks {
                let cols = week.compactMap { work[a][$0 + 1] }
                guard !cols.isEmpty else { continue }
                var maxDays = Double(7 - rules.minDaysOffPerWeek)
                if let h = semantics.maxWeekHours(scenario.agents[a]) { maxDays = min(maxDays, (h / shortest + Tolerance.hours).rounded(.down)) }
                m.addRow(sumOf: cols, .atMost(maxDays))
                if let h = semantics.minWeekHours(agentIndex: a, week: week), h > 0 {
                    let short = m.addColumn(lower: 0, upper: nil, objective: 500)
                    m.addRow(terms: cols.map { ($0, 1) } + [(short, 1)], .atLeast((h / longest - Tolerance.hours).rounded(.up)))
                }
            }
            if let h = semantics.maxHorizonHours(agentIndex: a) {
                let cols = (0..<slots).compactMap { work[a][$0] }
                m.addRow(sumOf: cols, .atMost((h / shortest + Tolerance.hours).rounded(.down)))
            }
        }
    }

    /// Step 2: the agents working each slot matched to the slot's shift counts (a transportation
    /// problem), never to a shift they cannot take. Returns the counts still unmatched.
    private mutating func assignShiftsDayByDay(works: [[Bool]], counts: [Int], budget main: Budget,
                                                   cancellation: CancellationFlag?) throws(SolverError) -> [Int] {
        let agents = full.scenario.agents.count
        var remaining = counts
        for a in 0..<agents { for k in full.pinnedOptions[a] { remaining[k] -= 1 } }
        for s in 0..<full.catalog.slotCount {
            // Out of time: the greedy pass below hands out what is left, quickly.
            if main.isExhausted { break }
            let todays = full.catalog.bySlot[s]
            let workers = (0..<agents).filter { works[$0][s] && days[$0][s] == nil }
            guard !workers.isEmpty, !todays.isEmpty else { continue }
            var t = LinearModel(name: "shifts_\(s)")
            var pairs: [(agent: Int, option: Int, column: ColumnID)] = []
            var byOption = [Int: [ColumnID]]()
            for a in workers {
                var mine: [ColumnID] = []
                for k in todays where canTake(a, k) {
                    let cost = full.model.objective[full.agentOptions[a].first { $0.option == k }!.column.index]
                    let c = t.addColumn(kind: .binary, objective: cost)
                    pairs.append((a, k, c))
                    mine.append(c)
                    byOption[k, default: []].append(c)
                }
                if !mine.isEmpty { t.addRow(sumOf: mine, .atMost(1)) }
            }
            for k in todays {
                guard let cols = byOption[k] else { continue }
                let unfilled = t.addColumn(lower: 0, upper: nil, objective: 100)
                let extra = t.addColumn(lower: 0, upper: nil, objective: 20)
                t.addRow(terms: cols.map { ($0, 1) } + [(unfilled, 1), (extra, -1)], .equal(Double(max(0, remaining[k]))))
            }
            guard let v = try GLPKSolver.solve(t, options: SolveOptions(timeLimit: main.capped(10).seconds(), cancellation: cancellation)).values
            else { continue }
            for p in pairs where v[p.column.index] > 0.5 && canTake(p.agent, p.option) {
                days[p.agent][s] = p.option
                remaining[p.option] -= 1
            }
        }
        return remaining
    }
}
