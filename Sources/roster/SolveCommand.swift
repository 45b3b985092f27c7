import ArgumentParser
import Dispatch
import Foundation
import RosterCore
import RosterModel
import RosterOutput
import Solver

/// `roster solve DIR`: make a roster with GLPK and write it with its report.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Make a roster for a scenario: integer programming with GLPK, with an honest report.",
        discussion: """
        Writes roster.csv, roster.json and report.txt into the output folder (by default a new dated folder \
        inside the scenario). Ctrl-C stops the solver and writes the best roster found so far, marked as \
        interrupted; a second Ctrl-C exits at once.
        Exit status: 0 with a roster that breaks no hard rule, 1 when the roster breaks one (it is still \
        written), 2 for bad input.
        """
    )

    @Argument(help: "The scenario folder.") var directory: String?
    @Option(name: .long, help: "Seconds the solver may take (the time limit is honoured within a few seconds).")
    var timeLimit: Double = 60
    @Option(name: .long, help: "Stop once the relative gap to the lower bound is at most this (e.g. 0.01).")
    var gap: Double = 0.005
    @Option(name: .long, help: "Output folder (default: <scenario>/roster-<date>-<time>).")
    var out: String?
    @Flag(name: .long, help: "Replace a roster already in the output folder.")
    var force = false
    @Option(name: .long, help: "Also write the full integer model as CPLEX LP (.lp) or free MPS (.mps).")
    var writeModel: String?
    @Option(name: .long, help: ArgumentHelp("The previous period's roster (roster.csv or its version folder): its last shifts carry on into rest, consecutive days and nights, and its eve shifts are kept (default: previous_roster in team.toml).", valueName: "roster"))
    var previous: String?
    @Option(name: .long, help: "Seed for the order of neighbourhoods.")
    var seed: UInt64 = 1
    @Option(name: .long, help: "Language of the report: en or zh-Hans (default: language in team.toml, else the locale's).", completion: .list(["en", "zh-Hans"]))
    var lang: String?
    @OptionGroup var tuning: TuningOptions

    func validate() throws {
        guard directory != nil || tuning.listParams else { throw ValidationError("Missing expected argument '<directory>'") }
        guard timeLimit.isFinite, timeLimit > 0, timeLimit <= 86_400 else {
            throw ValidationError("--time-limit must be between 0 and 86400 seconds")
        }
        guard gap.isFinite, gap >= 0, gap < 1 else { throw ValidationError("--gap must be in [0, 1)") }
        if let writeModel, GLPKSolver.ModelFormat(pathExtension: URL(fileURLWithPath: writeModel).pathExtension) == nil {
            throw ValidationError("--write-model: the file must end in .lp or .mps")
        }
    }

    func run() throws {
        if tuning.listParams {
            print(RosterSolveOptions.registry.listing())
            return
        }
        guard let directory else { return }
        var options = RosterSolveOptions(timeLimit: timeLimit, gapTarget: gap, seed: seed)
        try tuning.apply(RosterSolveOptions.registry, to: &options)
        let loaded = try loadScenario(directory, previous: previous)
        for w in loaded.warnings { printError(w.description) }
        let scenario = loaded.scenario
        let language = try chosenLanguage(lang, scenario: scenario)

        // Where the roster goes: decided, and refused if it would overwrite, before any solving.
        let destination = try VersionDestination(out: out, scenario: URL(fileURLWithPath: directory).standardizedFileURL,
                                                 force: force, command: "solve")

        // Rules no roster can keep: said before solving; pinned shifts that cannot be kept are left out
        // so that the model stays solvable (the check below still reports them as missing).
        let prepared: PreparedScenario
        do {
            prepared = try RosterPipeline.prepare(scenario)
        } catch {
            printError("error: \(directory): \(error.description)")
            throw ExitCode(2)
        }
        for c in prepared.conflicts { printError(c.description(in: language)) }
        if !prepared.conflicts.isEmpty {
            printError(language == .simplifiedChinese ? "仍然求解：排班将违反\(prepared.conflicts.count == 1 ? "这条规则" : "这些规则")；报告会解释每一处违反"
                       : "solving anyway: the roster will break \(prepared.conflicts.count == 1 ? "this rule" : "these rules"); the report explains each violation")
        }
        let model: RosterIntegerModel
        do {
            model = try RosterPipeline.model(prepared)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        if let writeModel {
            let url = try outputPath(writeModel, option: "--write-model")
            do {
                try RosterPipeline.writeModel(model, to: url)
                printError("model written to \(url.path) (\(model.model.columnCount) columns, \(model.model.rowCount) rows)")
            } catch {
                printError("error: \(error.description)")
                throw ExitCode(1)
            }
        }

        let cancellation = CancellationFlag()
        let signals = SignalWatch(cancellation: cancellation)
        defer { signals.stop() }
        let progress = ProgressPrinter(terminal: standardErrorIsTerminal)
        printError("solving: \(scenario.agents.count) agents, \(scenario.grid.days) days, \(model.catalog.options.count) shift options, "
                   + "\(model.model.columnCount) columns, \(model.model.rowCount) rows; time limit \(Int(timeLimit)) s")
        let solved: SolvedRoster
        do {
            options.cancellation = cancellation
            options.progress = { progress.show($0) }
            solved = try RosterPipeline.solve(model, options: options)
        } catch {
            progress.finish()
            printError("error: \(error)")
            throw ExitCode(1)
        }
        progress.finish()

        let check = RosterPipeline.check(solved.roster, against: scenario)
        let report = RosterPipeline.report(prepared, solved: solved, check: check)
        let written = try destination.write(roster: solved.roster, clock: scenario.team.clock, report: report, language: language,
                                            extra: try versionInputs(ScenarioInputs(files: loaded.files), scenarioFiles: loaded.files))
        print(report.summary(in: language))
        print("written: \(displayPath(written))/roster.csv, roster.json, report.txt, inputs.json and input.* (the files it was made from)")
        if !check.isValid { throw ExitCode(1) }
    }
}

/// Prints solver progress: one redrawn line on a terminal, plain lines otherwise.
final class ProgressPrinter: @unchecked Sendable {
    private let terminal: Bool
    private let lock = NSLock()
    private var lastPhase: String?
    private var lastPlain = Date.distantPast

    init(terminal: Bool) { self.terminal = terminal }

    func show(_ p: SearchProgress) {
        lock.lock(); defer { lock.unlock() }
        let inc = p.incumbent.map { String(format: "%.1f", $0) } ?? "—"
        let bnd = p.bound.map { String(format: "%.1f", $0) } ?? "—"
        let gap = p.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "—"
        let line = String(format: "[%6.1fs] %-16@ incumbent %@  bound %@  gap %@  %@", p.elapsed, p.phase as NSString, inc, bnd, gap, p.note)
        if terminal {
            writeStandardError(("\r\u{1B}[2K" + String(line.prefix(160))))
        } else if p.phase != lastPhase || Date().timeIntervalSince(lastPlain) >= 5 {
            writeStandardError((line + "\n"))
            lastPlain = Date()
        }
        lastPhase = p.phase
    }

    func finish() {
        if terminal { writeStandardError("\n") }
    }
}

/// SIGINT and SIGTERM: the first asks the solver to stop (it keeps its best roster); a second exits at once.
final class SignalWatch: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    /// A queue of its own: it gets a thread even while the solver's workers keep the global pool busy.
    private let queue = DispatchQueue(label: "roster.signals")

    init(cancellation: CancellationFlag) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler {
                // `data` counts the signals since the handler last ran: two quick Ctrl-Cs arrive as one event.
                if cancellation.isCancelled || source.data >= 2 {
                    writeStandardError("\ninterrupted again: exiting without writing\n")
                    exit(130)
                }
                writeStandardError("\nstopping: writing the best roster found so far (Ctrl-C again to quit at once)\n")
                cancellation.cancel()
            }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        for s in sources { s.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

enum ISO8601Stamp {
    /// Local time now as `YYYYMMDD-HHMMSS`, for folder names.
    static func now() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd-HHmmss"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date())
    }
}
