import ArgumentParser

@main
struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Rosters for 24-hour call-center hotlines, optimised with GLPK.",
        subcommands: [CheckCommand.self, StaffingCommand.self, ErlangCommand.self, SolveCommand.self, VerifyCommand.self, ShowCommand.self, CoverageCommand.self, ExportCommand.self,
                      ResolveCommand.self, DiffCommand.self, VersionsCommand.self, NRPCommand.self]
    )
}
