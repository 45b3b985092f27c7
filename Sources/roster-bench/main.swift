// Benchmark of the roster engine on generated scenarios. Prints numbers; asserts nothing.
//   swift run -c release roster-bench [--agents 20,60,200,500] [--time-limit S] [--days 28]
import Foundation
import RosterCore
import RosterModel
import Solver

var agentCounts = [20, 60, 200, 500]
var timeLimits: [Int: Double] = [20: 60, 60: 60, 200: 180, 500: 600]
var fixedLimit: Double? = nil
var days = 28
var verbose = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let arg = arguments.next() {
    switch arg {
    case "--agents": agentCounts = (arguments.next() ?? "").split(separator: ",").compactMap { Int($0) }
    case "--time-limit": fixedLimit = arguments.next().flatMap(Double.init)
    case "--verbose": verbose = true
    case "--days": days = arguments.next().flatMap(Int.init) ?? days
    default:
        FileHandle.standardError.write("unknown argument \(arg)\n".data(using: .utf8)!)
        exit(2)
    }
}

func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = Double(line.split(separator: " ").dropFirst().first ?? "") ?? .nan
        return kb / 1024
    }
    return .nan
}

print("agents,days,columns,rows,build_s,solve_s,time_limit_s,shortfall_agent_h,objective,bound,bound_source,gap,violations,peak_mem_mib")
for n in agentCounts {
    let limit = fixedLimit ?? timeLimits[n] ?? 120
    let t0 = Date()
    let scenario = SyntheticScenario.make(agents: n, days: days)
    guard case .requirement(let requirement) = scenario.demand else { continue }
    let model = try RosterIntegerModel(scenario: scenario, requirement: requirement)
    let build = Date().timeIntervalSince(t0)
    if let path = ProcessInfo.processInfo.environment["ROSTER_BENCH_WRITE_MODEL"] {
        try GLPKSolver.write(model.model, format: .freeMPS, to: URL(fileURLWithPath: path))
    }
    let solution = try RosterSolver.solve(model, options: RosterSolveOptions(timeLimit: limit))
    let roster = RosterBuilder.roster(from: solution, model: model)
    let check = RosterChecker(scenario: scenario).check(roster)
    let coverage = CoverageReport(scenario: scenario, requirement: requirement, roster: roster)
    print(String(format: "%d,%d,%d,%d,%.1f,%.1f,%.0f,%.1f,%.1f,%.1f,%@,%.4f,%d,%.0f", n, days, model.model.columnCount,
                 model.model.rowCount, build, solution.elapsed, limit, coverage.shortfallAgentHours, solution.objective,
                 solution.bound ?? .nan, "\"\(solution.boundSource.rawValue)\"", solution.gap ?? .nan, check.violations.count,
                 peakMemoryMiB()))
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
