import Foundation
import RosterCore

/// Turns a solution's assignment into the roster people read.
public enum RosterBuilder {
    public static func roster(from solution: RosterSolution, model: RosterIntegerModel) -> Roster {
        roster(assignment: solution.assignment, model: model, breaks: solution.breaks)
    }

    /// `breaks` (per agent: option id → break start) override where the options put them.
    public static func roster(assignment: [[Int]], model: RosterIntegerModel, breaks: [[Int: Date]] = []) -> Roster {
        let scenario = model.scenario
        var shifts: [RosterShift] = []
        for (a, chosen) in assignment.enumerated() {
            let agent = scenario.agents[a]
            for k in chosen {
                let o = model.catalog.options[k]
                var b0 = o.breakStart, b1 = o.breakEnd
                if a < breaks.count, let moved = breaks[a][k], let old0 = b0, let old1 = b1 {
                    b0 = moved
                    b1 = moved.addingTimeInterval(old1.timeIntervalSince(old0))
                }
                shifts.append(RosterShift(agentID: agent.id, agentName: agent.name, date: scenario.grid.date(ofDay: o.day),
                                          shiftName: scenario.templates[o.templateIndex].name, start: o.start, end: o.end,
                                          breakStart: b0, breakEnd: b1))
            }
        }
        return Roster(teamName: scenario.team.name, timeZoneIdentifier: scenario.team.clock.identifier, shifts: shifts)
    }

    /// The assignment (option ids per agent) of a roster read back from a file, matched against the
    /// model's options; shifts that match no option are returned separately.
    static func assignment(of roster: Roster, model: RosterIntegerModel) -> (assignment: [[Int]], unmatched: [RosterShift]) {
        let scenario = model.scenario
        let index = Dictionary(scenario.agents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byKey: [String: Int] = [:]
        for o in model.catalog.options {
            byKey["\(scenario.templates[o.templateIndex].name)|\(o.start.timeIntervalSince1970)|\(o.end.timeIntervalSince1970)"] = o.id
        }
        var assignment = Array(repeating: [Int](), count: scenario.agents.count)
        var unmatched: [RosterShift] = []
        for s in roster.shifts {
            if let a = index[s.agentID], let k = byKey["\(s.shiftName)|\(s.start.timeIntervalSince1970)|\(s.end.timeIntervalSince1970)"] {
                assignment[a].append(k)
            } else {
                unmatched.append(s)
            }
        }
        return (assignment, unmatched)
    }
}
