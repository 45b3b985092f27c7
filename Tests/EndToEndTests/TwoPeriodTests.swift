import Foundation
import Testing

/// Periods join up: period 2 solved with `--previous` period 1 breaks no rest, consecutive-day or night
/// rule across the boundary — checked by `roster verify` over both periods together, one 6-week scenario.
@Suite(.serialized) struct TwoPeriodTests {
    /// The bundled scenario's lines with every date moved by `days`, for the forecast of a later period.
    static func shifted(_ text: String, days: Int) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        f.locale = Locale(identifier: "en_US_POSIX")
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line -> String in
            guard let d = f.date(from: String(line.prefix(10))) else { return String(line) }
            return f.string(from: d.addingTimeInterval(Double(days) * 86_400)) + line.dropFirst(10)
        }.joined(separator: "\n")
    }

    /// team.toml with `key` set to `value` (an array written over several lines is replaced whole).
    static func setting(_ toml: String, _ key: String, _ value: String) -> String {
        var out: [String] = []
        var skipping = false
        for line in toml.split(separator: "\n", omittingEmptySubsequences: false) {
            if skipping {
                if line.split(separator: "#", maxSplits: 1).first?.contains("]") == true { skipping = false }
                continue
            }
            if line.hasPrefix(key + " ") || line.hasPrefix(key + "=") {
                out.append("\(key) = \(value)")
                let code = line.split(separator: "#", maxSplits: 1).first ?? ""
                if code.contains("[") && !code.contains("]") { skipping = true }
            } else {
                out.append(String(line))
            }
        }
        return out.joined(separator: "\n")
    }

    /// Violations of the rules that join periods, dated from `from` on.
    static func boundaryViolations(_ verifyOutput: String, from: String) -> [String] {
        let rules = ["[rest between shifts]", "[overlapping shifts]", "[consecutive days]", "[consecutive nights]", "[shifts per day]"]
        return verifyOutput.split(separator: "\n").map(String.init).filter { line in
            guard line.hasPrefix("violation: "), rules.contains(where: { line.contains($0) }) else { return false }
            guard let r = line.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) else { return true }
            return String(line[r]) >= from
        }
    }

    @Test func periodTwoWithPreviousBreaksNoRuleAcrossTheBoundary() throws {
        let fm = FileManager.default
        let one = try RosterBinary.copyOfScenario("suzhou-96122")
        let two = try RosterBinary.copyOfScenario("suzhou-96122")
        let both = try RosterBinary.copyOfScenario("suzhou-96122")
        defer { for u in [one, two, both] { try? fm.removeItem(at: u) } }
        let forecast = try String(contentsOf: one.appendingPathComponent("forecast.csv"), encoding: .utf8)
        let header = "interval_start,calls,aht_seconds\n"
        let laterRows = Self.shifted(forecast, days: 28).split(separator: "\n").prefix(14 * 48).joined(separator: "\n")

        // Period 2: two weeks from Monday 2027-04-12, the forecast of the first two weeks again, no pins.
        var toml = try String(contentsOf: two.appendingPathComponent("team.toml"), encoding: .utf8)
        toml = Self.setting(Self.setting(Self.setting(toml, "start_date", "2027-04-12"), "days", "14"), "holidays", "[]")
        try toml.write(to: two.appendingPathComponent("team.toml"), atomically: true, encoding: .utf8)
        try (header + laterRows + "\n").write(to: two.appendingPathComponent("forecast.csv"), atomically: true, encoding: .utf8)
        try fm.removeItem(at: two.appendingPathComponent("pinned.csv"))
        // Both periods as one six-week scenario, for the independent check.
        var tomlBoth = try String(contentsOf: both.appendingPathComponent("team.toml"), encoding: .utf8)
        tomlBoth = Self.setting(tomlBoth, "days", "42")
        try tomlBoth.write(to: both.appendingPathComponent("team.toml"), atomically: true, encoding: .utf8)
        try (forecast.hasSuffix("\n") ? forecast : forecast + "\n").appending(laterRows + "\n")
            .write(to: both.appendingPathComponent("forecast.csv"), atomically: true, encoding: .utf8)

        let v1 = one.appendingPathComponent("v1"), v2 = two.appendingPathComponent("v2")
        let first = try RosterBinary.run(["solve", one.path, "--time-limit", "8", "--out", v1.path], timeout: 120)
        try #require(first.status == 0 || first.status == 1, "\(first)")
        let second = try RosterBinary.run(["solve", two.path, "--previous", v1.path, "--time-limit", "8", "--out", v2.path], timeout: 120)
        try #require(second.status == 0 || second.status == 1, "\(second)")
        #expect(fm.fileExists(atPath: v2.appendingPathComponent("input.previous.csv").path))

        // The eve of period 2 is period 1's last night, exactly.
        let csv1 = try String(contentsOf: v1.appendingPathComponent("roster.csv"), encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        let csv2 = try String(contentsOf: v2.appendingPathComponent("roster.csv"), encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        let eve1 = Set(csv1.filter { $0.split(separator: ",")[2] == "2027-04-11" && $0.split(separator: ",")[5] == "night" }.map(String.init))
        let eve2 = Set(csv2.filter { $0.split(separator: ",")[2] == "2027-04-11" }.map(String.init))
        #expect(eve2 == eve1, "eve of period 2: \(eve2.count) shifts, period 1's last nights: \(eve1.count)")

        // One roster over both periods (period 2's eve shifts are period 1's), checked as one.
        let combined = ["agent_id,agent_name,date,start,end,shift,break_start,break_end"] + csv1.map(String.init)
            + csv2.filter { $0.split(separator: ",")[2] >= "2027-04-12" }.map(String.init)
        let combinedFile = both.appendingPathComponent("both.csv")
        try (combined.joined(separator: "\r\n") + "\r\n").write(to: combinedFile, atomically: true, encoding: .utf8)
        let verify = try RosterBinary.run(["verify", both.path, combinedFile.path])
        #expect(verify.status == 0 || verify.status == 1, "\(verify)")
        #expect(verify.stdout.contains("hard-rule violation(s)"), "\(verify)")
        let across = Self.boundaryViolations(verify.stdout, from: "2027-04-05")
        #expect(across.isEmpty, "\(across.joined(separator: "\n"))")
        // And period 2 alone, verified with its kept previous roster, agrees.
        let alone = try RosterBinary.run(["verify", two.path, v2.path])
        #expect(Self.boundaryViolations(alone.stdout, from: "2027-04-11").isEmpty, "\(alone.stdout)")
    }
}
