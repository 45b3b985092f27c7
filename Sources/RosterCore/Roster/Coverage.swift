import Foundation

/// Agents on the line per interval: an agent counts when on the line (not on break) for at least half
/// of the interval.
public struct OnLineCount: Sendable {
    public let counts: [Int]

    public init(grid: TimeGrid, roster: Roster) {
        var counts = [Int](repeating: 0, count: grid.intervals.count)
        for s in roster.shifts {
            guard let first = grid.intervalIndex(containing: max(s.start, grid.horizonStart)) else { continue }
            var i = first
            while i < grid.intervals.count, grid.intervals[i].start < s.end {
                let iv = grid.intervals[i]
                let length = iv.end.timeIntervalSince(iv.start)
                if s.secondsOnLine(from: iv.start, to: iv.end) * 2 >= length - Tolerance.time { counts[i] += 1 }
                i += 1
            }
        }
        self.counts = counts
    }
}

/// Required against scheduled agents, interval by interval.
public struct CoverageReport: Sendable {
    public let required: [Int]
    public let scheduled: [Int]
    public let intervalHours: [Double]

    public init(scenario: Scenario, requirement: [Int], roster: Roster) {
        self.required = requirement
        self.scheduled = OnLineCount(grid: scenario.grid, roster: roster).counts
        self.intervalHours = scenario.grid.intervals.map { Double($0.minutes) / 60 }
    }

    public var shortfallAgentHours: Double {
        zip(zip(required, scheduled), intervalHours).reduce(0) { $0 + Double(max(0, $1.0.0 - $1.0.1)) * $1.1 }
    }
    public var surplusAgentHours: Double {
        zip(zip(required, scheduled), intervalHours).reduce(0) { $0 + Double(max(0, $1.0.1 - $1.0.0)) * $1.1 }
    }
    public var intervalsBelowRequirement: Int { zip(required, scheduled).filter { $0.1 < $0.0 }.count }
}
