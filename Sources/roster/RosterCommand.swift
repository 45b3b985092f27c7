import ArgumentParser
import Foundation
import Solver

@main
struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Rosters for 24-hour call-center hotlines, optimised with GLPK.",
        version: RosterCommand.version,
        groupedSubcommands: [
            CommandGroup(name: "Team leads", subcommands: [InitCommand.self, CheckCommand.self, ForecastCommand.self, StaffingCommand.self, ErlangCommand.self, SolveCommand.self,
                                                           VerifyCommand.self, ResolveCommand.self, PublishCommand.self, DiffCommand.self,
                                                           VersionsCommand.self]),
            CommandGroup(name: "Agents and HR", subcommands: [ShowCommand.self, CoverageCommand.self, ExportCommand.self, HoursCommand.self]),
            CommandGroup(name: "Benchmark and testing", subcommands: [NRPCommand.self, SimulateHistoryCommand.self]),
        ]
    )

    /// `roster --version`: the tool and the GLPK library it runs on.
    static let version = "roster 0.9 (GLPK \(GLPKSolver.libraryVersion))"

    /// Every subcommand's name, for "did you mean".
    static var commandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }

    /// The closest subcommand name to a mistyped one (at most two edits away), if any.
    static func suggestion(for word: String) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for (i, x) in a.enumerated() {
                var previous = row[0]
                row[0] = i + 1
                for (j, y) in b.enumerated() {
                    let keep = row[j + 1]
                    row[j + 1] = min(row[j + 1] + 1, row[j] + 1, previous + (x == y ? 0 : 1))
                    previous = keep
                }
            }
            return row[b.count]
        }
        let w = Array(word.lowercased())
        return commandNames.map { ($0, distance(w, Array($0))) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }
}

/// Exit status: 0 success, 1 failure (e.g. a roster that breaks a hard rule), 2 bad input or usage,
/// 130 a solve interrupted twice. See Docs/guarantees.md.
extension RosterCommand {
    /// Runs the command line. Unlike ArgumentParser's own `main()`, usage and validation errors exit
    /// with 2 (bad input), like every other bad input, instead of 64; `--help` exits 0; `ExitCode(n)`
    /// thrown by a command exits n.
    static func main() {
        // A closed pipe (`roster solve … | head -1`) must not kill a solve before it writes its roster:
        // writes to it fail quietly instead (writeStandardError, print).
        signal(SIGPIPE, SIG_IGN)
        // An unknown command: one line naming it, and the nearest known one.
        let arguments = CommandLine.arguments.dropFirst()
        if let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) {
            let hint = suggestion(for: first).map { "; did you mean '\($0)'?" } ?? "; 'roster --help' lists the commands"
            writeStandardError("error: unknown command '\(first)'\(hint)\n")
            Foundation.exit(2)
        }
        let code: Int32
        do {
            var command = try parseAsRoot()
            try command.run()
            code = 0
        } catch {
            code = exitStatus(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == 0 { print(message) } else { writeStandardError(message + "\n") }
            }
        }
        Foundation.exit(code)
    }

    /// The process exit status for an error that ended a command.
    static func exitStatus(for error: Error) -> Int32 {
        if let e = error as? ExitCode { return e.rawValue }
        let code = exitCode(for: error).rawValue
        return code == ExitCode.validationFailure.rawValue ? 2 : code
    }
}
