import ArgumentParser
import Foundation
import RosterCore
import RosterOutput

/// `roster erlang`: agents needed for one interval (Erlang C, or Erlang A with --patience).
struct ErlangCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erlang",
        abstract: "Agents needed for one interval (Erlang C; Erlang A with --patience).",
        discussion: "Example: roster erlang --calls 100 --aht 180 --interval 30 --sl 0.8 --answer-time 20 --shrinkage 0.3\nExit status 2 for bad values."
    )

    // Options are read as text and checked by RosterCore, so that every bad value gets a clear message and exit 2.
    @Option(parsing: .unconditional, help: "Calls offered in the interval.") var calls: String?
    @Option(parsing: .unconditional, help: "Average handle time in seconds.") var aht: String?
    @Option(parsing: .unconditional, help: "Interval length in minutes (default 30).") var interval: String?
    @Option(parsing: .unconditional, help: "Service-level goal: share of calls answered within --answer-time (e.g. 0.8).") var sl: String?
    @Option(name: .customLong("answer-time"), parsing: .unconditional, help: "Answer time of the service-level goal, in seconds.") var answerTime: String?
    @Option(parsing: .unconditional, help: "Average-speed-of-answer goal, in seconds.") var asa: String?
    @Option(parsing: .unconditional, help: "Shrinkage: share of paid time off the phones (default 0).") var shrinkage: String?
    @Option(name: .customLong("max-occupancy"), parsing: .unconditional, help: "Cap on occupancy (e.g. 0.85).") var maxOccupancy: String?
    @Option(parsing: .unconditional, help: "Mean caller patience in seconds: use Erlang A.") var patience: String?
    @Option(help: "Output format: table, csv or json.", completion: .list(["table", "csv", "json"])) var format: String = "table"

    func run() throws {
        var errors: [ErlangRequestError] = []
        let fmt = StaffingReport.Format(rawValue: format.lowercased())
        if fmt == nil || fmt == .chart { errors.append(.unknownFormat(format)) }
        do {
            let request = try ErlangRequest.parse(calls: calls, aht: aht, interval: interval, serviceLevel: sl,
                                                  answerTime: answerTime, asa: asa, shrinkage: shrinkage,
                                                  maxOccupancy: maxOccupancy, patience: patience)
            if errors.isEmpty, let fmt {
                print(request.render(request.solve(), format: fmt), terminator: "")
                return
            }
        } catch {
            errors += error.errors
        }
        for e in errors { printError("error: \(e)") }
        throw ExitCode(2)
    }
}
