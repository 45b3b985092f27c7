import Foundation
import RosterCore
import Solver

extension RosterIntegerModel {
    /// Builds the columns and rows of ``RosterIntegerModel`` in named steps (see Docs/model.md).
    ///
    /// The steps must run in the order ``RosterIntegerModel/init(scenario:requirement:catalog:)`` calls
    /// them: each adds its columns and rows to `m` in turn, so the order of the steps is the order of the
    /// model's columns and rows.
    struct Builder {
        let scenario: Scenario
        let requirement: [Int]
        let catalog: ShiftCatalog
        let semantics: RuleSemantics
        let ruleViolationWeight: Double
        let options: [ShiftOption]
        let agentIndex: [String: Int]
        /// Each agent's hard unavailability (unavailable, leave) as instants.
        let hardSpans: [[(Date, Date)]]
        /// The pinned option of each agent and slot.
        let pinnedByAgentDay: [Int: [Int: Int]]
        let pinnedOptions: [[Int]]

        var m = LinearModel(name: "roster", sense: .minimize)
        var yColumns: [ColumnID] = []
        var agentOptions: [[(option: Int, column: ColumnID)]]
        var agentDayOptions: [[[Int]]]
        var worksDay: [[ColumnID?]]
        /// x columns of each option (for the linking rows).
        var optionAgents: [[ColumnID]]
        var covering: [[Int]] = []
        var coverage: [CoverageSlack] = []
        var floors: [FloorSlack] = []
        var handovers: [HandoverSlack] = []
        var hoursSlacks: [HoursSlack] = []
        var fairness: [Fairness] = []
        var weeklyRests: [WeeklyRest] = []

        var weights: ObjectiveWeights { scenario.weights }
        var rules: LaborRules { scenario.rules }
        var agents: [Agent] { scenario.agents }
        var grid: TimeGrid { scenario.grid }
        var slots: Int { catalog.slotCount }

        /// Reads the hard availability and the pins (which may refuse the scenario); adds nothing yet.
        init(scenario: Scenario, requirement: [Int], catalog: ShiftCatalog) throws(RosterModelError) {
            self.scenario = scenario
            self.requirement = requirement
            self.catalog = catalog
            semantics = RuleSemantics(scenario: scenario)
            ruleViolationWeight = 1000 * max(scenario.weights.shortfall, 1)
            options = catalog.options
            let agents = scenario.agents
            let agentIndex = Dictionary(agents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            self.agentIndex = agentIndex
            var hardSpans = Array(repeating: [(Date, Date)](), count: agents.count)
            for entry in scenario.availability where entry.kind.isHard {
                if let a = agentIndex[entry.agentID] {
                    hardSpans[a].append(RuleSemantics.instants(of: entry.span, clock: scenario.team.clock))
                }
            }
            // The previous period's shifts: nothing may overlap one or start within the rest after it.
            for s in scenario.previous ?? [] {
                if let a = agentIndex[s.agentID] { hardSpans[a].append((s.start, s.end.addingTimeInterval(scenario.rules.minRestHours * 3600))) }
            }
            self.hardSpans = hardSpans
            var (byDay, pinned) = try Self.pins(scenario: scenario, catalog: catalog, agentIndex: agentIndex, hardSpans: hardSpans)
            // With a previous roster, the eve's shifts are its shifts (pinned); no other starts on the eve.
            let eve = scenario.grid.date(ofDay: -1)
            for s in scenario.previous ?? [] where s.date == eve {
                guard let a = agentIndex[s.agentID], let k = catalog.bySlot[0].first(where: { k in
                    scenario.templates[catalog.options[k].templateIndex].name == s.shiftName
                        && catalog.options[k].start == s.start && catalog.options[k].end == s.end
                }) else { continue }
                byDay[a, default: [:]][0] = k
                pinned[a].append(k)
            }
            (pinnedByAgentDay, pinnedOptions) = (byDay, pinned)
            agentOptions = Array(repeating: [], count: agents.count)
            agentDayOptions = Array(repeating: Array(repeating: [], count: catalog.slotCount), count: agents.count)
            worksDay = Array(repeating: Array(repeating: nil, count: catalog.slotCount), count: agents.count)
            optionAgents = Array(repeating: [], count: catalog.options.count)
        }

        /// The option each pin names, by agent and slot, and each agent's pinned options.
        private static func pins(scenario: Scenario, catalog: ShiftCatalog, agentIndex: [String: Int],
                                 hardSpans: [[(Date, Date)]]) throws(RosterModelError) -> ([Int: [Int: Int]], [[Int]]) {
            let options = catalog.options
            var pinnedByAgentDay: [Int: [Int: Int]] = [:]
            var pinnedOptions = Array(repeating: [Int](), count: scenario.agents.count)
            for pin in scenario.pinned {
                guard let a = agentIndex[pin.agentID] else { throw .pinnedAgentUnknown(agent: pin.agentID, location: pin.location) }
                guard let d = scenario.grid.day(of: pin.date),
                      let k = catalog.bySlot[d + 1].first(where: { k in
                          let o = options[k]
                          return scenario.templates[o.templateIndex].name == pin.template && o.localStart == pin.start
                              && (pin.lengthMinutes == nil || pin.lengthMinutes == o.lengthMinutes)
                      }) else {
                    throw .pinnedShiftMatchesNoOption(agent: pin.agentID, date: pin.date, template: pin.template,
                                                      start: pin.start, location: pin.location)
                }
                if let reason = RosterIntegerModel.refusal(agent: scenario.agents[a], option: options[k], scenario: scenario,
                                                           hardSpans: hardSpans[a]) {
                    throw .pinnedShiftNotAllowed(agent: pin.agentID, date: pin.date, template: pin.template, reason: reason,
                                                 location: pin.location)
                }
                pinnedByAgentDay[a, default: [:]][d + 1] = k
                pinnedOptions[a].append(k)
            }
            return (pinnedByAgentDay, pinnedOptions)
        }

        // MARK: Steps, in the order the model is built

        /// y: agents on each option (implied integer by the linking rows).
        mutating func addOptionCounts() {
            yColumns.reserveCapacity(options.count)
            for o in options {
                let cost = weights.paidHour * o.paidHours
                yColumns.append(m.addColumn("y_d\(o.day)_o\(o.id)", kind: .continuous, lower: 0, upper: Double(agents.count), objective: cost))
            }
        }

        /// x (agent works option, binary; fixed at 1 when pinned) and w (agent works that slot), with
        /// w = Σ_k x[a,d,k]: at most one shift a day.
        mutating func addAssignments() {
            for (a, agent) in agents.enumerated() {
                for d in 0..<slots {
                    let pinned = pinnedByAgentDay[a]?[d]
                    if d == 0, pinned == nil, semantics.hasPrevious { continue }   // the eve is the previous roster's
                    for k in pinned.map({ [$0] }) ?? catalog.bySlot[d] {
                        if pinned == nil,
                           RosterIntegerModel.refusal(agent: agent, option: options[k], scenario: scenario, hardSpans: hardSpans[a]) != nil { continue }
                        let col = m.addColumn("x_\(a)_d\(d)_o\(k)", kind: .binary)
                        if pinned == k { m.setBounds(col, lower: 1, upper: 1) }
                        agentDayOptions[a][d].append(agentOptions[a].count)
                        agentOptions[a].append((k, col))
                        optionAgents[k].append(col)
                    }
                    if !agentDayOptions[a][d].isEmpty {
                        let w = m.addColumn("w_\(a)_d\(d)", kind: .continuous, lower: 0, upper: 1)
                        worksDay[a][d] = w
                        m.addRow("day_\(a)_d\(d)", terms: [(w, -1)] + agentDayOptions[a][d].map { (agentOptions[a][$0].column, 1) }, .equal(0))
                    }
                }
            }
        }

        /// Linking: y_k = Σ_a x[a,k].
        mutating func addLinkingRows() {
            for k in options.indices {
                m.addRow("count_o\(k)", terms: [(yColumns[k], -1)] + optionAgents[k].map { ($0, 1) }, .equal(0))
            }
        }

        /// Coverage with a convex, growing shortfall penalty (three segments) and surplus, and the floor,
        /// interval by interval.
        mutating func addCoverage() {
            covering = Array(repeating: [], count: grid.intervals.count)
            for o in options { for i in o.coveredIntervals { covering[i].append(o.id) } }
            for (i, iv) in grid.intervals.enumerated() {
                let hours = Double(iv.minutes) / 60
                let g = max(1, weights.shortfallGrowth)
                let s1 = m.addColumn("short1_\(i)", lower: 0, upper: 1, objective: weights.shortfall * hours)
                let s2 = m.addColumn("short2_\(i)", lower: 0, upper: 1, objective: weights.shortfall * g * hours)
                let s3 = m.addColumn("short3_\(i)", lower: 0, upper: nil, objective: weights.shortfall * g * g * hours)
                let over = m.addColumn("over_\(i)", lower: 0, upper: nil, objective: weights.surplus * hours)
                m.addRow("cover_\(i)", terms: covering[i].map { (yColumns[$0], 1) } + [(s1, 1), (s2, 1), (s3, 1), (over, -1)],
                         .equal(Double(requirement[i])))
                coverage.append(CoverageSlack(interval: i, segments: [s1, s2, s3], surplus: over))
                if rules.floorAgents > 0 { addFloor(interval: i, hours: hours) }
            }
        }

        /// At least `floorAgents` agents on the line in interval `i` (a penalised slack makes up the rest).
        private mutating func addFloor(interval i: Int, hours: Double) {
            let f = m.addColumn("floor_slack_\(i)", lower: 0, upper: nil, objective: ruleViolationWeight * hours)
            m.addRow("floor_\(i)", terms: covering[i].map { (yColumns[$0], 1) } + [(f, 1)], .atLeast(Double(rules.floorAgents)))
            floors.append(FloorSlack(interval: i, column: f, floor: rules.floorAgents))
        }

        /// Handover overlap: enough agents work across each handover time.
        mutating func addHandovers() {
            for (r, rule) in scenario.handovers.enumerated() where rule.minAgents > 0 {
                for d in 0..<grid.days {
                    guard let t = semantics.handoverInstant(rule, day: d) else { continue }
                    let spanning = options.filter { RuleSemantics.spans(start: $0.start, end: $0.end, handover: t, overlapMinutes: rule.overlapMinutes) }.map(\.id)
                    let h = m.addColumn("handover_slack_\(r)_d\(d)", lower: 0, upper: nil, objective: ruleViolationWeight)
                    m.addRow("handover_\(r)_d\(d)", terms: spanning.map { (yColumns[$0], 1) } + [(h, 1)], .atLeast(Double(rule.minAgents)))
                    handovers.append(HandoverSlack(rule: r, day: d, options: spanning, column: h, minimum: rule.minAgents))
                }
            }
        }

        /// The labor rules of each agent, agent by agent: rest, consecutive days, consecutive nights,
        /// the weekly rules, horizon hours.
        mutating func addLaborRules() {
            for a in agents.indices {
                addRest(agent: a)
                addConsecutiveDays(agent: a)
                addConsecutiveNights(agent: a)
                addRunsFromThePreviousPeriod(agent: a)
                addStraddlingWeek(agent: a)
                for (wk, week) in semantics.weeks.enumerated() { addWeeklyRules(agent: a, week: wk, days: week) }
                addHorizonHours(agent: a)
            }
        }

        /// Rest between shifts on nearby days: cliques A ∪ B ≤ 1 where every shift of A (day d) ends too
        /// late for every shift of B (day d + e) starting at or before θ.
        private mutating func addRest(agent a: Int) {
            let restSeconds = rules.minRestHours * 3600
            guard restSeconds > 0 else { return }
            let mine = agentOptions[a]
            for d in 0..<slots {
                for e in 1...2 where d + e < slots {
                    let early = agentDayOptions[a][d].map { mine[$0] }
                    let late = agentDayOptions[a][d + e].map { mine[$0] }
                    guard !early.isEmpty, !late.isEmpty else { continue }
                    let thresholds = Set(late.map { options[$0.option].start }).sorted()
                    var seen = Set<[Int]>()
                    for (ti, theta) in thresholds.enumerated() {
                        let A = early.filter { options[$0.option].end.addingTimeInterval(restSeconds) > theta }
                        let B = late.filter { options[$0.option].start <= theta }
                        guard !A.isEmpty, !B.isEmpty else { continue }
                        let key = (A + B).map(\.column.index)
                        guard seen.insert(key).inserted else { continue }
                        m.addRow("rest_\(a)_s\(d)_\(e)_\(ti)", sumOf: (A + B).map(\.column), .atMost(1))
                    }
                }
            }
        }

        /// Maximum consecutive working days.
        private mutating func addConsecutiveDays(agent a: Int) {
            guard rules.maxConsecutiveDays < slots else { return }
            let w = worksDay[a]
            let span = rules.maxConsecutiveDays + 1
            for s in 0...(slots - span) {
                let cols = (s..<(s + span)).compactMap { w[$0] }
                if cols.count > rules.maxConsecutiveDays {
                    m.addRow("consecutive_\(a)_d\(s)", sumOf: cols, .atMost(Double(rules.maxConsecutiveDays)))
                }
            }
        }

        /// The previous period's runs up to the eve carry on: days 0…free (slots 1…free + 1) need a day
        /// off (a night off), where free is what the rule leaves after the previous run.
        private mutating func addRunsFromThePreviousPeriod(agent a: Int) {
            guard semantics.hasPrevious, slots > 1 else { return }
            let w = worksDay[a], mine = agentOptions[a]
            let prior = semantics.priorRun[a], free = max(0, rules.maxConsecutiveDays - prior)
            if prior > 0 {
                let cols = (1...min(free + 1, slots - 1)).compactMap { w[$0] }
                if cols.count > free { m.addRow("consecutive_prior_\(a)", sumOf: cols, .atMost(Double(free))) }
            }
            if let maxRun = rules.maxConsecutiveNights, semantics.priorNightRun[a] > 0 {
                let free = max(0, maxRun - semantics.priorNightRun[a])
                let window = 1...min(free + 1, slots - 1)
                let nightsByDay = window.map { d in
                    agentDayOptions[a][d].map { mine[$0] }.filter { options[$0.option].isNight }.map(\.column)
                }
                if nightsByDay.filter({ !$0.isEmpty }).count > free {
                    m.addRow("night_run_prior_\(a)", sumOf: nightsByDay.flatMap { $0 }, .atMost(Double(free)))
                }
            }
        }

        /// The week that straddles the boundary with the previous roster: days off, maximum hours and
        /// nights count its days of that week as well (hard rows; what the previous roster already used
        /// up leaves at least nothing).
        private mutating func addStraddlingWeek(agent a: Int) {
            guard let week = semantics.straddlingWeek else { return }
            let prior = semantics.priorWeek[a], mine = agentOptions[a]
            let weekOptions = week.flatMap { d in agentDayOptions[a][d + 1].map { mine[$0] } }
            guard !weekOptions.isEmpty else { return }
            let workCols = week.compactMap { worksDay[a][$0 + 1] }
            let maxDays = max(0, 7 - rules.minDaysOffPerWeek - prior.days)
            if workCols.count > maxDays { m.addRow("days_off_\(a)_straddling", sumOf: workCols, .atMost(Double(maxDays))) }
            if let maxH = semantics.maxWeekHours(agents[a]) {
                m.addRow("week_max_\(a)_straddling", terms: weekOptions.map { ($0.column, options[$0.option].paidHours) },
                         .atMost(max(0, maxH - prior.minutes / 60)))
            }
            if let maxN = rules.maxNightsPerWeek {
                let nights = weekOptions.filter { options[$0.option].isNight }.map(\.column)
                let cap = max(0, maxN - prior.nights)
                if nights.count > cap { m.addRow("week_nights_\(a)_straddling", sumOf: nights, .atMost(Double(cap))) }
            }
        }

        /// Maximum consecutive nights.
        private mutating func addConsecutiveNights(agent a: Int) {
            guard let maxRun = rules.maxConsecutiveNights, maxRun + 1 <= slots else { return }
            let mine = agentOptions[a]
            for s in 0...(slots - maxRun - 1) {
                let nightsByDay = (s...(s + maxRun)).map { d in
                    agentDayOptions[a][d].map { mine[$0] }.filter { options[$0.option].isNight }.map(\.column)
                }
                let cols = nightsByDay.flatMap { $0 }
                if nightsByDay.filter({ !$0.isEmpty }).count > maxRun {
                    m.addRow("night_run_\(a)_d\(s)", sumOf: cols, .atMost(Double(maxRun)))
                }
            }
        }

        /// One week of one agent: days off, maximum and minimum hours (the minimum with a penalised
        /// slack), nights.
        private mutating func addWeeklyRules(agent a: Int, week wk: Int, days week: Range<Int>) {
            let mine = agentOptions[a]
            let weekOptions = week.flatMap { d in agentDayOptions[a][d + 1].map { mine[$0] } }
            if weekOptions.isEmpty { return }
            // Days off.
            let workCols = week.compactMap { worksDay[a][$0 + 1] }
            let maxDays = 7 - rules.minDaysOffPerWeek
            if workCols.count > maxDays {
                m.addRow("days_off_\(a)_w\(wk)", sumOf: workCols, .atMost(Double(maxDays)))
            }
            // Weekly hours.
            let hourTerms = weekOptions.map { ($0.column, options[$0.option].paidHours) }
            if let maxH = semantics.maxWeekHours(agents[a]) {
                m.addRow("week_max_\(a)_w\(wk)", terms: hourTerms, .atMost(maxH))
            }
            if let minH = semantics.minWeekHours(agentIndex: a, week: week), minH > 0 {
                let s = m.addColumn("week_min_slack_\(a)_w\(wk)", lower: 0, upper: nil, objective: ruleViolationWeight)
                m.addRow("week_min_\(a)_w\(wk)", terms: hourTerms + [(s, 1)], .atLeast(minH))
                hoursSlacks.append(HoursSlack(agent: a, days: week, minimum: minH, column: s))
            }
            // Nights per week.
            if let maxN = rules.maxNightsPerWeek {
                let nights = weekOptions.filter { options[$0.option].isNight }.map(\.column)
                if nights.count > maxN { m.addRow("week_nights_\(a)_w\(wk)", sumOf: nights, .atMost(Double(maxN))) }
            }
            if let hours = rules.minWeeklyRestHours { addWeeklyRest(agent: a, week: wk, days: week, hours: hours) }
        }

        /// Weekly rest: an uninterrupted rest of `hours` inside the week [Monday 00:00, next Monday 00:00).
        /// With 24 ≤ hours ≤ 36 such a rest always holds a whole day D on which no shift starts, and then
        /// it is the time from the end of the shift of D − 1 (or the week's start) to the start of the
        /// shift of D + 1 (or the week's end), clipped to the week. When D − 1 (or D + 1) is off too the
        /// gap is at least 48 h minus how far a shift reaches into the next day, which the loader bounds
        /// (`min_weekly_rest_hours` ≤ 36), so only the neighbours of D matter. r_D = 1 says the rest spans D:
        ///   r_D + Σ_{k ∈ D} x_k ≤ 1                      (D off)
        ///   r_D + Σ_{A_θ} x + Σ_{B_θ} x ≤ 2              (no pair of neighbours too close: cliques as for rest)
        ///   r_D + Σ_{singles} x ≤ 1                      (at the week's edges, one neighbour is enough)
        ///   Σ_D r_D + σ ≥ 1,  σ costing the rule-violation weight × hours.
        private mutating func addWeeklyRest(agent a: Int, week wk: Int, days week: Range<Int>, hours: Double) {
            let need = hours * 3600
            let wStart = grid.clock.startOfDay(grid.date(ofDay: week.lowerBound))
            let wEnd = grid.clock.startOfDay(grid.date(ofDay: week.upperBound))
            let mine = agentOptions[a]
            func onSlot(_ s: Int) -> [(option: Int, column: ColumnID)] {
                s >= 0 && s < slots ? agentDayOptions[a][s].map { mine[$0] } : []
            }
            /// The rest between a shift ending at `end` and one starting at `start`, inside the week.
            func gap(end: Date?, start: Date?) -> Double {
                min(wEnd, start ?? wEnd).timeIntervalSince(max(wStart, end ?? wStart))
            }
            var days: [WeeklyRest.Day] = []
            var rColumns: [ColumnID] = []
            for d in week {
                let r = m.addColumn("weekly_rest_\(a)_w\(wk)_d\(d)", kind: .integer, lower: 0, upper: 1)
                rColumns.append(r)
                let off = onSlot(d + 1), before = onSlot(d), after = onSlot(d + 2)
                if !off.isEmpty { m.addRow("weekly_rest_off_\(a)_d\(d)", terms: [(r, 1)] + off.map { ($0.column, 1) }, .atMost(1)) }
                var singles: [(option: Int, column: ColumnID)] = []
                if d == week.lowerBound { singles += after.filter { gap(end: nil, start: options[$0.option].start) < need } }
                if d == week.upperBound - 1 { singles += before.filter { gap(end: options[$0.option].end, start: nil) < need } }
                if !singles.isEmpty {
                    m.addRow("weekly_rest_edge_\(a)_d\(d)", terms: [(r, 1)] + singles.map { ($0.column, 1) }, .atMost(1))
                }
                var cliques: [(a: Set<Int>, b: Set<Int>)] = []
                var seen = Set<[Int]>()
                for theta in Set(after.map { options[$0.option].start }).sorted() {
                    let A = before.filter { gap(end: options[$0.option].end, start: theta) < need }
                    let B = after.filter { options[$0.option].start <= theta }
                    guard !A.isEmpty, !B.isEmpty else { continue }
                    let key = (A + B).map(\.column.index)
                    guard seen.insert(key).inserted else { continue }
                    m.addRow("weekly_rest_pair_\(a)_d\(d)_\(cliques.count)", terms: [(r, 1)] + (A + B).map { ($0.column, 1) }, .atMost(2))
                    cliques.append((Set(A.map(\.option)), Set(B.map(\.option))))
                }
                days.append(WeeklyRest.Day(column: r, off: off.map(\.option), singles: Set(singles.map(\.option)), cliques: cliques))
            }
            let slack = m.addColumn("weekly_rest_slack_\(a)_w\(wk)", lower: 0, upper: 1, objective: ruleViolationWeight * hours)
            m.addRow("weekly_rest_\(a)_w\(wk)", terms: rColumns.map { ($0, 1) } + [(slack, 1)], .atLeast(1))
            weeklyRests.append(WeeklyRest(agent: a, days: days, slack: slack))
        }

        /// Hours over the whole horizon (the minimum with a penalised slack).
        private mutating func addHorizonHours(agent a: Int) {
            let allTerms = agentOptions[a].map { ($0.column, options[$0.option].paidHours) }
            guard !allTerms.isEmpty else { return }
            if let maxH = semantics.maxHorizonHours(agentIndex: a) {
                m.addRow("horizon_max_\(a)", terms: allTerms, .atMost(maxH))
            }
            if let minH = semantics.minHorizonHours(agentIndex: a), minH > 0 {
                let s = m.addColumn("horizon_min_slack_\(a)", lower: 0, upper: nil, objective: ruleViolationWeight)
                m.addRow("horizon_min_\(a)", terms: allTerms + [(s, 1)], .atLeast(minH))
                hoursSlacks.append(HoursSlack(agent: a, days: -1..<grid.days, minimum: minH, column: s))
            }
        }

        /// Soft preferences, as costs on the x columns (and the objective constant for prefers-on).
        mutating func addPreferences() {
            for entry in scenario.availability where !entry.kind.isHard {
                guard let a = agentIndex[entry.agentID] else { continue }
                let cost = weights.preference * entry.weight
                guard cost != 0 else { continue }
                let (from, to) = RuleSemantics.instants(of: entry.span, clock: scenario.team.clock)
                for d in semantics.days(of: entry.span) {
                    let here = agentDayOptions[a][d + 1].map { agentOptions[a][$0] }
                    let overlapping = here.filter { options[$0.option].start < to && options[$0.option].end > from }
                    switch entry.kind {
                    case .prefersOff:
                        for x in overlapping { addCost(x.column, cost) }
                    case .prefersOn:
                        // Cost when no shift overlaps the span that day: cost · (1 − Σ x).
                        m.objectiveConstant += cost
                        for x in overlapping { addCost(x.column, -cost) }
                    case .preferredShift(let name):
                        // Cost for each shift of another template in the span (a day off costs nothing).
                        for x in overlapping where scenario.templates[options[x.option].templateIndex].name != name {
                            addCost(x.column, cost)
                        }
                    case .unavailable, .leave:
                        break
                    }
                }
            }
        }

        private mutating func addCost(_ column: ColumnID, _ cost: Double) {
            m.setObjective(column, m.objective[column.index] + cost)
        }

        /// Fairness: the largest deviation of any agent from a fair share (in proportion to the days the
        /// agent can work) of nights, of weekend shifts and of holiday shifts.
        mutating func addFairness() {
            guard weights.fairness > 0 else { return }
            let categories: [(String, (ShiftOption) -> Bool, (Agent) -> Bool)] = [
                ("nights", { $0.isNight }, { $0.nightEligible }),
                ("weekends", { $0.isWeekend }, { _ in true }),
                ("holidays", { $0.isHoliday }, { _ in true }),
            ]
            for (name, inCategory, eligible) in categories {
                let mask = options.map(inCategory)
                guard mask.contains(true) else { continue }
                let members = agents.indices.filter { a in eligible(agents[a]) && agentOptions[a].contains { mask[$0.option] } }
                guard members.count > 1 else { continue }
                let free = members.map { a in Double((0..<grid.days).filter { !semantics.blockedDay[a][$0] }.count) }
                let total = free.reduce(0, +)
                guard total > 0 else { continue }
                let dev = m.addColumn("fair_\(name)", lower: 0, upper: nil, objective: weights.fairness)
                let categoryY = options.indices.filter { mask[$0] }.map { yColumns[$0] }
                var shares: [(Int, Double)] = []
                for (pos, a) in members.enumerated() {
                    let share = free[pos] / total
                    shares.append((a, share))
                    let xs = agentOptions[a].filter { mask[$0.option] }.map(\.column)
                    // dev ≥ count_a − share·T  and  dev ≥ share·T − count_a
                    m.addRow("fair_\(name)_hi_\(a)", terms: [(dev, 1)] + xs.map { ($0, -1) } + categoryY.map { ($0, share) }, .atLeast(0))
                    m.addRow("fair_\(name)_lo_\(a)", terms: [(dev, 1)] + xs.map { ($0, 1) } + categoryY.map { ($0, -share) }, .atLeast(0))
                }
                fairness.append(Fairness(name: name, column: dev, optionInCategory: mask, shares: shares))
            }
        }
    }
}
