/// Named tolerances for comparing computed numbers, so that every bare `1e-6` in the code says what it
/// forgives.
public enum Tolerance {
    /// Slack when comparing hours, minutes or seconds computed from real times and sums of paid
    /// hours against a rule's limit (a rest of 11 h that comes out as 10.9999999 h still keeps a rule
    /// of 11 h). Far below anything a rule or a clock can express.
    public static let time = 1e-6
    /// Slack when comparing queueing measures (service level, speed of answer, occupancy) against a
    /// goal: only the rounding of floating-point arithmetic.
    static let queueing = 1e-12
    /// Relative optimality gap at which a small surge-planning integer program stops: a fraction of
    /// one extra shift on any real horizon.
    public static let whatIfGap = 1e-4
}
