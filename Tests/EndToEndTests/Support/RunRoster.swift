import Foundation

/// Runs the built `roster` executable for end-to-end tests.
///
/// The binary is found, in order: the `ROSTER_BIN` environment variable; a `roster` beside the running
/// test bundle (SwiftPM puts both in the same `debug` folder); the newest `.build*/debug/roster` (or
/// `.build*/<triple>/debug/roster`) under the package root.
enum RosterBinary {
    /// The package root: this file is `<root>/Tests/EndToEndTests/Support/RunRoster.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct NotFound: Error, CustomStringConvertible {
        var description: String {
            "roster binary not found: set ROSTER_BIN or run 'swift build' (looked beside the test bundle and in .build*/debug/)"
        }
    }

    static func locate() throws -> URL {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["ROSTER_BIN"], !env.isEmpty {
            guard fm.isExecutableFile(atPath: env) else { throw NotFound() }
            return URL(fileURLWithPath: env)
        }
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var dir = runner.deletingLastPathComponent()
        // On macOS the runner sits inside the .xctest bundle: climb out of it.
        while dir.path.contains(".xctest"), dir.path != "/" { dir = dir.deletingLastPathComponent() }
        candidates.append(dir.appendingPathComponent("roster"))
        if let bundleDir = Bundle.main.executableURL?.deletingLastPathComponent() {
            candidates.append(bundleDir.appendingPathComponent("roster"))
        }
        if let entries = try? fm.contentsOfDirectory(atPath: packageRoot.path) {
            var built: [URL] = []
            for e in entries where e.hasPrefix(".build") {
                let base = packageRoot.appendingPathComponent(e)
                built.append(base.appendingPathComponent("debug/roster"))
                if let sub = try? fm.contentsOfDirectory(atPath: base.path) {
                    for s in sub { built.append(base.appendingPathComponent(s).appendingPathComponent("debug/roster")) }
                }
            }
            func mtime(_ u: URL) -> Date {
                ((try? fm.attributesOfItem(atPath: u.path))?[.modificationDate] as? Date) ?? .distantPast
            }
            candidates += built.filter { fm.isExecutableFile(atPath: $0.path) }.sorted { mtime($0) > mtime($1) }
        }
        guard let found = candidates.first(where: { fm.isExecutableFile(atPath: $0.path) }) else { throw NotFound() }
        return found
    }

    /// What one run printed and how it ended.
    struct Run: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
        /// Standard output then standard error.
        var output: String { stdout + stderr }
        /// True when the process died of a signal or printed a Swift runtime trap / backtrace.
        var crashed: Bool {
            status > 128 || output.contains("Fatal error") || output.contains("Stack dump") || output.contains("Backtrace")
        }
        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    /// Held while a `roster solve` runs: suites run in parallel, and two solves at once on a small
    /// machine would each get half the CPU their time limit assumes.
    static let solveLock = NSLock()

    /// Runs `roster` with `arguments`; output goes through temporary files (no pipe deadlock on long output).
    static func run(_ arguments: [String], timeout: Double = 120, environment: [String: String] = [:]) throws -> Run {
        let solving = arguments.first == "solve"
        if solving { solveLock.lock() }
        defer { if solving { solveLock.unlock() } }
        let binary = try locate()
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("roster-run-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: tmp) }
        let outURL = tmp.appendingPathComponent("stdout"), errURL = tmp.appendingPathComponent("stderr")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = packageRoot
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        while process.isRunning {
            if Date().timeIntervalSince(start) > timeout { process.terminate() }
            Thread.sleep(forTimeInterval: 0.005)
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        try out.close()
        try err.close()
        let stdout = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Run(status: status, stdout: stdout, stderr: stderr, seconds: seconds)
    }

    /// A copy of a bundled scenario folder (`rosters/NAME`) in a fresh temporary folder, to break in tests.
    static func copyOfScenario(_ name: String) throws -> URL {
        let fm = FileManager.default
        // The scenario's own files only: roster versions kept beside them are left out.
        let dest = fm.temporaryDirectory.appendingPathComponent("roster-e2e-\(UUID().uuidString)")
        try fm.createDirectory(at: dest, withIntermediateDirectories: true)
        let source = packageRoot.appendingPathComponent("rosters/\(name)")
        // Nor which version is published (published.json names a version that is not copied).
        for file in try fm.contentsOfDirectory(atPath: source.path) where !file.hasPrefix("roster-") && file != "published.json" {
            try fm.copyItem(at: source.appendingPathComponent(file), to: dest.appendingPathComponent(file))
        }
        return dest
    }
}
