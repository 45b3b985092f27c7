import Foundation
import Testing

/// The command line itself: version, grouped help, a mistyped command, standard output for exports.
@Suite struct CommandLineTests {
    static let golden = RosterBinary.packageRoot.appendingPathComponent("Tests/RosterOutputTests/Golden/suzhou-96122-roster.csv").path

    @Test func versionNamesTheGLPKItRunsOn() throws {
        let run = try RosterBinary.run(["--version"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.range(of: #"^roster \S+ \(GLPK \d+\.\d+\)"#, options: .regularExpression) != nil, "\(run)")
    }

    @Test func helpGroupsTheCommandsByWhoUsesThem() throws {
        let run = try RosterBinary.run(["--help"])
        #expect(run.status == 0)
        let teamLeads = try #require(run.stdout.range(of: "TEAM LEADS") ?? run.stdout.range(of: "Team leads"), "\(run.stdout)")
        let agents = try #require(run.stdout.range(of: "AGENTS AND HR") ?? run.stdout.range(of: "Agents and HR"))
        let bench = try #require(run.stdout.range(of: "BENCHMARK") ?? run.stdout.range(of: "Benchmark"))
        #expect(teamLeads.lowerBound < agents.lowerBound && agents.lowerBound < bench.lowerBound)
        #expect(run.stdout[bench.lowerBound...].contains("nrp"))
    }

    @Test func completionOffersTheScenariosAgentIDsAndTheFormats() throws {
        // What the generated bash script asks the binary for when the user presses Tab after --agent.
        let run = try RosterBinary.run(["---completion", "show", "--", "--agent", "roster", "show", "rosters/suzhou-96122", "--agent"])
        #expect(run.status == 0, "\(run)")
        let ids = run.stdout.split(separator: "\n").map(String.init)
        #expect(ids.count == 50 && ids.first == "a01" && ids.last == "a50", "\(ids)")
        let script = try RosterBinary.run(["--generate-completion-script", "bash"])
        #expect(script.stdout.contains("---completion show -- --agent"))
        #expect(script.stdout.contains("'table'$'\\n''csv'$'\\n''json'"))   // --format values of roster hours
    }

    @Test func aMistypedCommandGetsTheNearestOne() throws {
        let run = try RosterBinary.run(["slove", "rosters/suzhou-96122"])
        #expect(run.status == 2)
        #expect(run.stderr == "error: unknown command 'slove'; did you mean 'solve'?\n", "\(run)")
        let far = try RosterBinary.run(["frobnicate"])
        #expect(far.status == 2 && far.stderr.contains("'roster --help' lists the commands"), "\(far)")
    }

    @Test func exportsWriteToStandardOutputWithADash() throws {
        let scenario = RosterBinary.packageRoot.appendingPathComponent("rosters/suzhou-96122").path
        let csv = try RosterBinary.run(["export", "csv", scenario, "--roster", Self.golden, "--out", "-"])
        #expect(csv.status == 0, "\(csv)")
        #expect(csv.stdout.hasPrefix("agent_id,"), "\(csv.stdout.prefix(200))")
        #expect(csv.stdout.split(whereSeparator: \.isNewline).count == 910)   // header + 909 shifts
        #expect(!FileManager.default.fileExists(atPath: RosterBinary.packageRoot.appendingPathComponent("-").path))
        let text = try RosterBinary.run(["export", "text", scenario, "--roster", Self.golden, "--out", "-"])
        #expect(text.status == 0 && text.stdout.contains("roster, week of 2027-03-15"), "\(text.stderr)")
        // Where a folder is written, '-' is refused.
        let ical = try RosterBinary.run(["export", "ical", scenario, "--roster", Self.golden, "--out", "-"])
        #expect(ical.status == 2 && ical.stderr.contains("'-' (standard output) is not possible here"), "\(ical)")
    }
}
