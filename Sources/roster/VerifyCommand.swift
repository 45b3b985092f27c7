import ArgumentParser
import Foundation
import RosterCore
import RosterModel
import RosterOutput

/// `roster verify DIR ROSTER`: check every hard rule of the scenario on a roster file.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-verify every hard rule of a scenario on a roster (roster.csv or its version folder).",
        discussion: """
        A version is checked with the inputs it was made from (its input.* files). A re-rostered version \
        (version.json) is judged as 'roster resolve' judged it: its new staff were not available before the \
        cut-off, and rules broken wholly before the cut-off lie in shifts kept as published — listed, but \
        not counted against it.
        Exit status: 0 when no rule is broken, 1 when one is (each is printed), 2 for bad input.
        """
    )

    @Argument(help: "The scenario folder.") var directory: String
    @Argument(help: "The roster file (roster.csv as written by 'roster solve'), or its version folder.") var rosterFile: String
    @Option(name: .long, help: "Language of the broken rules: en or zh-Hans (default: language in team.toml, else the locale's).", completion: .list(["en", "zh-Hans"]))
    var lang: String?

    func run() throws {
        let url = rosterFileURL(rosterFile)
        var scenario = try loadScenario(directory, forRosterAt: url).scenario
        let language = try chosenLanguage(lang, scenario: scenario)
        let zh = language == .simplifiedChinese
        let roster: Roster
        do {
            roster = try RosterLocator.load(url, scenario: scenario)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
        // A re-rostered version: judged by the scenario it was re-rostered in.
        var cutoff: Date? = nil
        if let info = VersionInfo.read(from: url.deletingLastPathComponent()),
           let at = ISO8601DateFormatter().date(from: info.cutoffText) {
            cutoff = at
            scenario = Reroster.scenario(scenario, newStaff: info.newStaff ?? [], cutoff: at)
        }
        let result = RosterChecker(scenario: FeasibilityAnalysis.inHorizon(scenario)).check(roster)
        var counted = result.violations
        if let cutoff {
            let (past, open) = Reroster.partition(result.violations, cutoff: scenario.team.clock.localDateTime(of: cutoff).date)
            let at = scenario.team.clock.iso8601(cutoff)
            for v in past { print((zh ? "按已发布保留（截止时间 \(at) 之前）：" : "kept as published (before the cut-off \(at)): ") + v.description(in: language)) }
            counted = open
        }
        let (_, required) = requirement(of: scenario)
        let coverage = CoverageReport(scenario: scenario, requirement: required, roster: roster)
        for v in counted { print((zh ? "违反：" : "violation: ") + v.description(in: language)) }
        print(String(format: zh ? "%@：%d 个班次，违反硬性规则 %d 处；缺口 %.1f 人时，涉及 %d 个时段"
                                : "%@: %d shifts, %d hard-rule violation(s); shortfall %.1f agent-hours in %d intervals",
                     rosterFile, roster.shifts.count, counted.count, coverage.shortfallAgentHours,
                     coverage.intervalsBelowRequirement))
        if !counted.isEmpty { throw ExitCode(1) }
    }
}

/// The roster.csv a path names: the file itself, or the roster.csv inside a version folder.
func rosterFileURL(_ path: String) -> URL {
    let url = URL(fileURLWithPath: path)
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
        return url.appendingPathComponent("roster.csv")
    }
    return url
}
