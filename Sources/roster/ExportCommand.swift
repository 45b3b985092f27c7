import ArgumentParser
import Foundation
import RosterCore
import RosterOutput

/// `roster export ical|csv|text`: files for HR, spreadsheets and the notice board.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a roster: iCalendar files, CSV, or a printable text roster.",
        subcommands: [ICalExport.self, CSVExportCommand.self, TextExport.self]
    )
}

struct ExportCommonOptions: ParsableArguments {
    @Argument(help: "The scenario folder.") var directory: String
    @Option(name: .long, help: "The roster file (default: the newest roster-*/roster.csv in the scenario folder).") var roster: String?
    @Option(name: .long, help: "Language of the text: en or zh-Hans (default: language in team.toml, else the locale's).", completion: .list(["en", "zh-Hans"])) var lang: String?
}

/// `roster export ical DIR [--agent ID | --all] --out FOLDER`.
struct ICalExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ical",
        abstract: "One RFC 5545 calendar (.ics) per agent and one for the team.",
        discussion: "Files: agent-<id>.ics for each agent and team.ics (with --all, the default), or one agent's file with --agent, and calendar-state.json, what the folder's calendars say. Export every version into the same folder: a later export updates moved shifts, cancels shifts that went away (also for agents who left) and adds new ones, whatever roster it comes from. Event UIDs come from calendar_id in team.toml (default: the scenario folder's name). File names made from agent ids never leave the folder."
    )

    @OptionGroup var common: ExportCommonOptions
    @Option(name: .long, help: "Only this agent (id or name).", completion: .custom(agentCompletions)) var agent: String?
    @Flag(name: .long, help: "Every agent and the team (the default).") var all = false
    @Option(name: .long, help: "Output folder.") var out: String
    @Flag(name: .long, help: "Also an all-day event for each run of leave days (later exports without --leave cancel them).") var leave = false

    func run() throws {
        if agent != nil && all {
            printError("error: choose --agent or --all, not both")
            throw ExitCode(2)
        }
        let target = try outputPath(out, option: "--out")
        let (context, rosterURL) = try loadRosterContext(directory: common.directory, roster: common.roster, lang: common.lang)
        // A re-rostered version carries what its chain's calendars say, for a folder that has no state yet.
        let versionState: CalendarState?
        do { versionState = try CalendarState.read(from: rosterURL.deletingLastPathComponent()) } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        let export = ICalendarExport(context: context, stamp: Date(), includeLeave: leave)
        let agents = try agent.map { q in [try orExit2 { () throws(OutputInputError) in try context.agent(matching: q) }] } ?? context.agents
        let written: ICalendarExport.Written
        do { written = try export.write(agents: agents, team: agent == nil, to: target, versionState: versionState) } catch {
            printError("error: \(error.description)")
            throw ExitCode(error.isWriteFailure ? 1 : 2)
        }
        for n in written.notes { printError(n) }
        let files = written.files
        print("written: \(files.count) calendar file(s) in \(out)" + (files.count <= 3 ? ": " + files.map(\.lastPathComponent).joined(separator: ", ") : ""))
        print("events: \(written.added) new, \(written.updated) updated, \(written.cancelled) cancelled (the folder's calendar-state.json remembers what its calendars say)")
    }
}

/// `roster export csv DIR [--bom] --out FILE`.
struct CSVExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "csv", abstract: "The roster as CSV (the columns of roster.csv).")

    @OptionGroup var common: ExportCommonOptions
    @Flag(name: .long, help: "Start with a UTF-8 byte-order mark (for Excel).") var bom = false
    @Flag(name: .long, help: "For Excel and payroll: local date and time in their own columns, paid hours, break minutes, night, weekend and holiday hours (UTF-8 with a byte-order mark).")
    var excel = false
    @Option(name: .long, help: "With --excel: the night window in local time, for night hours.") var night: String = "22:00-06:00"
    @Option(name: .long, help: "Output file ('-': standard output).") var out: String
    @Flag(name: .long, help: "Replace the output file if it exists.") var force = false

    func text(_ context: RosterContext) throws -> String {
        guard excel else { return CSVExport.render(context, byteOrderMark: bom) }
        guard let window = HoursReport.NightWindow(night) else {
            printError("error: --night: '\(night)' is not a window HH:MM-HH:MM (e.g. 22:00-06:00)")
            throw ExitCode(2)
        }
        return CSVExport.excel(context, night: window)
    }

    func run() throws {
        if out == "-" {
            let (context, _) = try loadRosterContext(directory: common.directory, roster: common.roster, lang: common.lang)
            print(try text(context), terminator: "")
            return
        }
        let target = try outputPath(out, option: "--out")
        try refuseToOverwrite(out, force: force)
        let (context, _) = try loadRosterContext(directory: common.directory, roster: common.roster, lang: common.lang)
        let body = try text(context)
        do { try AtomicFile.write(body, to: target) } catch {
            // The disk, not the input (a full disk, a folder that cannot be written): exit 1, nothing left behind.
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
        print("written: \(out) (\(context.roster.shifts.count) shifts)")
    }
}

/// `roster export text DIR --out FILE`.
struct TextExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "text", abstract: "A printable roster for the notice board (per week, fits A4 landscape).")

    @OptionGroup var common: ExportCommonOptions
    @Option(name: .long, help: "Output file ('-': standard output).") var out: String
    @Flag(name: .long, help: "Replace the output file if it exists.") var force = false

    func run() throws {
        if out == "-" {
            let (context, _) = try loadRosterContext(directory: common.directory, roster: common.roster, lang: common.lang)
            print(NoticeBoard(context: context).render(), terminator: "")
            return
        }
        let target = try outputPath(out, option: "--out")
        try refuseToOverwrite(out, force: force)
        let (context, _) = try loadRosterContext(directory: common.directory, roster: common.roster, lang: common.lang)
        do { try AtomicFile.write(NoticeBoard(context: context).render(), to: target) } catch {
            // The disk, not the input (a full disk, a folder that cannot be written): exit 1, nothing left behind.
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
        print("written: \(out)")
    }
}


/// An export never replaces an existing file (it may be a published roster) unless --force is given;
/// a folder is never replaced.
func refuseToOverwrite(_ path: String, force: Bool, option: String = "--out") throws {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return }
    if isDir.boolValue {
        printError("error: \(option): \(path) is a folder; give a file name")
        throw ExitCode(2)
    }
    if !force {
        printError("error: \(option): \(path) already exists; pass --force to replace it, or choose another file")
        throw ExitCode(2)
    }
}
