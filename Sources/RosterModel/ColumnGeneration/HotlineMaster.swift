import Foundation
import RosterCore
import Search
import Solver

/// The Dantzig–Wolfe master of the hotline model (Docs/model.md, "Column generation"): a column is one
/// agent's whole-horizon schedule; the master keeps what couples agents — interval coverage with its
/// convex shortfall and surplus (the floor folded in), the handovers and the fairness rows — and one
/// convexity row per agent. Every rule of one agent lives in the pricing (``AgentSchedulePricer``), so the
/// master's LP is at least as strong as the integer model's LP relaxation.
struct HotlineMaster: Sendable {
    struct Column: Sendable {
        let agent: Int
        let options: [Int]
        let cost: Double
    }
    struct Category: Sendable {
        let total: Int
        let high: [Int?]
        let low: [Int?]
        let inCategory: [Bool]
    }

    let full: RosterIntegerModel
    let pricers: [AgentSchedulePricer]
    /// The master's rows and its columns other than schedules (slacks, option counts, fairness).
    let base: LinearModel
    let convexityRow: [Int]
    /// The option row of each option some agent may work: Σ λ·[k in schedule] = n_k, and n_k covers.
    let optionRow: [Int?]
    /// The surplus column of each interval in `base`.
    let surplusColumn: [Int]
    /// The cover row of each entry of `full.coverage`, and the row of each handover of `full.handovers`.
    let coverRow: [Int]
    let handoverRow: [Int]
    /// Per entry of `full.coverage`: the slope of its dearest (unbounded) shortfall segment, and its surplus
    /// cost: the range of cover prices at which the Lagrangian stays finite.
    let coverDearestSlope: [Double]
    let coverSurplusCost: [Double]

    /// Per option: the handover rows it spans.
    let handoverRows: [[Int]]
    let categories: [Category]
    /// Per agent: the cost of each option they may work (its x and y costs in the integer model).
    let optionCost: [[Int: Double]]
    /// Agents whose pricing problems are the same share a class, priced once per round when their
    /// fairness prices agree too.
    let pricingClass: [Int]

    private(set) var pool: [Column] = []
    private var seen: [Set<[Int]>]

    init(_ full: RosterIntegerModel) {
        self.full = full
        let E = full.scenario.agents.count
        let fm = full.model
        pricers = (0..<E).map { AgentSchedulePricer(full, agent: $0) }
        var m = LinearModel(name: "hotline_master", sense: .minimize)
        m.objectiveConstant = fm.objectiveConstant
        var rows = 0
        func row() -> Int { rows += 1; return rows - 1 }
        var convexity: [Int] = []
        for a in 0..<E { convexity.append(row()); m.addRow("convex_\(a)", terms: [], .equal(1)) }
        // Coverage: the shortfall's cost, convex in the missing agents d, is the model's three segments plus
        // the floor's slack once d passes requirement − floor: one segment column between each pair of
        // breakpoints, so the master needs no floor rows.
        let floors = Dictionary(full.floors.map { ($0.interval, $0) }, uniquingKeysWith: { a, _ in a })
        var coverTerms: [[(ColumnID, Double)]] = []
        var surplusColumn: [Int] = []
        var coverDearestSlope: [Double] = []
        var coverSurplusCost: [Double] = []
        for c in full.coverage {
            let requirement = Double(full.requirement[c.interval])
            let slopes = c.segments.map { fm.objective[$0.index] }
            var floorAt = Double.infinity, floorCost = 0.0
            if let f = floors[c.interval] {
                floorAt = Swift.max(0.0, requirement - Double(f.floor) as Double)
                floorCost = fm.objective[f.column.index]
            }
            var points: [Double] = [0, 1, 2]
            if floorAt.isFinite, !points.contains(floorAt) { points.append(floorAt) }
            points.sort()
            var terms: [(ColumnID, Double)] = []
            for (n, lo) in points.enumerated() {
                let hi: Double? = n + 1 < points.count ? points[n + 1] : nil
                let slope = (lo < 1 ? slopes[0] : lo < 2 ? slopes[1] : slopes[2]) + (lo >= floorAt ? floorCost : 0)
                terms.append((m.addColumn(lower: 0, upper: hi.map { $0 - lo }, objective: slope), 1))
            }
            coverDearestSlope.append(terms.last.map { m.objective[$0.0.index] } ?? 0)
            coverSurplusCost.append(fm.objective[c.surplus.index])
            let over = m.addColumn(lower: 0, objective: fm.objective[c.surplus.index])
            surplusColumn.append(over.index)
            coverTerms.append(terms + [(over, -1)])
        }
        // Option counts n_k carry the coverage, so that a schedule has one entry per shift, not one per
        // interval it covers (the master stays sparse and its simplex fast).
        var workable = [Bool](repeating: false, count: full.catalog.options.count)
        for list in full.agentOptions { for x in list where (fm.columnUpper[x.column.index] ?? 1) > 0.5 { workable[x.option] = true } }
        var counts: [(option: Int, column: ColumnID)] = []
        for o in full.catalog.options where workable[o.id] {
            let n = m.addColumn(lower: 0, objective: 0)
            counts.append((o.id, n))
            for i in o.coveredIntervals { coverTerms[i].append((n, 1)) }
        }
        var coverRow: [Int] = []
        for c in full.coverage {
            coverRow.append(row())
            m.addRow("cover_\(c.interval)", terms: coverTerms[c.interval], .equal(Double(full.requirement[c.interval])))
        }
        var optionRow = [Int?](repeating: nil, count: full.catalog.options.count)
        for (k, n) in counts {
            optionRow[k] = row()
            m.addRow("option_\(k)", terms: [(n, -1)], .equal(0))
        }
        var handoverRows = [[Int]](repeating: [], count: full.catalog.options.count)
        var handoverRow: [Int] = []
        for h in full.handovers {
            let r = row()
            handoverRow.append(r)
            for k in h.options { handoverRows[k].append(r) }
            let s = m.addColumn(lower: 0, objective: fm.objective[h.column.index])
            m.addRow("handover_\(h.rule)_d\(h.day)", terms: [(s, 1)], .atLeast(Double(h.minimum)))
        }
        var categories: [Category] = []
        for f in full.fairness {
            let dev = m.addColumn(lower: 0, objective: fm.objective[f.column.index])
            let total = m.addColumn(lower: nil, upper: nil, objective: 0)
            let t = row()
            m.addRow("total_\(f.name)", terms: [(total, 1)], .equal(0))
            var high = [Int?](repeating: nil, count: E), low = [Int?](repeating: nil, count: E)
            for (a, share) in f.shares {
                high[a] = row()
                m.addRow("fair_\(f.name)_hi_\(a)", terms: [(dev, 1), (total, share)], .atLeast(0))
                low[a] = row()
                m.addRow("fair_\(f.name)_lo_\(a)", terms: [(dev, 1), (total, -share)], .atLeast(0))
            }
            categories.append(Category(total: t, high: high, low: low, inCategory: f.optionInCategory))
        }
        base = m
        convexityRow = convexity
        self.optionRow = optionRow
        self.surplusColumn = surplusColumn
        self.coverRow = coverRow
        self.handoverRow = handoverRow
        self.coverDearestSlope = coverDearestSlope
        self.coverSurplusCost = coverSurplusCost
        self.handoverRows = handoverRows
        self.categories = categories
        let optionCost = (0..<E).map { a in
            var costs: [Int: Double] = [:]
            for x in full.agentOptions[a] { costs[x.option] = fm.objective[x.column.index] + fm.objective[full.optionCount[x.option].index] }
            return costs
        }
        self.optionCost = optionCost
        seen = Array(repeating: [], count: E)
        struct Key: Hashable {
            let slots: [AgentSchedulePricer.Slot]
            let weeks: [AgentSchedulePricer.WeekRule]
            let horizon: AgentSchedulePricer.WeekRule
            let limits: [Double]
            let costs: [Int: Double]
        }
        var classes: [Key: Int] = [:]
        var pricingClass: [Int] = []
        for (a, p) in pricers.enumerated() {
            let key = Key(slots: p.slots, weeks: p.weekRules, horizon: p.horizonRule,
                          limits: [p.weekMaxMinutes, p.horizonMaxMinutes, Double(p.weekMaxDays), Double(p.weekMaxNights)],
                          costs: optionCost[a])
            if classes[key] == nil { classes[key] = classes.count }
            pricingClass.append(classes[key]!)
        }
        self.pricingClass = pricingClass
    }

    // MARK: Columns

    /// The cost of a schedule in the integer model: its options' costs and its minimum-hours slack.
    func cost(agent a: Int, options chosen: [Int]) -> Double {
        let p = pricers[a]
        let options = full.catalog.options
        var total = 0.0
        var week = [Int32](repeating: 0, count: p.weekRules.count)
        var horizon: Int32 = 0
        for k in chosen {
            total += optionCost[a][k] ?? 0
            let minutes = Int32((options[k].paidHours * 60).rounded())
            horizon += minutes
            if let w = p.slots[options[k].slot].week { week[w] += minutes }
        }
        for w in week.indices { total += p.weekPenalty(w, minutes: week[w]) }
        return total + p.horizonPenalty(horizon)
    }

    /// The master rows a schedule's column has coefficients in (each row once).
    func terms(_ c: Column) -> [(row: Int, value: Double)] {
        var merged: [Int: Double] = [convexityRow[c.agent]: 1]
        for k in c.options {
            if let r = optionRow[k] { merged[r, default: 0] += 1 }
            for r in handoverRows[k] { merged[r, default: 0] += 1 }
            for cat in categories where cat.inCategory[k] {
                merged[cat.total, default: 0] -= 1
                if let h = cat.high[c.agent] { merged[h, default: 0] -= 1 }
                if let l = cat.low[c.agent] { merged[l, default: 0] += 1 }
            }
        }
        return merged.keys.sorted().map { ($0, merged[$0]!) }
    }

    /// Adds a schedule unless the pool has it; returns its pool index when new.
    mutating func add(agent a: Int, options chosen: [Int]) -> Int? {
        guard seen[a].insert(chosen).inserted else { return nil }
        pool.append(Column(agent: a, options: chosen, cost: cost(agent: a, options: chosen)))
        return pool.count - 1
    }

    /// Reduced cost of a column at master prices (all rows, convexity included).
    func reducedCost(_ c: Column, duals: [Double]) -> Double {
        terms(c).reduce(c.cost) { $0 - duals[$1.row] * $1.value }
    }

    // MARK: Prices

    /// Master prices from the pooled shift-count model's LP duals (``AggregateModel``): each interval's
    /// coverage price is its cover and floor prices together, the handovers theirs, fairness none. Any such
    /// prices give a valid Lagrangian bound; these start column generation near the pooled optimum's prices.
    func prices(cover: [Double], floor: [Double], handover: [Double]) -> [Double] {
        let coverPrice = full.coverage.map { c in
            (c.interval < cover.count ? cover[c.interval] : 0) + (c.interval < floor.count ? Swift.max(0, floor[c.interval]) : 0)
        }
        return prices(cover: coverPrice, handover: handover, fairness: [Double](repeating: 0, count: base.rowCount))
    }

    /// Master prices from prices of the cover rows (per entry of `full.coverage`, kept within the range where
    /// the Lagrangian stays finite: above minus the surplus cost, below the dearest shortfall segment) and
    /// of the handover rows (within [0, their slack's cost]); each option row gets the sum over the
    /// intervals it covers (so the option counts cost nothing), and the fairness rows keep `fairness`'s.
    func prices(cover: [Double], handover: [Double], fairness: [Double]) -> [Double] {
        var duals = [Double](repeating: 0, count: base.rowCount)
        for cat in categories {
            for r in [cat.total] + cat.high.compactMap({ $0 }) + cat.low.compactMap({ $0 }) { duals[r] = fairness[r] }
        }
        var price = [Double](repeating: 0, count: full.scenario.grid.intervals.count)
        for (n, c) in full.coverage.enumerated() {
            let p = Swift.min(coverDearestSlope[n], Swift.max(-coverSurplusCost[n], cover[n]))
            price[c.interval] = p
            duals[coverRow[n]] = p
        }
        for o in full.catalog.options {
            if let r = optionRow[o.id] { duals[r] = o.coveredIntervals.reduce(0.0) { $0 + price[$1] } }
        }
        for n in full.handovers.indices where n < handover.count {
            duals[handoverRow[n]] = Swift.min(handoverCost(n), Swift.max(0, handover[n]))
        }
        return duals
    }

    private func handoverCost(_ n: Int) -> Double { full.model.objective[full.handovers[n].column.index] }

    // MARK: Pricing

    /// The part of every option's cost at master prices that all agents share: −(its option row's price)
    /// − (the handovers it spans) + (the fairness totals it counts in).
    func commonPrices(_ duals: [Double]) -> [Double] {
        full.catalog.options.map { o in
            var value = -(optionRow[o.id].map { duals[$0] } ?? 0)
            for r in handoverRows[o.id] { value -= duals[r] }
            for cat in categories where cat.inCategory[o.id] { value += duals[cat.total] }
            return value
        }
    }

    /// One agent's option costs at master prices (∞: not allowed).
    func agentCosts(_ a: Int, common: [Double], duals: [Double]) -> [Double] {
        var cost = [Double](repeating: .infinity, count: common.count)
        for (k, c) in optionCost[a] {
            var fairness = 0.0
            for cat in categories where cat.inCategory[k] {
                if let h = cat.high[a] { fairness += duals[h] }
                if let l = cat.low[a] { fairness -= duals[l] }
            }
            cost[k] = c + common[k] + fairness
        }
        return cost
    }

    /// Agents grouped by what their pricing sees this round: the class and the fairness prices.
    func pricingGroups(_ agents: [Int], duals: [Double]) -> [[Int]] {
        var groups: [[Double]: [Int]] = [:]
        var order: [[Double]] = []
        for a in agents {
            var key = [Double(pricingClass[a])]
            for cat in categories {
                key.append(cat.high[a].map { duals[$0] } ?? 0)
                key.append(cat.low[a].map { duals[$0] } ?? 0)
            }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(a)
        }
        return order.map { groups[$0]! }
    }
}
