import Foundation
import Testing
@testable import Search

struct PlanState {
    var ran: [String] = []
    var objective: Double? = nil
    var bound: Double? = nil
    var finished = false
    /// Seconds each phase's budget had left when the phase started, and the parent's at that moment.
    var given: [String: (part: Double, parent: Double)] = [:]
}

struct PlanFailure: Error, Equatable { let phase: String }

@Suite struct PhasePlanTests {
    func plan(_ phases: [Phase<PlanState, PlanFailure>]) -> PhasePlan<PlanState, PlanFailure> {
        PhasePlan(phases, measure: { ($0.objective, $0.bound) }, isFinished: { $0.finished })
    }

    func phase(_ name: String, share: Double, parent: Budget, _ body: @escaping (inout PlanState) -> Void = { _ in },
               when: @escaping (PlanState) -> Bool = { _ in true }) -> Phase<PlanState, PlanFailure> {
        Phase(name, share: share, when: when) { (state: inout PlanState, b: Budget) throws(PlanFailure) -> String in
            state.ran.append(name)
            state.given[name] = (b.remaining, parent.remaining)
            #expect(b.deadline <= parent.deadline)
            body(&state)
            return "did \(name)"
        }
    }

    @Test func phasesRunInOrderWithTheirShare() throws {
        let budget = Budget(seconds: 100)
        let p = plan([
            phase("construct", share: 0.1, parent: budget) { $0.objective = 50 },
            phase("bound", share: 0.5, parent: budget) { $0.bound = 40 },
            phase("improve", share: 1, parent: budget) { $0.objective = 45 },
        ])
        var state = PlanState()
        let records = try p.run(&state, budget: budget)
        #expect(state.ran == ["construct", "bound", "improve"])
        #expect(records.map(\.name) == ["construct", "bound", "improve"])
        #expect(records.map(\.note) == ["did construct", "did bound", "did improve"])
        for (name, share) in [("construct", 0.1), ("bound", 0.5), ("improve", 1.0)] {
            let g = try #require(state.given[name])
            #expect(g.part <= share * g.parent + 0.01, "\(name): \(g.part) of \(g.parent)")
            #expect(g.part >= share * g.parent - 1, "\(name): \(g.part) of \(g.parent)")   // generous: no timing assertion
        }
        // Records measure the state when each phase ended.
        #expect(records[0].objective == 50 && records[0].bound == nil)
        #expect(records[1].objective == 50 && records[1].bound == 40)
        #expect(records[2].objective == 45 && records[2].bound == 40)
        #expect(records.allSatisfy { $0.seconds >= 0 && $0.seconds < 30 })
        #expect(records[2].line.hasPrefix("improve: did improve"))
    }

    @Test func whenFalseSkipsAPhase() throws {
        let budget = Budget(seconds: 10)
        let p = plan([
            phase("a", share: 0.2, parent: budget),
            phase("b", share: 0.2, parent: budget, when: { $0.objective != nil }),
            phase("c", share: 0.2, parent: budget) { $0.objective = 1 },
            phase("d", share: 0.2, parent: budget, when: { $0.objective != nil }),
        ])
        var state = PlanState()
        let records = try p.run(&state, budget: budget)
        #expect(state.ran == ["a", "c", "d"])
        #expect(records.map(\.name) == ["a", "c", "d"])
    }

    @Test func finishedStopsTheRest() throws {
        let budget = Budget(seconds: 10)
        let p = plan([
            phase("a", share: 0.2, parent: budget),
            phase("b", share: 0.2, parent: budget) { $0.finished = true },
            phase("c", share: 1, parent: budget),
        ])
        var state = PlanState()
        let records = try p.run(&state, budget: budget)
        #expect(state.ran == ["a", "b"])
        #expect(records.count == 2)
    }

    @Test func cancellationStopsTheRest() throws {
        let flag = CancellationFlag()
        let budget = Budget(seconds: 10, cancellation: flag)
        let p = plan([
            phase("a", share: 0.2, parent: budget),
            phase("b", share: 0.2, parent: budget) { _ in flag.cancel() },
            phase("c", share: 1, parent: budget),
        ])
        var state = PlanState()
        let records = try p.run(&state, budget: budget)
        #expect(state.ran == ["a", "b"])
        #expect(records.map(\.name) == ["a", "b"])
        // Nothing runs under a budget cancelled from the start, or with no time.
        var fresh = PlanState()
        #expect(try p.run(&fresh, budget: budget).isEmpty)
        #expect(try p.run(&fresh, budget: Budget(seconds: 0)).isEmpty)
        #expect(fresh.ran.isEmpty)
    }

    @Test func progressNamesEachPhase() throws {
        let lines = ConcurrentSlots<[String]>(count: 1)
        let lock = NSLock()
        let budget = Budget(seconds: 10, progress: { p in
            lock.lock(); defer { lock.unlock() }
            lines.set(0, (lines.all[0] ?? []) + ["\(p.phase) \(p.note)"])
        })
        let p = plan([phase("a", share: 0.5, parent: budget), phase("b", share: 0.5, parent: budget)])
        var state = PlanState()
        _ = try p.run(&state, budget: budget)
        #expect(lines.all[0] == ["a started", "a did a", "b started", "b did b"])
    }

    @Test func aFailureIsThrownTyped() {
        let budget = Budget(seconds: 10)
        let failing = Phase<PlanState, PlanFailure>("bad", share: 1) { (_: inout PlanState, _: Budget) throws(PlanFailure) -> String in
            throw PlanFailure(phase: "bad")
        }
        let p = plan([phase("a", share: 0.5, parent: budget), failing, phase("c", share: 1, parent: budget)])
        var state = PlanState()
        #expect(throws: PlanFailure(phase: "bad")) { try p.run(&state, budget: budget) }
        #expect(state.ran == ["a"])
    }
}
