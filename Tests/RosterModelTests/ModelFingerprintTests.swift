import Foundation
import Testing
@testable import RosterCore
@testable import Solver
@testable import RosterModel

/// The integer model built for a scenario must not change when `RosterIntegerModel.init` is refactored:
/// same columns (names, kinds, bounds, objective), rows (names, bounds, terms in order), objective
/// constant, and the same bookkeeping the solvers read (agent options, day slots, w columns, pins,
/// coverage / floor / handover / hours slacks, fairness rows).
///
/// The hashes are FNV-1a (64-bit) over a canonical text dump of all of that, with every number written
/// exactly (Double's round-trip description).
@Suite struct ModelFingerprintTests {
    /// Recorded from the model built by the one-piece `init`, before it was split into builder steps
    /// (the init of commit b3c431b, unchanged up to ac83c2c on branch model-split). A change here means
    /// the model changed: columns, rows, their order, names, bounds or coefficients.
    static let recorded: [String: UInt64] = [
        "synthetic-18x14-seed1": 0x51c0_7d28_1ca0_3d65,
        "synthetic-30x21-seed7-60min": 0x3e32_8235_7a47_30fd,
        // Re-recorded when an agent's own hours in agents.csv began to win over the team rule (issue 16):
        // agent 4's own 16-h minimum replaces the team's, which the model held before (0x8c4e_acc7_af9f_63dc).
        "dressed-12x14-seed3": 0xbdb2_0521_98a5_fcca,
    ]

    static var cases: [(String, Scenario)] {
        [
            ("synthetic-18x14-seed1", SyntheticScenario.make(agents: 18, days: 14, seed: 1)),
            ("synthetic-30x21-seed7-60min", SyntheticScenario.make(agents: 30, days: 21, intervalMinutes: 60, seed: 7, zone: "UTC")),
            ("dressed-12x14-seed3", dressed()),
        ]
    }

    /// A generated scenario with everything the synthetic generator leaves out: pins, prefers-on and
    /// preferred-shift entries, a hard unavailability in instants, allowed shifts, skills, per-agent hour
    /// limits, horizon hours, a holiday (for the holiday fairness category).
    static func dressed() -> Scenario {
        var s = SyntheticScenario.make(agents: 12, days: 14, seed: 3, zone: "Europe/Berlin",
                                       startDate: LocalDate(year: 2027, month: 3, day: 22)!)
        let start = s.team.startDate
        s.team.holidays = [start.adding(days: 4), start.adding(days: 11)]
        s.rules.minHoursPerHorizon = 40
        s.rules.maxHoursPerHorizon = 80
        s.weights.paidHour = 0.5
        s.templates[2].requiredSkills = ["nights"]
        for a in s.agents.indices where a % 5 != 0 { s.agents[a].skills = ["nights"] }
        s.agents[3].allowedShifts = ["Day", "Night"]
        s.agents[4].maxHoursPerWeek = 32
        s.agents[4].minHoursPerWeek = 16
        s.agents[7].minHoursPerWeek = 30
        // Pinned agents keep no hard availability (so the pins are allowed).
        let pinnedAgents: Set<String> = [s.agents[1].id, s.agents[2].id]
        s.availability.removeAll { $0.kind.isHard && pinnedAgents.contains($0.agentID) }
        s.pinned = [
            PinnedShift(agentID: s.agents[1].id, date: start.adding(days: 2), template: "Day", start: LocalTime(minutes: 8 * 60)!),
            PinnedShift(agentID: s.agents[1].id, date: start.adding(days: 3), template: "Evening", start: LocalTime(minutes: 13 * 60)!,
                        lengthMinutes: 510),
            PinnedShift(agentID: s.agents[2].id, date: start.adding(days: 6), template: "Night", start: LocalTime(minutes: 21 * 60)!),
        ]
        s.availability += [
            AvailabilityEntry(agentID: s.agents[5].id, kind: .prefersOn, span: .dates(start.adding(days: 1), start.adding(days: 2)), weight: 3),
            AvailabilityEntry(agentID: s.agents[6].id, kind: .preferredShift("Evening"),
                              span: .dates(start.adding(days: 5), start.adding(days: 9)), weight: 2),
            AvailabilityEntry(agentID: s.agents[8].id, kind: .prefersOff, span: .dates(start.adding(days: 7), start.adding(days: 7)), weight: 0),
            AvailabilityEntry(agentID: s.agents[9].id, kind: .unavailable,
                              span: .instants(Date(timeIntervalSince1970: 1_805_968_800), Date(timeIntervalSince1970: 1_806_012_000))),
        ]
        return s
    }

    static func requirement(_ s: Scenario) -> [Int] {
        guard case .requirement(let r) = s.demand else { return [] }
        return r
    }

    @Test func modelsMatchTheRecordedFingerprints() throws {
        var got: [String: UInt64] = [:]
        for (name, scenario) in Self.cases {
            let model = try RosterIntegerModel(scenario: scenario, requirement: Self.requirement(scenario))
            // Non-trivial: every case has pins or rows of each family the test is meant to guard.
            #expect(model.model.columnCount > 1000, "\(name)")
            #expect(model.model.rowCount > 500, "\(name)")
            got[name] = Self.fnv1a(Self.dump(model))
        }
        let dressed = try RosterIntegerModel(scenario: Self.dressed(), requirement: Self.requirement(Self.dressed()))
        #expect(dressed.pinnedOptions.map(\.count) == [0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(dressed.fairness.map(\.name) == ["nights", "weekends", "holidays"])
        #expect(dressed.model.objectiveConstant > 0)
        for (name, _) in Self.cases {
            let hex = got[name].map { String($0, radix: 16) } ?? "-"
            #expect(got[name] == Self.recorded[name], "\(name): fingerprint 0x\(hex)")
        }
    }

    /// The same scenario gives the same dump twice (the fingerprint is stable, not hash-seeded).
    @Test func dumpIsDeterministic() throws {
        let s = Self.dressed()
        let a = try RosterIntegerModel(scenario: s, requirement: Self.requirement(s))
        let b = try RosterIntegerModel(scenario: s, requirement: Self.requirement(s))
        #expect(Self.dump(a) == Self.dump(b))
    }

    // MARK: Dump and hash

    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01b3
        }
        return h
    }

    static func num(_ v: Double?) -> String { v.map { $0.description } ?? "none" }

    static func dump(_ r: RosterIntegerModel) -> String {
        let m = r.model
        var out = "model \(m.name) \(m.sense) const \(num(m.objectiveConstant))\n"
        for j in 0..<m.columnCount {
            out += "col \(j) \(m.columnNames[j]) \(m.columnKinds[j]) [\(num(m.columnLower[j])),\(num(m.columnUpper[j]))] c=\(num(m.objective[j]))\n"
        }
        for i in 0..<m.rowCount {
            out += "row \(i) \(m.rowNames[i]) [\(num(m.rowLower[i])),\(num(m.rowUpper[i]))]:"
            for (c, v) in m.terms(of: RowID(i)) { out += " \(c.index)*\(num(v))" }
            out += "\n"
        }
        out += "ruleViolationWeight \(num(r.ruleViolationWeight))\n"
        out += "requirement \(r.requirement)\n"
        out += "optionCount \(r.optionCount.map(\.index))\n"
        for (a, list) in r.agentOptions.enumerated() {
            out += "agentOptions \(a) \(list.map { "\($0.option):\($0.column.index)" })\n"
            out += "agentDayOptions \(a) \(r.agentDayOptions[a])\n"
            out += "worksDay \(a) \(r.worksDay[a].map { $0.map { String($0.index) } ?? "-" })\n"
            out += "pinned \(a) \(r.pinnedOptions[a])\n"
        }
        out += "covering \(r.coveringOptions)\n"
        for c in r.coverage { out += "coverage \(c.interval) \(c.segments.map(\.index)) \(c.surplus.index)\n" }
        for f in r.floors { out += "floor \(f.interval) \(f.column.index) \(f.floor)\n" }
        for h in r.handovers { out += "handover \(h.rule) \(h.day) \(h.options) \(h.column.index) \(h.minimum)\n" }
        for s in r.hoursSlacks { out += "hours \(s.agent) \(s.days) \(num(s.minimum)) \(s.column.index)\n" }
        for f in r.fairness {
            out += "fairness \(f.name) \(f.column.index) \(f.optionInCategory) \(f.shares.map { "\($0.agent):\(num($0.share))" })\n"
        }
        return out
    }
}
