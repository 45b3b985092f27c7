import Testing
@testable import Search

/// A candidate that carries its own evaluation.
struct Scored: Sendable, Equatable {
    var objective: Double
    var violation: Double = 0
    var tag = ""
}

func scoredIncumbent() -> Incumbent<Scored> {
    Incumbent { Evaluation(objective: $0.objective, violation: $0.violation) }
}

@Suite struct IncumbentTests {
    @Test func adoptsOnlyFeasibleStrictlyBetterCandidates() {
        var inc = scoredIncumbent()
        #expect(!inc.hasSolution)
        #expect(inc.gap == nil)
        do { let r = inc.adopt(Scored(objective: 5, violation: 1)); #expect(!r) }          // infeasible first candidate
        #expect(!inc.hasSolution)
        do { let r = inc.adopt(Scored(objective: 10, tag: "a")); #expect(r) }
        #expect(inc.objective == 10 && inc.solution?.tag == "a")
        do { let r = inc.adopt(Scored(objective: 10, tag: "b")); #expect(!r) }             // equal: not strictly better
        do { let r = inc.adopt(Scored(objective: 10 - 1e-7, tag: "c")); #expect(!r) }      // within the improvement tolerance
        do { let r = inc.adopt(Scored(objective: 11, tag: "d")); #expect(!r) }
        do { let r = inc.adopt(Scored(objective: 2, violation: 1e-3, tag: "e")); #expect(!r) }
        #expect(inc.solution?.tag == "a")
        do { let r = inc.adopt(Scored(objective: 9, violation: 1e-7, tag: "f")); #expect(r) }  // violation within tolerance
        #expect(inc.objective == 9 && inc.solution?.tag == "f")
        #expect(inc.improvements == 2)
    }

    @Test func claimedObjectiveMustMatch() {
        var inc = scoredIncumbent()
        do { let r = inc.adopt(Scored(objective: 10), claimed: 9); #expect(!r) }
        #expect(!inc.hasSolution && inc.improvements == 0)
        do { let r = inc.adopt(Scored(objective: 10), claimed: 10 + 1e-9); #expect(r) }
        #expect(inc.objective == 10)
        do { let r = inc.adopt(Scored(objective: 8), claimed: 7); #expect(!r) }
        #expect(inc.objective == 10)
    }

    @Test func replaceTakesAnyCandidate() {
        var inc = scoredIncumbent()
        _ = inc.adopt(Scored(objective: 3))
        let e = inc.replace(with: Scored(objective: 7, violation: 2, tag: "worse"))
        #expect(e == Evaluation(objective: 7, violation: 2))
        #expect(!e.isFeasible)
        #expect(inc.objective == 7 && inc.solution?.tag == "worse")
    }

    @Test func boundOnlyRises() {
        var inc = scoredIncumbent()
        #expect(inc.bound == nil && inc.boundSource == .none)
        do { let r = inc.raiseBound(3, source: .fullRelaxation); #expect(r) }
        do { let r = inc.raiseBound(2, source: .columnGeneration); #expect(!r) }
        do { let r = inc.raiseBound(3, source: .columnGeneration); #expect(!r) }
        do { let r = inc.raiseBound(.infinity, source: .lagrangian); #expect(!r) }
        do { let r = inc.raiseBound(.nan, source: .lagrangian); #expect(!r) }
        #expect(inc.bound == 3 && inc.boundSource == .fullRelaxation)
        do { let r = inc.raiseBound(4.5, source: .branchAndBound); #expect(r) }
        #expect(inc.bound == 4.5 && inc.boundSource == .branchAndBound)
    }

    @Test func boundIsNeverClampedToTheObjective() {
        var inc = scoredIncumbent()
        _ = inc.adopt(Scored(objective: 10))
        do { let r = inc.raiseBound(12, source: .lagrangian); #expect(r) }
        #expect(inc.bound == 12)
        #expect(inc.gap == -0.2)
        #expect(inc.meets(gap: 0))
    }

    @Test func closedWithIntegralObjective() {
        var inc = scoredIncumbent()
        #expect(!inc.isClosed())
        _ = inc.adopt(Scored(objective: 10))
        #expect(!inc.isClosed() && !inc.isClosed(integral: true))
        _ = inc.raiseBound(9.2, source: .fullRelaxation)
        // 9.2 rounds up to 10 for an integer objective: optimal. Not so for a continuous one.
        #expect(inc.isClosed(integral: true))
        #expect(!inc.isClosed(integral: false))
        // Far below: not closed either way.
        var other = scoredIncumbent()
        _ = other.adopt(Scored(objective: 10))
        _ = other.raiseBound(8.9, source: .fullRelaxation)
        #expect(!other.isClosed(integral: true))
        // Just above an integer by floating-point noise: the margin keeps 9 + 1e-4 from rounding to 10.
        var noisy = scoredIncumbent()
        _ = noisy.adopt(Scored(objective: 10))
        _ = noisy.raiseBound(9 + 1e-4, source: .lagrangian)
        #expect(!noisy.isClosed(integral: true))
        _ = noisy.raiseBound(10, source: .lagrangian)
        #expect(noisy.isClosed(integral: false))
    }

    @Test func gapFollowsObjectiveAndBound() {
        var inc = scoredIncumbent()
        _ = inc.raiseBound(5, source: .fullRelaxation)
        #expect(inc.gap == nil)                 // no solution yet
        #expect(!inc.meets(gap: 1))
        _ = inc.adopt(Scored(objective: 10))
        #expect(inc.gap == 0.5)
        #expect(inc.meets(gap: 0.5) && !inc.meets(gap: 0.49))
    }
}
