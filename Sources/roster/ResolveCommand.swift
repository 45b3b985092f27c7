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
    @Option(name: .long, help: "Seconds the solver may take.") var timeLimit: Double = 60
    @Option(name: .long, help: "Cost of moving a shift by at most an hour.") var smallMoveCost: Double = ChangeCosts().smallMove
    @Option(name: .long, help: "Cost of moving a shift by more than an hour or to another shift type.") var moveCost: Double = ChangeCosts().move
    @Option(name: .long, help: "Cost of taking a published shift away.") var removalCost: Double = ChangeCosts().removal
    @Option(name: .long, help: "Cost of taking a published day off away.") var dayOffCost: Double = ChangeCosts().dayOffTaken
    @Option(name: .long, help: "Output folder (default: a new roster-<date>-<time> folder in the scenario).") var out: String?
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
        var replacing: [String: URL] = [:]
        if let forecast { replacing["forecast.csv"] = URL(fileURLWithPath: forecast) }
        if let agents { replacing["agents.csv"] = URL(fileURLWithPath: agents) }
        if let availability { replacing["availability.csv"] = URL(fileURLWithPath: availability) }
        let scenario = try loadScenario(scenarioURL.path, replacing: replacing).scenario
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
        let baseURL: URL
        do {
            baseURL = try RosterLocator.resolve(rosterPath: base, scenarioDirectory: scenarioURL, notes: { printError("note: \($0)") })
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        let published: Roster
        do {
            published = try RosterPipeline.readRoster(baseURL, of: scenario)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        printError("published roster: \(baseURL.path) (\(published.shifts.count) shifts); cut-off \(clock.iso8601(cutoff))")
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
                                           solution: result.solution, check: check, status: "re-rostered from \(from)")
        let info = VersionInfo(parent: relativePath(of: baseURL, from: scenarioURL), cutoff: clock.iso8601(cutoff), diff: result.diff,
                               shortfallBefore: result.coverageBefore.shortfallAgentHours,
                               shortfallAfter: result.coverageAfter.shortfallAgentHours, costs: costs)
        // What the calendars of the chain say after this version: the base's state (else its roster as
        // first published) brought to the new roster. Shifts of the base beyond this scenario's horizon
        // are not this version's business.
        let parentState = (try? CalendarState.read(from: baseURL.deletingLastPathComponent()))
            ?? CalendarState.initial(published.within(scenario.grid), calendarID: scenario.calendarID)
        let state = parentState.advanced(to: result.roster, calendarID: scenario.calendarID, dates: CalendarState.dates(of: scenario.grid))
        // The version's files all or none.
        let outURL = try destination.write(roster: result.roster, clock: clock, report: report, extra: [
            (info.encoded(), VersionInfo.fileName), (state.encoded(), CalendarState.fileName),
        ])
        print(report.summary)
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
        print("written: \(outURL.path) (roster.csv, roster.json, report.txt, version.json, calendar-state.json)")
        // Rules broken wholly before the cut-off lie in the frozen past: reported, but not this run's doing.
        let (past, open) = Reroster.partition(check.violations, cutoff: local.date)
        if !past.isEmpty { print("\(past.count) violation(s) lie wholly before the cut-off, in shifts that were kept as published") }
        if !open.isEmpty { throw ExitCode(1) }
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
