import Foundation
import Testing
@testable import RosterCore

/// agents.csv as spreadsheets save it: Chinese Excel's GB18030/GBK, UTF-16 with tabs, `;` separators.
@Suite struct SpreadsheetInputTests {
    /// The fixture's agents.csv in GB18030, made by the system's iconv (an independent encoder).
    static func gb18030(_ text: String) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        p.arguments = ["-f", "UTF-8", "-t", "GB18030"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return [UInt8](data)
    }

    @Test func aGBKAgentsFileLoadsWithItsChineseNamesAndOneWarning() throws {
        let f = try ScenarioFixture()
        defer { f.remove() }
        let bytes = try Self.gb18030(ScenarioFixture.agents)
        #expect(String(validating: bytes, as: UTF8.self) == nil)   // really not UTF-8
        try f.write("agents.csv", bytes: bytes)
        let (scenario, diagnostics) = f.check()
        let s = try #require(scenario, "\(diagnostics)")
        #expect(s.agents.map(\.name) == ["徐海燕", "王丽", "Li, Na", "张敏"])
        #expect(diagnostics.filter { $0.location.file == "agents.csv" }.map(\.description)
                == ["warning: agents.csv: read as GB18030 (GBK), not UTF-8; saving it as \"CSV UTF-8\" avoids the guess"])
    }

    /// A Western-European Excel's "CSV" (Windows-1252) is not guessed as GB18030: it is refused with the
    /// way out named, and read right once team.toml's `csv_encoding` names its encoding.
    @Test func csvEncodingInTeamTomlReadsAWindows1252File() throws {
        let f = try ScenarioFixture()
        defer { f.remove() }
        let text = ScenarioFixture.agents.replacingOccurrences(of: "徐海燕", with: "José Müller").replacingOccurrences(of: "王丽", with: "Zoë")
            .replacingOccurrences(of: "张敏", with: "Ana").replacingOccurrences(of: "\"Li, Na\"", with: "François")
        let bytes = Array(try #require(text.data(using: .windowsCP1252)))
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        try f.write("agents.csv", bytes: bytes)
        let refused = f.errors()
        #expect(refused.count == 1 && refused[0].location.file == "agents.csv", "\(refused)")
        #expect(refused.first?.description.contains("csv_encoding") == true, "\(refused)")

        try f.write("team.toml", "csv_encoding = \"windows-1252\"\n" + ScenarioFixture.team)
        let (scenario, diagnostics) = f.check()
        let s = try #require(scenario, "\(diagnostics)")
        #expect(s.agents.map(\.name) == ["José Müller", "Zoë", "François", "Ana"])
        #expect(!diagnostics.contains { $0.location.file == "agents.csv" })

        // A name iconv does not know is one error at its field (the CSV files are not read in a guessed encoding).
        try f.write("team.toml", "csv_encoding = \"klingon-8\"\n" + ScenarioFixture.team)
        let bad = f.errors()
        #expect(bad.count == 1 && bad[0].location.file == "team.toml" && bad[0].location.field == "csv_encoding", "\(bad)")
    }

    @Test func aSemicolonSeparatedFileWithQuotedListsLoads() throws {
        let f = try ScenarioFixture()
        defer { f.remove() }
        try f.write("agents.csv", """
        id;name;min_hours_per_week;max_hours_per_week;skills;night;allowed_shifts
        a1;徐海燕;32;40;"consult;lead";no;day
        a2;王丽;;40;consult;yes;
        a3;Li, Na;;;consult;yes;"day;night"
        a4;张敏;;;;;

        """)
        let (scenario, diagnostics) = f.check()
        let s = try #require(scenario, "\(diagnostics)")
        #expect(s.agents.map(\.name) == ["徐海燕", "王丽", "Li, Na", "张敏"])
        #expect(s.agents[0].skills.sorted() == ["consult", "lead"])
        #expect(!diagnostics.contains { $0.location.file == "agents.csv" })
    }

    @Test func utf16WithTabsLoads() throws {
        let f = try ScenarioFixture()
        defer { f.remove() }
        let text = ScenarioFixture.agents.replacingOccurrences(of: ",", with: "\t").replacingOccurrences(of: "\"Li\t Na\"", with: "Li, Na")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        try f.write("agents.csv", bytes: bytes)
        let (scenario, diagnostics) = f.check()
        let s = try #require(scenario, "\(diagnostics)")
        #expect(s.agents.map(\.name) == ["徐海燕", "王丽", "Li, Na", "张敏"])
        #expect(diagnostics.contains { $0.description.contains("read as UTF-16 (little-endian)") })
    }

    @Test func anUnreadableAgentsFileIsOneErrorNotACascade() throws {
        let f = try ScenarioFixture()
        defer { f.remove() }
        // 0xFF is no byte of UTF-8, UTF-16 (no mark, no zeros) or GB18030.
        try f.write("agents.csv", bytes: Array("id,name\na1,".utf8) + [0xFF, 0xFF] + Array("\na2,x\n".utf8))
        let errors = f.errors()
        #expect(errors.map(\.description) == ["error: agents.csv:2: the text is neither UTF-8, UTF-16 nor GB18030 (GBK): save the file as \"CSV UTF-8\", or name its encoding in team.toml (csv_encoding = \"windows-1252\")"],
                "\(errors)")
    }
}
