import Foundation
import Testing
@testable import Search

/// A thread-safe log the tests read after a search.
final class Recorder<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func append(_ t: T) { lock.lock(); items.append(t); lock.unlock() }
    var all: [T] { lock.lock(); defer { lock.unlock() }; return items }
}

/// A toy problem: choose x_i ∈ {0 … K} for n items to minimise Σ c_i(x_i) subject to Σ x_i = R.
///
/// The costs are arbitrary integer tables (not convex), so moving one unit between two items is not
/// always enough. A neighbourhood frees a set of items; `solve` brute-forces them with the rest fixed.
/// With `traps`, one call in three returns instead a candidate with every item at its cheapest value,
/// ignoring Σ x = R: its objective is at most the optimum, and when it is infeasible it must never be
/// adopted.
struct Toy: NeighbourhoodProblem {
    typealias Solution = [Int]
    /// Items freed, sorted.
    typealias Hood = [Int]

    let costs: [[Int]]
    let total: Int
    let traps: Bool
    let trapsOffered = Recorder<Double>()
    var made = 0

    var n: Int { costs.count }
    var k: Int { costs[0].count - 1 }
    var kindNames: [String] { ["random", "window"] }
    var kindCycle: [Int] { [0, 1, 0] }

    init(n: Int, k: Int, seed: UInt64, traps: Bool) {
        var rng = SeededGenerator(seed: seed)
        costs = (0..<n).map { _ in (0...k).map { _ in Int(rng.next() % 20) } }
        total = n * k / 2 + 1
        self.traps = traps
    }

    func objective(_ x: [Int]) -> Double { Double(zip(costs, x).reduce(0) { $0 + $1.0[min(max($1.1, 0), k)] }) }
    func evaluate(_ x: [Int]) -> Evaluation {
        let outOfRange = x.contains { $0 < 0 || $0 > k } ? 1.0 : 0
        return Evaluation(objective: objective(x), violation: max(outOfRange, Double(abs(x.reduce(0, +) - total))))
    }

    /// A feasible start: units poured into the items in order.
    func start() -> [Int] {
        var left = total
        return (0..<n).map { _ in let v = min(k, left); left -= v; return v }
    }

    mutating func neighbourhood(kind: Int, size: Double, around incumbent: [Int], rng: inout SeededGenerator) -> [Int]? {
        made += 1
        let m = min(n, max(2, Int(size.rounded())))
        if kind == 0 {
            var items = Array(0..<n)
            items.shuffle(using: &rng)
            return Array(items.prefix(m)).sorted()
        }
        let first = Int(rng.next() % UInt64(n))
        return Set((0..<m).map { (first + $0) % n }).sorted()
    }

    func overlaps(_ a: [Int], _ b: [Int]) -> Bool { !Set(a).isDisjoint(with: b) }

    /// The best values of `free` items with the others fixed (nil if none keeps Σ x = R).
    func bruteForce(_ free: [Int], base: [Int]) -> [Int]? {
        let fixedSum = base.enumerated().reduce(0) { free.contains($1.offset) ? $0 : $0 + $1.element }
        var best: (cost: Int, values: [Int])? = nil
        var values = [Int](repeating: 0, count: free.count)
        func visit(_ i: Int, _ sum: Int, _ cost: Int) {
            if i == free.count {
                if sum == total, cost < best?.cost ?? .max { best = (cost, values) }
                return
            }
            for v in 0...k where sum + v <= total {
                values[i] = v
                visit(i + 1, sum + v, cost + costs[free[i]][v])
            }
        }
        visit(0, fixedSum, 0)
        guard let best else { return nil }
        var x = base
        for (i, item) in free.enumerated() { x[item] = best.values[i] }
        return x
    }

    func solve(_ hood: [Int], from incumbent: [Int], budget: Budget, seed: UInt64) -> SubSolve<[Int]> {
        if traps, seed % 3 == 0 {
            let x = costs.map { c in c.indices.min { c[$0] < c[$1] }! }
            if !evaluate(x).isFeasible { trapsOffered.append(objective(x)) }
            return SubSolve(candidate: x, optimal: false, seconds: 0)
        }
        return SubSolve(candidate: bruteForce(hood, base: incumbent), optimal: true, seconds: 0.001)
    }

    /// `current` with the neighbourhood's items taken from `part`.
    func merge(_ part: [Int], of hood: [Int], into current: [Int]) -> [Int] {
        var x = current
        for i in hood { x[i] = part[i] }
        return x
    }
}

@Suite struct NeighbourhoodSearchTests {
    func incumbent(_ toy: Toy) -> Incumbent<[Int]> {
        let t = toy
        var inc = Incumbent<[Int]> { t.evaluate($0) }
        do { let r = inc.adopt(toy.start()); #expect(r) }
        return inc
    }

    @Test func toyBruteForceAndMergeBehave() throws {
        let toy = Toy(n: 6, k: 3, seed: 5, traps: false)
        let optimum = try #require(toy.bruteForce(Array(0..<6), base: toy.start()))
        #expect(toy.evaluate(optimum).isFeasible)
        #expect(toy.evaluate(optimum).objective <= toy.objective(toy.start()))
        // Only the neighbourhood's items come from the part; the rest stays as it is now.
        let once = toy.merge([9, 1, 2, 9, 9, 9], of: [1, 2], into: [0, 0, 0, 0, 0, 0])
        #expect(once == [0, 1, 2, 0, 0, 0])
        #expect(toy.merge([9, 9, 9, 9, 3, 9], of: [4], into: once) == [0, 1, 2, 0, 3, 0])
        #expect(toy.overlaps([1, 2], [2, 5]) && !toy.overlaps([1, 2], [3, 4]))
    }

    /// With a known bound the search stops once it proves the optimum; it reaches the optimum of the
    /// whole toy problem, never gets worse, and never adopts a trap.
    @Test(arguments: [1, 2])
    func reachesTheOptimumWithAKnownBound(threads: Int) throws {
        var toy = Toy(n: 8, k: 3, seed: 11, traps: true)
        let optimum = toy.objective(try #require(toy.bruteForce(Array(0..<8), base: toy.start())))
        var inc = incumbent(toy)
        #expect(inc.objective > optimum)
        inc.raiseBound(optimum, source: .branchAndBound)
        let trace = Recorder<Double>()
        let budget = Budget(seconds: 30, progress: { p in if let o = p.incumbent { trace.append(o) } })
        let options = NeighbourhoodSearchOptions(initialSize: 2, minimumSize: 2, maximumSize: 8, hoodSeconds: 5,
                                                 threads: threads, stallLimit: 6, integral: true, seed: 3)
        let stats = NeighbourhoodSearch.run(&toy, incumbent: &inc, options: options, budget: budget)
        try check(inc, toy: toy, optimum: optimum, trace: trace.all, stats: stats)
        #expect(inc.isClosed(integral: true))
        // Traps were offered, none cheaper than the optimum was adopted (the trace would show it).
        let traps = toy.trapsOffered.all
        #expect(!traps.isEmpty)
        #expect(traps.allSatisfy { $0 <= optimum })
        #expect(traps.contains { $0 < optimum })
        #expect(toy.made >= stats.solved)   // the problem handed back is the one that made the neighbourhoods
    }

    /// Without a bound the search runs until it stalls with every size at the maximum (the whole toy),
    /// by which time it holds the optimum. (No traps here: a trap times out, which narrows its kind, so
    /// the sizes would not all stay at the maximum.)
    @Test(arguments: [1, 2])
    func reachesTheOptimumByStalling(threads: Int) throws {
        var toy = Toy(n: 8, k: 3, seed: 29, traps: false)
        let optimum = toy.objective(try #require(toy.bruteForce(Array(0..<8), base: toy.start())))
        var inc = incumbent(toy)
        let trace = Recorder<Double>()
        let budget = Budget(seconds: 60, progress: { p in if let o = p.incumbent { trace.append(o) } })
        let options = NeighbourhoodSearchOptions(initialSize: 2, minimumSize: 2, maximumSize: 8, hoodSeconds: 5,
                                                 threads: threads, sideways: true, stallLimit: 12, integral: true, seed: 7)
        let stats = NeighbourhoodSearch.run(&toy, incumbent: &inc, options: options, budget: budget)
        try check(inc, toy: toy, optimum: optimum, trace: trace.all, stats: stats)
        #expect(stats.sizes == [8, 8])
        #expect(budget.hasTime(), "the search stopped by stalling, not by running out of time")
    }

    /// Only traps: every candidate is infeasible, so nothing is adopted.
    @Test(arguments: [1, 2])
    func infeasibleCandidatesAreNeverAdopted(threads: Int) throws {
        struct OnlyTraps: NeighbourhoodProblem {
            var toy: Toy
            var kindNames: [String] { toy.kindNames }
            var kindCycle: [Int] { toy.kindCycle }
            mutating func neighbourhood(kind: Int, size: Double, around x: [Int], rng: inout SeededGenerator) -> [Int]? {
                toy.neighbourhood(kind: kind, size: size, around: x, rng: &rng)
            }
            func overlaps(_ a: [Int], _ b: [Int]) -> Bool { toy.overlaps(a, b) }
            func solve(_ hood: [Int], from x: [Int], budget: Budget, seed: UInt64) -> SubSolve<[Int]> {
                var y = x
                for i in hood { y[i] = 0 }
                y[hood[0]] = toy.k + 1                      // out of range as well as off the total
                return SubSolve(candidate: y, optimal: true, seconds: 0)
            }
            func merge(_ part: [Int], of hood: [Int], into current: [Int]) -> [Int] { toy.merge(part, of: hood, into: current) }
        }
        let toy = Toy(n: 8, k: 3, seed: 2, traps: false)
        var problem = OnlyTraps(toy: toy)
        var inc = incumbent(toy)
        let start = toy.start()
        let options = NeighbourhoodSearchOptions(initialSize: 3, minimumSize: 2, maximumSize: 8, hoodSeconds: 1, threads: threads,
                                                 sideways: true, stallLimit: 5, seed: 1)
        let stats = NeighbourhoodSearch.run(&problem, incumbent: &inc, options: options, budget: Budget(seconds: 30))
        #expect(stats.solved > 5)
        #expect(stats.improved == 0 && stats.sideways == 0)
        #expect(inc.solution == start)
        #expect(inc.improvements == 1)
    }

    func check(_ inc: Incumbent<[Int]>, toy: Toy, optimum: Double, trace: [Double], stats: NeighbourhoodSearchStats) throws {
        let x = try #require(inc.solution)
        #expect(toy.evaluate(x).isFeasible, "\(x)")
        #expect(inc.objective == toy.objective(x))
        #expect(inc.objective == optimum, "\(stats.summary)")
        #expect(stats.improved > 0)
        #expect(stats.solved >= stats.improved)
        #expect(stats.failures == 0)
        // The incumbent only improved, and never below the optimum (no infeasible trap was adopted).
        #expect(trace.count == stats.improved)
        #expect(zip(trace, trace.dropFirst()).allSatisfy { $0 > $1 }, "\(trace)")
        #expect(trace.allSatisfy { $0 >= optimum }, "\(trace)")
        #expect(trace.last == optimum)
    }
}
