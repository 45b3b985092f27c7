import Foundation
@testable import Solver
import Testing

/// Models written as CPLEX LP and free MPS are read back by glpsol (Debian's glpk-utils) to the same optimum.
@Suite struct ExportTests {
    func glpsol() throws -> String {
        let candidates = ["/usr/bin/glpsol", "/usr/local/bin/glpsol"]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                            "glpsol is missing: install glpk-utils (.ci/run does)")
    }

    func glpsolObjective(_ path: String, flags: [String]) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try glpsol())
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("glpsol-\(UUID().uuidString).txt")
        process.arguments = flags + [path, "-o", out.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let report = try String(contentsOf: out, encoding: .utf8)
        try? FileManager.default.removeItem(at: out)
        // "Objective:  cost = 13 (MINimum)"
        let line = try #require(report.split(separator: "\n").first { $0.hasPrefix("Objective:") })
        let afterEquals = try #require(line.split(separator: "=").last)
        return try #require(Double(afterEquals.split(separator: " ").first ?? ""))
    }

    func sampleModel() -> LinearModel {
        // A small production-planning MIP with every kind of bound and column.
        var m = LinearModel(name: "sample", sense: .maximize)
        let a = m.addColumn("a", kind: .integer, lower: 0, upper: 10, objective: 7)
        let b = m.addColumn("b", kind: .binary, objective: 5)
        let c = m.addColumn("c", lower: 0.5, objective: 3)
        let d = m.addColumn("d", lower: nil, upper: 4, objective: -1)
        m.addRow("labour", terms: [(a, 2), (b, 3), (c, 1)], .atMost(17.5))
        m.addRow("material", terms: [(a, 1), (c, 2), (d, 1)], .between(-2, 12))
        m.addRow("link", terms: [(b, 4), (a, -1)], .atLeast(-6))
        m.addRow("balance", terms: [(d, 1), (c, -1)], .equal(-0.5))
        return m
    }

    // Free MPS has no objective sense (GLPK records it in a comment), so a maximisation is read with --max.
    @Test(arguments: [("lp", ["--lp"]), ("mps", ["--freemps", "--max"])])
    func exportedModelsGiveTheSameOptimumInGlpsol(ext: String, flags: [String]) throws {
        let model = sampleModel()
        let ours = try #require(try GLPKSolver.solve(model).objective)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("roster-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("model.\(ext)")
        try GLPKSolver.write(model, format: try #require(GLPKSolver.ModelFormat(pathExtension: ext)), to: file)
        let theirs = try glpsolObjective(file.path, flags: flags)
        #expect(abs(ours - theirs) < 1e-6)
        // Nothing but the file itself is left in the folder (no temporary file).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["model.\(ext)"])
    }

    @Test func writingIntoAMissingFolderThrows() {
        #expect(throws: SolverError.self) {
            try GLPKSolver.write(sampleModel(), format: .cplexLP, to: URL(fileURLWithPath: "/nonexistent/dir/m.lp"))
        }
    }
}
