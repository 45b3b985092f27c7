// Benchmark of the roster engine on generated scenarios. Prints numbers; asserts nothing.
//   swift run -c release roster-bench [--agents 20,60,200,500] [--time-limit S] [--days 28]
//                                     [--write-model PATH.mps|PATH.lp] [--verbose]
// Each run goes through the same pipeline as `roster solve` (RosterPipeline: prepare → model → solve →
// check → report). Besides wall-clock times it prints the process CPU time of the solve (user + system,
// getrusage) and its ratio to the wall-clock time: near 2 when both cores work.
import Foundation
import RosterCore
import RosterModel
import Search
import Solver

let usage = """
usage: roster-bench [--agents 20,60,200,500] [--time-limit S] [--days 28] [--variant V] [--write-model PATH] [--param name=value] [--verbose]
  --agents N,N,...     team sizes of the generated scenarios (default 20,60,200,500)
  --time-limit S       seconds per solve (default: 60, 60, 180, 600 by size; 120 for other sizes)
  --days D             days of the horizon (default 28)
  --variant V          base, quarter-hour (15-min intervals), dst (Europe/London across the spring change),
                       surge (week 2 at 2.5x the calls) or part-time (every third agent 16-24 h a week)
  --write-model PATH   also write each full integer model, before solving, as free MPS (.mps) or CPLEX
                       LP (.lp); with several sizes, the team size is put before the extension
  --param name=value   a solver parameter (repeatable; 'roster solve --list-params' lists them)
  --verbose            print the solver's log, the objective breakdown and violations to standard error

"""

func fail(_ message: String) -> Never {
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
    exit(2)
}

var agentCounts = [20, 60, 200, 500]
var timeLimits: [Int: Double] = [20: 60, 60: 60, 200: 180, 500: 600]
var fixedLimit: Double? = nil
var days = 28
var variant = SyntheticScenario.Variant.base
var verbose = false
var writeModel: String? = nil
var tuning = RosterSolveOptions()
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let arg = arguments.next() {
    switch arg {
    case "--agents": agentCounts = (arguments.next() ?? "").split(separator: ",").compactMap { Int($0) }
    case "--time-limit": fixedLimit = arguments.next().flatMap(Double.init)
    case "--verbose": verbose = true
    case "--days": days = arguments.next().flatMap(Int.init) ?? days
    case "--variant":
        let name = arguments.next() ?? ""
        guard let v = SyntheticScenario.Variant(rawValue: name) else {
            fail("--variant: '\(name)' is not one of \(SyntheticScenario.Variant.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        variant = v
    case "--write-model":
        guard let path = arguments.next(), GLPKSolver.ModelFormat(pathExtension: URL(fileURLWithPath: path).pathExtension) != nil else {
            fail("--write-model: the file must end in .lp or .mps")
        }
        writeModel = path
    case "--param":
        do { try RosterSolveOptions.registry.apply([arguments.next() ?? ""], to: &tuning) } catch { fail(error.description) }
    case "--help", "-h":
        print(usage, terminator: "")
        exit(0)
    default:
        fail("unknown argument \(arg)\n" + usage)
    }
}

/// Where the model of the `n`-agent run goes: the path as given, or with `-n` before the extension
/// when several sizes run.
func modelURL(_ path: String, agents n: Int, several: Bool) -> URL {
    let url = URL(fileURLWithPath: path)
    guard several else { return url }
    let stem = url.deletingPathExtension().lastPathComponent
    return url.deletingLastPathComponent().appendingPathComponent("\(stem)-\(n).\(url.pathExtension)")
}

func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = Double(line.split(separator: " ").dropFirst().first ?? "") ?? .nan
        return kb / 1024
    }
    return .nan
}

/// CPU seconds (user + system) the process has used so far, all threads.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    let who = RUSAGE_SELF.rawValue
    #else
    let who = RUSAGE_SELF
    #endif
    guard getrusage(who, &usage) == 0 else { return .nan }
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

print("variant,agents,days,columns,rows,build_s,solve_s,time_limit_s,shortfall_agent_h,objective,bound,bound_source,gap,violations,peak_mem_mib,solve_cpu_s,cpu_per_wall")
for n in agentCounts {
    let limit = fixedLimit ?? timeLimits[n] ?? 120
    let t0 = Date()
    let scenario = SyntheticScenario.make(agents: n, days: days, variant: variant)
    let prepared: PreparedScenario
    let model: RosterIntegerModel
    do {
        prepared = try RosterPipeline.prepare(scenario)
        model = try RosterPipeline.model(prepared)
    } catch {
        fail("\(n) agents: \(error)")
    }
    let build = Date().timeIntervalSince(t0)
    if let writeModel {
        let url = modelURL(writeModel, agents: n, several: agentCounts.count > 1)
        do { try RosterPipeline.writeModel(model, to: url) } catch { fail("--write-model: \(error.description)") }
        FileHandle.standardError.write("model written to \(url.path)\n".data(using: .utf8)!)
    }
    let cpu0 = processCPUSeconds(), wall0 = Date()
    var options = tuning
    options.timeLimit = limit
    let solved = try RosterPipeline.solve(model, options: options)
    let cpu = processCPUSeconds() - cpu0, wall = Date().timeIntervalSince(wall0)
    let solution = solved.solution
    let check = RosterPipeline.check(solved.roster, against: scenario)
    let report = RosterPipeline.report(prepared, solved: solved, check: check)
    print(variant.rawValue + "," + String(format: "%d,%d,%d,%d,%.1f,%.1f,%.0f,%.1f,%.1f,%.1f,%@,%.4f,%d,%.0f,%.1f,%.2f", n, days, model.model.columnCount,
                 model.model.rowCount, build, solution.elapsed, limit, report.shortfallAgentHours, solution.objective,
                 solution.bound ?? .nan, "\"\(solution.boundSource.rawValue)\"", solution.gap ?? .nan, check.violations.count,
                 peakMemoryMiB(), cpu, wall > 0 ? cpu / wall : .nan))
    fflush(nil)
    if verbose {
        var err = FileHandle.standardError
        for line in solution.log { print("  " + line, to: &err) }
        print("  breakdown: \(solution.breakdown)", to: &err)
        for violation in check.violations.prefix(30) { print("  violation: \(violation)", to: &err) }
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(string.data(using: .utf8)!) }
}
