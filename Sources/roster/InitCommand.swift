import ArgumentParser
import Foundation
import RosterCore

/// `roster init DIR`: a new scenario folder with a commented team.toml and the CSV headers.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new scenario: a commented team.toml and the CSV files' headers, ready for 'roster check'.",
        discussion: "Writes team.toml, agents.csv, availability.csv, forecast.csv and pinned.csv into a new (or empty) folder; existing files are never replaced."
    )

    @Argument(help: "The new scenario folder.") var directory: String
    @Option(name: .long, help: "The line's name.") var name: String = "New hotline"
    @Option(name: .long, help: "IANA time zone (default: this computer's).") var zone: String?
    @Option(name: .long, help: "First day of the horizon, YYYY-MM-DD (default: next Monday).") var start: String?
    @Option(name: .long, help: "Days in the horizon.") var days: Int = 28
    @Option(name: .long, help: "Minutes per interval: 15, 30 or 60.") var interval: Int = 30

    func run() throws {
        func fail(_ message: String) throws -> Never {
            printError("error: \(message)")
            throw ExitCode(2)
        }
        guard [15, 30, 60].contains(interval) else { try fail("--interval: \(interval); give 15, 30 or 60") }
        guard (1...366).contains(days) else { try fail("--days: \(days); give 1 to 366") }
        guard !name.isEmpty, name.count <= 200, !name.contains(where: \.isNewline) else { try fail("--name: give one line of at most 200 characters") }
        let zoneID = zone ?? TimeZone.current.identifier
        guard let clock = ZoneClock(identifier: zoneID) else { try fail("--zone: '\(zoneID)' is not an IANA time zone (e.g. Asia/Shanghai, Europe/Berlin)") }
        let first: LocalDate
        if let start {
            guard let d = LocalDate(iso: start) else { try fail("--start: '\(start)' is not a date YYYY-MM-DD") }
            first = d
        } else {
            let today = clock.localDateTime(of: Date()).date
            first = today.adding(days: 8 - today.isoWeekday)
        }
        let folder = try outputPath(directory, option: "directory")
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDir) {
            guard isDir.boolValue else { try fail("\(directory) is a file; name a new folder") }
            let taken = ScenarioTemplate.files(name: name, zone: zoneID, start: first, days: days, intervalMinutes: interval)
                .map(\.name).filter { fm.fileExists(atPath: folder.appendingPathComponent($0).path) }
            if !taken.isEmpty { try fail("\(directory) already has \(taken.joined(separator: ", ")); nothing was written (init never replaces a file)") }
        }
        do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            printError("error: cannot create \(directory): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        let files = ScenarioTemplate.files(name: name, zone: zoneID, start: first, days: days, intervalMinutes: interval)
        do { try AtomicFile.writeAll(files.map { (Data($0.text.utf8), folder.appendingPathComponent($0.name)) }) } catch {
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
        if first.isoWeekday != 1 { printError("note: \(first) is not a Monday; weekly rules will see a partial first week") }
        print("written: \(files.map(\.name).joined(separator: ", ")) in \(directory) (\(clock.identifier), \(days) days from \(first), \(interval)-minute intervals)")
        print("next: add the agents to agents.csv, write forecast.csv (roster forecast \(directory) --history EXPORT.csv), then roster check \(directory)")
    }
}
