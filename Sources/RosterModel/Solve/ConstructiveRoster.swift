import Foundation
import RosterCore
import Search
import Solver

/// Builds a first roster that breaks no hard rule: the shift counts of the aggregate model are handed
/// out day by day, each to the agent who can take it and needs it most. Counts no agent can take are
/// left uncovered (fix-and-optimize then repairs what it can).
struct ConstructiveRoster {
    let full: RosterIntegerModel
    /// Option on each slot (0: the eve, d + 1: day d) for each agent (nil: day off).
    var days: [[Int?]]
    private let eligible: [[Set<Int>]]
    private let preferenceCost: [[Int: Double]]

    init(_ full: RosterIntegerModel) {
        self.full = full
        let dayCount = full.catalog.slotCount
        days = Array(repeating: Array(repeating: nil, count: dayCount), count: full.scenario.agents.count)
        // Options the model leaves open (a re-roster fixes some columns to 0 before its cut-off).
        eligible = full.agentDayOptions.enumerated().map { a, perDay in
            perDay.map { positions in
                Set(positions.map { full.agentOptions[a][$0] }.filter { (full.model.columnUpper[$0.column.index] ?? 1) > 0.5 }.map(\.option))
            }
        }
        preferenceCost = full.agentOptions.map { list in
            Dictionary(list.map { ($0.option, full.model.objective[$0.column.index]) }, uniquingKeysWith: { a, _ in a })
        }
        for (a, pins) in full.pinnedOptions.enumerated() {
            for k in pins { days[a][full.catalog.options[k].slot] = k }
        }
    }

    var assignment: [[Int]] { days.map { $0.compactMap { $0 } } }

    /// Takes the given shifts (each agent's option ids), in time order, skipping any that breaks a rule.
    mutating func take(_ given: [[Int]]) {
        let options = full.catalog.options
        for (a, list) in given.enumerated() {
            for k in list.sorted(by: { options[$0].start < options[$1].start }) where days[a][options[k].slot] != k && canTake(a, k) {
                days[a][options[k].slot] = k
            }
        }
    }

    /// Whether agent `a` may take option `k` given everything assigned so far.
    func canTake(_ a: Int, _ k: Int) -> Bool {
        let full = self.full   // one copy of the model per call, not one per access (debug builds: issue 8, time limits)
        let options = full.catalog.options
        let rules = full.scenario.rules
        let o = options[k]
        let d = o.slot
        guard days[a][d] == nil, eligible[a][d].contains(k) else { return false }
        let rest = rules.minRestHours * 3600
        for e in 1...2 {
            if d - e >= 0, let p = days[a][d - e], o.start.timeIntervalSince(options[p].end) < rest { return false }
            if d + e < days[a].count, let n = days[a][d + e], options[n].start.timeIntervalSince(o.end) < rest { return false }
        }
        // Consecutive days including d.
        // With a previous roster, runs count from day 0 (slot 1) on, carrying on the previous period's.
        let first = full.semantics.hasPrevious ? 1 : 0
        if d < first { return true }                        // the eve is the previous roster's (pinned)
        var run = 1
        var i = d - 1
        while i >= first, days[a][i] != nil { run += 1; i -= 1 }
        if i < first { run += full.semantics.priorRun[a] }
        i = d + 1
        while i < days[a].count, days[a][i] != nil { run += 1; i += 1 }
        if run > rules.maxConsecutiveDays { return false }
        if o.isNight, let maxRun = rules.maxConsecutiveNights {
            var nights = 1
            i = d - 1
            while i >= first, let p = days[a][i], options[p].isNight { nights += 1; i -= 1 }
            if i < first { nights += full.semantics.priorNightRun[a] }
            i = d + 1
            while i < days[a].count, let n = days[a][i], options[n].isNight { nights += 1; i += 1 }
            if nights > maxRun { return false }
        }
        let agent = full.scenario.agents[a]
        if let week = full.semantics.weeks.first(where: { $0.contains(o.day) }) {
            let worked = week.map { $0 + 1 }.filter { days[a][$0] != nil }
            if worked.count + 1 > 7 - rules.minDaysOffPerWeek { return false }
            if let maxH = full.semantics.maxWeekHours(agent) {
                let hours = worked.reduce(0.0) { $0 + options[days[a][$1]!].paidHours }
                if hours + o.paidHours > maxH + Tolerance.hours { return false }
            }
            if o.isNight, let maxN = rules.maxNightsPerWeek {
                if worked.filter({ options[days[a][$0]!].isNight }).count + 1 > maxN { return false }
            }
        }
        if let week = full.semantics.straddlingWeek, week.contains(o.day) {
            let prior = full.semantics.priorWeek[a]
            let worked = week.map { $0 + 1 }.filter { days[a][$0] != nil }
            if prior.days + worked.count + 1 > 7 - rules.minDaysOffPerWeek { return false }
            if let maxH = full.semantics.maxWeekHours(agent) {
                let hours = prior.minutes / 60 + worked.reduce(0.0) { $0 + options[days[a][$1]!].paidHours }
                if hours + o.paidHours > maxH + Tolerance.hours { return false }
            }
            if o.isNight, let maxN = rules.maxNightsPerWeek,
               prior.nights + worked.filter({ options[days[a][$0]!].isNight }).count + 1 > maxN { return false }
        }
        if let maxH = full.semantics.maxHorizonHours(agentIndex: a) {
            let hours = days[a].reduce(0.0) { $0 + ($1.map { options[$0].paidHours } ?? 0) }
            if hours + o.paidHours > maxH + Tolerance.hours { return false }
        }
        // Weekly rest: every week that still has a day the rest can span keeps one (shifts are only ever
        // added, so a roster built this way keeps the rule wherever it could).
        if !full.weeklyRestsOfAgent.isEmpty, !full.weeklyRestsOfAgent[a].isEmpty {
            let now = Set(days[a].compactMap { $0 })
            var after = now
            after.insert(k)
            for i in full.weeklyRestsOfAgent[a] {
                let w = full.weeklyRests[i]
                if w.holdingDay(after) == nil, w.holdingDay(now) != nil { return false }
            }
        }
        return true
    }

    /// Hands out `counts[k]` agents to each option.
    mutating func assign(counts: [Int], includePinned: Bool = true) {
        let options = full.catalog.options
        let agentCount = full.scenario.agents.count
        var remaining = counts
        if includePinned { for pins in full.pinnedOptions { for k in pins { remaining[k] -= 1 } } }
        let target = targetHours()
        for d in 0..<full.catalog.slotCount {
            // Nights first (fewer agents may take them), then by start time.
            let todays = full.catalog.bySlot[d].sorted { (options[$0].isNight ? 0 : 1, options[$0].start) < (options[$1].isNight ? 0 : 1, options[$1].start) }
            for k in todays {
                while remaining[k] > 0 {
                    var best: Int? = nil
                    var bestScore = -Double.infinity
                    for a in 0..<agentCount where canTake(a, k) {
                        let s = score(a, k, target: target[a])
                        if s > bestScore { bestScore = s; best = a }
                    }
                    guard let chosen = best else { break }
                    days[chosen][d] = k
                    remaining[k] -= 1
                }
            }
        }
    }

    /// Hours each agent should reach over the horizon: the minimum if any, else an even share of demand.
    private func targetHours() -> [Double] {
        let semantics = full.semantics
        return full.scenario.agents.indices.map { a in
            if let h = semantics.minHorizonHours(agentIndex: a) { return h }
            let weekly = semantics.baseMinWeekHours(full.scenario.agents[a]) ?? semantics.maxWeekHours(full.scenario.agents[a]) ?? 40
            return weekly * Double(full.scenario.grid.days) / 7
        }
    }

    private func score(_ a: Int, _ k: Int, target: Double) -> Double {
        let options = full.catalog.options
        let o = options[k]
        var worked = 0.0, nights = 0.0, weekends = 0.0
        for p in days[a] { if let p { worked += options[p].paidHours; if options[p].isNight { nights += 1 }; if options[p].isWeekend { weekends += 1 } } }
        var s = (target - worked) / max(target, 1) * 100        // who is furthest from their hours
        if o.isNight { s -= nights * 15 }
        if o.isWeekend { s -= weekends * 10 }
        // Keep a regular pattern: same template as the day before is a small plus.
        if o.slot > 0, let p = days[a][o.slot - 1], options[p].templateIndex == o.templateIndex { s += 5 }
        s -= preferenceCost[a][k] ?? 0
        return s
    }
}

extension ConstructiveRoster {
    /// Brings agents up to their minimum weekly and horizon hours where the rules allow: first by
    /// lengthening a shift they already work, then by adding a shift on a day off, choosing the shift
    /// that covers the most intervals still short of their requirement.
    /// Stops (keeping what it has) when `budget` runs out or is cancelled, so that time limits and Ctrl-C hold.
    mutating func repairMinimumHours(budget: Budget? = nil) {
        let options = full.catalog.options
        var covered = [Int](repeating: 0, count: full.requirement.count)
        for row in days { for k in row.compactMap({ $0 }) { for i in options[k].coveredIntervals { covered[i] += 1 } } }
        let requirement = full.requirement
        func usefulness(_ k: Int, replacing old: Int?) -> Double {
            var gain = 0.0
            let oldSet = Set(old.map { options[$0].coveredIntervals } ?? [])
            for i in options[k].coveredIntervals where !oldSet.contains(i) {
                gain += covered[i] < requirement[i] ? 10 : -1
            }
            return gain
        }
        for slack in full.hoursSlacks {
            if budget?.isExhausted == true { break }
            let a = slack.agent
            let slots = (slack.days.lowerBound + 1)..<(slack.days.upperBound + 1)
            func hours() -> Double { slots.reduce(0.0) { $0 + (days[a][$1].map { options[$0].paidHours } ?? 0) } }
            var guardCount = 0
            while hours() < slack.minimum - Tolerance.hours, guardCount < 14 {
                guardCount += 1
                var best: (slot: Int, option: Int, score: Double)? = nil
                for s in slots {
                    if let current = days[a][s] {
                        // Lengthen: same template and start, more paid hours.
                        days[a][s] = nil
                        for k in full.catalog.bySlot[s] where options[k].templateIndex == options[current].templateIndex
                            && options[k].paidHours > options[current].paidHours && canTake(a, k) {
                            let score = 1000 + usefulness(k, replacing: current)
                            if best == nil || score > best!.score { best = (s, k, score) }
                        }
                        days[a][s] = current
                    } else {
                        for k in full.catalog.bySlot[s] where canTake(a, k) {
                            // preferenceCost[a][k] is the objective of x[a,k] (a lookup, not a scan: issue 8, time limits).
                            let score = usefulness(k, replacing: nil) - (preferenceCost[a][k] ?? 0)
                            if best == nil || score > best!.score { best = (s, k, score) }
                        }
                    }
                }
                guard let move = best else { break }
                if let old = days[a][move.slot] { for i in options[old].coveredIntervals { covered[i] -= 1 } }
                days[a][move.slot] = move.option
                for i in options[move.option].coveredIntervals { covered[i] += 1 }
            }
        }
    }
}
