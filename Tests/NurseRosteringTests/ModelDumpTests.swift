import Foundation
@testable import NurseRostering
@testable import Solver
import Testing

/// `NRPModel.init` builds exactly the same integer program as before it was split into builder steps
/// (issue 13): a canonical dump of the model — columns with kinds, bounds and costs, rows with bounds and
/// their terms in order, and the x, slack and weekend column maps — hashes to the value recorded before.
@Suite struct ModelDumpTests {
    /// 64-bit FNV-1a of the UTF-8 bytes.
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    static func bound(_ b: Double?) -> String { b.map { "\($0)" } ?? "-" }

    /// One line per column, row and map entry; doubles in Swift's shortest round-trip form.
    static func dump(_ nrp: NRPModel) -> String {
        let m = nrp.model
        var lines = ["model \(m.name) \(m.sense) constant \(m.objectiveConstant)"]
        for c in 0..<m.columnCount {
            lines.append("c \(c) \(m.columnNames[c]) \(m.columnKinds[c]) [\(bound(m.columnLower[c])), \(bound(m.columnUpper[c]))] obj \(m.objective[c])")
        }
        for r in 0..<m.rowCount {
            let terms = (m.rowStart[r]..<m.rowStart[r + 1]).map { "\(m.termColumns[$0]):\(m.termValues[$0])" }
            lines.append("r \(r) \(m.rowNames[r]) [\(bound(m.rowLower[r])), \(bound(m.rowUpper[r]))] \(terms.joined(separator: " "))")
        }
        lines.append("x " + nrp.xColumn.map(String.init).joined(separator: ","))
        lines.append("under " + nrp.under.map { String($0.index) }.joined(separator: ","))
        lines.append("over " + nrp.over.map { String($0.index) }.joined(separator: ","))
        for (e, list) in nrp.weekendColumns.enumerated() {
            lines.append("k \(e) " + list.map { "\($0.days.map(String.init).joined(separator: "+"))=\($0.column.index)" }.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    static func hash(_ instance: NRPInstance) -> String {
        let nrp = NRPModel(instance)
        return "\(nrp.model.columnCount) \(nrp.model.rowCount) \(nrp.model.nonZeroCount) " + String(fnv1a(dump(nrp)), radix: 16)
    }

    // Recorded from commit 93020da (before the split of `NRPModel.init`): columns, rows, non-zeros, hash.
    static let expected: [String: String] = [
        "tiny": "54 51 197 3f4e702ac2846fd8",
        "gen-28-12-5-7": "1732 2746 23095 7358e8f00297c5d0",
        "gen-56-10-8-3": "4810 7462 75032 50f5e85fafd21296",
        "gen-42-12-6-11": "3364 5348 51921 ed4fa4dede8d3d2c",
        "Instance1": "148 268 1026 27f4529fd7c35217",
        "Instance5": "847 1809 9772 2f860a8ee2754f6c",
        "Instance10": "3922 7315 54035 e72670aafa689d97",
    ]

    static func check(_ key: String, _ instance: NRPInstance) {
        let got = hash(instance)
        if got != expected[key] { print("        \"\(key)\": \"\(got)\",") }
        #expect(got == expected[key], "\(key)")
    }

    @Test func tinyAndGeneratedModelsAreUnchanged() throws {
        Self.check("tiny", try Tiny.instance())
        Self.check("gen-28-12-5-7", NRPGenerator.generate(days: 28, staff: 12, shiftTypes: 5, seed: 7))
        Self.check("gen-56-10-8-3", NRPGenerator.generate(days: 56, staff: 10, shiftTypes: 8, seed: 3))
        Self.check("gen-42-12-6-11", NRPGenerator.generate(days: 42, staff: 12, shiftTypes: 6, seed: 11))
    }

    @Test(.enabled(if: Benchmarks.available, "needs ../shared/benchmarks/nrp"))
    func benchmarkModelsAreUnchanged() throws {
        for n in [1, 5, 10] { Self.check("Instance\(n)", try NRPParser.parse(fileAt: Benchmarks.url(n))) }
    }
}
