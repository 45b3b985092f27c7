import Foundation
@testable import Solver
import Testing
@testable import RosterCore

/// Property-based fuzzing of the loaders, in-process: mutated copies of the bundled scenario's files
/// (and of a roster.csv) must either load or give errors that each name a file and, for the rows of a
/// CSV file, a line. A trap anywhere in the loaders kills the test runner, so "no crash" is checked by
/// running at all.
///
/// Two parts: the committed corpus `FuzzCorpus/` (each folder overlays its files on the bundled
/// scenario; `roster.csv` in it is read as a roster file) is replayed; and a bounded random run with a
/// fixed seed. Set `ROSTER_FUZZ_ITERATIONS` to run longer, `ROSTER_FUZZ_SEED` for another sequence and
/// `ROSTER_FUZZ_SAVE=DIR` to keep every mutated case that failed the property (to add to the corpus).
@Suite struct FuzzTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scenario = root.appendingPathComponent("rosters/suzhou-96122")
    static let rosterFile = root.appendingPathComponent("Tests/RosterOutputTests/Golden/suzhou-96122-roster.csv")
    static let scenarioFiles = ["team.toml", "agents.csv", "availability.csv", "forecast.csv", "pinned.csv"]

    /// The original bytes of every file that is mutated.
    static func originals() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in scenarioFiles { files[name] = [UInt8](try Data(contentsOf: scenario.appendingPathComponent(name))) }
        files["roster.csv"] = [UInt8](try Data(contentsOf: rosterFile))
        return files
    }

    /// The originals cut to the first week (7 days, its forecast and the roster's first 150 shifts), so
    /// that a few hundred iterations take seconds.
    static func oneWeek() throws -> [String: [UInt8]] {
        var files = try originals()
        func lines(_ name: String, _ n: Int) {
            files[name] = Mutator.join(Array(Mutator.split(files[name]!).prefix(n))) + [0x0A]
        }
        let team = String(decoding: files["team.toml"]!, as: UTF8.self)
        files["team.toml"] = Array(team.replacingOccurrences(of: "days = 28 ", with: "days = 7  ").utf8)
        lines("forecast.csv", 1 + 7 * 48)
        lines("roster.csv", 151)
        return files
    }

    // MARK: The property

    /// Problems that concern a whole file (or the folder), so they have no line.
    static func isFileLevel(_ p: ScenarioProblem) -> Bool {
        switch p {
        case .missingFile, .missingDemandFile, .bothDemandFiles, .fileTooLarge, .unreadable, .emptyFile, .notUTF8,
             .notAFolder, .tooMany, .forecastGaps, .outsideHorizon, .capacityBelowDemand, .peakAboveTeam,
             .shiftNobodyCanWork, .notice, .agentCannotWork:
            return true
        default:
            return false
        }
    }

    /// Loads `folder` (and reads `roster` as a roster file) and returns every way the result breaks the property.
    static func failures(folder: URL, roster: URL?) -> [String] {
        var bad: [String] = []
        let known = Set(scenarioFiles + ["requirement.csv"])
        let (scenario, diagnostics) = ScenarioLoader.check(directory: folder)
        let errors = diagnostics.filter(\.isError)
        if scenario == nil && errors.isEmpty { bad.append("no scenario and no error") }
        if scenario != nil && !errors.isEmpty { bad.append("a scenario despite errors") }
        for d in diagnostics {
            if !known.contains(d.location.file) { bad.append("diagnostic without a scenario file: \(d)") }
            if d.location.file.hasSuffix(".csv"), d.isError, d.location.line == nil, !isFileLevel(d.problem) {
                bad.append("CSV error without a line: \(d)")
            }
            if d.message.isEmpty { bad.append("empty message: \(d)") }
        }
        if let scenario {
            if scenario.grid.intervals.isEmpty { bad.append("a scenario with no intervals") }
        }
        if let roster {
            do {
                let r = try RosterCSV.read(roster, teamName: "t", timeZoneIdentifier: "Asia/Shanghai")
                _ = r.shifts.count
            } catch {
                if error.location.file.isEmpty { bad.append("roster error without a file: \(error)") }
                if error.location.line == nil && !error.message.contains("empty") && !error.message.contains("UTF-8")
                    && !error.message.contains("MiB") && !error.message.contains("cannot read") && !error.message.contains("too many") {
                    bad.append("roster error without a line: \(error)")
                }
            }
        }
        return bad
    }

    // MARK: The corpus

    @Test func corpusReplaysClean() throws {
        let corpus = try #require(Bundle.module.url(forResource: "FuzzCorpus", withExtension: nil))
        let fm = FileManager.default
        let cases = try fm.contentsOfDirectory(atPath: corpus.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(cases.count >= 20)
        for name in cases {
            let source = corpus.appendingPathComponent(name)
            let folder = try Self.copyScenario()
            defer { try? fm.removeItem(at: folder) }
            var roster: URL? = nil
            for file in try fm.contentsOfDirectory(atPath: source.path) where !file.hasPrefix(".") && file != "README" {
                let from = source.appendingPathComponent(file)
                if file == "roster.csv" { roster = from; continue }
                if file.hasSuffix(".delete") {
                    try? fm.removeItem(at: folder.appendingPathComponent(String(file.dropLast(7))))
                    continue
                }
                let to = folder.appendingPathComponent(file)
                try? fm.removeItem(at: to)
                try fm.copyItem(at: from, to: to)
            }
            let failures = Self.failures(folder: folder, roster: roster)
            #expect(failures.isEmpty, "corpus case \(name): \(failures.joined(separator: "\n"))")
        }
    }

    // MARK: Random mutations

    @Test func boundedRandomMutations() throws {
        let env = ProcessInfo.processInfo.environment
        let iterations = Int(env["ROSTER_FUZZ_ITERATIONS"] ?? "") ?? 300
        var rng = FuzzRandom(seed: UInt64(env["ROSTER_FUZZ_SEED"] ?? "") ?? 0x5EED_2027)
        let originals = try Self.oneWeek()
        let fm = FileManager.default
        let folder = try Self.copyScenario()
        defer { try? fm.removeItem(at: folder) }
        let rosterURL = folder.appendingPathComponent("roster-under-test.csv")
        var failed = 0
        let started = Date()
        for i in 0..<iterations {
            // Restore, then mutate one or two files a few times.
            for name in Self.scenarioFiles { try Data(originals[name]!).write(to: folder.appendingPathComponent(name)) }
            try Data(originals["roster.csv"]!).write(to: rosterURL)
            var touched: [String: [UInt8]] = [:]
            for _ in 0..<(1 + rng.below(2)) {
                // Small files more often: they load faster and hold the references.
                let name = ["team.toml", "team.toml", "agents.csv", "agents.csv", "availability.csv", "availability.csv",
                            "pinned.csv", "pinned.csv", "forecast.csv", "roster.csv", "roster.csv"][rng.below(11)]
                var bytes = touched[name] ?? originals[name]!
                for _ in 0..<(1 + rng.below(3)) { bytes = Mutator.mutate(bytes, &rng) }
                touched[name] = bytes
            }
            for (name, bytes) in touched {
                try Data(bytes).write(to: name == "roster.csv" ? rosterURL : folder.appendingPathComponent(name))
            }
            let failures = Self.failures(folder: folder, roster: rosterURL)
            if !failures.isEmpty {
                failed += 1
                Issue.record("iteration \(i), mutated \(touched.keys.sorted()): \(failures.prefix(5).joined(separator: "\n"))")
                if let save = env["ROSTER_FUZZ_SAVE"] {
                    let dir = URL(fileURLWithPath: save).appendingPathComponent("case-\(i)")
                    try fm.createDirectory(at: dir, withIntermediateDirectories: true)
                    for (name, bytes) in touched { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
                }
            }
        }
        #expect(failed == 0)
        // Bounded: the default run takes seconds (tens on a busy machine) even in a debug build.
        if iterations <= 300 { #expect(Date().timeIntervalSince(started) < 300) }
    }

    /// Mutations are deterministic for a seed.
    @Test func mutatorIsRepeatable() {
        let base = Array("id,name\na1,Ann\n".utf8)
        var r1 = FuzzRandom(seed: 7), r2 = FuzzRandom(seed: 7)
        for _ in 0..<50 { #expect(Mutator.mutate(base, &r1) == Mutator.mutate(base, &r2)) }
    }

    static func copyScenario() throws -> URL {
        let dest = FileManager.default.temporaryDirectory.appendingPathComponent("roster-fuzz-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: scenario, to: dest)
        return dest
    }
}

/// The project's SplitMix64 generator, seeded, with the helpers the mutations use.
typealias FuzzRandom = SeededGenerator

extension SeededGenerator {
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
}

/// Mutations of a text file as a spreadsheet export or a careless edit would make them.
enum Mutator {
    static let hostileValues = [
        "", "NaN", "nan", "inf", "-inf", "Infinity", "1e308", "-1e308", "1e-320", "99999999999999999999999",
        "9223372036854775807", "-9223372036854775808", "18446744073709551616", "-1", "0", "0x1F", "1,5", "１２",
        "\"", "\"\"", "'", "=cmd|' /C calc'!A0", "../../etc/passwd", "a/b", "\u{0}", "\u{7}", "\t", " ", "\u{202E}evil",
        "😀", "é", "\u{FEFF}", "2027-02-30", "2027-13-01", "9999-12-31", "0000-01-01", "24:00", "23:60", "-01:00",
        "2027-03-15T25:00", "2027-03-15T24:00", "1800-01-01", "yes", "maybe", "day;night;;", String(repeating: "x", count: 5000),
    ]

    static func mutate(_ input: [UInt8], _ rng: inout FuzzRandom) -> [UInt8] {
        var b = input
        switch rng.below(14) {
        case 0: // flip a byte
            if !b.isEmpty { b[rng.below(b.count)] = UInt8(truncatingIfNeeded: rng.next()) }
        case 1: // delete a line
            var lines = split(b)
            if !lines.isEmpty { lines.remove(at: rng.below(lines.count)) }
            b = join(lines)
        case 2: // duplicate a line
            var lines = split(b)
            if !lines.isEmpty { let i = rng.below(lines.count); lines.insert(lines[i], at: i) }
            b = join(lines)
        case 3: // swap two fields of a line
            var lines = split(b)
            if !lines.isEmpty {
                let i = rng.below(lines.count)
                var fields = lines[i].split(separator: 0x2C, omittingEmptySubsequences: false).map(Array.init)
                if fields.count > 1 { fields.swapAt(rng.below(fields.count), rng.below(fields.count)) }
                lines[i] = Array(fields.joined(separator: [0x2C]))
            }
            b = join(lines)
        case 4, 5: // replace a field (CSV) or a value (TOML) with a hostile value
            var lines = split(b)
            if !lines.isEmpty {
                let i = rng.below(lines.count)
                let value = Array(hostileValues[rng.below(hostileValues.count)].utf8)
                if let eq = lines[i].firstIndex(of: 0x3D), !lines[i].contains(0x2C) {
                    let quoted = rng.below(2) == 0
                    lines[i] = Array(lines[i][...eq]) + [0x20] + (quoted ? [0x22] + value + [0x22] : value)
                } else {
                    var fields = lines[i].split(separator: 0x2C, omittingEmptySubsequences: false).map(Array.init)
                    if !fields.isEmpty { fields[rng.below(fields.count)] = value }
                    lines[i] = Array(fields.joined(separator: [0x2C]))
                }
            }
            b = join(lines)
        case 6: // a huge or odd number in place of a run of digits
            let digits = b.indices.filter { b[$0] >= 0x30 && b[$0] <= 0x39 }
            if let at = digits.isEmpty ? nil : digits[rng.below(digits.count)] {
                var end = at
                while end < b.count, b[end] >= 0x30 && b[end] <= 0x39 { end += 1 }
                let huge = ["99999999999999999999", "4294967296", "9223372036854775807", "1e309", "0", "00000000000000001", "65536"][rng.below(7)]
                b.replaceSubrange(at..<end, with: Array(huge.utf8))
            }
        case 7: // insert random unicode (including controls and invalid UTF-8 sometimes)
            let scalars: [UInt32] = [0x0, 0x7, 0x1B, 0x85, 0x2028, 0x202E, 0xFEFF, 0x1F600, 0x4E2D, 0xE9, 0x300, 0xFFFD, 0x22, 0x2C, 0x0A, 0x0D]
            var insert = Array(String(UnicodeScalar(scalars[rng.below(scalars.count)])!).utf8)
            if rng.below(4) == 0 { insert = [0xC3] }  // a truncated sequence
            b.insert(contentsOf: insert, at: b.isEmpty ? 0 : rng.below(b.count + 1))
        case 8: // CRLF line ends
            b = Array(String(decoding: b, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        case 9: // byte-order mark(s)
            b = [0xEF, 0xBB, 0xBF] + b
        case 10: // truncate
            b = Array(b.prefix(rng.below(b.count + 1)))
        case 11: // empty a field
            var lines = split(b)
            if !lines.isEmpty {
                let i = rng.below(lines.count)
                var fields = lines[i].split(separator: 0x2C, omittingEmptySubsequences: false).map(Array.init)
                if !fields.isEmpty { fields[rng.below(fields.count)] = [] }
                lines[i] = Array(fields.joined(separator: [0x2C]))
            }
            b = join(lines)
        case 12: // many copies of a line (bounded)
            var lines = split(b)
            if !lines.isEmpty {
                let i = rng.below(lines.count)
                lines.insert(contentsOf: Array(repeating: lines[i], count: 1 + rng.below(200)), at: i)
            }
            b = join(lines)
        default: // CR-only line ends, or a lone quote
            if rng.below(2) == 0 { b = b.map { $0 == 0x0A ? 0x0D : $0 } } else { b.insert(0x22, at: rng.below(b.count + 1)) }
        }
        return b
    }

    static func split(_ b: [UInt8]) -> [[UInt8]] { b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) }
    static func join(_ lines: [[UInt8]]) -> [UInt8] { Array(lines.joined(separator: [0x0A])) }
}
