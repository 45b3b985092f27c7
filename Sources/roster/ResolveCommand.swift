import ArgumentParser
import Foundation
import RosterCore
import RosterModel
import RosterOutput
import Solver

/// `roster resolve DIR --from DATE-TIME`: re-roster after a surge or new staff, changing as little as needed.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Re-make the roster from a date-time on, for a new forecast or new staff, with few changes.",
        discussion: """
        Every shift that starts before --from is kept exactly as it was. After it, the roster is \
        re-optimised with a cost for each change to the published roster (see --move-cost and the \
        other costs). The result is a new version folder inside the scenario (the published one is \
        never touched), with version.json naming its parent and calendar-state.json, so that \
        'roster export ical' updates calendars (same UID, raised SEQUENCE, cancelled shifts).
        Exit status: 0 with a roster that breaks no hard rule, 1 when it breaks one, 2 for bad input.
        """
    )

    @Argument(help: "The scenario folder (its files describe the new situation).") var directory: String
    @Option(name: .long, help: "Cut-off in the team's local time, YYYY-MM-DDTHH:MM: nothing starting before it changes.")
    var from: String
    @Option(name: .long, help: "The published roster (default: the newest roster-*/roster.csv in the scenario).")
    var base: String?
    @Option(name: .long, help: "A new forecast.csv to use instead of the scenario's.") var forecast: String?
    @Option(name: .long, help: "A new agents.csv (e.g. with reinforcements).") var agents: String?
    @Option(name: .long, help: "A new availability.csv.") var availability: String?
    @Option(name: .long, help: ArgumentHelp("The previous period's roster (roster.csv or its version folder), as for solve.", valueName: "roster")) var previous: String?
    @Option(name: .long, help: "Seconds the solver may take.") var timeLimit: Double = 60
    @Option(name: .long, help: "Cost of moving a shift by at most an hour.") var smallMoveCost: Double = ChangeCosts().smallMove
    @Option(name: .long, help: "Cost of moving a shift by more than an hour or to another shift type.") var moveCost: Double = ChangeCosts().move
    @Option(name: .long, help: "Cost of taking a published shift away.") var removalCost: Double = ChangeCosts().removal
    @Option(name: .long, help: "Cost of taking a published day off away.") var dayOffCost: Double = ChangeCosts().dayOffTaken
    @Option(name: .long, help: "Output folder (default: a new roster-<date>-<time> folder in the scenario).") var out: String?
    @Option(name: .long, help: "Language of the report: en or zh-Hans (default: language in team.toml, else the locale's).", completion: .list(["en", "zh-Hans"])) var lang: String?
    @OptionGroup var tuning: TuningOptions
    @Flag(name: .long, help: "Also solve from scratch with the same time limit and print how many shifts that would change.")
    var compareFresh = false

    func validate() throws {
        guard timeLimit.isFinite, timeLimit > 0, timeLimit <= 86_400 else { throw ValidationError("--time-limit must be between 0 and 86400 seconds") }
        for (name, v) in [("--small-move-cost", smallMoveCost), ("--move-cost", moveCost), ("--removal-cost", removalCost), ("--day-off-cost", dayOffCost)] {
            guard v.isFinite, v >= 0, v <= 1e9 else { throw ValidationError("\(name) must be a number from 0 to 1e9") }
        }
    }

    func run() throws {
        if tuning.listParams {
            print(RosterSolveOptions.registry.listing())
            return
        }
        var options = RosterSolveOptions(timeLimit: timeLimit)
        try tuning.apply(RosterSolveOptions.registry, to: &options)
        let scenarioURL = URL(fileURLWithPath: directory)
        let baseURL: URL
        do {
            baseURL = try RosterLocator.resolve(rosterPath: base, scenarioDirectory: scenarioURL, notes: { printError("note: \($0)") })
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        let (loaded, inputs) = try resolveInputs(scenarioURL: scenarioURL, baseVersion: baseURL.deletingLastPathComponent())
        let scenario = loaded.scenario
        let clock = scenario.team.clock
        guard let local = LocalDateTime(iso: from) else {
            printError("error: --from: '\(from)' is not a local date-time YYYY-MM-DDTHH:MM")
            throw ExitCode(2)
        }
        let cutoff = clock.instant(local)
        // A cut-off the clocks skip, or outside the horizon, is a mistake, not a re-roster of nothing.
        guard clock.localDateTime(of: cutoff) == local else {
            printError("error: --from: \(from) does not exist in \(clock.identifier) (the clocks skip it at a daylight-saving change); give a time after the change")
            throw ExitCode(2)
        }
        guard cutoff >= scenario.grid.horizonStart, cutoff < scenario.grid.horizonEnd else {
            printError("error: --from: \(from) is outside the scenario's horizon (\(clock.iso8601(scenario.grid.horizonStart)) to \(clock.iso8601(scenario.grid.horizonEnd)))")
            throw ExitCode(2)
        }
        let published: Roster
        do {
            published = try RosterPipeline.readRoster(baseURL, of: scenario)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        printError("published roster: \(displayPath(baseURL)) (\(published.shifts.count) shifts); cut-off \(clock.iso8601(cutoff))")
        let destination = try VersionDestination(out: out, scenario: scenarioURL.standardizedFileURL, force: false, command: "resolve")

        let (staffing, required) = RosterPipeline.requirement(scenario)
        let costs = ChangeCosts(smallMove: smallMoveCost, move: moveCost, removal: removalCost, dayOffTaken: dayOffCost)
        let setup: RerosterSetup
        do {
            setup = try RosterPipeline.prepareReroster(scenario, requirement: required,
                                                       plan: RerosterPlan(base: published, cutoff: cutoff, costs: costs))
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        let cancellation = CancellationFlag()
        let signals = SignalWatch(cancellation: cancellation)
        defer { signals.stop() }
        let progress = ProgressPrinter(terminal: standardErrorIsTerminal)
        let result: RerosterResult
        do {
            options.cancellation = cancellation
            options.progress = { progress.show($0) }
            result = try RosterPipeline.solveReroster(setup, options: options)
        } catch {
            progress.finish()
            printError("error: \(error)")
            throw ExitCode(1)
        }
        progress.finish()

        let check = RosterPipeline.check(result.roster, against: result.scenario)
        let report = RosterPipeline.report(result.scenario, staffing: staffing, requirement: required, roster: result.roster,
                                           solution: result.solution, check: check, status: Phrase("re-rostered from \(from)", "由 \(from) 重新排班"))
        let info = VersionInfo(parent: relativePath(of: baseURL, from: scenarioURL), cutoff: clock.iso8601(cutoff), diff: result.diff,
                               shortfallBefore: result.coverageBefore.shortfallAgentHours,
                               shortfallAfter: result.coverageAfter.shortfallAgentHours, costs: costs,
                               newStaff: Reroster.newStaff(scenario, base: published))
        // What the calendars of the chain say after this version: the base's state (else its roster as
        // first published) brought to the new roster. Shifts of the base beyond this scenario's horizon
        // are not this version's business.
        let parentState = (try? CalendarState.read(from: baseURL.deletingLastPathComponent()))
            ?? CalendarState.initial(published.within(scenario.grid), calendarID: scenario.calendarID)
        let state = parentState.advanced(to: result.roster, calendarID: scenario.calendarID, dates: CalendarState.dates(of: scenario.grid))
        // The version's files all or none.
        let language = try chosenLanguage(lang, scenario: scenario)
        let outURL = try destination.write(roster: result.roster, clock: clock, report: report, language: language, extra: [
            (info.encoded(), VersionInfo.fileName), (state.encoded(), CalendarState.fileName),
        ] + versionInputs(inputs, scenarioFiles: loaded.files))
        print(report.summary(in: language))
        print(String(format: "what the change bought: shortfall %.1f → %.1f agent-hours (%d → %d intervals below requirement)",
                     result.coverageBefore.shortfallAgentHours, result.coverageAfter.shortfallAgentHours,
                     result.coverageBefore.intervalsBelowRequirement, result.coverageAfter.intervalsBelowRequirement))
        print("changed shifts after the cut-off: \(result.diff.changes.count) (\(result.diff.count(.added)) added, \(result.diff.count(.removed)) removed, \(result.diff.count(.moved)) moved); before it: \(result.changedBeforeCutoff)")
        if compareFresh {
            let fresh = try RosterPipeline.model(scenario, requirement: required)
            let freshRoster = try RosterPipeline.solve(fresh, options: { var o = options; o.progress = nil; return o }()).roster
            let freshDiff = RosterDiff(old: published.within(scenario.grid), new: freshRoster, from: cutoff)
            let freshCoverage = CoverageReport(scenario: scenario, requirement: required, roster: freshRoster)
            print(String(format: "a fresh solve would change %d shifts after the cut-off (shortfall %.1f agent-hours)",
                         freshDiff.changes.count, freshCoverage.shortfallAgentHours))
        }
        print("written: \(displayPath(outURL)) (roster.csv, roster.json, report.txt, version.json, calendar-state.json, inputs.json, input.*)")
        // Rules broken wholly before the cut-off lie in the frozen past: reported, but not this run's doing.
        let (past, open) = Reroster.partition(check.violations, cutoff: local.date)
        if !past.isEmpty { print("\(past.count) violation(s) lie wholly before the cut-off, in shifts that were kept as published") }
        if !open.isEmpty { throw ExitCode(1) }
    }
}

extension ResolveCommand {
    /// The inputs of the new version, file by file: the file given with --agents/--forecast/--availability;
    /// else, when the base is a version of this scenario folder that was made with a file given that way
    /// (or kept so from its own base) and the folder's file has not changed since, that file again — a
    /// change made with an option is never silently dropped by the next resolve; else the folder's file.
    /// Every choice other than the folder's is said on standard error, and so is any input that differs
    /// from those the base was made from. Returns the scenario (`loaded.files`: the folder's own files).
    func resolveInputs(scenarioURL: URL, baseVersion: URL) throws -> (loaded: LoadedScenario, inputs: ScenarioInputs) {
        let folderFiles: [String: Data]
        do { folderFiles = try ScenarioInputs.read(folder: scenarioURL) } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        let kept: (inputs: ScenarioInputs, manifest: ScenarioInputs.Manifest)?
        do { kept = try ScenarioInputs.kept(in: baseVersion) } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        let given: [String: (option: String, path: String)] = [
            "forecast.csv": forecast.map { ("--forecast", $0) }, "agents.csv": agents.map { ("--agents", $0) },
            "availability.csv": availability.map { ("--availability", $0) },
            "previous.csv": previous.map { ("--previous", rosterFileURL($0).path) },
        ].compactMapValues { $0 }
        let sameFolder = baseVersion.deletingLastPathComponent().standardizedFileURL.path == scenarioURL.standardizedFileURL.path
        var files = folderFiles, sources: [String: String] = [:]
        for name in ScenarioInputs.names {
            if let g = given[name] {
                do { files[name] = try Data(contentsOf: URL(fileURLWithPath: g.path)) } catch {
                    printError("error: \(g.option): cannot read \(g.path): \(error.localizedDescription)")
                    throw ExitCode(2)
                }
                sources[name] = "\(g.option) \(URL(fileURLWithPath: g.path).standardizedFileURL.path)"
                continue
            }
            guard sameFolder, let kept, let entry = kept.manifest.files[name], entry.source != "scenario folder",
                  let data = kept.inputs.files[name] else { continue }
            if folderFiles[name].map(ScenarioInputs.digest) == entry.scenarioDigest {
                files[name] = data
                sources[name] = "kept from \(baseVersion.lastPathComponent) (\(entry.source))"
                printError("note: \(name): kept from \(baseVersion.lastPathComponent), which was made with \(entry.source); give the option again to use another file")
            } else {
                printError("note: \(name): the scenario folder's file changed after \(baseVersion.lastPathComponent) was made with \(entry.source); using the folder's")
            }
        }
        if let kept {
            let differ = ScenarioInputs.differing(kept.inputs.files, files)
            if !differ.isEmpty {
                printError("note: inputs that differ from those \(baseVersion.lastPathComponent) was made from: \(differ.joined(separator: ", "))")
            }
        }
        let loaded: LoadedScenario
        if files == folderFiles {
            loaded = try loadScenario(scenarioURL.path)
        } else {
            do { loaded = try RosterPipeline.load(scenarioURL.path, files: files) } catch {
                printError(error.description)
                throw ExitCode(2)
            }
        }
        var result = loaded
        result.files = folderFiles
        return (result, ScenarioInputs(files: files, sources: sources))
    }
}

/// `target` relative to the folder `base` (both made absolute), e.g. `../other/roster-1/roster.csv`.
func relativePath(of target: URL, from base: URL) -> String {
    let t = target.standardizedFileURL.pathComponents, b = base.standardizedFileURL.pathComponents
    var common = 0
    while common < min(t.count, b.count), t[common] == b[common] { common += 1 }
    guard common > 1 else { return target.standardizedFileURL.path }
    return (Array(repeating: "..", count: b.count - common) + t[common...]).joined(separator: "/")
}
