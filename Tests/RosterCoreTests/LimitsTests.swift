import Foundation
import Testing
@testable import RosterCore

/// Inputs far beyond any real team are refused with a message before they are read into memory.
@Suite struct LimitsTests {
    /// A sparse file of `bytes` bytes (no disk or memory used).
    func sparseFile(_ url: URL, bytes: Int) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try FileHandle(forWritingTo: url)
        try h.truncate(atOffset: UInt64(bytes))
        try h.close()
    }

    @Test func aHugeScenarioFileIsRefusedBeforeReading() throws {
        let f = try ScenarioFixture()
        defer { f.remove() }
        try sparseFile(f.url.appendingPathComponent("availability.csv"), bytes: ScenarioLoader.maxFileBytes + 1)
        let (scenario, diagnostics) = ScenarioLoader.check(directory: f.url)
        #expect(scenario == nil)
        _ = expectDiagnostic(diagnostics, file: "availability.csv", line: nil, field: nil,
                             problem: .fileTooLarge(bytes: ScenarioLoader.maxFileBytes + 1, limit: ScenarioLoader.maxFileBytes))
    }

    @Test func aHugeRosterFileIsRefusedBeforeReading() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try sparseFile(url, bytes: RosterCSV.maxFileBytes + 1)
        #expect(throws: RosterFileError.self) { try RosterCSV.read(url) }
        do { _ = try RosterCSV.read(url) } catch { #expect(error.message.contains("the limit is 64 MiB"), "\(error)") }
    }

    @Test func aRosterFileThatIsNotUTF8NamesTheLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var bytes = Array((RosterCSV.header.joined(separator: ",") + "\r\na1,").utf8)
        bytes += [0xE9] + Array(",2027-03-15,x,y,day,,\r\n".utf8)
        try Data(bytes).write(to: url)
        do { _ = try RosterCSV.read(url); Issue.record("read a file that is not UTF-8") } catch {
            #expect(error.location.line == 2 && error.message.contains("UTF-8"), "\(error)")
        }
    }

    @Test func aHorizonPastTheYear9999IsAnError() throws {
        let f = try ScenarioFixture()
        defer { f.remove() }
        try ScenarioFixture.team.replacingOccurrences(of: "start_date = 2027-03-15", with: "start_date = 9999-12-30")
            .write(to: f.url.appendingPathComponent("team.toml"), atomically: true, encoding: .utf8)
        let (scenario, diagnostics) = ScenarioLoader.check(directory: f.url)
        #expect(scenario == nil)
        #expect(diagnostics.contains { $0.isError && $0.location.file == "team.toml" && $0.message.contains("years 0001–9999") }, "\(diagnostics)")
    }
}
