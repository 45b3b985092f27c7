// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// One named step of a solve (construction, column generation, dives, fix-and-optimize …) with its
/// share of the time. A solver is a table of phases, run in order by ``PhasePlan``; the progress display
/// and the report name them.
public struct Phase<State, Failure: Error> {
    public var name: String
    /// Share of the time left when the phase starts (1: all of it).
    public var share: Double
    /// A quick last step that runs even when the time is up or the solve was cancelled.
    var finishing: Bool
    /// Whether the phase runs at all (asked when its turn comes).
    var when: (State) -> Bool
    /// The work; returns a line for the log (what it found).
    public var run: (inout State, Budget) throws(Failure) -> String

    public init(_ name: String, share: Double, finishing: Bool = false, when: @escaping (State) -> Bool = { _ in true },
                run: @escaping (inout State, Budget) throws(Failure) -> String) {
        self.name = name
        self.share = share
        self.finishing = finishing
        self.when = when
        self.run = run
    }
}

/// What one phase took and found, for the report.
public struct PhaseRecord: Sendable, Codable, Equatable {
    public var name: String
    public var seconds: Double
    /// The incumbent's objective and the bound when the phase ended.
    public var objective: Double?
    public var bound: Double?
    public var note: String

    /// "name  12.3 s  objective …  note"
    public var line: String {
        let obj = objective.map { String(format: "%.2f", $0) } ?? "—"
        let b = bound.map { String(format: "%.2f", $0) } ?? "—"
        return String(format: "%@: %@ (%.1f s; objective %@, bound %@)", name, note, seconds, obj, b)
    }
}

/// Runs a table of phases in order within one budget.
///
/// Each phase gets `share` of the time left when it starts, never more than the budget has; a phase is
/// skipped when the solve is cancelled or out of time (unless it is a finishing step) or when `isFinished`
/// holds (e.g. proven optimal). Progress is
/// reported at the start and end of every phase, with the phase's name.
public struct PhasePlan<State, Failure: Error> {
    var phases: [Phase<State, Failure>]
    /// The incumbent's objective and the bound, for progress and records.
    var measure: (State) -> (objective: Double?, bound: Double?)
    /// True when nothing is left to do (the gap target is met).
    var isFinished: (State) -> Bool
    /// What the incumbent pays for broken rules, for the progress lines' gap (as `Incumbent.gap`).
    var penalty: (State) -> Double

    public init(_ phases: [Phase<State, Failure>], measure: @escaping (State) -> (objective: Double?, bound: Double?),
                penalty: @escaping (State) -> Double = { _ in 0 }, isFinished: @escaping (State) -> Bool) {
        self.phases = phases
        self.measure = measure
        self.penalty = penalty
        self.isFinished = isFinished
    }

    public func run(_ state: inout State, budget: Budget) throws(Failure) -> [PhaseRecord] {
        var records: [PhaseRecord] = []
        for phase in phases {
            guard phase.finishing || !budget.isExhausted, !isFinished(state), phase.when(state) else { continue }
            let part = budget.share(phase.share)
            let (o0, b0) = measure(state)
            budget.report(phase: phase.name, incumbent: o0, bound: b0, note: "started", penalty: penalty(state))
            let t0 = Date()
            let note = try phase.run(&state, part)
            let (o, b) = measure(state)
            let record = PhaseRecord(name: phase.name, seconds: Date().timeIntervalSince(t0), objective: o, bound: b, note: note)
            records.append(record)
            budget.report(phase: phase.name, incumbent: o, bound: b, note: note, penalty: penalty(state))
        }
        return records
    }
}
