import Foundation
import Testing

/// Issue 16 (publish): the published version is what every command shows by default; without one, the
/// newest by creation time, said on standard error.
@Suite struct PublishCommandTests {
    static let rosterFile = RosterBinary.packageRoot.appendingPathComponent("Tests/RosterOutputTests/Golden/suzhou-96122-roster.csv").path

    /// The bundled scenario with three versions of the golden roster: `roster-b…` made first, `roster-a…`
    /// made later (its name sorts first: the creation time decides), and `roster-c…` interrupted.
    func scenario() throws -> URL {
        let dir = try RosterBinary.copyOfScenario("suzhou-96122")
        let fm = FileManager.default
        for (name, created, interrupted) in [("roster-b-first", "2027-03-10T12:00:00+08:00", false),
                                             ("roster-a-later", "2027-03-11T12:00:00+08:00", false),
                                             ("roster-c-stopped", "2027-03-12T12:00:00+08:00", true)] {
            let sub = dir.appendingPathComponent(name)
            try fm.createDirectory(at: sub, withIntermediateDirectories: true)
            try fm.copyItem(atPath: Self.rosterFile, toPath: sub.appendingPathComponent("roster.csv").path)
            let json = #"{"team": "Suzhou 96122 traffic information hotline", "created": "\#(created)", "report": {"interrupted": \#(interrupted), "violations": []}}"#
            try json.write(to: sub.appendingPathComponent("roster.json"), atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test func thePublishedVersionIsTheDefault() throws {
        let dir = try scenario()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try RosterBinary.run(["show", dir.path, "--agent", "a01", "--at", "2027-03-14T12:00"])
        #expect(before.status == 0, "\(before)")
        #expect(before.stderr.contains("no published version: using the newest, roster-a-later"), "\(before)")
        #expect(before.stderr.contains("skipping roster-c-stopped: its solve was interrupted"))
        #expect(try RosterBinary.run(["versions", dir.path]).stdout.contains("no version is published"))

        let publish = try RosterBinary.run(["publish", dir.path, "roster-b-first", "--by", "lead Wang"])
        #expect(publish.status == 0 && publish.stdout.contains("published: roster-b-first (909 shifts) by lead Wang"), "\(publish)")
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("published.json"))) as? [String: Any]
        #expect(record?["version"] as? String == "roster-b-first" && record?["by"] as? String == "lead Wang")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("roster-b-first/publication.json").path))

        for command in [["show", dir.path, "--agent", "a01", "--at", "2027-03-14T12:00"], ["coverage", dir.path, "--date", "2027-03-16"]] {
            let run = try RosterBinary.run(command)
            #expect(run.status == 0, "\(run)")
            #expect(run.stderr.contains("using the published version roster-b-first (published ") && run.stderr.contains("by lead Wang"), "\(run)")
            #expect(run.stderr.contains("roster-b-first/roster.csv"))
        }
        let versions = try RosterBinary.run(["versions", dir.path])
        let marked = versions.stdout.split(separator: "\n").filter { $0.hasPrefix("*") && $0.contains("roster-") }
        #expect(marked.count == 1 && marked[0].contains("roster-b-first"), "\(versions)")

        // verify and diff take a version folder as show does.
        let verify = try RosterBinary.run(["verify", dir.path, dir.appendingPathComponent("roster-b-first").path])
        #expect(verify.status == 0 && verify.stdout.contains("909 shifts, 0 hard-rule violation(s)"), "\(verify)")
        let diff = try RosterBinary.run(["diff", dir.path, dir.appendingPathComponent("roster-b-first").path, dir.appendingPathComponent("roster-a-later").path])
        #expect(diff.status == 0 && diff.stdout.contains("0 added, 0 removed, 0 moved, 909 unchanged"), "\(diff)")

        // Publishing the next one records what it replaces.
        let again = try RosterBinary.run(["publish", dir.path, dir.appendingPathComponent("roster-a-later").path])
        #expect(again.status == 0 && again.stdout.contains("it replaces roster-b-first"), "\(again)")
    }

    @Test func whatCannotBePublishedIsRefused() throws {
        let dir = try scenario()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (version, message) in [("roster-nope", "no such file"), ("../elsewhere", "not a roster-… folder inside"),
                                   ("roster-c-stopped", "its solve was interrupted")] {
            let run = try RosterBinary.run(["publish", dir.path, version])
            #expect(run.status == 2 && run.stderr.contains(message), "\(version): \(run)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("published.json").path))
        let forced = try RosterBinary.run(["publish", dir.path, "roster-c-stopped", "--force"])
        #expect(forced.status == 0, "\(forced)")
        // Published explicitly, even an interrupted version is the default.
        let show = try RosterBinary.run(["show", dir.path, "--agent", "a01", "--at", "2027-03-14T12:00"])
        #expect(show.stderr.contains("using the published version roster-c-stopped"), "\(show)")
    }
}
