import Foundation
import Testing
@testable import Search

@Suite struct BudgetTests {
    /// Every way of taking a part of a budget ends no later than the budget itself.
    @Test(arguments: [0.0, 0.3, 1.0, 2.5, -1, .infinity, .nan])
    func partsNeverOutliveTheirParent(_ x: Double) {
        let parent = Budget(seconds: 10)
        let parts = [
            parent.share(x),
            parent.capped(x * 100),
            parent.leaving(x),
            parent.until(parent.deadline.addingTimeInterval(x.isFinite ? x * 100 : 1e6)),
            parent.capped(1000).share(x).leaving(-5),
        ]
        for part in parts {
            #expect(part.deadline <= parent.deadline)
            #expect(part.origin == parent.origin)
        }
        // A part of a part of a short budget stays inside the short one.
        let short = parent.capped(1)
        #expect(short.share(1).capped(50).deadline <= short.deadline)
        #expect(short.deadline <= parent.deadline)
    }

    @Test func shareOfTenSecondsIsAboutFive() {
        let b = Budget(seconds: 10)
        let half = b.share(0.5)
        let left = half.remaining
        #expect(left > 4 && left <= 5.0001, "\(left)")
        #expect(abs(half.deadline.timeIntervalSince(b.origin) - 5) < 1)
        // capped and leaving on the same budget.
        #expect(abs(b.capped(2).remaining - 2) < 1)
        #expect(abs(b.leaving(3).remaining - 7) < 1)
        #expect(b.capped(100).deadline == b.deadline)
    }

    @Test func untilAnEarlierDateEndsThen() {
        let b = Budget(seconds: 10)
        let date = Date().addingTimeInterval(3)
        #expect(b.until(date).deadline == date)
        #expect(b.until(.distantFuture).deadline == b.deadline)
        #expect(b.until(.distantPast).isExhausted)
        #expect(!b.until(.distantPast).hasTime())
    }

    @Test func cancellationExhaustsEveryPart() {
        let flag = CancellationFlag()
        let b = Budget(seconds: 100, cancellation: flag)
        let part = b.share(0.5)
        #expect(!b.isExhausted && b.hasTime() && b.hasTime(10))
        #expect(!part.isCancelled)
        flag.cancel()
        #expect(b.isCancelled)
        #expect(b.isExhausted)
        #expect(!b.hasTime())
        // A part made before the cancellation shares the flag.
        #expect(part.isExhausted && !part.hasTime())
        // Time is still left: exhaustion comes from the flag alone.
        #expect(b.remaining > 50)
    }

    @Test func zeroBudgetIsExhausted() {
        let b = Budget(seconds: 0)
        #expect(b.isExhausted)
        #expect(!b.hasTime())
        #expect(b.remaining == 0)
        let negative = Budget(seconds: -5)
        #expect(negative.remaining == 0 && negative.isExhausted)
        #expect(!Budget(seconds: 10).hasTime(20))
    }

    @Test func secondsHonoursTheFloor() {
        let spent = Budget(seconds: 0)
        #expect(spent.seconds() == 0.05)
        #expect(spent.seconds(floor: 0.5) == 0.5)
        let b = Budget(seconds: 10)
        let s = b.seconds(floor: 0.05)
        #expect(s > 9 && s <= 10)
        #expect(b.seconds(floor: 30) == 30)
    }

    @Test func reportReachesTheSinkWithTheGap() {
        let seen = ConcurrentSlots<SearchProgress>(count: 1)
        let b = Budget(seconds: 10, progress: { seen.set(0, $0) })
        b.share(0.5).report(phase: "dive", incumbent: 12, bound: 9, note: "n")
        let p = try? #require(seen.all[0])
        #expect(p?.phase == "dive")
        #expect(p?.note == "n")
        #expect(p?.gap == 0.25)
    }
}

@Suite struct GapTests {
    @Test func definition() {
        #expect(Gap.relative(objective: 10, bound: 8) == 0.2)
        #expect(Gap.relative(objective: -20, bound: -25) == 0.25)
        // The denominator is at least 1.
        #expect(Gap.relative(objective: 0.5, bound: 0) == 0.5)
        #expect(Gap.relative(objective: 0, bound: 0) == 0)
        #expect(Gap.relative(objective: 100, bound: 100) == 0)
    }

    /// A roster paying for rules no roster can keep: measured against its real costs, not the penalty.
    @Test func thePenaltyForBrokenRulesIsLeftOutOfTheDenominator() throws {
        let gap = try #require(Gap.relative(objective: 3_202_586, bound: 3_201_872, penalty: 3_200_000))
        #expect(abs(gap - 714.0 / 2586.0) < 1e-12)
        #expect(try #require(Gap.relative(objective: 3_202_586, bound: 3_201_872)) < 0.001)
        // No penalty: the plain definition; a penalty beyond the objective: the floor of 1.
        #expect(Gap.relative(objective: 10, bound: 8, penalty: 0) == 0.2)
        #expect(Gap.relative(objective: 10, bound: 8, penalty: 10) == 2)
        var incumbent = Incumbent<Int>(evaluate: { Evaluation(objective: Double($0), violation: 0) },
                                       describe: { [Incumbent<Int>.penaltyPart: Double($0) - 100] })
        incumbent.adopt(1_100)
        incumbent.raiseBound(1_050, source: .lagrangian)
        #expect(incumbent.gap == 0.5)
        #expect(!incumbent.meets(gap: 0.1))
        // The progress lines measure it the same way.
        #expect(SearchProgress(phase: "p", elapsed: 0, incumbent: 1_100, bound: 1_050, note: "", penalty: 1_000).gap == 0.5)
    }

    @Test func missingOrInfiniteValuesGiveNil() {
        #expect(Gap.relative(objective: nil, bound: 1) == nil)
        #expect(Gap.relative(objective: 1, bound: nil) == nil)
        #expect(Gap.relative(objective: .infinity, bound: 1) == nil)
        #expect(Gap.relative(objective: 1, bound: -.infinity) == nil)
        #expect(Gap.relative(objective: .nan, bound: 1) == nil)
    }

    @Test func boundAboveObjectiveGivesANegativeGap() {
        let g = Gap.relative(objective: 10, bound: 12)
        #expect(g == -0.2)
        #expect(Gap.relative(objective: 0, bound: 0.5) == -0.5)
    }
}
