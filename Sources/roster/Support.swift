import ArgumentParser
import Foundation
import RosterCore
import RosterModel
import RosterOutput
import Search

/// Loads a scenario folder (`RosterPipeline.load`) or prints every error and exits with status 2.
func loadScenario(_ directory: String, replacing: [String: URL] = [:]) throws -> LoadedScenario {
    do {
        return try RosterPipeline.load(directory, replacing: replacing)
    } catch {
        switch error {
        case .invalidScenario:
            printError(error.description + "; run 'roster check \(directory)' for details")
            throw ExitCode(2)
        case .unreadableReplacement, .invalidRoster:
            printError("error: \(error.description)")
            throw ExitCode(2)
        case .overlayFailed:
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
    }
}

/// The requirement the model covers: the staffing result, or the requirement file.
func requirement(of scenario: Scenario) -> (StaffingRequirement?, [Int]) {
    RosterPipeline.requirement(scenario)
}

/// Whether standard error is a terminal (for progress lines that redraw themselves).
var standardErrorIsTerminal: Bool { isatty(2) == 1 }

/// Writes a roster version into `folder` (`RosterPipeline.write`) — roster.csv, roster.json, report.txt
/// and any `extra` files — all or none; prints the error and exits 1 when that fails.
func writeRosterVersion(to folder: URL, roster: Roster, clock: ZoneClock, report: RosterReport,
                        extra: [(data: Data, name: String)] = []) throws {
    do {
        try RosterPipeline.write(roster, report: report, text: report.summary, clock: clock, to: folder, extra: extra)
    } catch {
        // A file that cannot be written (AtomicFile.WriteError) or a document that cannot be encoded
        // (JSONEncodeError): nothing is written either way.
        printError("error: \(error)")
        throw ExitCode(1)
    }
}

/// `--param name=value` and `--list-params`, shared by the commands that solve.
struct TuningOptions: ParsableArguments {
    @Option(name: .customLong("param"), help: ArgumentHelp("Set a solver parameter (repeatable); --list-params lists them.", valueName: "name=value"))
    var params: [String] = []
    @Flag(name: .long, help: "List every solver parameter with its default and meaning, and exit.")
    var listParams = false

    /// Applies the `--param` assignments to `options`, or prints the error and exits with status 2.
    func apply<Options>(_ registry: ParameterRegistry<Options>, to options: inout Options) throws {
        do {
            try registry.apply(params, to: &options)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
    }
}
