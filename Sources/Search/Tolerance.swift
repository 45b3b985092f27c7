// SPDX-License-Identifier: GPL-3.0-or-later

/// The numerical tolerances of the searches, named once (see Docs/model.md, "Tolerances").
public enum Tolerance {
    /// A row is kept when it is violated by at most this much (GLPK's own primal feasibility is 1e-7).
    public static let feasibility = 1e-6
    /// A candidate must beat the incumbent by more than this to count as better.
    public static let improvement = 1e-6
    /// A binary whose value is within this of 0 or 1 counts as integral.
    public static let integrality = 1e-6
    /// A column prices out (enters the master) when its reduced cost is below minus this.
    public static let reducedCost = 1e-6
    /// A value this close to zero is zero (master-LP weights, exact pricing: value equals bound).
    public static let zero = 1e-9
    /// Hours and minutes compared after floating-point sums (8 h + 8 h against a 16-h limit).
    public static let hours = 1e-9
    /// Margin taken off a bound computed from many floating-point terms before it is rounded up to an
    /// integer (each agent's pricing may leave up to `reducedCost` unpriced).
    public static let boundRounding = 1e-3
}
