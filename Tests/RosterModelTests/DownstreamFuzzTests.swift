import Foundation
@testable import RosterCore
@testable import RosterModel
import Testing

/// The fuzz corpus of the loaders (Tests/RosterCoreTests/FuzzCorpus), carried one step further: every
/// case that loads goes through what `roster check`, `solve` and `verify` do next — the feasibility
/// analysis, the size limits, the integer model and the checker — without a trap.
@Suite struct DownstreamFuzzTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func corpusCasesThatLoadGoThroughAnalysisModelAndChecker() throws {
        let fm = FileManager.default
        let corpus = Self.root.appendingPathComponent("Tests/RosterCoreTests/FuzzCorpus")
        let scenario = Self.root.appendingPathComponent("rosters/suzhou-96122")
        let golden = try RosterCSV.read(Self.root.appendingPathComponent("Tests/RosterOutputTests/Golden/suzhou-96122-roster.csv"),
                                        teamName: "t", timeZoneIdentifier: "Asia/Shanghai")
        var loaded = 0, modelled = 0
        for name in try fm.contentsOfDirectory(atPath: corpus.path).sorted() where !name.hasPrefix(".") {
            let folder = fm.temporaryDirectory.appendingPathComponent("roster-downstream-\(UUID().uuidString)")
            try fm.copyItem(at: scenario, to: folder)
            defer { try? fm.removeItem(at: folder) }
            var roster = golden
            let source = corpus.appendingPathComponent(name)
            for file in try fm.contentsOfDirectory(atPath: source.path) {
                if file == "roster.csv" {
                    if let r = try? RosterCSV.read(source.appendingPathComponent(file), teamName: "t", timeZoneIdentifier: "Asia/Shanghai") { roster = r }
                } else if file.hasSuffix(".delete") {
                    try? fm.removeItem(at: folder.appendingPathComponent(String(file.dropLast(7))))
                } else {
                    try? fm.removeItem(at: folder.appendingPathComponent(file))
                    try fm.copyItem(at: source.appendingPathComponent(file), to: folder.appendingPathComponent(file))
                }
            }
            guard let s = ScenarioLoader.check(directory: folder).scenario else { continue }
            loaded += 1
            let conflicts = FeasibilityAnalysis.conflicts(in: s)
            let check = RosterChecker(scenario: s).check(roster)
            for v in check.violations { _ = FeasibilityAnalysis.cause(of: v, among: conflicts) }
            // The model (the slow part in a debug build) for the cases whose analysis found something.
            guard SolveLimits.refusal(s) == nil, !conflicts.isEmpty || s.pinned.count != 2 else { continue }
            modelled += 1
            let required: [Int]
            switch s.demand {
            case .forecast: required = Staffing.requirement(for: s).agentsToSchedule
            case .requirement(let r): required = r
            }
            let solvable = FeasibilityAnalysis.withoutUnkeepablePins(s, conflicts)
            do {
                let model = try RosterIntegerModel(scenario: solvable, requirement: required)
                #expect(model.model.columnCount > 0, "\(name)")
            } catch {
                Issue.record("\(name): the model refuses a scenario the analysis passed: \(error)")
            }
        }
        #expect(loaded >= 10)
        #expect(modelled >= 2)
    }
}
