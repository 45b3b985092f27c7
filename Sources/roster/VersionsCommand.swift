import ArgumentParser
import Foundation
import RosterOutput

/// `roster versions DIR`: the roster versions kept in a scenario.
struct VersionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "List the roster versions kept inside a scenario folder (never overwritten).")

    @Argument(help: "The scenario folder.") var directory: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: directory) else {
            printError("error: \(directory): no such folder")
            throw ExitCode(2)
        }
        print(RosterVersions.render(RosterVersions.list(in: URL(fileURLWithPath: directory))), terminator: "")
    }
}
