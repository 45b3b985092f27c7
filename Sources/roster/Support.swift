import ArgumentParser
import Foundation
import RosterCore

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
