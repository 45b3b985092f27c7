import Foundation
import RosterCore
import Solver

/// The one road from a scenario folder to a written roster, stage by stage, in the order the commands
/// take it:
///
///     load → requirement → prepare → model → solve → check → report → write
///
/// `roster solve`, `roster resolve`, `roster staffing --what-if` and `roster-bench` all go through these
/// stages (issue 13); the commands only parse arguments, print and choose exit codes. Each stage is a
/// plain function of what the earlier ones returned and fails, if it can, with a small error enum of its
/// own (`RosterPipeline+Errors.swift`). A re-roster takes `prepareReroster` and `solveReroster` in place
/// of `prepare`, `model` and `solve`.
public enum RosterPipeline {}

// MARK: - 1. Load

extension RosterPipeline {
    /// Reads and validates a scenario folder: the scenario and the warnings found on the way.
    /// `replacing` maps file names of the folder (`forecast.csv`, `agents.csv`, …) to files read in
    /// their place; the folder itself is never changed. `directory` is named as given in the errors.
    public static func load(_ directory: String, replacing: [String: URL] = [:]) throws(LoadError) -> LoadedScenario {
        let fm = FileManager.default
        for (name, url) in replacing.sorted(by: { $0.key < $1.key }) where !fm.isReadableFile(atPath: url.path) {
            throw .unreadableReplacement(file: name, path: url.path)
        }
        let folder = URL(fileURLWithPath: directory)
        var overlay: URL? = nil
        if !replacing.isEmpty {
            do {
                overlay = try ScenarioOverlay.make(directory: folder, replacing: replacing)
            } catch {
                throw .overlayFailed(directory: directory, reason: error.localizedDescription)
            }
        }
        defer { if let overlay { try? fm.removeItem(at: overlay) } }
        do {
            var loaded = try ScenarioLoader.load(directory: overlay ?? folder)
            loaded.scenario.directory = folder   // the scenario folder, not the temporary overlay
            return loaded
        } catch {
            throw .invalidScenario(directory: directory, errors: error.errors)
        }
    }

    /// Reads and validates a scenario from its files held in memory (a version's kept inputs, or the
    /// folder's files with some replaced). `directory` is the scenario folder they stand for; `shownAs`
    /// names them in errors (e.g. a version's `inputs` folder).
    public static func load(_ directory: String, files: [String: Data], shownAs: String? = nil) throws(LoadError) -> LoadedScenario {
        do {
            return try ScenarioLoader.load(files: files, directory: URL(fileURLWithPath: directory))
        } catch {
            throw .invalidScenario(directory: shownAs ?? directory, errors: error.errors)
        }
    }

    /// Reads a roster file (`roster.csv`) of the scenario, in its team's time zone.
    public static func readRoster(_ url: URL, of scenario: Scenario) throws(LoadError) -> Roster {
        do {
            return try RosterCSV.read(url, teamName: scenario.team.name, timeZoneIdentifier: scenario.team.clock.identifier)
        } catch {
            throw .invalidRoster(error)
        }
    }
}

// MARK: - 2. Requirement

extension RosterPipeline {
    /// Agents to schedule per interval: from the forecast through Erlang staffing (`staffing` then says
    /// how), or the scenario's requirement file as it is (`staffing` is nil).
    public static func requirement(_ scenario: Scenario) -> (staffing: StaffingRequirement?, agents: [Int]) {
        switch scenario.demand {
        case .forecast:
            let staffing = Staffing.requirement(for: scenario)
            return (staffing, staffing.agentsToSchedule)
        case .requirement(let agents):
            return (nil, agents)
        }
    }
}

// MARK: - 3. Prepare

/// A scenario ready to be modelled: its requirement, its shift options, and the rules no roster can keep.
public struct PreparedScenario: Sendable {
    /// The scenario as loaded: what the roster is checked and reported against.
    public let scenario: Scenario
    let staffing: StaffingRequirement?
    /// Agents to schedule per interval.
    public let requirement: [Int]
    /// Every concrete shift (template × start × length × day) of the horizon.
    public let catalog: ShiftCatalog
    /// Hard rules no roster can keep, found before solving (the report explains violations by them).
    public let conflicts: [FeasibilityConflict]
    /// The scenario without the pinned shifts that cannot be kept (nor those outside the horizon), so
    /// that the model stays solvable; the check still reports the dropped pins as missing.
    let solvable: Scenario
}

extension RosterPipeline {
    /// Refuses scenarios too large to model (`SolveLimits`), then works out the requirement, the shift
    /// options and the conflicts.
    public static func prepare(_ scenario: Scenario) throws(PrepareError) -> PreparedScenario {
        if let reason = SolveLimits.refusal(scenario) { throw .tooLarge(reason) }
        let (staffing, required) = requirement(scenario)
        let catalog = ShiftCatalog(scenario: scenario)
        let conflicts = FeasibilityAnalysis.conflicts(in: scenario, catalog: catalog)
        return PreparedScenario(scenario: scenario, staffing: staffing, requirement: required, catalog: catalog,
                                conflicts: conflicts, solvable: FeasibilityAnalysis.withoutUnkeepablePins(scenario, conflicts))
    }
}

// MARK: - 4. Model

extension RosterPipeline {
    /// The integer model of a prepared scenario.
    public static func model(_ prepared: PreparedScenario) throws(PrepareError) -> RosterIntegerModel {
        try model(prepared.solvable, requirement: prepared.requirement, catalog: prepared.catalog)
    }

    /// The integer model of a scenario as it is (no pins dropped).
    public static func model(_ scenario: Scenario, requirement: [Int], catalog: ShiftCatalog? = nil) throws(PrepareError) -> RosterIntegerModel {
        do {
            return try RosterIntegerModel(scenario: scenario, requirement: requirement, catalog: catalog)
        } catch {
            throw .model(error)
        }
    }

    /// Writes the full integer model as CPLEX LP (`.lp`) or free MPS (`.mps`), by the file's extension.
    public static func writeModel(_ model: RosterIntegerModel, to url: URL) throws(SolverError) {
        guard let format = GLPKSolver.ModelFormat(pathExtension: url.pathExtension) else {
            throw .writeFailed(path: url.path, reason: "the file must end in .lp or .mps")
        }
        try GLPKSolver.write(model.model, format: format, to: url)
    }
}

// MARK: - 5. Solve

/// What a solve found: the solver's outcome and the roster it stands for.
public struct SolvedRoster: Sendable {
    public var solution: RosterSolution
    public var roster: Roster
}

extension RosterPipeline {
    /// Solves the model. `initial`, when given, is a roster to start from (each agent's option ids).
    /// The only call of `RosterSolver` in the package: a change of its signature is fixed here.
    public static func solve(_ model: RosterIntegerModel, options: RosterSolveOptions,
                             initial: [[Int]]? = nil) throws(SolverError) -> SolvedRoster {
        var options = options
        // The previous roster's eve shifts are its own, breaks included: they stay where it put them.
        let previous = model.scenario.previous ?? []
        if !previous.isEmpty {
            var kept = options.keptBreaks ?? Array(repeating: [:], count: model.scenario.agents.count)
            for (a, agent) in model.scenario.agents.enumerated() where a < kept.count {
                for s in previous where s.agentID == agent.id { if let b = s.breakStart, kept[a][s.start] == nil { kept[a][s.start] = b } }
            }
            options.keptBreaks = kept
        }
        let solution = try RosterSolver.solve(model, options: options, initial: initial)
        var roster = RosterBuilder.roster(from: solution, model: model)
        if !previous.isEmpty {
            let byKey = Dictionary(previous.map { ("\($0.agentID)\u{1F}\($0.start.timeIntervalSince1970)\u{1F}\($0.end.timeIntervalSince1970)", $0) },
                                   uniquingKeysWith: { a, _ in a })
            roster.shifts = roster.shifts.map { s in
                guard let p = byKey["\(s.agentID)\u{1F}\(s.start.timeIntervalSince1970)\u{1F}\(s.end.timeIntervalSince1970)"] else { return s }
                var t = s
                t.breakStart = p.breakStart
                t.breakEnd = p.breakEnd
                return t
            }
        }
        return SolvedRoster(solution: solution, roster: roster)
    }
}

// MARK: - 5'. Re-roster (prepare, model and solve of `roster resolve`)

extension RosterPipeline {
    /// The re-roster's scenario (new staff unavailable before the cut-off) and its model, with the
    /// published roster fixed before the cut-off and each change after it costed.
    public static func prepareReroster(_ scenario: Scenario, requirement: [Int], plan: RerosterPlan) throws(PrepareError) -> RerosterSetup {
        do {
            return try Reroster.setup(scenario: scenario, requirement: requirement, plan: plan)
        } catch {
            throw .model(error)
        }
    }

    /// Solves a re-roster from the published roster and compares the result with it.
    public static func solveReroster(_ setup: RerosterSetup, options: RosterSolveOptions) throws(SolverError) -> RerosterResult {
        // Published breaks stay where agents know them (before the cut-off they must).
        var options = options
        options.keptBreaks = Reroster.publishedBreaks(setup.plan.base, scenario: setup.scenario)
        let solved = try solve(setup.model, options: options, initial: setup.start)
        return Reroster.result(of: setup, solved: solved)
    }
}

// MARK: - 6. Check

extension RosterPipeline {
    /// Every hard rule the roster breaks, found by the independent `RosterChecker` from the shifts' real
    /// times (pinned shifts outside the horizon, which the loader ignores, are not asked for).
    public static func check(_ roster: Roster, against scenario: Scenario) -> CheckResult {
        RosterChecker(scenario: FeasibilityAnalysis.inHorizon(scenario)).check(roster)
    }
}

// MARK: - 7. Report

extension RosterPipeline {
    /// The report of a solved roster. Its status is `status`, or "interrupted: best roster found so far"
    /// when the solve was stopped (Ctrl-C), which the report then records. With `conflicts` (those found
    /// before solving) the report also says which of them explains each violation.
    public static func report(_ scenario: Scenario, staffing: StaffingRequirement?, requirement: [Int], roster: Roster,
                              solution: RosterSolution, check: CheckResult, status: Phrase,
                              conflicts: [FeasibilityConflict]? = nil) -> RosterReport {
        let interrupted = solution.interrupted
        var report = RosterReport(scenario: scenario, staffing: staffing, requirement: requirement, roster: roster,
                                  solution: solution, check: check,
                                  status: interrupted ? Phrase("interrupted: best roster found so far", "已中断：目前找到的最好排班") : status)
        report.interrupted = interrupted
        if let conflicts { report.explain(check, by: conflicts) }
        return report
    }

    /// The report of a roster solved from a prepared scenario.
    /// Its status is `status`, or by default why the solve stopped (proven optimal, within the gap target,
    /// time limit reached).
    public static func report(_ prepared: PreparedScenario, solved: SolvedRoster, check: CheckResult,
                              status: Phrase? = nil) -> RosterReport {
        report(prepared.scenario, staffing: prepared.staffing, requirement: prepared.requirement, roster: solved.roster,
               solution: solved.solution, check: check, status: status ?? solved.solution.stopReason, conflicts: prepared.conflicts)
    }
}

// MARK: - 8. Write

extension RosterPipeline {
    /// The roster files (`roster.csv`, `roster.json`) already in `folder`.
    public static func existingRosterFiles(in folder: URL) -> [String] {
        ["roster.csv", "roster.json"].filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }

    /// Why a roster cannot be written into `folder`, or nil: it must be a folder that can be written, or
    /// not exist yet below one. Asked before any work is done.
    public static func destinationProblem(_ folder: URL) -> String? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDir) {
            if !isDir.boolValue { return "\(folder.path) is a file, not a folder" }
            return fm.isWritableFile(atPath: folder.path) ? nil : "\(folder.path) cannot be written"
        }
        var parent = folder.deletingLastPathComponent()
        while !fm.fileExists(atPath: parent.path, isDirectory: &isDir), parent.path != "/" { parent = parent.deletingLastPathComponent() }
        if !isDir.boolValue { return "\(parent.path) is a file, not a folder" }
        return fm.isWritableFile(atPath: parent.path) ? nil : "\(parent.path) cannot be written"
    }

    /// Writes a roster version into `folder`: roster.csv, roster.json, report.txt and any `extra` files,
    /// all or none even across a kill -9 (`AtomicFile.writeAll`'s journal). `text` is the report as people
    /// read it (`report.txt`; RosterOutput renders it).
    ///
    /// With `exclusive` (a new dated version), the folder is created by this call and by no other run: when
    /// the name is taken (two solves in the same second) the next free `NAME-2`, `NAME-3` … is used.
    /// Returns the folder written. When the files cannot be written (a full disk), nothing is left behind:
    /// not a temporary file, and not the folder this call created.
    @discardableResult
    public static func write(_ roster: Roster, report: RosterReport, text: String, clock: ZoneClock, to folder: URL,
                             exclusive: Bool = false, extra: [(data: Data, name: String)] = []) throws(WriteError) -> URL {
        let document: Data
        do {
            document = try RosterDocument(roster: roster, clock: clock, report: report).encoded()
        } catch {
            throw .cannotWrite(path: folder.appendingPathComponent("roster.json").path, reason: error.description)
        }
        let fm = FileManager.default
        var target = folder
        var created = false
        do {
            try fm.createDirectory(at: exclusive ? folder.deletingLastPathComponent() : folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateFolder(path: folder.path, reason: error.localizedDescription)
        }
        if exclusive {
            var n = 2
            while mkdir(target.path, 0o755) != 0 {
                let failure = errno
                guard failure == EEXIST, n <= 999 else {
                    throw .cannotCreateFolder(path: target.path, reason: String(cString: strerror(failure)))
                }
                target = folder.deletingLastPathComponent().appendingPathComponent("\(folder.lastPathComponent)-\(n)")
                n += 1
            }
            created = true
        }
        do {
            try AtomicFile.writeAll([
                (Data(RosterCSV.render(roster, clock: clock).utf8), target.appendingPathComponent("roster.csv")),
                (document, target.appendingPathComponent("roster.json")),
                (Data((text + "\n").utf8), target.appendingPathComponent("report.txt")),
            ] + extra.map { ($0.data, target.appendingPathComponent($0.name)) })
        } catch {
            if created { rmdir(target.path) }
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
        return target
    }
}

// MARK: - What-if (surge planning of `roster staffing --what-if`)

extension RosterPipeline {
    /// The extra shifts and agents needed, on top of `roster` (or of nothing), to reach the goal again.
    public static func whatIf(_ scenario: Scenario, roster: Roster?) throws(SolverError) -> WhatIfPlan {
        try WhatIfPlan.make(scenario: scenario, requirement: requirement(scenario).agents, roster: roster)
    }
}
