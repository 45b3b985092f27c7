import Foundation
@testable import Solver
@testable import RosterCore
@testable import RosterModel
@testable import Search
import Testing

/// The solver's bound is never clamped to its objective, so it is tested raw: on scenarios small enough to
/// enumerate every roster, no bound the solve reports may exceed the true optimum, whichever phase gave it.
@Suite struct RawBoundTests {
    /// Calls `body` with every roster of the model: each agent, each slot, off or one of their options.
    static func forEachRoster(_ model: RosterIntegerModel, _ body: ([[Int]]) -> Void) {
        let agents = model.scenario.agents.count
        let slots = model.catalog.slotCount
        // Per (agent, slot): the choices (nil = off).
        var cells: [(agent: Int, choices: [Int?])] = []
        for a in 0..<agents {
            for s in 0..<slots {
                cells.append((a, [nil] + model.agentDayOptions[a][s].map { Optional(model.agentOptions[a][$0].option) }))
            }
        }
        var pick = [Int](repeating: 0, count: cells.count)
        while true {
            var assignment = [[Int]](repeating: [], count: agents)
            for (i, cell) in cells.enumerated() { if let k = cell.choices[pick[i]] { assignment[cell.agent].append(k) } }
            body(assignment)
            // Next combination (odometer).
            var i = 0
            while i < cells.count {
                pick[i] += 1
                if pick[i] < cells[i].choices.count { break }
                pick[i] = 0
                i += 1
            }
            if i == cells.count { break }
        }
    }

    /// The model's optimum over every roster.
    static func bruteForceOptimum(_ model: RosterIntegerModel) -> Double {
        var best = Double.infinity
        forEachRoster(model) { assignment in
            let values = model.completeSolution(assignment)
            if model.model.maxViolation(values) <= Tolerance.feasibility { best = min(best, model.model.objectiveValue(values)) }
        }
        return best
    }

    /// The least surplus (agent-hours) over every roster with no shortfall and no broken rule (nil: none).
    static func bruteForceLeastSurplus(_ model: RosterIntegerModel) -> Double? {
        var best: Double? = nil
        forEachRoster(model) { assignment in
            let values = model.completeSolution(assignment)
            let b = model.breakdown(values)
            // Surplus cost is weight × agent-hours; the weight is 1 in these scenarios.
            if model.model.maxViolation(values) <= Tolerance.feasibility, b.shortfall < 1e-9, b.ruleViolations < 1e-9 {
                best = min(best ?? .infinity, b.surplus)
            }
        }
        return best
    }

    /// The report's "any roster with no shortfall carries at least …": the pooled LP never claims more
    /// surplus than the best shortfall-free roster has, and it says nothing when no such roster exists
    /// even pooled.
    @Test(arguments: [UInt64(11), 12, 13, 14, 15])
    func forcedSurplusNeverExceedsTheLeastSurplusOfAShortfallFreeRoster(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let early = Small.template("Early", "E", start: Small.time(6), hours: 8)
        let late = Small.template("Late", "L", start: Small.time(14), hours: 8)
        // Demand of 0–1 so that shortfall-free rosters usually exist.
        let demand = (0..<3).map { _ in (0..<24).map { _ in Int.random(in: 0...1, using: &rng) } }
        let s = Small.scenario(agents: 2, days: 3, templates: [early, late], weights: ObjectiveWeights(surplus: 1, fairness: 1)) { d, h in
            (6..<22).contains(h) ? demand[d][h] : 0
        }
        let model = try RosterIntegerModel(scenario: s, requirement: Small.requirement(s))
        let lp = try GLPKSolver.solve(AggregateModel(model).forcedSurplusModel(), relaxation: true)
        let least = Self.bruteForceLeastSurplus(model)
        if let least {
            #expect(lp.status == .optimal)
            let forced = try #require(lp.objective)
            #expect(forced <= least + 1e-6, "forced \(forced) above the least surplus \(least)")
            #expect(forced >= 0)
        } else if lp.status == .optimal {
            // The pooled relaxation may still find fractional counts: then its value is only a bound.
            #expect((lp.objective ?? 0) >= 0)
        }
    }

    /// Two agents, three days, early and late shifts, a random requirement of 0–2 from 06:00 to 22:00.
    static func randomModel(seed: UInt64) throws -> RosterIntegerModel {
        var rng = SeededGenerator(seed: seed)
        let early = Small.template("Early", "E", start: Small.time(6), hours: 8)
        let late = Small.template("Late", "L", start: Small.time(14), hours: 8)
        let demand = (0..<3).map { _ in (0..<24).map { _ in Int.random(in: 0...2, using: &rng) } }
        let s = Small.scenario(agents: 2, days: 3, templates: [early, late], weights: ObjectiveWeights(fairness: 1)) { d, h in
            (6..<22).contains(h) ? demand[d][h] : 0
        }
        return try RosterIntegerModel(scenario: s, requirement: Small.requirement(s))
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func theRawBoundNeverExceedsTheBruteForceOptimum(seed: UInt64) throws {
        let model = try Self.randomModel(seed: seed)
        let optimum = Self.bruteForceOptimum(model)
        #expect(optimum.isFinite)
        // Both bounds the hotline solver knows: the pooled shift counts alone, and with the full LP.
        for lpColumns in [0, 100_000] {
            var options = RosterSolveOptions(timeLimit: 10, gapTarget: 0, seed: seed)
            options.relaxationColumnLimit = lpColumns
            let solution = try RosterSolver.solve(model, options: options)
            let bound = try #require(solution.bound)
            #expect(bound <= optimum + 1e-6, "bound \(bound) (\(solution.boundSource)) above the optimum \(optimum)")
            #expect(solution.objective >= optimum - 1e-6)
            if lpColumns > 0 { #expect(solution.boundSource == .fullRelaxation || solution.boundSource == .shiftCountModel) }
            // Fix-and-optimize ends long before 10 s here: unless the roster is proven optimal, the time left
            // goes to column generation, whose bound is the one checked above when it is the highest.
            if solution.stopReason.en == "time limit reached" || solution.elapsed < 9 {
                #expect(solution.stopReason.en != "time limit reached" || solution.log.contains { $0.contains("column generation (time left)") },
                        "\(solution.log)")
            }
        }
    }

    /// Column generation's bound: on small scenarios it converges, never passes the optimum, and is at least
    /// the full model's LP relaxation (every agent's rules are integral in the pricing).
    @Test(arguments: [UInt64(4), 5, 6, 7])
    func columnGenerationBoundLiesBetweenTheLPAndTheOptimum(seed: UInt64) throws {
        let model = try Self.randomModel(seed: seed)
        let optimum = Self.bruteForceOptimum(model)
        let lp = try #require(try GLPKSolver.solve(model.model, relaxation: true).objective)
        let outcome = try #require(try HotlineColumnGeneration(model, threads: 2, smoothing: 0.5).run(seed: nil, budget: Budget(seconds: 20)))
        #expect(outcome.converged, "\(outcome.log)")
        let bound = try #require(outcome.bound)
        #expect(bound <= optimum + 1e-6, "bound \(bound) above the optimum \(optimum)")
        #expect(bound >= lp - 1e-6, "bound \(bound) below the LP relaxation \(lp)")
        // The largest λ of each agent is a roster that breaks no hard rule.
        let rounded = try #require(outcome.rounded)
        #expect(model.model.maxViolation(model.completeSolution(rounded)) <= 1e-6)
    }

    /// The Lagrangian bound at the pooled shift-count model's LP prices (the solve's "Lagrangian bound"
    /// phase): any prices give a valid bound, so it never passes the optimum; column generation started from
    /// these prices still converges to a bound between the LP relaxation and the optimum.
    @Test(arguments: [UInt64(8), 9, 10])
    func lagrangianBoundAtThePooledPricesIsValid(seed: UInt64) throws {
        let model = try Self.randomModel(seed: seed)
        let optimum = Self.bruteForceOptimum(model)
        let aggregate = AggregateModel(model)
        let pooled = try GLPKSolver.solve(aggregate.model, relaxation: true)
        let duals = try #require(pooled.rowDuals)
        let p = aggregate.prices(duals)
        #expect(p.cover.count == model.scenario.grid.intervals.count)
        let engine = HotlineColumnGeneration(model, threads: 2, smoothing: 0.5)
        let warm = engine.master.prices(cover: p.cover, floor: p.floor, handover: p.handover)
        let bound = try #require(engine.lagrangianBound(at: warm))
        #expect(bound <= optimum + 1e-6, "Lagrangian bound \(bound) above the optimum \(optimum)")
        let lp = try #require(try GLPKSolver.solve(model.model, relaxation: true).objective)
        let outcome = try #require(try engine.run(seed: nil, warm: warm, budget: Budget(seconds: 20)))
        #expect(outcome.converged, "\(outcome.log)")
        let converged = try #require(outcome.bound)
        #expect(converged >= bound - 1e-6, "column generation lost the warm start's bound \(bound): \(converged)")
        #expect(converged <= optimum + 1e-6 && converged >= lp - 1e-6, "bound \(converged), LP \(lp), optimum \(optimum)")
    }
}
