import Foundation
import Testing
import RosterCore
import RosterFuzz

/// The committed libFuzzer corpus (`Tests/Fuzz/corpus/<target>/`: seeds, and every input a fuzzing run
/// found a bug with, kept as a regression case) replayed through the same targets `Scripts/fuzz.sh` fuzzes.
@Suite struct LibFuzzerCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    @Test(arguments: FuzzTarget.allCases)
    func everyCorpusInputPasses(target: FuzzTarget) throws {
        let folder = Self.corpus.appendingPathComponent(target.rawValue)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!names.isEmpty)
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            do { try target.run(data) } catch { Issue.record("\(target.rawValue)/\(name): \(error)") }
        }
    }

    /// The `scenario` target's base scenario is valid, so its inputs reach every check past loading.
    @Test func theBaseScenarioLoads() {
        let (scenario, diagnostics) = ScenarioLoader.check(files: FuzzTarget.baseScenario)
        #expect(scenario != nil, "\(diagnostics)")
        #expect(!diagnostics.contains { $0.isError }, "\(diagnostics)")
    }

    /// The seeds reach the parsers' success paths: a target that rejected every seed would fuzz only its
    /// first error message.
    @Test func theSeedsAreValidInputs() throws {
        let team = try Data(contentsOf: Self.corpus.appendingPathComponent("scenario/team.toml")).dropFirst()
        var files = FuzzTarget.baseScenario
        files["team.toml"] = team
        // The bundled team.toml among the base's other files: team.toml itself has no error.
        let errors = ScenarioLoader.check(files: files).diagnostics.filter { $0.isError && $0.location.file == "team.toml" }
        #expect(errors.isEmpty, "\(errors)")
        let roster = try String(contentsOf: Self.corpus.appendingPathComponent("roster/golden-head.csv"), encoding: .utf8)
        #expect(try RosterCSV.parse(roster, file: "golden-head.csv").shifts.count == 24)
    }
}
