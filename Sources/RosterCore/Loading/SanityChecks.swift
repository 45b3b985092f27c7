import Foundation

/// Warnings about a scenario that is valid but probably not what the lead meant.
enum SanityChecks {
    static func run(_ s: Scenario, _ sink: inout DiagnosticSink) {
        let grid = s.grid

        // Weekly rest is modelled through whole days off (Docs/model.md): that is exact while no shift
        // ends more than 48 − min_weekly_rest_hours hours after the midnight that follows its start.
        if let need = s.rules.minWeeklyRestHours {
            for t in s.templates {
                let carry = Double(t.latestStart.minutes + (t.lengthsMinutes.max() ?? 0)) / 60 - 24
                if carry > 48 - need + 1e-9 {
                    sink.error(.invalid("min_weekly_rest_hours = \(fmt(need)) needs every shift to end at most \(fmt(48 - need)) h after the midnight after its start; shift '\(t.name)' ends up to \(fmt(carry)) h after it: lower min_weekly_rest_hours to \(fmt(48 - carry)) or shorten the shift"),
                               SourceLocation(file: "team.toml", field: "min_weekly_rest_hours"))
                    break
                }
            }
        }

        // Templates each agent may work.
        func workable(_ a: Agent) -> [ShiftTemplate] {
            s.templates.filter { t in
                (a.allowedShifts?.contains(t.name) ?? true) && (a.nightEligible || !t.isNight)
                    && t.requiredSkills.allSatisfy(a.skills.contains)
            }
        }

        // Days (of the horizon) each agent is hard-blocked for the whole day.
        var blockedDays: [String: Set<Int>] = [:]
        for e in s.availability where e.kind.isHard {
            switch e.span {
            case .dates(let a, let b):
                let lo = max(a.dayNumber, grid.startDate.dayNumber), hi = min(b.dayNumber, grid.startDate.dayNumber + grid.days - 1)
                if lo <= hi { for d in lo...hi { blockedDays[e.agentID, default: []].insert(d - grid.startDate.dayNumber) } }
            case .instants(let from, let to):
                for d in 0..<grid.days {
                    let start = grid.clock.startOfDay(grid.date(ofDay: d))
                    let end = grid.clock.startOfDay(grid.date(ofDay: d + 1))
                    if from <= start && to >= end { blockedDays[e.agentID, default: []].insert(d) }
                }
            }
        }

        var availableHours = 0.0
        for a in s.agents {
            let loc = a.location ?? SourceLocation(file: "agents.csv")
            let templates = workable(a)
            var reason: String? = nil
            if templates.isEmpty {
                reason = a.allowedShifts != nil ? "none of their allowed_shifts is open to them (night or skills)"
                    : "no shift template suits them (night eligibility or skills)"
            } else if (blockedDays[a.id]?.count ?? 0) >= grid.days {
                reason = "unavailable or on leave for the whole horizon"
            } else if let m = a.maxHoursPerWeek, m <= 0 {
                reason = "max_hours_per_week is 0"
            } else if let shortest = templates.flatMap(\.lengthsMinutes).min(),
                      let m = a.maxHoursPerWeek ?? s.rules.maxHoursPerWeek, m * 60 < Double(shortest) - breakMinutes(templates) {
                reason = "max hours per week (\(fmt(m))) are less than the shortest shift they may work"
            }
            if let reason {
                sink.warning(.agentCannotWork(id: a.id, reason: reason), loc)
                continue
            }
            // Upper bound of the hours this agent can be on the phones in the horizon.
            let longest = templates.map { t in Double(t.lengthsMinutes.max() ?? 0) - Double(t.breakRule?.lengthMinutes ?? 0) }.max() ?? 0
            let workDaysPerWeek = Double(max(0, 7 - s.rules.minDaysOffPerWeek) * s.rules.maxShiftsPerDay)
            var perWeek = workDaysPerWeek * longest / 60
            if let m = a.maxHoursPerWeek ?? s.rules.maxHoursPerWeek { perWeek = min(perWeek, m) }
            var hours = perWeek * Double(grid.days) / 7
            if let m = s.rules.maxHoursPerHorizon { hours = min(hours, m) }
            let freeDays = grid.days - (blockedDays[a.id]?.count ?? 0)
            hours *= Double(freeDays) / Double(grid.days)
            availableHours += hours
        }

        for t in s.templates where !s.agents.contains(where: { workable($0).contains(t) }) {
            sink.warning(.shiftNobodyCanWork(t.name), SourceLocation(file: "team.toml", field: "shifts"))
        }

        // Handover times that no template can straddle.
        for h in s.handovers {
            let covered = s.templates.contains { t in
                t.startTimes.contains { st in
                    t.lengthsMinutes.contains { len in
                        for dayShift in [-1440, 0] {
                            let start = st.minutes + dayShift, end = start + len
                            if start <= h.time.minutes - h.overlapMinutes && end >= h.time.minutes + h.overlapMinutes { return true }
                        }
                        return false
                    }
                }
            }
            if !covered {
                sink.warning(.notice("no shift template works from \(h.overlapMinutes) min before to \(h.overlapMinutes) min after handover '\(h.name)' at \(h.time): the rule cannot be met"),
                             SourceLocation(file: "team.toml", field: "handovers"))
            }
        }

        // Demand against capacity.
        let req = Staffing.requirement(for: s)
        var needed = 0.0
        var peak = (index: 0, agents: 0)
        for iv in req.intervals {
            let n = max(iv.agentsToSchedule, s.rules.floorAgents)
            needed += Double(n) * Double(grid.intervals[iv.interval].minutes) / 60
            if iv.agentsToSchedule > peak.agents { peak = (iv.interval, iv.agentsToSchedule) }
        }
        let demandFile = { if case .forecast = s.demand { return "forecast.csv" } else { return "requirement.csv" } }()
        if case .forecast(let f) = s.demand, f.allSatisfy({ $0.calls == 0 }) {
            sink.warning(.notice("the forecast has no calls at all in the horizon"), SourceLocation(file: demandFile))
        }
        if availableHours < needed {
            sink.warning(.capacityBelowDemand(available: availableHours, needed: needed), SourceLocation(file: demandFile))
        }
        if peak.agents > s.agents.count {
            sink.warning(.peakAboveTeam(interval: grid.intervals[peak.index].local.description, needed: peak.agents,
                                        agents: s.agents.count), SourceLocation(file: demandFile))
        }
    }

    private static func breakMinutes(_ templates: [ShiftTemplate]) -> Double {
        Double(templates.compactMap { $0.breakRule?.lengthMinutes }.max() ?? 0)
    }
}
