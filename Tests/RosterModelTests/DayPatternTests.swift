import Foundation
@testable import RosterCore
@testable import RosterModel
@testable import Search
import Testing

/// The day-pattern construction hands out the same shifts after its working-days programme was moved
/// into its own steps (issue 13): on small generated scenarios with ample time (both programmes solve to
/// optimality in well under a second), the assignment equals the one recorded before.
@Suite struct DayPatternTests {
    /// Each agent's option ids, agent by agent, after `assignByDayPatterns` with one shift at each
    /// template's earliest start on every day of the horizon.
    static func assignment(agents: Int, seed: UInt64) throws -> String {
        let s = SyntheticScenario.make(agents: agents, days: 7, intervalMinutes: 60, seed: seed, zone: "UTC")
        let model = try RosterIntegerModel(scenario: s, requirement: Small.requirement(s))
        let counts = model.catalog.options.map { o in
            o.day >= 0 && o.localStart == s.templates[o.templateIndex].earliestStart ? 1 : 0
        }
        var builder = ConstructiveRoster(model)
        try builder.assignByDayPatterns(counts: counts, budget: Budget(seconds: 60))
        return builder.assignment.map { $0.map(String.init).joined(separator: ",") }.joined(separator: ";")
    }

    // Recorded from commit ef9bdf0 (before the split of `assignByDayPatterns`).
    static let expected: [String: String] = [
        "8-2": "13,106,133;86,120,140;80,100,126;73,93,113;20,46,66;6,33,53;8,40,60;12,26",
        "12-5": "13,33,113;20,40,140;6,26,133;8,80,120;28,106,126;48,73,93;66,100,128;60,88,108;8,86;28,48;53,68,88;12,46,68",
    ]

    @Test func sameAssignmentAsBeforeTheSplit() throws {
        for (agents, seed) in [(8, 2), (12, 5)] as [(Int, UInt64)] {
            let got = try Self.assignment(agents: agents, seed: seed)
            if got != Self.expected["\(agents)-\(seed)"] { print("        \"\(agents)-\(seed)\": \"\(got)\",") }
            #expect(got == Self.expected["\(agents)-\(seed)"])
        }
    }
}
