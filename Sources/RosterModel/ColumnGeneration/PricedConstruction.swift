import Foundation
import RosterCore
import Search

/// A first roster that breaks no hard rule: agents one at a time take their cheapest whole-horizon
/// schedule (``AgentSchedulePricer``, which holds every rule of one agent) at the prices of what is still
/// uncovered — for each interval, the coverage cost one more agent there saves — then further passes in
/// which each agent answers all the others (best response), while time is left. See Docs/model.md.
///
/// It needs no shift counts, so it also gives a roster when the pooled model found none in its time.
struct PricedConstruction {
    let full: RosterIntegerModel
    let pricers: [AgentSchedulePricer]
    /// Handovers each option spans.
    let handoverIndex: [[Int]]
    let floorAt: [Int: RosterIntegerModel.FloorSlack]

    init(_ full: RosterIntegerModel) {
        self.full = full
        pricers = full.scenario.agents.indices.map { AgentSchedulePricer(full, agent: $0) }
        var index = [[Int]](repeating: [], count: full.catalog.options.count)
        for (h, ho) in full.handovers.enumerated() { for k in ho.options { index[k].append(h) } }
        handoverIndex = index
        floorAt = Dictionary(full.floors.map { ($0.interval, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The coverage cost of interval `i` with `n` agents on the line (shortfall segments or surplus, and
    /// the floor's slack), as the model's rows charge it.
    func coverageCost(_ i: Int, _ n: Int) -> Double {
        let m = full.model
        let c = full.coverage[i]
        let missing = Double(full.requirement[i] - n)
        var cost = 0.0
        if missing > 0 {
            cost += m.objective[c.segments[0].index] * min(1, missing)
            cost += m.objective[c.segments[1].index] * min(1, max(0, missing - 1))
            cost += m.objective[c.segments[2].index] * max(0, missing - 2)
        } else {
            cost -= m.objective[c.surplus.index] * missing
        }
        if let f = floorAt[i] { cost += m.objective[f.column.index] * Double(max(0, f.floor - n)) }
        return cost
    }

    /// Each agent's options, built pass by pass: the first pass within `firstPass` (when it runs out, the
    /// agents not yet priced have no shift), the best-response passes within `budget`. Nil when some
    /// agent's rules admit no schedule at all.
    func build(firstPass: Budget, budget: Budget, passes: Int = 3) -> [[Int]]? {
        let options = full.catalog.options
        let agents = full.scenario.agents.count
        var covered = [Int](repeating: 0, count: full.requirement.count)
        var spans = [Int](repeating: 0, count: full.handovers.count)
        var chosen = [[Int]](repeating: [], count: agents)
        func apply(_ a: Int, _ step: Int) {
            for k in chosen[a] {
                for i in options[k].coveredIntervals { covered[i] += step }
                for h in handoverIndex[k] { spans[h] += step }
            }
        }
        for pass in 0..<passes {
            var changed = false
            for a in 0..<agents {
                if pass == 0 && !firstPass.hasTime() { return chosen }
                if pass > 0 && !budget.hasTime() { return chosen }
                if pass > 0 { apply(a, -1) }
                let gain = covered.indices.map { coverageCost($0, covered[$0]) - coverageCost($0, covered[$0] + 1) }
                var costs = [Double](repeating: .infinity, count: options.count)
                for x in full.agentOptions[a] {
                    let k = x.option
                    var c = full.model.objective[x.column.index] + full.model.objective[full.optionCount[k].index]
                    for i in options[k].coveredIntervals { c -= gain[i] }
                    for h in handoverIndex[k] where spans[h] < full.handovers[h].minimum {
                        c -= full.model.objective[full.handovers[h].column.index]
                    }
                    costs[k] = c
                }
                guard let best = pricers[a].cheapest(costs) else { return nil }
                if best.options != chosen[a] { changed = true }
                chosen[a] = best.options
                apply(a, 1)
            }
            if !changed { break }
        }
        return chosen
    }
}
