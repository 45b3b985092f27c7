import ArgumentParser
import Foundation

@main
struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Rosters for 24-hour call-center hotlines, optimised with GLPK.",
        subcommands: [CheckCommand.self, StaffingCommand.self, ErlangCommand.self, SolveCommand.self, VerifyCommand.self, ShowCommand.self, CoverageCommand.self, ExportCommand.self,
                      ResolveCommand.self, PublishCommand.self, DiffCommand.self, VersionsCommand.self, NRPCommand.self]
    )
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
