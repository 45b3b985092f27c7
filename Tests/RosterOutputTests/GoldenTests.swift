import Foundation
import Testing
@testable import RosterCore
@testable import RosterOutput

/// Golden files (Tests/RosterOutputTests/Golden) for the text views, exports and calendars of the fixture
/// scenario. Rewrite them with `UPDATE_GOLDEN=1 swift test --filter RosterOutputTests` and review the diff.
@Suite struct GoldenTests {
    let context = Fixture.context

    func check(_ name: String, _ actual: String) throws {
        let (ok, expected) = try golden(name, actual)
        #expect(ok, "\(name) differs from the golden file:\n--- expected\n\(expected)\n--- actual\n\(actual)")
    }

    @Test func teamGrid() throws { try check("grid.txt", ShowViews(context: context).grid()) }

    @Test func agentView() throws {
        let a = try context.agent(matching: "张伟")
        try check("agent-a1.txt", ShowViews(context: context).agent(a, at: Fixture.at("2026-03-28T12:00"), includePast: true))
    }

    @Test func dayTimelineOnTheSpringForwardDay() throws {
        try check("day-2026-03-29.txt", ShowViews(context: context).day(Fixture.date("2026-03-29")))
    }

    @Test func nowView() throws { try check("now.txt", ShowViews(context: context).now(Fixture.at("2026-03-29T03:30"))) }

    @Test func coverageText() throws {
        let data = CoverageData(scenario: context.scenario, roster: context.roster)
        try check("coverage.txt", CoverageText(data: data).overview())
        try check("coverage-2026-03-29.txt", CoverageText(data: data).day(data.days[2]))
    }

    @Test func noticeBoard() throws { try check("notice-board.txt", NoticeBoard(context: context).render()) }

    @Test func calendars() throws {
        let export = ICalendarExport(context: context, stamp: Fixture.stamp)
        try check("agent-a1.ics", export.agentCalendar(context.agents[0]))
        try check("agent-a3.ics", export.agentCalendar(context.agents[2]))
        try check("team.ics", export.teamCalendar())
    }

    @Test func colouredGridHasEscapesOnlyWhenEnabled() throws {
        let coloured = ShowViews(context: context, painter: Painter(enabled: true)).grid()
        #expect(coloured.contains("\u{1B}["))
        #expect(!ShowViews(context: context).grid().contains("\u{1B}"))
        // Stripping the escapes gives the plain grid back.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == ShowViews(context: context).grid())
    }
}
