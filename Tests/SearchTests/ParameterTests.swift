import Testing
@testable import Search

enum Strategy: String, CaseIterable, Sendable { case greedy, dive, exact }

struct Knobs: Sendable, Equatable {
    var gap = 0.01
    var threads = 2
    var sideways = false
    var strategy = Strategy.dive
}

let knobRegistry = ParameterRegistry<Knobs>(defaults: { Knobs() }, [
    .double("gap-target", \.gap, in: 0...1, "stop at this relative gap"),
    .int("threads", \.threads, in: 1...64, "workers"),
    .bool("sideways", \.sideways, "accept equal moves"),
    .choice("strategy", \.strategy, "how to start"),
])

@Suite struct ParameterTests {
    @Test func appliesEachKind() throws {
        var k = Knobs()
        try knobRegistry.apply(["gap-target=0.25", "threads = 8", "sideways=yes", "strategy=exact"], to: &k)
        #expect(k == Knobs(gap: 0.25, threads: 8, sideways: true, strategy: .exact))
        try knobRegistry.apply(["sideways=off", "gap-target=1"], to: &k)
        #expect(!k.sideways && k.gap == 1)
    }

    @Test func malformed() {
        var k = Knobs()
        #expect(throws: ParameterError.malformed("threads")) { try knobRegistry.apply(["threads"], to: &k) }
        #expect(throws: ParameterError.malformed("=3")) { try knobRegistry.apply(["=3"], to: &k) }
        #expect(k == Knobs())
    }

    @Test func unknownWithSuggestion() {
        var k = Knobs()
        #expect(throws: ParameterError.unknown(name: "thread", suggestion: "threads")) {
            try knobRegistry.apply(["thread=3"], to: &k)
        }
        #expect(throws: ParameterError.unknown(name: "gap-targte", suggestion: "gap-target")) {
            try knobRegistry.apply(["gap-targte=0.1"], to: &k)
        }
        #expect(throws: ParameterError.unknown(name: "colour", suggestion: nil)) {
            try knobRegistry.apply(["colour=red"], to: &k)
        }
        let text = ParameterError.unknown(name: "thread", suggestion: "threads").description
        #expect(text.contains("did you mean 'threads'"))
    }

    @Test(arguments: [
        ("gap-target=1.5", "a number in [0, 1]"), ("gap-target=-0.1", "a number in [0, 1]"), ("gap-target=abc", "a number in [0, 1]"),
        ("gap-target=nan", "a number in [0, 1]"), ("threads=0", "an integer in [1, 64]"), ("threads=2.5", "an integer in [1, 64]"),
        ("threads=65", "an integer in [1, 64]"), ("sideways=maybe", "true or false"), ("strategy=random", "one of greedy, dive, exact"),
    ])
    func badValues(_ assignment: String, _ expected: String) {
        var k = Knobs()
        let parts = assignment.split(separator: "=").map(String.init)
        #expect(throws: ParameterError.badValue(name: parts[0], value: parts[1], expected: expected)) {
            try knobRegistry.apply([assignment], to: &k)
        }
        #expect(k == Knobs())
    }

    @Test func changedListsExactlyTheDifferences() throws {
        var k = Knobs()
        #expect(knobRegistry.changed(k).isEmpty)
        try knobRegistry.apply(["threads=4", "strategy=greedy"], to: &k)
        #expect(knobRegistry.changed(k) == ["threads=4", "strategy=greedy"])
        // Set back to its default: no longer listed.
        try knobRegistry.apply(["threads=2", "gap-target=0.5"], to: &k)
        #expect(knobRegistry.changed(k) == ["gap-target=0.5", "strategy=greedy"])
    }

    @Test func listingNamesEveryParameterWithItsDefault() {
        let text = knobRegistry.listing()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 * knobRegistry.parameters.count)
        for (p, value) in zip(knobRegistry.parameters, ["0.01", "2", "false", "dive"]) {
            let line = lines.first { $0.hasPrefix(p.name + " ") }
            #expect(line?.contains("default \(value)") == true, "\(p.name): \(line ?? "missing")")
            #expect(text.contains(p.help))
        }
    }

    @Test func editDistance() {
        #expect(Search.editDistance("threads", "threads") == 0)
        #expect(Search.editDistance("thread", "threads") == 1)
        #expect(Search.editDistance("", "abc") == 3)
        #expect(Search.editDistance("kitten", "sitting") == 3)
    }
}
