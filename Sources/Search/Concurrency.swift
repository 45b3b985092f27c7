// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Foundation

/// Results written by concurrent workers, one slot each (a slot left unwritten reads nil).
public final class ConcurrentSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()
    public init(count: Int) { slots = Array(repeating: nil, count: count) }
    public func set(_ i: Int, _ value: Value) { lock.lock(); slots[i] = value; lock.unlock() }
    public var all: [Value?] { lock.lock(); defer { lock.unlock() }; return slots }
}

/// Runs `work` for 0 ..< count, on all cores when `threads` > 1, else in order on this thread.
public func performConcurrently(_ count: Int, threads: Int, _ work: @Sendable (Int) -> Void) {
    if threads > 1 {
        DispatchQueue.concurrentPerform(iterations: count, execute: work)
    } else {
        for i in 0..<count { work(i) }
    }
}
