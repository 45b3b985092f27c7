// SPDX-License-Identifier: GPL-3.0-or-later
import Search
import Solver

extension NRPSolveOptions {
    /// Every tunable of `roster nrp solve`, with its meaning (`--list-params`, `--param name=value`).
    public static let registry = ParameterRegistry<NRPSolveOptions>(defaults: { NRPSolveOptions() }, [
        .bool("column_generation", \.columnGeneration, "column generation over employee schedules (off: a constructive roster and fix-and-optimize)"),
        .double("column_generation.share", \.columnGenerationShare, in: 0...1, "share of the time left for column generation"),
        .double("column_generation.large_share", \.largeColumnGenerationShare, in: 0...1,
                "the same on large models (above compact_lp.column_limit x columns)"),
        .double("column_generation.smoothing", \.dualSmoothing, in: 0...0.99, "Wentges dual smoothing factor (0: off)"),
        .double("pricing.mip_seconds", \.pricingTimeLimit, in: 0.05...600, "seconds one pricing MIP may take"),
        .int("threads", \.pricingThreads, in: 1...64, "threads for pricing, best response and fix-and-optimize neighbourhoods"),
        .double("dives.share", \.diveShare, in: 0...1, "share of the time left after column generation for the dives"),
        .double("dives.large_share", \.largeDiveShare, in: 0...1, "the same on large models"),
        .int("dives.backtracks", \.diveBacktracks, in: 0...1000, "times a schedule dive may undo a fixing that cost a unit of cover"),
        .double("best_response.share", \.bestResponseShare, in: 0...1, "share of the time left for the best response (large models: all of it)"),
        .int("best_response.sideways_passes", \.bestResponseSidewaysPasses, in: 0...100,
             "passes without gain the best response walks on plateaus before it stops (0: strict gains only)"),
        .double("integer_master.share", \.integerMasterShare, in: 0...1, "share of the time for the integer master over the pool"),
        .int("integer_master.row_limit", \.integerMasterRowLimit, in: 0...10_000_000, "skip the integer master above this many cover rows"),
        .int("compact_lp.column_limit", \.compactLPColumnLimit, in: 0...100_000_000,
             "skip the compact LP above this many x columns (such models count as large)"),
        .int("fix_and_optimize.initial_size", \.neighbourhoodSize, in: 10...1_000_000, "free x columns a neighbourhood starts with (sizes adapt)"),
        .bool("fix_and_optimize.noise", \.noise, "random tie-breaking costs in neighbourhoods"),
        .int("fix_and_optimize.tiny_limit", \.tinyColumnLimit, in: 0...100_000_000, "skip fix-and-optimize up to this many x columns"),
        .int("branch_and_cut.column_limit", \.directColumnLimit, in: 0...100_000_000,
             "end with GLPK's branch and cut on the whole model up to this many x columns"),
        .double("branch_and_cut.share", \.directFixAndOptimizeShare, in: 0...1,
                "on such models, the share of the time left that fix-and-optimize gets before it"),
        .double("branch_and_cut.large_share", \.finalMIPShare, in: 0...1, "share of the time for branch and cut on larger models (0: none)"),
        .choice("branch_and_cut.branching", \.branching, "GLPK's branching rule"),
        .bool("branch_and_cut.gomory", \.gomoryCuts, "Gomory cuts"),
        .bool("branch_and_cut.mir", \.mirCuts, "mixed-integer rounding cuts"),
        .bool("branch_and_cut.cover", \.coverCuts, "cover cuts"),
        .bool("branch_and_cut.clique", \.cliqueCuts, "clique cuts"),
        .bool("branch_and_cut.feasibility_pump", \.feasibilityPump, "GLPK's feasibility pump"),
        .bool("branch_and_cut.proximity_search", \.proximitySearch, "GLPK's proximity search"),
        .bool("debug", \.debug, "log every dive node, column-generation round and neighbourhood"),
    ])
}
