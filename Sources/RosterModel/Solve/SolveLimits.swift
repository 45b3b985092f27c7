import Foundation
import RosterCore

/// Sizes beyond which `roster solve` refuses a scenario before building anything, with a message,
/// instead of running out of memory. The loader's own limits (Docs/guarantees.md) come first; these
/// bound the model, whose size grows with agents × days × shift options.
enum SolveLimits {
    /// Concrete shifts (template × start × length × day) in the horizon.
    static let maxShiftOptions = 200_000
    /// Agent × shift pairs, the binary columns of the model, before eligibility and leave remove some.
    static let maxAssignmentPairs = 3_000_000

    /// Shift options in the horizon (and its eve), counted from the templates without building them.
    static func shiftOptionCount(_ s: Scenario) -> Int {
        let perDay = s.templates.reduce(0) { $0 + $1.startTimes.count * $1.lengthsMinutes.count }
        return perDay * (s.grid.days + 1)
    }

    /// Why the scenario is too large to solve, or nil.
    static func refusal(_ s: Scenario) -> String? {
        let options = shiftOptionCount(s)
        if options > maxShiftOptions {
            return "the horizon has \(options) possible shifts (templates × starts × lengths × days); at most \(maxShiftOptions) are supported: "
                + "use fewer start times (a larger step_minutes), fewer lengths or a shorter horizon"
        }
        let pairs = options.multipliedReportingOverflow(by: s.agents.count)
        if pairs.overflow || pairs.partialValue > maxAssignmentPairs {
            return "\(s.agents.count) agents × \(options) possible shifts is too large a model (at most \(maxAssignmentPairs) pairs): "
                + "split the team, shorten the horizon or use fewer shift starts"
        }
        return nil
    }
}
