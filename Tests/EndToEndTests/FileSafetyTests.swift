import Foundation
import Testing

/// Issue 19, through the built binary: concurrent runs, kill -9 between the renames of a version, a full
/// disk, a closed pipe, every real time zone, formula-looking ids, broken links and odd `--out` paths never
/// lose or tear a roster.
@Suite(.serialized) struct FileSafetyTests {
    /// What a complete version of the bundled scenario holds: the roster, its report and the inputs it was made from.
    static let versionFiles = ["input.agents.csv", "input.availability.csv", "input.forecast.csv", "input.team.toml",
                               "inputs.json", "report.txt", "roster.csv", "roster.json"]
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The bundled scenario cut to ten days from 2027-03-26 (they hold the clock changes of America/Nuuk,
    /// America/Santiago and Australia/Lord_Howe), without its pinned shifts, in `zone`.
    func shortScenario(zone: String = "Asia/Shanghai") throws -> URL {
        let dir = try RosterBinary.copyOfScenario("suzhou-96122")
        try? FileManager.default.removeItem(at: dir.appendingPathComponent("pinned.csv"))
        let team = dir.appendingPathComponent("team.toml")
        var text = try String(contentsOf: team, encoding: .utf8)
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("time_zone") { return "time_zone = \"\(zone)\"" }
            if line.hasPrefix("start_date") { return "start_date = 2027-03-26" }
            if line.hasPrefix("days") { return "days = 10" }
            return String(line)
        }.joined(separator: "\n")
        try text.write(to: team, atomically: true, encoding: .utf8)
        return dir
    }

    func bytes(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in ["roster.csv", "roster.json", "report.txt"] { out[name] = try Data(contentsOf: folder.appendingPathComponent(name)) }
        return out
    }

    func entries(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    // MARK: Time zones

    /// Every listed zone passes `check` with no conflict and `solve` with no broken rule, the roster passing
    /// `verify`; America/Nuuk's change at midnight gets no false floor conflict.
    @Test(arguments: ["Asia/Kolkata", "Asia/Kathmandu", "Etc/UTC", "Etc/GMT-8", "America/Nuuk", "America/Scoresbysund",
                      "America/Santiago", "Australia/Lord_Howe"])
    func everyRealZonePassesCheckAndSolve(zone: String) throws {
        let scenario = try shortScenario(zone: zone)
        defer { try? FileManager.default.removeItem(at: scenario) }
        let check = try RosterBinary.run(["check", scenario.path])
        #expect(check.status == 0 && !check.output.contains("conflict"), "\(check)")
        let out = scenario.appendingPathComponent("out")
        let solve = try RosterBinary.run(["solve", scenario.path, "--time-limit", "4", "--out", out.path])
        #expect(solve.status == 0, "\(solve)")
        #expect(solve.stdout.contains("hard-rule violations 0"))
        let verify = try RosterBinary.run(["verify", scenario.path, out.appendingPathComponent("roster.csv").path])
        #expect(verify.status == 0 && verify.stdout.contains("0 hard-rule violation(s)"), "\(verify)")
    }

    // MARK: Concurrent runs

    /// A `roster` process started without waiting, its output in files.
    final class Spawned {
        let process = Process()
        let errURL: URL
        init(_ arguments: [String], in folder: URL, tag: String) throws {
            errURL = folder.appendingPathComponent("\(tag).err")
            FileManager.default.createFile(atPath: errURL.path, contents: nil)
            process.executableURL = try RosterBinary.locate()
            process.arguments = arguments
            process.standardError = try FileHandle(forWritingTo: errURL)
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }
        func wait(for text: String, seconds: Double) -> Bool {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end, process.isRunning, !stderr.contains(text) { Thread.sleep(forTimeInterval: 0.02) }
            return stderr.contains(text)
        }
        func finish() -> Int32 { process.waitUntilExit(); return process.terminationStatus }
    }

    /// Two solves of one scenario at once: two complete versions in two folders. Two with the same `--out`:
    /// the second is refused at once (exit 2) and the first completes.
    @Test func concurrentSolvesNeverShareAFolder() throws {
        let scenario = try shortScenario()
        let logs = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scenario); try? FileManager.default.removeItem(at: logs) }
        RosterBinary.solveLock.lock()
        let a = try Spawned(["solve", scenario.path, "--time-limit", "3"], in: logs, tag: "a")
        let b = try Spawned(["solve", scenario.path, "--time-limit", "3"], in: logs, tag: "b")
        let statuses = [a.finish(), b.finish()]
        RosterBinary.solveLock.unlock()
        #expect(statuses == [0, 0], "\(a.stderr)\n\(b.stderr)")
        let versions = entries(scenario).filter { $0.hasPrefix("roster-") }
        #expect(versions.count == 2, "\(versions)")
        for v in versions {
            let folder = scenario.appendingPathComponent(v)
            #expect(entries(folder) == Self.versionFiles)
            let verify = try RosterBinary.run(["verify", scenario.path, folder.appendingPathComponent("roster.csv").path])
            #expect(verify.status == 0, "\(verify)")
        }

        let out = logs.appendingPathComponent("same")
        RosterBinary.solveLock.lock()
        let first = try Spawned(["solve", scenario.path, "--time-limit", "4", "--out", out.path], in: logs, tag: "first")
        #expect(first.wait(for: "solving:", seconds: 60))
        let second = try Spawned(["solve", scenario.path, "--time-limit", "4", "--out", out.path, "--force"], in: logs, tag: "second")
        let refused = second.finish()
        let done = first.finish()
        RosterBinary.solveLock.unlock()
        #expect(refused == 2 && second.stderr.contains("another roster run is writing into \(out.path)"), "\(second.stderr)")
        #expect(done == 0)
        #expect(entries(out) == Self.versionFiles)
    }

    // MARK: kill -9 between renames

    /// A version replaced with `--force` and killed (SIGKILL) after 0, 1, 2 or all 3 renames: the next
    /// command to read it finds the previous version complete, byte for byte, and nothing else in the folder.
    /// A new dated version killed the same way never becomes the default.
    @Test func killedBetweenRenamesLeavesTheOldVersionWhole() throws {
        let scenario = try shortScenario()
        defer { try? FileManager.default.removeItem(at: scenario) }
        let out = scenario.appendingPathComponent("kept")
        let base = try RosterBinary.run(["solve", scenario.path, "--time-limit", "3", "--out", out.path])
        #expect(base.status == 0, "\(base)")
        let before = try bytes(out)
        for n in 0...3 {
            let killed = try RosterBinary.run(["solve", scenario.path, "--time-limit", "2", "--seed", "\(n + 2)", "--out", out.path, "--force"],
                                              environment: ["ROSTER_FAULT_AFTER_RENAMES": "\(n)"])
            #expect(killed.status == 128 + 9, "after \(n) renames: \(killed)")
            let show = try RosterBinary.run(["show", scenario.path, "--roster", out.path, "--agent", "a05"])
            #expect(show.status == 0, "\(show)")
            #expect(show.stderr.contains("rolled back"))
            #expect(try bytes(out) == before, "after \(n) renames the version is not the previous one")
            #expect(entries(out) == Self.versionFiles)
        }
        // In the scenario's own versions: one complete version, then one killed after two renames.
        let first = try RosterBinary.run(["solve", scenario.path, "--time-limit", "3"])
        #expect(first.status == 0)
        Thread.sleep(forTimeInterval: 1.1)   // the next version gets a later name
        let killed = try RosterBinary.run(["solve", scenario.path, "--time-limit", "2"], environment: ["ROSTER_FAULT_AFTER_RENAMES": "2"])
        #expect(killed.status == 128 + 9)
        let versions = try RosterBinary.run(["versions", scenario.path])
        #expect(versions.stdout.split(separator: "\n").filter { $0.hasPrefix("roster-") }.count == 1, "\(versions)")
        let torn = entries(scenario).filter { $0.hasPrefix("roster-") }.sorted().last!
        #expect(entries(scenario.appendingPathComponent(torn)).isEmpty, "the cut-short version was not rolled back")
    }

    /// A version whose solve was interrupted (Ctrl-C) is listed and marked, but never the default.
    @Test func anInterruptedVersionIsNeverTheDefault() throws {
        let scenario = try shortScenario()
        defer { try? FileManager.default.removeItem(at: scenario) }
        let solve = try RosterBinary.run(["solve", scenario.path, "--time-limit", "3"])
        #expect(solve.status == 0)
        let complete = entries(scenario).first { $0.hasPrefix("roster-") }!
        // A later version marked interrupted, as a Ctrl-C in the first second leaves it.
        let later = scenario.appendingPathComponent("roster-29990101-000000")
        try FileManager.default.copyItem(at: scenario.appendingPathComponent(complete), to: later)
        let json = later.appendingPathComponent("roster.json")
        var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        var report = try #require(document["report"] as? [String: Any])
        report["interrupted"] = true
        document["report"] = report
        try JSONSerialization.data(withJSONObject: document).write(to: json)
        let show = try RosterBinary.run(["show", scenario.path, "--agent", "a05"])
        #expect(show.status == 0)
        #expect(show.stderr.contains("skipping roster-29990101-000000: its solve was interrupted"), "\(show)")
        let versions = try RosterBinary.run(["versions", scenario.path])
        #expect(versions.stdout.contains("interrupted: not used by default"))
    }

    // MARK: Full disk

    /// Whether this machine lets a test mount a small tmpfs: as root, or in a user namespace (`unshare`).
    static let tmpfsMount: [String]? = {
        for prefix in [["unshare", "--user", "--map-root-user", "--mount"], ["unshare", "--mount"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = prefix + ["sh", "-c", "d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs \"$d\""]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { continue }
            p.waitUntilExit()
            if p.terminationStatus == 0 { return prefix }
        }
        return nil
    }()

    /// `--out` on a 200 KB tmpfs (150 KB of it already taken): `solve` and `export ical` exit 1 naming the
    /// file and the OS error, and leave nothing behind — no temporary file, no new folder.
    @Test(.enabled(if: tmpfsMount != nil, "mounting a tmpfs needs root or user namespaces"))
    func aFullDiskGivesExitOneAndNoLeftovers() throws {
        let prefix = try #require(Self.tmpfsMount)
        let scenario = try RosterBinary.copyOfScenario("suzhou-96122")
        let mountPoint = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scenario); try? FileManager.default.removeItem(at: mountPoint) }
        let binary = try RosterBinary.locate().path
        let golden = RosterBinary.packageRoot.appendingPathComponent("Tests/RosterOutputTests/Golden/suzhou-96122-roster.csv").path
        let script = """
        mount -t tmpfs -o size=200k tmpfs "$1" || exit 99
        head -c 153600 /dev/zero > "$1/filler"
        "$2" solve "$3" --time-limit 3 --out "$1" > /dev/null 2> "$5/solve.err"; echo "solve=$?"
        "$2" solve "$3" --time-limit 3 --out "$1/new" > /dev/null 2>> "$5/solve.err"; echo "solve-new=$?"
        "$2" export ical "$3" --roster "$4" --out "$1/cal" > /dev/null 2> "$5/ical.err"; echo "ical=$?"
        "$2" export csv "$3" --roster "$4" --out "$1/roster.csv" > /dev/null 2> "$5/csv.err"; echo "csv=$?"
        echo "left:"; ls -A "$1"
        """
        let logs = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: logs) }
        RosterBinary.solveLock.lock()
        defer { RosterBinary.solveLock.unlock() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = prefix + ["sh", "-c", script, "sh", mountPoint.path, binary, scenario.path, golden, logs.path]
        let outURL = logs.appendingPathComponent("out")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let out = try String(contentsOf: outURL, encoding: .utf8)
        for line in ["solve=1", "solve-new=1", "ical=1", "csv=1"] { #expect(out.contains(line), "\(out)") }
        let left = out.components(separatedBy: "left:\n").last?.split(separator: "\n").map(String.init) ?? []
        #expect(left == ["filler"], "left behind: \(left)")
        let solveErr = try String(contentsOf: logs.appendingPathComponent("solve.err"), encoding: .utf8)
        #expect(solveErr.contains("error: cannot write \(mountPoint.path)/roster") && solveErr.contains("space"), "\(solveErr)")
        let icalErr = try String(contentsOf: logs.appendingPathComponent("ical.err"), encoding: .utf8)
        #expect(icalErr.contains("\(mountPoint.path)/cal/") && icalErr.contains("space"), "\(icalErr)")
    }

    // MARK: Pipes

    /// `roster solve … | head -1` (standard output and standard error closed early): the roster is still
    /// written and the run ends with the documented status, not SIGPIPE.
    @Test func aClosedPipeDoesNotStopTheSolve() throws {
        let scenario = try shortScenario()
        defer { try? FileManager.default.removeItem(at: scenario) }
        let binary = try RosterBinary.locate().path
        for (tag, redirect) in [("stdout", ""), ("both", "2>&1")] {
            let out = scenario.appendingPathComponent("out-\(tag)")
            let status = scenario.appendingPathComponent("status-\(tag)")
            RosterBinary.solveLock.lock()
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", "\"$0\" solve \"$1\" --time-limit 3 --out \"$2\" \(redirect) | head -c 1 > /dev/null; echo ${PIPESTATUS[0]} > \"$3\"",
                           binary, scenario.path, out.path, status.path]
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            RosterBinary.solveLock.unlock()
            let code = try String(contentsOf: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(code == "0", "\(tag): exit \(code)")
            #expect(entries(out) == Self.versionFiles, "\(tag)")
        }
    }

    // MARK: Ids and paths

    /// Ids that look like spreadsheet formulas: check → solve → verify → show → export keep them exactly;
    /// only the CSV export for spreadsheets defuses them.
    @Test func formulaLookingIdsWorkEverywhere() throws {
        let scenario = try shortScenario()
        defer { try? FileManager.default.removeItem(at: scenario) }
        let renames = ["a01": "=SUM(A1)", "a02": "+8612", "a03": "-k3", "a04": "@home"]
        for file in ["agents.csv", "availability.csv"] {
            let url = scenario.appendingPathComponent(file)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                for (old, new) in renames where line.hasPrefix(old + ",") { return new + line.dropFirst(old.count) }
                return String(line)
            }
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(try RosterBinary.run(["check", scenario.path]).status == 0)
        let out = scenario.appendingPathComponent("out")
        let solve = try RosterBinary.run(["solve", scenario.path, "--time-limit", "4", "--out", out.path])
        #expect(solve.status == 0, "\(solve)")
        let csv = try String(contentsOf: out.appendingPathComponent("roster.csv"), encoding: .utf8)
        let ids = Set(csv.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[0]) })
        #expect(ids.isSuperset(of: ["=SUM(A1)", "+8612", "-k3", "@home"]), "\(ids.sorted().prefix(6))")
        let verify = try RosterBinary.run(["verify", scenario.path, out.appendingPathComponent("roster.csv").path])
        #expect(verify.status == 0, "\(verify)")
        let show = try RosterBinary.run(["show", scenario.path, "--roster", out.path, "--agent=-k3"])
        #expect(show.status == 0 && show.stdout.contains("(-k3)"), "\(show)")
        let sheet = scenario.appendingPathComponent("sheet.csv")
        #expect(try RosterBinary.run(["export", "csv", scenario.path, "--roster", out.path, "--out", sheet.path]).status == 0)
        let sheetText = try String(contentsOf: sheet, encoding: .utf8)
        for id in ["=SUM(A1)", "+8612", "-k3", "@home"] {
            #expect(sheetText.contains("\r\n'\(id),"), "\(id) not defused")
            #expect(!sheetText.contains("\r\n\(id),"))
        }
        let cal = scenario.appendingPathComponent("cal")
        #expect(try RosterBinary.run(["export", "ical", scenario.path, "--roster", out.path, "--out", cal.path]).status == 0)
        #expect(entries(cal).count == 52)   // 50 agents, team.ics, calendar-state.json
    }

    /// A broken symbolic link for an optional file is an error naming it, not "no file".
    @Test(arguments: ["availability.csv", "pinned.csv"])
    func aDanglingLinkIsNamed(file: String) throws {
        let scenario = try shortScenario()
        defer { try? FileManager.default.removeItem(at: scenario) }
        let url = scenario.appendingPathComponent(file)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: "/nonexistent/leave.csv")
        for command in [["check", scenario.path], ["solve", scenario.path, "--time-limit", "2"]] {
            let run = try RosterBinary.run(command)
            #expect(run.status == 2, "\(run)")
            #expect(run.output.contains("\(file): cannot be read: it is a symbolic link to /nonexistent/leave.csv, which does not exist"), "\(run)")
        }
        #expect(entries(scenario).filter { $0.hasPrefix("roster-") }.isEmpty)
    }

    /// An empty `--out` is refused; `missing/../x` is read by name and never loops.
    @Test func oddOutputPathsAreHandled() throws {
        let scenario = try shortScenario()
        defer { try? FileManager.default.removeItem(at: scenario) }
        let empty = try RosterBinary.run(["solve", scenario.path, "--time-limit", "2", "--out", ""])
        #expect(empty.status == 2 && empty.stderr.contains("--out: the path is empty"), "\(empty)")
        let dotted = scenario.path + "/missing/../x"
        let run = try RosterBinary.run(["solve", scenario.path, "--time-limit", "2", "--out", dotted], timeout: 60)
        #expect(run.status == 0 || run.status == 1, "\(run)")
        #expect(run.seconds < 50)
        #expect(entries(scenario.appendingPathComponent("x")) == Self.versionFiles)
        #expect(!FileManager.default.fileExists(atPath: scenario.appendingPathComponent("missing").path))
        let csv = try RosterBinary.run(["export", "csv", scenario.path, "--roster", scenario.appendingPathComponent("x").path, "--out", ""])
        #expect(csv.status == 2)
    }
}
