import ArgumentParser
import Foundation
import RosterCore
import RosterModel
import RosterOutput
import Search

/// The language of a command's text: `--lang`, else team.toml's `language`, else the locale's, else English
/// (a bad `--lang` is exit 2).
func chosenLanguage(_ lang: String?, scenario: Scenario) throws -> Language {
    if let lang {
        guard let l = Language(code: lang) else {
            printError("error: --lang: '\(lang)' is not one of en, zh-Hans")
            throw ExitCode(2)
        }
        return l
    }
    return scenario.team.language ?? Language.fromLocale(ProcessInfo.processInfo.environment) ?? .english
}

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

/// A path to show the user: relative to the working folder when it lies inside it, else absolute.
func displayPath(_ url: URL) -> String {
    let path = url.standardizedFileURL.path
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
    let prefix = here.hasSuffix("/") ? here : here + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
}

/// Loads a scenario folder, with `previous` (a roster file or version folder, `--previous`) as its
/// previous period's roster in place of `previous_roster` in team.toml.
func loadScenario(_ directory: String, previous: String?) throws -> LoadedScenario {
    guard let previous else { return try loadScenario(directory) }
    var files: [String: Data]
    do {
        files = try ScenarioInputs.read(folder: URL(fileURLWithPath: directory))
        files["previous.csv"] = try Data(contentsOf: rosterFileURL(previous))
    } catch {
        printError("error: --previous: cannot read \(rosterFileURL(previous).path): \(error.localizedDescription)")
        throw ExitCode(2)
    }
    do { return try RosterPipeline.load(directory, files: files) } catch {
        printError(error.description + "; run 'roster check \(directory)' for details")
        throw ExitCode(2)
    }
}

/// Loads the scenario a roster is read with: the inputs its version keeps (`input.*`, `inputs.json`)
/// when it keeps them, else the scenario folder's files. Says on standard error when the kept inputs
/// differ from the folder's. Errors: one message, exit 2.
func loadScenario(_ directory: String, forRosterAt rosterURL: URL, quiet: Bool = false) throws -> LoadedScenario {
    let version = rosterURL.deletingLastPathComponent()
    let kept: (inputs: ScenarioInputs, manifest: ScenarioInputs.Manifest)?
    do { kept = try ScenarioInputs.kept(in: version) } catch {
        printError("error: \(error.description)")
        throw ExitCode(2)
    }
    guard let kept else { return try loadScenario(directory) }
    let loaded: LoadedScenario
    do {
        loaded = try RosterPipeline.load(directory, files: kept.inputs.files,
                                         shownAs: version.path + " (the inputs it was made from)")
    } catch {
        printError("error: \(error.description)")
        throw ExitCode(2)
    }
    if !quiet, let today = try? ScenarioInputs.read(folder: URL(fileURLWithPath: directory)) {
        let differ = ScenarioInputs.differing(kept.inputs.files, today, among: ScenarioInputs.folderNames)
        if !differ.isEmpty {
            printError("note: read with the inputs \(version.lastPathComponent) was made from (\(differ.joined(separator: ", ")) \(differ.count == 1 ? "differs" : "differ") from the scenario folder's)")
        }
    }
    return loaded
}

/// The files that keep a version's inputs (`input.*`, `inputs.json`); a manifest that cannot be
/// encoded is exit 1 (nothing is written).
func versionInputs(_ inputs: ScenarioInputs, scenarioFiles: [String: Data]) throws -> [(data: Data, name: String)] {
    do { return try inputs.versionFiles(scenarioFiles: scenarioFiles) } catch {
        printError("error: \(error.description); the roster was not written")
        throw ExitCode(1)
    }
}

/// The requirement the model covers: the staffing result, or the requirement file.
func requirement(of scenario: Scenario) -> (StaffingRequirement?, [Int]) {
    RosterPipeline.requirement(scenario)
}

/// Whether standard error is a terminal (for progress lines that redraw themselves).
var standardErrorIsTerminal: Bool { isatty(2) == 1 }

/// Where a command's roster version goes, settled before any solving: an explicit `--out` folder (locked
/// for the whole run, so that a second run with the same `--out` is refused at once), or a new dated
/// folder in the scenario, created when the version is written and by no other run.
final class VersionDestination {
    let folder: URL
    let explicit: Bool
    let scenario: URL
    private let outLock: FolderLock?

    /// Refuses (exit 2) an `--out` that already holds a roster unless `force`, one that cannot be written,
    /// and one another run holds.
    init(out: String?, scenario: URL, force: Bool, command: String) throws {
        self.scenario = scenario
        explicit = out != nil
        folder = try out.map { try outputPath($0, option: "--out") } ?? scenario.appendingPathComponent("roster-\(ISO8601Stamp.now())")
        if explicit {
            AtomicFile.recover(in: folder)
            let existing = RosterPipeline.existingRosterFiles(in: folder)
            if !existing.isEmpty && !force {
                let hint = command == "solve" ? "pass --force to replace it, or choose another --out" : "versions are never overwritten — choose another --out"
                printError("error: \(folder.path) already holds a roster (\(existing.joined(separator: ", "))); \(hint)")
                throw ExitCode(2)
            }
        }
        if let problem = RosterPipeline.destinationProblem(folder) {
            printError("error: --out: \(problem)")
            throw ExitCode(2)
        }
        // An explicit --out is created now (and removed again if the run writes nothing into it), so that
        // it can be locked for the whole run.
        var isDir: ObjCBool = false
        createdOut = explicit && !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir)
        if createdOut {
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                printError("error: --out: cannot create \(folder.path): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        do {
            outLock = explicit ? try FolderLock.acquire(folder) : nil
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
    }

    private let createdOut: Bool

    /// Removes an `--out` folder this run created when it stays empty (a failed or refused run; `rmdir`
    /// leaves a folder that holds anything).
    func abandon() {
        if createdOut { rmdir(folder.path) }
    }

    deinit { abandon() }

    /// Writes the version (`RosterPipeline.write`) all or none, under the scenario's lock (waiting up to
    /// two minutes for another run that is writing a version); prints the error and exits 1 when it cannot
    /// be written. Returns the folder written.
    func write(roster: Roster, clock: ZoneClock, report: RosterReport, language: Language = .english,
               extra: [(data: Data, name: String)] = []) throws -> URL {
        // New versions in the scenario: one writer at a time (their folders are created exclusively too).
        let lock: FolderLock?
        do {
            lock = explicit ? nil : try FolderLock.acquire(scenario, wait: 120) {
                printError("waiting: another roster run is writing a roster version into \(self.scenario.path)")
            }
        } catch {
            printError("error: \(error.description); the roster was not written")
            throw ExitCode(1)
        }
        defer { lock?.release() }
        do {
            return try RosterPipeline.write(roster, report: report, text: report.summary(in: language), clock: clock, to: folder,
                                            exclusive: !explicit, extra: extra)
        } catch {
            // A file that cannot be written (a full disk, a read-only folder) or a document that cannot be
            // encoded: nothing is written either way.
            abandon()
            printError("error: \(error)")
            throw ExitCode(1)
        }
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

/// A path given on the command line for something to write: refused when empty (exit 2), made absolute
/// and normalised (`.` and `..` resolved by name, as a shell user reads them), so that no later check of
/// its folders can loop on a `..` below a folder that does not exist.
func outputPath(_ path: String, option: String) throws -> URL {
    guard !path.isEmpty else {
        printError("error: \(option): the path is empty; name a folder or a file")
        throw ExitCode(2)
    }
    guard path != "-" else {
        printError("error: \(option): '-' (standard output) is not possible here; name a folder or a file")
        throw ExitCode(2)
    }
    return URL(fileURLWithPath: path).standardizedFileURL
}

/// Writes to standard error with the system call, ignoring failures: a closed pipe or a full terminal
/// buffer must never stop the command (Foundation's `FileHandle.write` traps on EPIPE).
func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
        if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
    }
}
