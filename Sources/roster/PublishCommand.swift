import ArgumentParser
import Foundation
import RosterCore
import RosterOutput

/// `roster publish DIR VERSION`: mark the version agents and HR see.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Mark a roster version as the published one: show, coverage, export and resolve then use it by default.",
        discussion: """
        VERSION is a roster folder inside the scenario (its name, e.g. roster-20270310-120000, or its path). \
        Publishing records who and when in the scenario (published.json) and in the version (publication.json). \
        An interrupted solve's version is refused unless --force; a version that breaks hard rules is published \
        with a warning.
        """
    )

    @Argument(help: "The scenario folder.") var directory: String
    @Argument(help: "The version to publish: a roster-… folder inside the scenario.") var version: String
    @Option(name: .long, help: "Who publishes (default: the login name).") var by: String?
    @Flag(name: .long, help: "Publish even a version whose solve was interrupted.") var force = false

    func run() throws {
        let scenarioURL = URL(fileURLWithPath: directory).standardizedFileURL
        var given = URL(fileURLWithPath: version, relativeTo: nil)
        if !version.contains("/") { given = scenarioURL.appendingPathComponent(version) }
        let folder = given.standardizedFileURL
        guard folder.deletingLastPathComponent().path == scenarioURL.path, folder.lastPathComponent.hasPrefix("roster-") else {
            printError("error: \(version): not a roster-… folder inside \(scenarioURL.path) ('roster versions \(directory)' lists them)")
            throw ExitCode(2)
        }
        let scenario = try loadScenario(directory).scenario
        // The version must be a complete roster of this scenario.
        let shifts: Int
        do {
            let roster = try RosterLocator.resolve(rosterPath: folder.path, scenarioDirectory: scenarioURL, notes: { printError("note: \($0)") })
            shifts = try RosterLocator.load(roster, scenario: scenario).shifts.count
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        if RosterVersions.isInterrupted(folder) && !force {
            printError("error: \(folder.lastPathComponent): its solve was interrupted before it finished; pass --force to publish it anyway")
            throw ExitCode(2)
        }
        let summary = RosterVersions.list(in: scenarioURL).first { $0.name == folder.lastPathComponent }
        if let broken = summary?.violations, broken > 0 {
            printError("warning: \(folder.lastPathComponent) breaks \(broken) hard rule(s) (its report.txt lists them); publishing it anyway")
        }
        let lock: FolderLock?
        do {
            lock = try FolderLock.acquire(scenarioURL, wait: 120) {
                printError("waiting: another roster run is writing into \(scenarioURL.path)")
            }
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
        defer { lock?.release() }
        let who = by ?? ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown"
        let previous = Publication.read(scenario: scenarioURL)?.version
        let record = Publication(version: folder.lastPathComponent, publishedAt: scenario.team.clock.iso8601(Date()), by: who,
                                 previous: previous == folder.lastPathComponent ? nil : previous)
        do {
            // The version's own record first: a crash between the two leaves the previous publication in force.
            try AtomicFile.write(record.encoded(), to: folder.appendingPathComponent(Publication.versionFileName))
            try AtomicFile.write(record.encoded(), to: scenarioURL.appendingPathComponent(Publication.fileName))
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
        print("published: \(folder.lastPathComponent) (\(shifts) shifts) by \(who) at \(record.publishedAt)"
              + (record.previous.map { "; it replaces \($0)" } ?? ""))
        print("show, coverage, export and resolve now use it by default")
    }
}
