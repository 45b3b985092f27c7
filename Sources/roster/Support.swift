import ArgumentParser
import Foundation
import RosterCore
import RosterModel

/// Loads a scenario folder or prints every error and exits with status 2.
func loadScenario(_ directory: String) throws -> LoadedScenario {
    do {
        return try ScenarioLoader.load(directory: URL(fileURLWithPath: directory))
    } catch {
        for d in error.errors { printError(d.description) }
        printError("failed: \(directory): \(error.errors.count) error(s); run 'roster check \(directory)' for details")
        throw ExitCode(2)
    }
}

/// The requirement the model covers: the staffing result, or the requirement file.
func requirement(of scenario: Scenario) -> (StaffingRequirement?, [Int]) {
    switch scenario.demand {
    case .forecast:
        let staffing = Staffing.requirement(for: scenario)
        return (staffing, staffing.agentsToSchedule)
    case .requirement(let r):
        return (nil, r)
    }
}

/// Whether standard error is a terminal (for progress lines that redraw themselves).
var standardErrorIsTerminal: Bool { isatty(2) == 1 }

/// Writes a roster version into `folder` — roster.csv, roster.json, report.txt and any `extra` files —
/// all or none; prints the error and exits 1 when that fails.
func writeRosterVersion(to folder: URL, roster: Roster, clock: ZoneClock, report: RosterReport,
                        extra: [(data: Data, name: String)] = []) throws {
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
        printError("error: cannot create \(folder.path): \(error.localizedDescription)")
        throw ExitCode(1)
    }
    do {
        try AtomicFile.writeAll([
            (Data(RosterCSV.render(roster, clock: clock).utf8), folder.appendingPathComponent("roster.csv")),
            (RosterDocument(roster: roster, clock: clock, report: report).encoded(), folder.appendingPathComponent("roster.json")),
            (Data((report.summary + "\n").utf8), folder.appendingPathComponent("report.txt")),
        ] + extra.map { ($0.data, folder.appendingPathComponent($0.name)) })
    } catch {
        // A file that cannot be written (AtomicFile.WriteError) or a document that cannot be encoded
        // (JSONEncodeError): nothing is written either way.
        printError("error: \(error)")
        throw ExitCode(1)
    }
}
