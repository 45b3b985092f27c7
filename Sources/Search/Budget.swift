// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

/// A flag another thread sets to stop a running solve. The solve then returns what it has, marked
/// interrupted.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func cancel() { flag.store(true, ordering: .releasing) }
    public var isCancelled: Bool { flag.load(ordering: .acquiring) }
}

/// What a search reports now and then: the phase it is in, the best objective so far and the bound.
public struct SearchProgress: Sendable {
    public var phase: String
    public var elapsed: Double
    public var incumbent: Double?
    public var bound: Double?
    public var note: String
    /// What the incumbent pays for broken rules (left out of the gap's denominator, as in the report).
    public var penalty: Double
    public var gap: Double? { Gap.relative(objective: incumbent, bound: bound, penalty: penalty) }

    public init(phase: String, elapsed: Double, incumbent: Double?, bound: Double?, note: String, penalty: Double = 0) {
        self.phase = phase
        self.elapsed = elapsed
        self.incumbent = incumbent
        self.bound = bound
        self.note = note
        self.penalty = penalty
    }
}

/// The time a solve may take, with its cancellation and progress sink, passed down the layers.
///
/// One deadline is fixed when the solve starts (`Budget(seconds:)`); every lower layer gets a part of it
/// with ``share(_:)`` or ``capped(_:)`` and never reads the clock to make a deadline of its own, so no
/// phase can run past the whole solve's limit. A part's deadline is never later than its parent's.
public struct Budget: Sendable {
    /// When the whole solve started (shared by every part, for elapsed times in logs).
    public let origin: Date
    let deadline: Date
    public let cancellation: CancellationFlag?
    public let progress: (@Sendable (SearchProgress) -> Void)?

    public init(seconds: Double, cancellation: CancellationFlag? = nil, progress: (@Sendable (SearchProgress) -> Void)? = nil) {
        let now = Date()
        origin = now
        deadline = now.addingTimeInterval(seconds.isNaN ? 0 : seconds.isFinite ? max(0, seconds) : 1e9)
        self.cancellation = cancellation
        self.progress = progress
    }

    init(origin: Date, deadline: Date, cancellation: CancellationFlag?, progress: (@Sendable (SearchProgress) -> Void)?) {
        self.origin = origin
        self.deadline = deadline
        self.cancellation = cancellation
        self.progress = progress
    }

    /// Seconds left (never negative).
    public var remaining: Double { max(0, deadline.timeIntervalSinceNow) }
    /// Seconds since the whole solve started.
    public var elapsed: Double { Date().timeIntervalSince(origin) }
    public var isCancelled: Bool { cancellation?.isCancelled == true }
    /// Cancelled, or no time left.
    public var isExhausted: Bool { isCancelled || remaining <= 0 }
    /// Not cancelled and more than `seconds` left.
    public func hasTime(_ seconds: Double = 0) -> Bool { !isCancelled && remaining > seconds }

    /// A part for `fraction` of the time left now (clamped to [0, 1]).
    public func share(_ fraction: Double) -> Budget {
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        return until(Date().addingTimeInterval(remaining * f))
    }

    /// A part of at most `seconds`.
    public func capped(_ seconds: Double) -> Budget {
        until(Date().addingTimeInterval(seconds.isFinite ? max(0, seconds) : remaining))
    }

    /// A part that ends `seconds` before this one (to leave time for what follows).
    public func leaving(_ seconds: Double) -> Budget {
        until(deadline.addingTimeInterval(-max(0, seconds)))
    }

    /// A part ending at `date`, or at this budget's deadline if that comes first.
    func until(_ date: Date) -> Budget {
        Budget(origin: origin, deadline: min(deadline, date), cancellation: cancellation, progress: progress)
    }

    /// Seconds to hand to an engine that takes a time limit (GLPK): the time left, at least `floor`
    /// (a few milliseconds so that a call at the deadline returns at once rather than being refused).
    public func seconds(floor: Double = 0.05) -> Double { max(floor, remaining) }

    /// Sends a progress line to the sink, if any.
    public func report(phase: String, incumbent: Double?, bound: Double?, note: String, penalty: Double = 0) {
        progress?(SearchProgress(phase: phase, elapsed: elapsed, incumbent: incumbent, bound: bound, note: note, penalty: penalty))
    }
}
