import Search

extension RosterSolveOptions {
    /// Every tunable of `roster solve` and `roster resolve`, with its meaning (`--list-params`,
    /// `--param name=value`).
    public static let registry = ParameterRegistry<RosterSolveOptions>(defaults: { RosterSolveOptions() }, [
        .double("gap", \.gapTarget, in: 0...0.99, "stop once the relative gap to the bound is at most this (also --gap)"),
        .int("threads", \.threads, in: 1...64, "neighbourhoods solved at once, each on its own thread"),
        .double("shift_counts.share", \.shiftCountShare, in: 0...1, "share of the time left for the shift counts (agents pooled)"),
        .double("shift_counts.max_seconds", \.shiftCountSeconds, in: 0...86_400, "at most this many seconds for them"),
        .double("construct.share", \.constructionShare, in: 0...1, "share of the time left for the first roster"),
        .double("construct.max_seconds", \.constructionSeconds, in: 0...86_400, "at most this many seconds for it"),
        .int("lp_bound.column_limit", \.relaxationColumnLimit, in: 0...100_000_000,
             "solve the full model's LP relaxation for the bound up to this many columns"),
        .double("lp_bound.share", \.relaxationShare, in: 0...1, "share of the time left for that LP"),
        .bool("lagrangian.bound", \.lagrangianBound,
              "the Lagrangian bound at the shift counts' LP prices: every agent's cheapest schedule under all their rules"),
        .double("column_generation.share", \.columnGenerationShare, in: 0...1,
                "share of the time left for column generation over agents' schedules (a bound at least the full LP's; 0: off)"),
        .double("column_generation.smoothing", \.smoothing, in: 0...0.99, "dual smoothing of its pricing (0: off)"),
        .bool("column_generation.after", \.columnGenerationAfter,
              "spend the time fix-and-optimize leaves (when it stops early) on column generation, for a stronger bound"),
        .int("fix_and_optimize.initial_columns", \.neighbourhoodColumns, in: 10...1_000_000,
             "assignment columns a neighbourhood frees at first (sizes adapt)"),
        .int("fix_and_optimize.max_columns", \.maxNeighbourhoodColumns, in: 10...10_000_000, "and at most"),
        .bool("breaks.place", \.placeBreaks, "move each break within its window, once the shifts are chosen, to cover the line best"),
        .double("breaks.share", \.breakShare, in: 0...0.5, "share of the time limit kept for it"),
        .double("breaks.max_seconds", \.breakSeconds, in: 0...3600, "at most this many seconds"),
        .double("fix_and_optimize.neighbourhood_seconds", \.neighbourhoodSeconds, in: 0.05...600, "seconds GLPK may spend on one neighbourhood"),
    ])
}
