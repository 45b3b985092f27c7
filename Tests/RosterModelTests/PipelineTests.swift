import Foundation
@testable import RosterCore
@testable import RosterModel
import RosterOutput
@testable import Solver
import Testing

/// `RosterPipeline` stage by stage on a small scenario whose requirement the team can cover.
@Suite struct PipelineTests {
    /// Four agents, a week, a day shift and a late shift: two agents 08–14, three 14–16, one 16–22.
    /// Two day shifts and one late shift a day (21 shifts) cover it; four agents can work 24.
    static let scenario = Small.scenario(
        agents: 4, days: 7,
        templates: [Small.template("Day", "D", start: Small.time(8), hours: 8),
                    Small.template("Late", "L", start: Small.time(14), hours: 8)]
    ) { _, hour in
        switch hour {
        case 8..<14: return 2
        case 14..<16: return 3
        case 16..<22: return 1
        default: return 0
        }
    }

    @Test func solvesChecksAndReportsASmallScenario() throws {
        let prepared = try RosterPipeline.prepare(Self.scenario)
        #expect(prepared.conflicts.isEmpty)
        #expect(prepared.staffing == nil)
        #expect(prepared.requirement == Small.requirement(Self.scenario))
        let model = try RosterPipeline.model(prepared)
        let solved = try RosterPipeline.solve(model, options: RosterSolveOptions(timeLimit: 20, gapTarget: 0))
        let check = RosterPipeline.check(solved.roster, against: prepared.scenario)
        #expect(check.violations.isEmpty, "\(check.violations)")

        // Every interval's requirement is met: the team can cover it.
        let coverage = CoverageReport(scenario: Self.scenario, requirement: prepared.requirement, roster: solved.roster)
        for (i, (required, scheduled)) in zip(coverage.required, coverage.scheduled).enumerated() {
            #expect(scheduled >= required, "interval \(i): \(scheduled) scheduled, \(required) required")
        }
        #expect(solved.roster.shifts.count >= 21)

        let report = RosterPipeline.report(prepared, solved: solved, check: check)
        #expect(["proven optimal", "within the gap target", "time limit reached"].contains(report.status))
        #expect(report.interrupted == false)
        #expect(report.shortfallAgentHours == 0)
        #expect(report.intervalsBelowRequirement == 0)
        #expect(report.violations.isEmpty)
        #expect(report.conflicts == [])
        // The report's objective is the model's objective of the roster, worked out again from its shifts.
        let (assignment, unmatched) = RosterBuilder.assignment(of: solved.roster, model: model)
        #expect(unmatched.isEmpty)
        let objective = model.model.objectiveValue(model.completeSolution(assignment))
        #expect(abs(report.objective - objective) < 1e-6 * max(1, abs(objective)), "report \(report.objective), model \(objective)")
        #expect(abs(report.breakdown.total - report.objective) < 1e-6 * max(1, abs(objective)))
    }

    @Test func aStoppedSolveIsReportedAsInterrupted() throws {
        let prepared = try RosterPipeline.prepare(Self.scenario)
        let model = try RosterPipeline.model(prepared)
        let stop = CancellationFlag()
        stop.cancel()
        let solved = try RosterPipeline.solve(model, options: RosterSolveOptions(timeLimit: 20, cancellation: stop))
        #expect(solved.solution.interrupted)
        let check = RosterPipeline.check(solved.roster, against: prepared.scenario)
        // Both ways to the report (solve's and resolve's) mark it.
        for report in [RosterPipeline.report(prepared, solved: solved, check: check),
                       RosterPipeline.report(prepared.scenario, staffing: nil, requirement: prepared.requirement,
                                             roster: solved.roster, solution: solved.solution, check: check,
                                             status: Phrase(verbatim: "re-rostered from 2027-03-03T00:00"))] {
            #expect(report.interrupted == true)
            #expect(report.status == "interrupted: best roster found so far")
        }
    }

    @Test func writesTheRosterFilesAndReadsThemBack() throws {
        let prepared = try RosterPipeline.prepare(Self.scenario)
        let solved = try RosterPipeline.solve(try RosterPipeline.model(prepared), options: RosterSolveOptions(timeLimit: 5))
        let report = RosterPipeline.report(prepared, solved: solved, check: RosterPipeline.check(solved.roster, against: prepared.scenario))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString)/out")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        #expect(RosterPipeline.destinationProblem(folder) == nil)
        #expect(RosterPipeline.existingRosterFiles(in: folder).isEmpty)
        try RosterPipeline.write(solved.roster, report: report, text: report.summary, clock: Self.scenario.team.clock, to: folder,
                                 extra: [(Data("{}".utf8), "extra.json")])
        #expect(RosterPipeline.existingRosterFiles(in: folder) == ["roster.csv", "roster.json"])
        for name in ["report.txt", "extra.json"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path))
        }
        let back = try RosterPipeline.readRoster(folder.appendingPathComponent("roster.csv"), of: Self.scenario)
        #expect(back.shifts.count == solved.roster.shifts.count)
        #expect(RosterPipeline.check(back, against: Self.scenario).violations.count == report.violations.count)
        // A file where the folder should be is refused before any work.
        let file = folder.appendingPathComponent("roster.csv")
        #expect(RosterPipeline.destinationProblem(file) == "\(file.path) is a file, not a folder")
    }

    @Test func loadErrorsNameTheFolderAndEachProblem() {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-scenario-\(UUID().uuidString)").path
        #expect {
            _ = try RosterPipeline.load(missing)
        } throws: { error in
            guard case let .invalidScenario(directory, errors) = error as? RosterPipeline.LoadError else { return false }
            return directory == missing && !errors.isEmpty
                && (error as! RosterPipeline.LoadError).description.hasSuffix("failed: \(missing): \(errors.count) error(s)")
        }
        let gone = URL(fileURLWithPath: missing).appendingPathComponent("forecast.csv")
        #expect(throws: RosterPipeline.LoadError.unreadableReplacement(file: "forecast.csv", path: gone.path)) {
            _ = try RosterPipeline.load(missing, replacing: ["forecast.csv": gone])
        }
    }

    @Test func tooLargeScenariosAreRefusedBeforeModelling() {
        var huge = Self.scenario
        huge.agents = (0..<20_000).map { Agent(id: "x\($0)", name: "X \($0)") }
        huge.templates = [ShiftTemplate(name: "Any", code: "A", earliestStart: Small.time(0), latestStart: Small.time(23),
                                        stepMinutes: 60, lengthsMinutes: [480], breakRule: nil, isNight: false)]
        #expect(throws: RosterPipeline.PrepareError.self) { _ = try RosterPipeline.prepare(huge) }
    }
}
