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

    // MARK: Simplified Chinese (`--lang zh-Hans`, `language = "zh-Hans"`)

    var chinese: RosterContext { RosterContext(scenario: Fixture.scenario, roster: Fixture.roster, language: .simplifiedChinese) }

    @Test func chineseViews() throws {
        let zh = chinese
        let views = ShowViews(context: zh)
        try check("zh/grid.txt", views.grid())
        try check("zh/agent-a1.txt", views.agent(try zh.agent(matching: "张伟"), at: Fixture.at("2026-03-28T12:00"), includePast: true))
        try check("zh/day-2026-03-29.txt", views.day(Fixture.date("2026-03-29")))
        try check("zh/now.txt", views.now(Fixture.at("2026-03-29T03:30")))
        let data = CoverageData(scenario: zh.scenario, roster: zh.roster)
        try check("zh/coverage.txt", CoverageText(data: data, language: .simplifiedChinese).overview())
        try check("zh/coverage-2026-03-29.txt", CoverageText(data: data, language: .simplifiedChinese).day(data.days[2]))
        try check("zh/notice-board.txt", NoticeBoard(context: zh).render())
        try check("zh/hours-week.txt", HoursReport(context: zh, period: .week, night: HoursReport.NightWindow("22:00-06:00")!).table())
        try check("zh/agent-a1.ics", ICalendarExport(context: zh, stamp: Fixture.stamp).agentCalendar(zh.agents[0]))
        // The grid keeps its columns: every row as wide as the header (a Han character is two columns).
        let rows = views.grid().split(separator: "\n").filter { $0.contains("a1") || $0.contains("a2") || $0.hasPrefix("坐席") }
        #expect(Set(rows.map { DisplayWidth.width(String($0).trimmingCharacters(in: .init(charactersIn: " "))) }).count <= 2)
    }

    @Test func englishGoldenIsUntouchedByTheCatalog() throws {
        // The same views in English through the catalog are the English golden files.
        let en = RosterContext(scenario: Fixture.scenario, roster: Fixture.roster, language: .english)
        try check("grid.txt", ShowViews(context: en).grid())
        try check("notice-board.txt", NoticeBoard(context: en).render())
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
