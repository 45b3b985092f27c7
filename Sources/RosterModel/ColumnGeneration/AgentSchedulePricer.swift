import Foundation
import RosterCore
import Solver

/// One agent's pricing problem: the cheapest schedule over the whole horizon (one option or a day off per
/// slot) at given option costs, under every rule that concerns that agent alone, solved exactly by
/// dynamic programming over the slots (a labelling algorithm: states merged when equal, labels on the
/// horizon's hours kept while no other dominates them). See Docs/model.md, "Column generation".
///
/// Rules held: which options the agent may work and pins (the x columns' bounds), rest between shifts on
/// slots one and two apart (real instants, so across midnight and clock changes), consecutive days and
/// nights, days off, hours and nights per calendar week, hours over the horizon; the minimum hours are
/// soft, at the cost of their slack in the model. Everything is read from the integer model, so a
/// re-roster's frozen shifts and change costs are priced as the model has them.
struct AgentSchedulePricer: Sendable {
    struct Slot: Sendable, Hashable {
        /// Options of the slot the agent may work, in order of start.
        var options: [Int] = []
        var starts: [Int] = []
        var ends: [Int] = []
        var paidMinutes: [Int] = []
        var night: [Bool] = []
        /// A pinned (or frozen) option: the agent must work it.
        var forced = false
        /// Calendar week the slot's day lies in (nil: outside every whole week).
        var week: Int? = nil
        /// The slot is the last day of its week.
        var closesWeek = false
        /// Starts of the agent's options on the next slot, and on the next two, sorted.
        var nextStarts: [Int] = []
        var nextTwoStarts: [Int] = []
    }
    struct WeekRule: Sendable, Hashable {
        var minimumMinutes: Double = 0
        /// Cost of one hour below the minimum (0: no minimum).
        var shortCost: Double = 0
    }

    let agent: Int
    let slots: [Slot]
    let restSeconds: Int
    let maxRun: Int
    let maxNightRun: Int
    /// With a previous roster: its working days and nights in a row up to the eve (`RuleSemantics.priorRun`),
    /// the runs every label carries into slot 1 (the eve slot only mirrors the previous roster); nil without.
    let priorRun: Int?
    let priorNightRun: Int?
    /// With a straddling week: the previous roster's days, minutes and nights in it.
    let priorWeek: (days: Int, minutes: Double, nights: Int)?
    let weekMaxDays: Int
    let weekMaxMinutes: Double
    let weekMaxNights: Int
    let weekRules: [WeekRule]
    let horizonMaxMinutes: Double
    let horizonRule: WeekRule
    /// Whether the horizon's hours can matter (a maximum that the weekly ones do not imply, or a minimum).
    let tracksHorizon: Bool
    /// Per slot: at most how many minutes the agent can still work from that slot to the end (whole weeks
    /// at their maximum). Without a horizon minimum, minutes so far below `max − that` all allow the same
    /// futures, so labels are merged there (``horizonFloor``).
    let remainingMinutes: [Double]

    init(_ full: RosterIntegerModel, agent a: Int) {
        let m = full.model
        let rules = full.scenario.rules
        let options = full.catalog.options
        let origin = full.scenario.grid.horizonStart.addingTimeInterval(-3 * 86_400)
        func seconds(_ t: Date) -> Int { Int(t.timeIntervalSince(origin).rounded()) }
        var slots = [Slot](repeating: Slot(), count: full.catalog.slotCount)
        for s in slots.indices {
            var list = full.agentDayOptions[a][s].map { full.agentOptions[a][$0] }
                .filter { (m.columnUpper[$0.column.index] ?? 1) > 0.5 }
            if let forced = list.first(where: { m.columnLower[$0.column.index].map { $0 > 0.5 } ?? false }) {
                list = [forced]
                slots[s].forced = true
            }
            list.sort { options[$0.option].start < options[$1.option].start }
            slots[s].options = list.map(\.option)
            slots[s].starts = list.map { seconds(options[$0.option].start) }
            slots[s].ends = list.map { seconds(options[$0.option].end) }
            slots[s].paidMinutes = list.map { Int((options[$0.option].paidHours * 60).rounded()) }
            slots[s].night = list.map { options[$0.option].isNight }
        }
        // The week straddling the boundary with a previous roster is a week too (its caps start at what the
        // previous roster used up: see `cheapest`), after the whole ones; it has no minimum.
        let weeks = full.semantics.weeks + (full.semantics.straddlingWeek.map { [$0] } ?? [])
        var weekRules = [WeekRule](repeating: WeekRule(), count: weeks.count)
        var horizonRule = WeekRule()
        for slack in full.hoursSlacks where slack.agent == a {
            let rule = WeekRule(minimumMinutes: slack.minimum * 60, shortCost: m.objective[slack.column.index])
            if let w = weeks.firstIndex(of: slack.days) { weekRules[w] = rule } else { horizonRule = rule }
        }
        for (w, days) in weeks.enumerated() {
            for d in days { slots[d + 1].week = w }
            slots[days.upperBound].closesWeek = true
        }
        for s in slots.indices {
            let next = s + 1 < slots.count ? slots[s + 1].starts : []
            let after = s + 2 < slots.count ? slots[s + 2].starts : []
            slots[s].nextStarts = next.sorted()
            slots[s].nextTwoStarts = (next + after).sorted()
        }
        agent = a
        self.slots = slots
        restSeconds = Int((rules.minRestHours * 3600).rounded())
        maxRun = rules.maxConsecutiveDays
        maxNightRun = rules.maxConsecutiveNights ?? Int.max
        priorRun = full.semantics.hasPrevious ? full.semantics.priorRun[a] : nil
        priorNightRun = full.semantics.hasPrevious ? full.semantics.priorNightRun[a] : nil
        priorWeek = full.semantics.straddlingWeek == nil ? nil : full.semantics.priorWeek[a]
        weekMaxDays = 7 - rules.minDaysOffPerWeek
        weekMaxMinutes = full.semantics.maxWeekHours(full.scenario.agents[a]).map { $0 * 60 } ?? .infinity
        weekMaxNights = rules.maxNightsPerWeek ?? Int.max
        self.weekRules = weekRules
        horizonMaxMinutes = full.semantics.maxHorizonHours(agentIndex: a).map { $0 * 60 } ?? .infinity
        self.horizonRule = horizonRule
        // The most minutes the agent could work: each whole week at its maximum, other slots a shift each.
        var most = 0.0
        for slot in slots where slot.week == nil { most += Double(slot.paidMinutes.max() ?? 0) }
        for (w, days) in weeks.enumerated() {
            let best = days.map { Double(slots[$0 + 1].paidMinutes.max() ?? 0) }.sorted(by: >).prefix(max(0, weekMaxDays)).reduce(0, +)
            most += min(best, weekMaxMinutes); _ = w
        }
        tracksHorizon = horizonRule.shortCost > 0 || most > horizonMaxMinutes + Tolerance.hours
        var remaining = [Double](repeating: 0, count: slots.count + 1)
        for s in stride(from: slots.count - 1, through: 0, by: -1) {
            let most = Double(slots[s].paidMinutes.max() ?? 0)
            if let w = slots[s].week {
                // The rest of the week from this slot: its best days, within the weekly maximum.
                let days = weeks[w].filter { $0 + 1 >= s }.map { Double(slots[$0 + 1].paidMinutes.max() ?? 0) }
                let week = min(weekMaxMinutes, days.sorted(by: >).prefix(max(0, weekMaxDays)).reduce(0, +))
                let after = weeks[w].upperBound + 1
                remaining[s] = week + remaining[min(after, slots.count)]
            } else {
                remaining[s] = most + remaining[s + 1]
            }
        }
        remainingMinutes = remaining
    }

    /// Horizon minutes after slot `s` merged where the maximum can no longer bind (no horizon minimum).
    func horizonFloor(_ minutes: Int32, after s: Int) -> Int32 {
        guard horizonRule.shortCost == 0, horizonMaxMinutes.isFinite else { return minutes }
        let floor = horizonMaxMinutes - remainingMinutes[s + 1]
        return floor > Double(minutes) ? Int32(max(0, floor.rounded(.down))) : minutes
    }

    /// A state at a slot boundary. `ready`: the earliest start the last shift's rest allows on the
    /// slots it still reaches, canonicalised to the next start at or after it (0: nothing blocked).
    struct State: Hashable {
        var ready: Int = 0
        var run: Int16 = 0
        var nightRun: Int16 = 0
        var weekDays: Int16 = 0
        var weekNights: Int16 = 0
        var weekMinutes: Int32 = 0
    }
    struct Label {
        var state: State
        var horizonMinutes: Int32
        var cost: Double
        var parent: Int32
        var option: Int32
    }

    /// The ready time as the start of the first option in `starts` it does not block (0: it blocks none;
    /// beyond the last: it blocks all).
    static func canonical(_ ready: Int, _ starts: [Int]) -> Int {
        guard let first = starts.first, ready > first else { return 0 }
        var lo = 0, hi = starts.count
        while lo < hi { let mid = (lo + hi) / 2; if starts[mid] < ready { lo = mid + 1 } else { hi = mid } }
        return lo < starts.count ? starts[lo] : starts[starts.count - 1] + 1
    }

    func weekPenalty(_ w: Int, minutes: Int32) -> Double {
        let r = weekRules[w]
        guard r.shortCost > 0 else { return 0 }
        return r.shortCost * max(0, r.minimumMinutes - Double(minutes)) / 60
    }

    func horizonPenalty(_ minutes: Int32) -> Double {
        guard horizonRule.shortCost > 0 else { return 0 }
        return horizonRule.shortCost * max(0, horizonRule.minimumMinutes - Double(minutes)) / 60
    }

    /// The cheapest schedule at `cost[option]` (the option's cost for this agent), with its cost including
    /// the minimum-hours slack; nil when the agent's rules admit no schedule (a pin that cannot be kept).
    func cheapest(_ cost: [Double]) -> (options: [Int], cost: Double)? {
        cheapest(cost, count: 1).first
    }

    /// The `count` cheapest schedules ending in different states (the first is the cheapest of all), by cost.
    func cheapest(_ cost: [Double], count: Int) -> [(options: [Int], cost: Double)] {
        var layers: [[Label]] = []
        var layer = [Label(state: State(), horizonMinutes: 0, cost: 0, parent: -1, option: -1)]
        for (si, slot) in slots.enumerated() {
            var next: [Label] = []
            // Labels of one state are chained (`chain[i]`: the next label of label i's state, −1: none).
            var chain: [Int32] = []
            var head: [State: Int32] = [:]
            next.reserveCapacity(layer.count * 2)
            func insert(_ l: Label) {
                if let first = head[l.state] {
                    var i = first
                    while i >= 0 {
                        if next[Int(i)].cost < .infinity, dominates(next[Int(i)], l) { return }
                        i = chain[Int(i)]
                    }
                    i = first
                    while i >= 0 {
                        if next[Int(i)].cost < .infinity, dominates(l, next[Int(i)]) { next[Int(i)].cost = .infinity }
                        i = chain[Int(i)]
                    }
                    chain.append(first)
                } else {
                    chain.append(-1)
                }
                head[l.state] = Int32(next.count)
                next.append(l)
            }
            for (li, l) in layer.enumerated() where l.cost < .infinity {
                let s = l.state
                if !slot.forced {
                    var t = s
                    t.ready = s.run > 0 ? Self.canonical(s.ready, slot.nextStarts) : 0
                    t.run = 0
                    t.nightRun = 0
                    var c = l.cost
                    if slot.closesWeek, let w = slot.week {
                        c += weekPenalty(w, minutes: t.weekMinutes)
                        t.weekDays = 0; t.weekNights = 0; t.weekMinutes = 0
                    }
                    insert(Label(state: t, horizonMinutes: horizonFloor(l.horizonMinutes, after: si), cost: c, parent: Int32(li), option: -1))
                }
                if Int(s.run) >= maxRun { continue }
                for j in slot.options.indices {
                    if slot.starts[j] < s.ready { continue }
                    let night = slot.night[j]
                    if night && Int(s.nightRun) >= maxNightRun { continue }
                    var t = State()
                    t.run = s.run + 1
                    t.nightRun = night ? s.nightRun + 1 : 0
                    let minutes = Int32(slot.paidMinutes[j])
                    if let w = slot.week {
                        if Int(s.weekDays) >= weekMaxDays { continue }
                        if night && Int(s.weekNights) >= weekMaxNights { continue }
                        if Double(s.weekMinutes + minutes) > weekMaxMinutes + Tolerance.hours { continue }
                        t.weekDays = s.weekDays + 1
                        t.weekNights = s.weekNights + (night ? 1 : 0)
                        t.weekMinutes = s.weekMinutes + minutes
                        _ = w
                    }
                    let h = tracksHorizon ? l.horizonMinutes + minutes : 0
                    if Double(h) > horizonMaxMinutes + Tolerance.hours { continue }
                    t.ready = Self.canonical(slot.ends[j] + restSeconds, slot.nextTwoStarts)
                    var c = l.cost + cost[slot.options[j]]
                    if slot.closesWeek, let w = slot.week {
                        c += weekPenalty(w, minutes: t.weekMinutes)
                        t.weekDays = 0; t.weekNights = 0; t.weekMinutes = 0
                    }
                    insert(Label(state: t, horizonMinutes: horizonFloor(h, after: si), cost: c, parent: Int32(li), option: Int32(slot.options[j])))
                }
            }
            layers.append(layer)
            layer = next
            if si == 0, let priorRun, let priorNightRun {
                // After the eve, the previous period's runs, whatever the eve slot held.
                for i in layer.indices {
                    layer[i].state.run = Int16(clamping: priorRun)
                    layer[i].state.nightRun = Int16(clamping: priorNightRun)
                    if let priorWeek {
                        layer[i].state.weekDays = Int16(clamping: priorWeek.days)
                        layer[i].state.weekNights = Int16(clamping: priorWeek.nights)
                        layer[i].state.weekMinutes = Int32(clamping: Int(priorWeek.minutes.rounded()))
                    }
                }
            }
        }
        var ends: [(index: Int, cost: Double)] = []
        for (i, l) in layer.enumerated() where l.cost < .infinity { ends.append((i, l.cost + horizonPenalty(l.horizonMinutes))) }
        ends.sort { $0.cost < $1.cost }
        return ends.prefix(max(1, count)).map { end in
            var chosen: [Int] = []
            var s = slots.count
            var current = layer[end.index]
            while s > 0 {
                if current.option >= 0 { chosen.append(Int(current.option)) }
                let i = Int(current.parent)
                s -= 1
                current = layers[s][i]
            }
            return (chosen.reversed(), end.cost)
        }
    }

    /// Whether label `a` is at least as good as `b` for every completion (same state): no more horizon
    /// minutes, and cheaper even after the minimum's slack that its fewer minutes may cost.
    func dominates(_ a: Label, _ b: Label) -> Bool {
        guard a.horizonMinutes <= b.horizonMinutes else { return false }
        var extra = 0.0
        if horizonRule.shortCost > 0 {
            let gap = Double(b.horizonMinutes - a.horizonMinutes)
            extra = horizonRule.shortCost * min(gap, max(0, horizonRule.minimumMinutes - Double(a.horizonMinutes))) / 60
        }
        return a.cost + extra <= b.cost
    }
}
