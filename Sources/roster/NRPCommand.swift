import ArgumentParser
import Foundation
import NurseRostering
import Search
import Solver

/// `roster nrp`: the Curtois & Qu employee shift scheduling benchmark (Docs/nrp.md).
struct NRPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nrp",
        abstract: "Solve and benchmark the Curtois & Qu staff scheduling instances (schedulingbenchmarks.org).",
        subcommands: [NRPSolveCommand.self, NRPBenchCommand.self, NRPCheckCommand.self, NRPGenerateCommand.self]
    )
}

/// Reads an instance or prints the error (file, line, field) and exits with status 2.
func loadNRPInstance(_ path: String) throws -> NRPInstance {
    do {
        return try NRPParser.parse(fileAt: URL(fileURLWithPath: path))
    } catch {
        printError("error: \(error.description)")
        throw ExitCode(2)
    }
}

/// `objective: N` and its parts, as `nrp solve` and `nrp check` print them.
func printObjectiveParts(_ o: NRPObjective) {
    print("objective: \(o.total)")
    print("  requests on: \(o.requestsOn)")
    print("  requests off: \(o.requestsOff)")
    print("  under cover: \(o.underCover)")
    print("  over cover: \(o.overCover)")
}

/// Whether the independent checker found every hard rule kept.
func printHardRules(_ check: NRPCheckResult) {
    print("hard constraints: \(check.isFeasible ? "all satisfied" : "\(check.violations.count) violated") (independent checker)")
}

/// Peak resident memory of this process in kB (VmHWM), if /proc tells.
private func peakMemoryKB() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
    }
    return nil
}

/// `roster nrp solve FILE`
struct NRPSolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve one instance with GLPK and check the roster independently.",
        discussion: """
        Prints the objective and its parts as computed by the independent checker, the lower bound and where \
        it comes from. Exit status: 0 for a roster that breaks no hard rule, 1 when it breaks one or the \
        checker disagrees with the solver, 2 for bad input.
        """
    )

    @Argument(help: "An instance file in the benchmark's text format.") var file: String?
    @Option(name: .long, help: "Seconds the solver may take.") var timeLimit: Double = 60
    @Option(name: .long, help: "Write the roster as CSV (employee,day,shift; days 0-based).") var out: String?
    @Option(name: .long, help: "Seed for the neighbourhood order.") var seed: UInt64 = 1
    @Flag(name: .long, help: "Print the solver's progress on standard error.") var verbose = false
    @Option(name: .long, help: "Also write a JSON summary (objective, bound and its source, time, peak memory) to this file; 'nrp bench' reads it.")
    var summary: String?
    @OptionGroup var tuning: TuningOptions

    func validate() throws {
        guard file != nil || tuning.listParams else { throw ValidationError("Missing expected argument '<file>'") }
        guard timeLimit.isFinite, timeLimit > 0, timeLimit <= 86_400 else {
            throw ValidationError("--time-limit must be between 0 and 86400 seconds")
        }
    }

    func run() throws {
        if tuning.listParams {
            print(NRPSolveOptions.registry.listing())
            return
        }
        guard let file else { return }
        var options = NRPSolveOptions(timeLimit: timeLimit, seed: seed)
        try tuning.apply(NRPSolveOptions.registry, to: &options)
        let instance = try loadNRPInstance(file)
        if let out, !FileManager.default.isWritableFile(atPath: URL(fileURLWithPath: out).deletingLastPathComponent().path) {
            printError("error: --out \(out): the folder does not exist or is not writable")
            throw ExitCode(2)
        }
        let cancellation = CancellationFlag()
        let signals = SignalWatch(cancellation: cancellation)
        defer { signals.stop() }
        options.cancellation = cancellation
        options.log = verbose ? { @Sendable line in printError("  " + line) } : nil
        let changed = NRPSolveOptions.registry.changed(options)
        if !changed.isEmpty { printError("parameters: " + changed.joined(separator: " ")) }
        printError("\(instance.name): \(instance.horizon) days, \(instance.employees.count) employees, \(instance.shifts.count) shift types; time limit \(timeLimit) s")
        let result: NRPSolveResult
        do {
            result = try NRPSolver.solve(NRPModel(instance), options: options)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let check = NRPChecker.check(instance, result.roster)
        if let out {
            do {
                try NRPSolutionCSV.render(instance, result.roster).write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                printError("error: --out \(out): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        let o = check.objective
        printObjectiveParts(o)
        if let b = result.bound {
            let gap = Gap.relative(objective: Double(o.total), bound: Double(b)) ?? 0
            print("bound: \(b) (\(result.boundSource.sentence))\(result.provenOptimal ? "; proven optimal" : String(format: "; gap %.2f%%", 100 * gap))")
        } else {
            print("bound: none")
        }
        print(String(format: "time: %.1f s", result.elapsed))
        printHardRules(check)
        for v in check.violations.prefix(20) { printError("violation: \(v)") }
        let agrees = o.total == result.objective
        if !agrees { printError("error: the checker's objective \(o.total) differs from the solver's \(result.objective)") }
        if let summary {
            var object: [String: Any] = [
                "instance": instance.name, "objective": o.total, "solverObjective": result.objective,
                "boundSource": result.boundSource.rawValue, "elapsed": result.elapsed, "feasible": check.isFeasible,
                "parameters": changed,
            ]
            if let b = result.bound { object["bound"] = b }
            if let kb = peakMemoryKB() { object["peakMemoryKB"] = kb }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            try data.write(to: URL(fileURLWithPath: summary))
        }
        if !check.isFeasible || !agrees { throw ExitCode(1) }
    }
}

/// `roster nrp bench FILES...`
struct NRPBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Solve a list of instances, each in its own process, and print a table against the best known results.",
        discussion: """
        Best known values come from the table in README.md beside each instance file (the row whose number \
        matches the N of InstanceN.txt), else from a small table of the published values for instances 1–24. \
        Each instance runs as 'roster nrp solve' in a child process, so its peak memory (VmHWM) is its own; \
        the roster it writes is read back and checked here independently.
        """
    )

    @Argument(help: "Instance files (default: Instance*.txt in --dir).") var files: [String] = []
    @Option(name: .long, help: "Folder of instances when no files are given.") var dir: String?
    @Option(name: .long, help: "Seconds per instance.") var timeLimit: Double = 60
    @Option(name: .long, help: "Seed for the neighbourhood order.") var seed: UInt64 = 1
    @Option(name: .long, help: "Keep the rosters (InstanceN.csv) in this folder.") var out: String?
    @Option(name: .customLong("param"), help: ArgumentHelp("A solver parameter for every instance (repeatable; 'nrp solve --list-params').", valueName: "name=value"))
    var params: [String] = []

    func validate() throws {
        guard timeLimit.isFinite, timeLimit > 0, timeLimit <= 86_400 else {
            throw ValidationError("--time-limit must be between 0 and 86400 seconds")
        }
        guard !files.isEmpty || dir != nil else { throw ValidationError("give instance files, or --dir with InstanceN.txt files") }
    }

    func run() throws {
        var list = files
        if list.isEmpty, let dir {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            list = names.filter { $0.hasPrefix("Instance") && $0.hasSuffix(".txt") }
                .sorted { (instanceNumber($0) ?? 0) < (instanceNumber($1) ?? 0) }
                .map { URL(fileURLWithPath: dir).appendingPathComponent($0).path }
            guard !list.isEmpty else { printError("error: \(dir): no InstanceN.txt files"); throw ExitCode(2) }
        }
        let instances = try list.map { try loadNRPInstance($0) }
        let workDir: URL
        if let out {
            workDir = URL(fileURLWithPath: out)
        } else {
            workDir = FileManager.default.temporaryDirectory.appendingPathComponent("roster-nrp-bench-\(ProcessInfo.processInfo.processIdentifier)")
        }
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
        defer { if out == nil { try? FileManager.default.removeItem(at: workDir) } }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path

        print("| instance | days | staff | shifts | best known | ours | gap to best | bound | bound source | time (s) | peak memory (MB) | hard rules |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        var failures = 0
        for (path, instance) in zip(list, instances) {
            let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let csv = workDir.appendingPathComponent(base + ".csv")
            let json = workDir.appendingPathComponent(base + ".json")
            try? FileManager.default.removeItem(at: csv)
            try? FileManager.default.removeItem(at: json)
            let child = Process()
            child.executableURL = URL(fileURLWithPath: executable)
            child.arguments = ["nrp", "solve", path, "--time-limit", String(timeLimit), "--seed", String(seed),
                               "--out", csv.path, "--summary", json.path] + params.flatMap { ["--param", $0] }
            child.standardOutput = FileHandle.nullDevice
            try child.run()
            child.waitUntilExit()
            let best = bestKnown(for: path)
            let summary = (try? Data(contentsOf: json)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
            // Check the written roster here, from the file alone.
            var ours = "—", rules = "no roster (exit \(child.terminationStatus))", gap = "—"
            if let text = try? String(contentsOf: csv, encoding: .utf8) {
                do {
                    let assignments = try NRPSolutionCSV.parse(text, file: csv.path, instance: instance)
                    let check = NRPChecker.check(instance, assignments: assignments)
                    ours = String(check.objective.total)
                    rules = check.isFeasible ? "all met" : "\(check.violations.count) broken"
                    if let reported = summary["solverObjective"] as? Int, reported != check.objective.total {
                        rules += "; solver said \(reported)"
                        failures += 1
                    }
                    if !check.isFeasible { failures += 1 }
                    if let best { gap = String(format: "%.2f%%", 100 * Double(check.objective.total - best) / Double(best)) }
                } catch {
                    rules = "unreadable roster: \(error)"
                    failures += 1
                }
            } else {
                failures += 1
            }
            let bound = (summary["bound"] as? Int).map(String.init) ?? "—"
            let source = (summary["boundSource"] as? String).flatMap(BoundSource.init(rawValue:)).map(Self.shortName) ?? "—"
            let time = (summary["elapsed"] as? Double).map { String(format: "%.1f", $0) } ?? "—"
            let memory = (summary["peakMemoryKB"] as? Int).map { String(format: "%.0f", Double($0) / 1024) } ?? "—"
            print("| \(instanceNumber(base).map(String.init) ?? base) | \(instance.horizon) | \(instance.employees.count) | \(instance.shifts.count) | \(best.map(String.init) ?? "—") | \(ours) | \(gap) | \(bound) | \(source) | \(time) | \(memory) | \(rules) |")
            fflush(nil)
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// The bound source in a table column.
    static func shortName(_ source: BoundSource) -> String {
        switch source {
        case .none: return "—"
        case .fullRelaxation: return "LP"
        case .shiftCountModel: return "shift counts"
        case .columnGeneration: return "CG"
        case .lagrangian: return "Lagrangian"
        case .branchAndBound: return "B&C"
        }
    }

    /// Published best known objectives of instances 1–24 (schedulingbenchmarks.org, Curtois & Qu 2014),
    /// used when no README beside the file has a table.
    static let publishedBest: [Int: Int] = [1: 607, 2: 828, 3: 1001, 4: 1716, 5: 1143, 6: 1950, 7: 1056, 8: 1308, 9: 439, 10: 4631]

    func instanceNumber(_ name: String) -> Int? {
        let base = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
        guard base.hasPrefix("Instance") else { return nil }
        return Int(base.dropFirst("Instance".count))
    }

    /// The best known value for InstanceN: from the README table beside the file, else the table above.
    func bestKnown(for path: String) -> Int? {
        guard let n = instanceNumber(path) else { return nil }
        let readme = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("README.md")
        if let text = try? String(contentsOf: readme, encoding: .utf8) {
            var header: [String]? = nil
            for line in text.split(separator: "\n") where line.hasPrefix("|") {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                if cells.contains("best known"), cells.first == "instance" { header = cells; continue }
                if let header, let column = header.firstIndex(of: "best known"), cells.count == header.count,
                   Int(cells[0]) == n, let value = Int(cells[column]) {
                    return value
                }
            }
        }
        return Self.publishedBest[n]
    }
}
