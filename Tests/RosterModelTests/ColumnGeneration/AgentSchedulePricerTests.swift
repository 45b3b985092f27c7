import Foundation
import Testing
@testable import RosterCore
@testable import RosterModel
import Search

/// The pricing programme against brute force: on small scenarios, the cheapest schedule of an agent
/// found by enumerating every choice per day (checked against the integer model's rows) costs exactly
/// what the dynamic programme finds.
struct AgentSchedulePricerTests {
    /// Every schedule of agent `a` (one option or none per slot) that meets the model's rows, with its cost
    /// at option costs `c` plus the agent's minimum-hours slack.
    static func bruteForce(_ model: RosterIntegerModel, agent a: Int, costs c: [Double]) -> Double {
        let slots = model.catalog.slotCount
        let choices = (0..<slots).map { s in [nil] + model.agentDayOptions[a][s].map { Optional(model.agentOptions[a][$0].option) } }
        var best = Double.infinity
        var pick = [Int](repeating: 0, count: slots)
        while true {
            let chosen = (0..<slots).compactMap { choices[$0][pick[$0]] }
            var assignment = [[Int]](repeating: [], count: model.scenario.agents.count)
            assignment[a] = chosen
            let values = model.completeSolution(assignment)
            if model.model.maxViolation(values) <= 1e-6 {
                var cost = chosen.reduce(0.0) { $0 + c[$1] }
                for slack in model.hoursSlacks where slack.agent == a { cost += model.model.objective[slack.column.index] * values[slack.column.index] }
                best = min(best, cost)
            }
            var s = 0
            while s < slots, pick[s] == choices[s].count - 1 { pick[s] = 0; s += 1 }
            if s == slots { break }
            pick[s] += 1
        }
        return best
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func programmeFindsTheCheapestSchedule(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let early = Small.template("Early", "E", start: Small.time(6), hours: 8)
        let late = Small.template("Late", "L", start: Small.time(15), hours: 8)
        let night = Small.template("Night", "N", start: Small.time(22), hours: 8, night: true)
        let rules = LaborRules(minRestHours: 11, maxConsecutiveDays: 3, minDaysOffPerWeek: 2, minHoursPerWeek: nil,
                               maxHoursPerWeek: 32, maxConsecutiveNights: 2, floorAgents: 0)
        let s = Small.scenario(agents: 1, days: 7, templates: [early, late, night], rules: rules) { _, _ in 1 }
        let model = try RosterIntegerModel(scenario: s, requirement: Small.requirement(s))
        let pricer = AgentSchedulePricer(model, agent: 0)
        // Random costs, mostly negative so that the rules bind.
        let costs = model.catalog.options.map { _ in Double.random(in: -10...3, using: &rng).rounded() }
        let dp = try #require(pricer.cheapest(costs))
        let brute = Self.bruteForce(model, agent: 0, costs: costs)
        #expect(abs(dp.cost - brute) < 1e-6, "programme \(dp.cost), brute force \(brute)")
        // The schedule it returns meets the rules and costs what it says.
        var assignment = [[Int]](repeating: [], count: 1)
        assignment[0] = dp.options
        #expect(model.model.maxViolation(model.completeSolution(assignment)) <= 1e-6)
        #expect(abs(dp.options.reduce(0.0) { $0 + costs[$1] } - dp.cost) < 1e-6)
    }

    @Test(arguments: [UInt64(7), 8, 9])
    func minimumHoursSlackIsPricedExactly(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let early = Small.template("Early", "E", start: Small.time(6), hours: 8)
        let late = Small.template("Late", "L", start: Small.time(14), hours: 9)
        let rules = LaborRules(minRestHours: 11, maxConsecutiveDays: 4, minDaysOffPerWeek: 2, minHoursPerWeek: 30,
                               maxHoursPerWeek: 40, floorAgents: 0)
        let s = Small.scenario(agents: 1, days: 7, templates: [early, late], rules: rules) { _, _ in 1 }
        let model = try RosterIntegerModel(scenario: s, requirement: Small.requirement(s))
        let costs = model.catalog.options.map { _ in Double.random(in: 0...5, using: &rng).rounded() }
        let dp = try #require(AgentSchedulePricer(model, agent: 0).cheapest(costs))
        #expect(abs(dp.cost - Self.bruteForce(model, agent: 0, costs: costs)) < 1e-6)
    }
}
