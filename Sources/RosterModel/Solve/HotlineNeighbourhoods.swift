import Foundation
import RosterCore
import Search
import Solver

/// The hotline roster's neighbourhoods for ``NeighbourhoodSearch``: which agents and days a
/// fix-and-optimize step frees.
///
/// - two-day windows for a group of agents (moves shifts in time, fixes coverage), swept over the days;
/// - one-week windows for a smaller group (moves shifts between days: days off, weekly hours);
/// - the whole horizon for the agents with the most and the fewest nights (or weekend shifts) plus a
///   random one (swaps that even out the shares).
/// Sizes are in assignment columns; the engine adapts them.
struct HotlineNeighbourhoods: NeighbourhoodProblem {
    struct Hood: Sendable {
        var agents: [Int]
        var days: Range<Int>
    }
    typealias Solution = [[Int]]

    let full: RosterIntegerModel
    let agents: Int
    let days: Int
    /// Assignment columns per agent and day, on average.
    let perAgentDay: Int
    var assignmentColumns: Int { agents * days * perAgentDay }
    /// Neighbourhoods made but not yet handed out, per kind, with the size they were made for.
    var queue: [[Hood]] = [[], []]
    var queuedSize: [Double] = [0, 0]
    var fairnessTurn = 0
    var rng: SeededGenerator

    let kindNames = ["two days × agents", "week × agents", "horizon × night/weekend extremes"]
    /// Three two-day windows to one weekly window; a fairness swap every 40 or so.
    let kindCycle: [Int] = [2] + Array([[Int]](repeating: [0, 0, 0, 1], count: 10).joined())

    init(_ full: RosterIntegerModel, seed: UInt64) {
        self.full = full
        agents = full.scenario.agents.count
        days = full.catalog.slotCount
        perAgentDay = max(1, full.catalog.options.count / max(days, 1))
        rng = SeededGenerator(seed: seed ^ 0x5EED)
    }

    mutating func neighbourhood(kind: Int, size: Double, around incumbent: [[Int]], rng _: inout SeededGenerator) -> Hood? {
        guard agents > 0, days > 0 else { return nil }
        if kind == 2 { return fairness(incumbent) }
        if queue[kind].isEmpty || abs(queuedSize[kind] - size) > 0.1 * size { refill(kind, size: size) }
        return queue[kind].isEmpty ? nil : queue[kind].removeFirst()
    }

    /// A pass of one kind: agents shuffled into groups of the size's worth of columns, each group over
    /// every window. Two-day windows go day by day, each day's groups together (so that the engine finds
    /// groups to solve at once); weekly ones in random order.
    mutating func refill(_ kind: Int, size: Double) {
        var order = Array(0..<agents)
        order.shuffle(using: &rng)
        let span = kind == 0 ? 2 : 7
        let groupSize = max(kind == 0 ? 2 : 1, min(agents, Int(size) / (perAgentDay * span)))
        let groups = stride(from: 0, to: agents, by: groupSize).map { Array(order[$0..<min(agents, $0 + groupSize)]) }
        var hoods: [Hood] = []
        if kind == 0 {
            for d in 0..<days { for g in groups { hoods.append(Hood(agents: g, days: d..<min(days, d + 2))) } }
        } else {
            for g in groups { for w in stride(from: 0, to: days, by: 7) { hoods.append(Hood(agents: g, days: w..<min(days, w + 8))) } }
            hoods.shuffle(using: &rng)
        }
        queue[kind] = hoods
        queuedSize[kind] = size
    }

    /// The agents with the fewest and the most nights (or weekend shifts, in turn) and a random one.
    mutating func fairness(_ incumbent: [[Int]]) -> Hood? {
        let options = full.catalog.options
        fairnessTurn += 1
        let load = incumbent.map { chosen in
            fairnessTurn % 2 == 0 ? chosen.filter { options[$0].isNight }.count : chosen.filter { options[$0].isWeekend }.count
        }
        let sorted = (0..<agents).sorted { load[$0] < load[$1] }
        guard let lo = sorted.first, let hi = sorted.last, load[lo] != load[hi] else { return nil }
        let other = Int.random(in: 0..<agents, using: &rng)
        return Hood(agents: [lo, hi, other].uniqued(), days: 0..<days)
    }

    /// Two neighbourhoods can be solved at once unless they share an agent on a shared day.
    func overlaps(_ a: Hood, _ b: Hood) -> Bool {
        a.days.overlaps(b.days) && !Set(a.agents).isDisjoint(with: b.agents)
    }

    func solve(_ hood: Hood, from incumbent: [[Int]], budget: Budget, seed _: UInt64) -> SubSolve<[[Int]]> {
        let values = full.completeSolution(incumbent)
        let restricted = RestrictedModel(full.model, isFree: full.neighbourhoodMask(agents: Set(hood.agents), slots: hood.days), values: values)
        do {
            let r = try GLPKSolver.solve(restricted.model, options: SolveOptions(
                timeLimit: budget.seconds(), relativeGap: 1e-4, warmStart: restricted.restrict(values), cancellation: budget.cancellation))
            return SubSolve(candidate: r.values.map { full.assignment(from: restricted.lift($0)) }, optimal: r.status == .optimal,
                            seconds: r.elapsed)
        } catch {
            return SubSolve(candidate: nil, optimal: false, seconds: 0, failure: error.description)
        }
    }

    /// The neighbourhood's agents take their shifts of its days from `part`.
    func merge(_ part: [[Int]], of hood: Hood, into current: [[Int]]) -> [[Int]] {
        var merged = current
        let options = full.catalog.options
        for a in hood.agents {
            merged[a] = merged[a].filter { !hood.days.contains(options[$0].slot) } + part[a].filter { hood.days.contains(options[$0].slot) }
        }
        return merged
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
