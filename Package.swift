// swift-tools-version:6.1
// roster — workforce scheduling for 24-hour call-center hotlines.
// SPDX-License-Identifier: GPL-3.0-or-later
import PackageDescription

let package = Package(
    name: "roster",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "roster", targets: ["roster"]),
        .library(name: "Search", targets: ["Search"]),
        .library(name: "Solver", targets: ["Solver"]),
        .library(name: "RosterCore", targets: ["RosterCore"]),
        .library(name: "RosterModel", targets: ["RosterModel"]),
        .library(name: "RosterOutput", targets: ["RosterOutput"]),
        .library(name: "RosterForecast", targets: ["RosterForecast"]),
        .library(name: "NurseRostering", targets: ["NurseRostering"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // GLPK's C API, as installed by Debian's libglpk-dev (no pkg-config file exists for it).
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // The only C of our own: a setjmp guard for GLPK's fatal errors and an output hook.
        .target(
            name: "CGLPKShim",
            dependencies: ["CGLPK"]
        ),
        // The search layer both solvers share, solver-neutral (no glp_*): budgets, the incumbent and its
        // gap, phase tables, the fix-and-optimize engine, the parameter registry.
        // Built without optimisation: Swift 6.3's optimiser mis-specialised its generic fix-and-optimize
        // engine for the solvers' neighbourhood types (null type metadata, crashes in release builds only).
        // Its own work is bookkeeping; the time goes to GLPK, so nothing measurable is lost.
        .target(name: "Search", swiftSettings: [.unsafeFlags(["-Onone"])]),
        // A linear/integer model builder and the GLPK solver; the only module calling glp_*.
        .target(
            name: "Solver",
            dependencies: ["CGLPK", "CGLPKShim", "Search"]
        ),
        // Scenario files, validation, time, and staffing (Erlang C / Erlang A).
        .target(
            name: "RosterCore",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // The roster integer model, its decomposition, the roster checker and renderers.
        .target(
            name: "RosterModel",
            dependencies: ["RosterCore", "Solver"]
        ),
        // What people read: terminal views, coverage charts (text, SVG), iCalendar, CSV and notice-board exports.
        // It depends on RosterCore only (the value types it shows live there), never on the solver modules.
        .target(
            name: "RosterOutput",
            dependencies: ["RosterCore"]
        ),
        // Forecasting from call history (Docs/forecast.md): reading ACD exports, the method, backtests and a
        // history generator with a known intensity.
        .target(
            name: "RosterForecast",
            dependencies: ["RosterCore", "Search"]
        ),
        // The Curtois & Qu employee shift scheduling benchmark: parser, model, solver, checker (Docs/nrp.md).
        .target(
            name: "NurseRostering",
            dependencies: ["Solver"]
        ),
        // The thin command-line front end: one subcommand per file.
        .executableTarget(
            name: "roster",
            dependencies: [
                "RosterCore", "RosterModel", "Solver",
                "RosterOutput",
                "RosterForecast",
                "NurseRostering",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The readers of untrusted files (CSV, scenario, roster, benchmark instances) as fuzz targets, and
        // libFuzzer's entry point over them: Scripts/fuzz.sh builds it with -sanitize=fuzzer,address; the
        // tests replay the committed corpus (Tests/Fuzz/corpus).
        .target(name: "RosterFuzz", dependencies: ["RosterCore", "NurseRostering", "RosterForecast"]),
        .executableTarget(name: "roster-fuzz", dependencies: ["RosterFuzz"]),
        // Benchmarks of the roster engine on generated scenarios (prints numbers; see Docs/benchmarks.md).
        .executableTarget(
            name: "roster-bench",
            dependencies: ["RosterCore", "RosterModel", "Solver"]
        ),
        .testTarget(name: "SearchTests", dependencies: ["Search"]),
        .testTarget(name: "SolverTests", dependencies: ["Solver"]),
        .testTarget(name: "RosterCoreTests", dependencies: ["RosterCore", "Solver", "RosterFuzz"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RosterModelTests", dependencies: ["RosterModel", "RosterCore", "RosterOutput", "Solver", "Search"]),
        .testTarget(name: "EndToEndTests", dependencies: ["RosterCore"]),
        .testTarget(name: "RosterOutputTests", dependencies: ["RosterOutput", "RosterCore"], resources: [.copy("Golden")]),
        .testTarget(name: "RosterForecastTests", dependencies: ["RosterForecast", "RosterCore"]),
        .testTarget(name: "NurseRosteringTests", dependencies: ["NurseRostering", "Solver", "Search"]),
    ],
    swiftLanguageModes: [.v6]
)

// The fuzz corpus of RosterCoreTests (Tests/RosterCoreTests/FuzzCorpus), replayed by FuzzTests.
if let fuzzed = package.targets.first(where: { $0.name == "RosterCoreTests" }) {
    fuzzed.resources = (fuzzed.resources ?? []) + [.copy("FuzzCorpus")]
}
