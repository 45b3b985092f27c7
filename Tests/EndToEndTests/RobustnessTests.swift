import Foundation
import Testing

/// Issue 8, through the built binary: usage errors, interruption, time limits, conflicts, hostile names,
/// overwriting and absurd sizes never cost a roster or crash the tool.
@Suite(.serialized) struct RobustnessTests {
    static let scenario = RosterBinary.packageRoot.appendingPathComponent("rosters/suzhou-96122").path
    static let rosterFile = RosterBinary.packageRoot.appendingPathComponent("Tests/RosterOutputTests/Golden/suzhou-96122-roster.csv").path

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A running `roster solve` whose standard error can be watched and which can be sent signals.
    final class Running {
        let process = Process()
        let errURL: URL
        let outURL: URL
        let started = Date()
        private var locked = true

        init(_ arguments: [String], in folder: URL) throws {
            RosterBinary.solveLock.lock()
            errURL = folder.appendingPathComponent("stderr.txt")
            outURL = folder.appendingPathComponent("stdout.txt")
            FileManager.default.createFile(atPath: errURL.path, contents: nil)
            FileManager.default.createFile(atPath: outURL.path, contents: nil)
            process.executableURL = try RosterBinary.locate()
            process.arguments = arguments
            process.currentDirectoryURL = RosterBinary.packageRoot
            process.standardError = try FileHandle(forWritingTo: errURL)
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardInput = FileHandle.nullDevice
            do { try process.run() } catch { release(); throw error }
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
            release()
        }

        private func release() {
            if locked { locked = false; RosterBinary.solveLock.unlock() }
        }

        var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }
        var stdout: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }

        /// Waits until standard error contains `text` (true) or `seconds` pass or the process ends (false).
        func wait(for text: String, seconds: Double) -> Bool {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end, process.isRunning {
                if stderr.contains(text) { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return stderr.contains(text)
        }

        /// Waits for the end; returns the seconds waited, or nil (and kills the process) after `timeout`.
        func waitForExit(timeout: Double) -> Double? {
            let from = Date()
            while process.isRunning {
                if Date().timeIntervalSince(from) > timeout {
                    kill(process.processIdentifier, SIGKILL)
                    process.waitUntilExit()
                    release()
                    return nil
                }
                Thread.sleep(forTimeInterval: 0.01)
            }
            process.waitUntilExit()
            release()
            return Date().timeIntervalSince(from)
        }

        var status: Int32 {
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        }
    }

    // MARK: Interruption

    @Test func ctrlCDuringTheImprovePhaseWritesTheBestRosterMarkedInterrupted() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("roster")
        let run = try Running(["solve", Self.scenario, "--time-limit", "120", "--out", out.path], in: dir)
        // Wait for a progress line of the improve phase (a debug build on a busy machine may need a while: its
        // priced construction alone can take half a minute when the shift counts came only rounded).
        #expect(run.wait(for: "fix-and-optimize", seconds: 100), "\(run.stderr)")
        #expect(run.process.isRunning, "the solve ended before it could be interrupted: \(run.stderr)")
        kill(run.process.processIdentifier, SIGINT)
        let waited = run.waitForExit(timeout: 20)
        #expect(waited != nil && waited! < 5, "stopped after \(waited ?? -1) s")
        #expect(run.status == 0 || run.status == 1, "exit \(run.status)\n\(run.stderr)")
        #expect(run.stderr.contains("stopping: writing the best roster found so far"))

        let csv = out.appendingPathComponent("roster.csv")
        #expect(FileManager.default.fileExists(atPath: csv.path))
        let report = try String(contentsOf: out.appendingPathComponent("report.txt"), encoding: .utf8)
        #expect(report.contains("interrupted"), "\(report)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("roster.json"))) as? [String: Any]
        let inner = try #require(json?["report"] as? [String: Any])
        #expect(inner["interrupted"] as? Bool == true)
        #expect((inner["status"] as? String)?.hasPrefix("interrupted") == true)
        // Nothing half-written is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)

        // `roster verify` reads it and agrees with the solve's own account: 0 when it breaks no hard rule,
        // 1 (with each violation named) when stopping early left one broken.
        let verify = try RosterBinary.run(["verify", Self.scenario, csv.path])
        #expect(!verify.crashed)
        #expect(verify.status == run.status, "verify and solve disagree: \(verify)")
        #expect(verify.status != 2, "\(verify)")
        #expect(verify.stdout.contains("hard-rule violation(s)"))
    }

    @Test func aSecondSignalExitsAtOnceWith130() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("roster")
        let run = try Running(["solve", Self.scenario, "--time-limit", "120", "--out", out.path], in: dir)
        #expect(run.wait(for: "solving:", seconds: 30), "\(run.stderr)")
        Thread.sleep(forTimeInterval: 1)
        kill(run.process.processIdentifier, SIGTERM)
        Thread.sleep(forTimeInterval: 0.05)
        kill(run.process.processIdentifier, SIGTERM)
        let waited = run.waitForExit(timeout: 20)
        #expect(waited != nil && waited! < 3, "exited after \(waited ?? -1) s")
        #expect(run.status == 130, "exit \(run.status)\n\(run.stderr)")
        // Interrupted twice: nothing is written (and no half-written file either).
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("roster.csv").path))
    }

    @Test func sigtermInTheFirstPhaseStillWritesARoster() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("roster")
        let run = try Running(["solve", Self.scenario, "--time-limit", "120", "--out", out.path], in: dir)
        #expect(run.wait(for: "shift counts", seconds: 30), "\(run.stderr)")
        kill(run.process.processIdentifier, SIGTERM)
        let waited = run.waitForExit(timeout: 30)
        #expect(waited != nil && waited! < 8, "stopped after \(waited ?? -1) s\n\(run.stderr)")
        #expect(run.status == 0 || run.status == 1, "exit \(run.status)\n\(run.stderr)")
        let report = try String(contentsOf: out.appendingPathComponent("report.txt"), encoding: .utf8)
        #expect(report.contains("interrupted"))
    }

    // MARK: Time limit

    @Test func aTimeLimitOfThreeSecondsIsHonoured() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try RosterBinary.run(["solve", Self.scenario, "--time-limit", "3", "--out", dir.appendingPathComponent("r").path], timeout: 60)
        #expect(!run.crashed, "\(run)")
        #expect(run.status == 0 || run.status == 1, "\(run)")
        // The solve itself (one budget for every phase) ends within a few seconds of its limit, in a debug
        // build on a loaded machine; loading, the model build and writing come on top (generous bound).
        let document = try Data(contentsOf: dir.appendingPathComponent("r/roster.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: document) as? [String: Any])
        let report = try #require(json["report"] as? [String: Any])
        let solveSeconds = try #require(report["seconds"] as? Double)
        #expect(solveSeconds <= 3 + 3, "the solve took \(solveSeconds) s for a 3-s limit")
        #expect(run.seconds < 30, "the command took \(run.seconds) s")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("r/roster.csv").path))
    }

    // MARK: Exit codes

    @Test func usageErrorsExitWithTwoAndHelpWithZero() throws {
        let cases: [[String]] = [
            ["frobnicate"], ["solve"], ["solve", Self.scenario, "--time-limit", "abc"], ["solve", Self.scenario, "--time-limit", "nan"],
            ["solve", Self.scenario, "--time-limit", "1e300"], ["solve", Self.scenario, "--gap", "inf"], ["solve", Self.scenario, "--seed", "-1"],
            ["solve", Self.scenario, "--no-such-flag"], ["check"], ["verify", Self.scenario], ["export", "pdf", Self.scenario],
            ["erlang", "--calls", "1e999", "--aht", "180"], ["staffing", Self.scenario, "--format", "xml"],
            ["show", Self.scenario, "--date", "2027-03-16", "--now"],
        ]
        for args in cases {
            let run = try RosterBinary.run(args)
            #expect(run.status == 2, "\(args): \(run)")
            #expect(!run.crashed, "\(args): \(run)")
            #expect(!run.stderr.isEmpty, "\(args): no message")
        }
        for args in [[], ["--help"], ["solve", "--help"], ["export"], ["export", "ical", "--help"]] {
            let run = try RosterBinary.run(args)
            #expect(run.status == 0, "\(args): \(run)")
            #expect(run.stdout.contains("USAGE") || run.stdout.contains("Usage"), "\(args): \(run)")
        }
    }

    // MARK: Bad input, no partial output

    @Test func badScenarioLeavesNoOutputAndNamesFileAndLine() throws {
        let copy = try RosterBinary.copyOfScenario("suzhou-96122")
        defer { try? FileManager.default.removeItem(at: copy) }
        var agents = try String(contentsOf: copy.appendingPathComponent("agents.csv"), encoding: .utf8)
        agents = agents.replacingOccurrences(of: "a02,王丽,32,40", with: "a02,王丽,NaN,1e308")
        try agents.write(to: copy.appendingPathComponent("agents.csv"), atomically: true, encoding: .utf8)
        let out = copy.appendingPathComponent("out")
        for command in [["check", copy.path], ["staffing", copy.path], ["solve", copy.path, "--out", out.path],
                        ["verify", copy.path, Self.rosterFile], ["show", copy.path, "--roster", Self.rosterFile],
                        ["coverage", copy.path, "--roster", Self.rosterFile], ["export", "text", copy.path, "--roster", Self.rosterFile, "--out", out.appendingPathComponent("t.txt").path]] {
            let run = try RosterBinary.run(command)
            #expect(run.status == 2, "\(command): \(run)")
            #expect(!run.crashed)
            #expect(run.output.contains("agents.csv:3: field 'min_hours_per_week'"), "\(command): \(run)")
            #expect(run.output.contains("agents.csv:3: field 'max_hours_per_week'"), "\(command): \(run)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func outputFolderThatIsAFileIsRefusedBeforeSolving() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("taken")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let run = try RosterBinary.run(["solve", Self.scenario, "--out", file.path])
        #expect(run.status == 2 && run.stderr.contains("is a file, not a folder"), "\(run)")
        #expect(run.seconds < 10)
    }

    @Test func exportsNeverOverwriteWithoutForce() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let published = dir.appendingPathComponent("roster.csv")
        try FileManager.default.copyItem(atPath: Self.rosterFile, toPath: published.path)
        let before = try Data(contentsOf: published)
        for kind in ["csv", "text"] {
            let run = try RosterBinary.run(["export", kind, Self.scenario, "--roster", Self.rosterFile, "--out", published.path])
            #expect(run.status == 2 && run.stderr.contains("--force"), "\(kind): \(run)")
            #expect(try Data(contentsOf: published) == before)
        }
        let svg = try RosterBinary.run(["coverage", Self.scenario, "--roster", Self.rosterFile, "--svg", published.path])
        #expect(svg.status == 2 && svg.stderr.contains("--force"), "\(svg)")
        #expect(try Data(contentsOf: published) == before)
        let forced = try RosterBinary.run(["export", "text", Self.scenario, "--roster", Self.rosterFile, "--out", published.path, "--force"])
        #expect(forced.status == 0, "\(forced)")
        #expect(try Data(contentsOf: published) != before)
    }

    // MARK: Hostile names

    @Test func hostileAgentIdsCannotEscapeTheCalendarFolder() throws {
        let copy = try RosterBinary.copyOfScenario("suzhou-96122")
        defer { try? FileManager.default.removeItem(at: copy) }
        // Ids with control or invisible characters break the one rule for ids: check names each.
        let original = try String(contentsOf: copy.appendingPathComponent("agents.csv"), encoding: .utf8)
        let refused = ["a\u{7}b\u{1B}[31m", "\u{202E}fdp.exe", "zero\u{200B}width"]
        try (original + refused.enumerated().map { "\"\($1)\",\"refused \($0)\",,,,yes,\n" }.joined())
            .write(to: copy.appendingPathComponent("agents.csv"), atomically: true, encoding: .utf8)
        let refusedCheck = try RosterBinary.run(["check", copy.path])
        #expect(refusedCheck.status == 2 && !refusedCheck.crashed, "\(refusedCheck)")
        for line in 52...54 {
            #expect(refusedCheck.output.contains("agents.csv:\(line): field 'id': an id must not contain"), "\(refusedCheck)")
        }
        // Ids with path characters are valid ids: their calendar files must stay in the folder.
        let hostile = ["../../escaped", "..", "/etc/passwd", ".hidden", "-rf", "x/../../y", "C:\\evil",
                       String(repeating: "長", count: 60), "=cmd|'/C_calc'!A0"]
        var agents = original
        for (i, id) in hostile.enumerated() {
            agents += "\"\(id)\",\"\(id) name \(i)\",,,,yes,\n"
        }
        try agents.write(to: copy.appendingPathComponent("agents.csv"), atomically: true, encoding: .utf8)
        let check = try RosterBinary.run(["check", copy.path])
        #expect(!check.crashed && check.status == 0, "\(check)")
        // A roster with one shift for each hostile agent.
        var csv = "agent_id,agent_name,date,start,end,shift,break_start,break_end\r\n"
        for (i, id) in hostile.enumerated() {
            let day = String(format: "2027-03-%02d", 15 + i % 7)
            csv += "\"\(id)\",x,\(day),\(day)T08:00:00+08:00,\(day)T16:00:00+08:00,day,\(day)T12:00:00+08:00,\(day)T13:00:00+08:00\r\n"
        }
        let roster = copy.appendingPathComponent("hostile.csv")
        try csv.write(to: roster, atomically: true, encoding: .utf8)
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("deep/calendars")
        let run = try RosterBinary.run(["export", "ical", copy.path, "--roster", roster.path, "--all", "--out", out.path])
        #expect(run.status == 0, "\(run)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(files.count == 50 + hostile.count + 2, "\(files)")   // + team.ics and calendar-state.json
        for f in files {
            #expect(!f.hasPrefix(".") && !f.hasPrefix("-") && !f.contains("/") && !f.contains(".."), "\(f)")
            #expect(f.utf8.count <= 80, "\(f)")
            #expect(!f.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(f)")
        }
        // Nothing outside the output folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["deep"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.appendingPathComponent("deep").path) == ["calendars"])
    }

    // MARK: Conflicts

    @Test func checkAndSolveExplainARuleNoRosterCanKeep() throws {
        let copy = try RosterBinary.copyOfScenario("suzhou-96122")
        defer { try? FileManager.default.removeItem(at: copy) }
        // a05 may work only 20 h a week, but every agent must work at least 24; and a pin inside a04's leave.
        var agents = try String(contentsOf: copy.appendingPathComponent("agents.csv"), encoding: .utf8)
        let line = try #require(agents.split(separator: "\n").first { $0.hasPrefix("a05,") })
        agents = agents.replacingOccurrences(of: String(line), with: "a05,Five,,20,consult,yes,")
        try agents.write(to: copy.appendingPathComponent("agents.csv"), atomically: true, encoding: .utf8)
        var pinned = try String(contentsOf: copy.appendingPathComponent("pinned.csv"), encoding: .utf8)
        pinned += "a04,2027-03-23,day,08:00,540,pinned into annual leave\n"
        try pinned.write(to: copy.appendingPathComponent("pinned.csv"), atomically: true, encoding: .utf8)

        let check = try RosterBinary.run(["check", copy.path])
        #expect(check.status == 2, "\(check)")
        #expect(check.stdout.contains("conflict: agents.csv:6: agent a05 can work at most 5 day(s) in the week of 2027-03-15"), "\(check)")
        #expect(check.stdout.contains("= 16 h, but must work 24 h (min_hours_per_week 24): lower min_hours_per_week in team.toml [rules] to 16, or give them their own in agents.csv, or raise their max_hours_per_week in agents.csv to 24"), "\(check)")
        #expect(check.stdout.contains("conflict: pinned.csv:4: the pinned day shift of a04 on 2027-03-23"), "\(check)")
        #expect(check.stdout.contains("failed: ") && check.stdout.contains("5 conflict(s)"), "\(check)")

        // The same conflicts in Chinese, the file and field names as written.
        let checkZH = try RosterBinary.run(["check", copy.path, "--lang", "zh-Hans"])
        #expect(checkZH.status == 2, "\(checkZH)")
        #expect(checkZH.stdout.contains("冲突：agents.csv:6：坐席 a05 在 2027-03-15 这一周最多能工作 5 天"), "\(checkZH)")
        #expect(checkZH.stdout.contains("未通过：") && checkZH.stdout.contains("5 个冲突"), "\(checkZH)")

        // Solved with a Chinese report: the solver's and the checker's own sentences are Chinese too;
        // roster.json keeps the English in its plain fields and the Chinese beside them.
        let out = copy.appendingPathComponent("out")
        let solve = try RosterBinary.run(["solve", copy.path, "--time-limit", "8", "--out", out.path, "--lang", "zh-Hans"], timeout: 90)
        #expect(!solve.crashed, "\(solve)")
        #expect(solve.status == 1, "\(solve)")
        #expect(solve.stderr.contains("冲突：agents.csv:6：坐席 a05"), "\(solve)")
        #expect(solve.stderr.contains("仍然求解"), "\(solve)")
        #expect(solve.stdout.contains("求解前发现 5 条任何排班都无法满足的规则"), "\(solve)")
        #expect(solve.stdout.contains("[每周工时] a05 2027-03-15：") && solve.stdout.contains("源于冲突"), "\(solve)")
        #expect(solve.stdout.contains("已到时限") || solve.stdout.contains("已证明最优") || solve.stdout.contains("已达到差距目标"), "\(solve)")
        for english in ["time limit reached", "relaxation", "column generation", "in the week of", "agents on the line", "conflict:"] {
            #expect(!solve.stdout.contains(english), "'\(english)' in \(solve.stdout)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("roster.json"))) as? [String: Any]
        let report = try #require(json?["report"] as? [String: Any])
        let violations = try #require(report["violations"] as? [String])
        let causes = try #require(report["violationConflicts"] as? [Any])
        let pin = try #require(violations.firstIndex { $0.hasPrefix("[pinned shift] a04 2027-03-23") }, "\(violations.prefix(5))")
        #expect(causes[pin] as? Int == 1)
        #expect((report["conflicts"] as? [String])?.count == 5)
        let chinese = try #require((report["translations"] as? [String: Any])?["zh-Hans"] as? [String: Any])
        let violationsZH = try #require(chinese["violations"] as? [String])
        #expect(violationsZH.count == violations.count && violationsZH[pin].hasPrefix("[固定班次] a04 2027-03-23："), "\(violationsZH.prefix(3))")
        #expect((chinese["conflicts"] as? [String])?.count == 5)
        let verify = try RosterBinary.run(["verify", copy.path, out.appendingPathComponent("roster.csv").path])
        #expect(verify.status == 1 && verify.stdout.contains("[pinned shift] a04 2027-03-23"), "\(verify)")
        let verifyZH = try RosterBinary.run(["verify", copy.path, out.appendingPathComponent("roster.csv").path, "--lang", "zh-Hans"])
        #expect(verifyZH.status == 1 && verifyZH.stdout.contains("违反：[固定班次] a04 2027-03-23：缺少固定班次 day（08:00）"), "\(verifyZH)")
    }

    @Test func theBundledScenariosCheckCleanWithoutConflicts() throws {
        for name in ["rosters/suzhou-96122", "rosters/suzhou-96122-surge"] {
            let run = try RosterBinary.run(["check", name])
            #expect(run.status == 0 && !run.stdout.contains("conflict:"), "\(run)")
        }
    }

    // MARK: Limits

    @Test func absurdSizesAreRefusedWithAMessage() throws {
        let copy = try RosterBinary.copyOfScenario("suzhou-96122")
        defer { try? FileManager.default.removeItem(at: copy) }
        let team = copy.appendingPathComponent("team.toml")
        let original = try String(contentsOf: team, encoding: .utf8)
        func run(_ replace: String, with: String, expect message: String) throws {
            try original.replacingOccurrences(of: replace, with: with).write(to: team, atomically: true, encoding: .utf8)
            let r = try RosterBinary.run(["solve", copy.path, "--time-limit", "2", "--out", copy.appendingPathComponent("o").path], timeout: 60)
            #expect(r.status == 2 && r.stderr.contains(message), "\(with): \(r)")
            #expect(r.seconds < 20, "\(with): took \(r.seconds) s")
        }
        try run("days = 28 ", with: "days = 18263 ", expect: "must be between 1 and 400 days")                 // 50 years
        try run("interval_minutes = 30", with: "interval_minutes = 1", expect: "must be 15, 30 or 60")
        try run("days = 28 ", with: "days = 99999999999999999999 ", expect: "team.toml")
        // 100,000 agents.
        try original.write(to: team, atomically: true, encoding: .utf8)
        var rows = "id,name\n"
        for i in 0..<100_000 { rows += "x\(i),Agent \(i)\n" }
        try rows.write(to: copy.appendingPathComponent("agents.csv"), atomically: true, encoding: .utf8)
        let many = try RosterBinary.run(["check", copy.path], timeout: 60)
        #expect(many.status == 2 && many.stdout.contains("too many agents: at most 20000"), "\(many.stdout.prefix(500))")
        #expect(many.seconds < 20)
    }
}
