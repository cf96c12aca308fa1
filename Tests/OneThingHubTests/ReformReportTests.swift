@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// The reform's figures from stated records: every date here is written out, and "now" is
/// passed in. 2026-11-30 is a Monday.
@Suite("Reform report")
struct ReformReportTests {
    static func date(_ text: String) throws -> CivilDate { try #require(CivilDate.parse(text)) }
    static let catalog: Catalog = {
        do { return try HubCatalog.embedded(today: TestMoment.filing.date).catalog } catch { preconditionFailure("\(error)") }
    }()
    static func promised(_ item: String) throws -> Int {
        try #require(catalog.bundle("birth")?.item(item)?.promisedDays)
    }

    static func item(
        _ number: String, _ item: String = "birth-certificate", node: String = "ward-1", state: ItemState = .inProgress,
        received: String?, decided: String? = nil, returns: Int = 0, rating: Int? = nil
    ) -> ReportItem {
        ReportItem(
            provinceNo: number, bundle: "birth", item: item, nodeId: node, state: state,
            receivedAt: received.map { TestMoment.at($0) }, decidedAt: decided.map { TestMoment.at($0) }, returns: returns,
            rating: rating)
    }

    static func report(_ items: [ReportItem], from: String? = nil, to: String, now: String) throws -> ReformReport {
        ReformReport(items: items, catalog: catalog, from: try from.map(date), to: try date(to), now: TestMoment.at(now))
    }

    static func figures(_ report: ReformReport, _ item: String = "birth-certificate") throws -> ItemFigures {
        try #require(report.items.first { $0.item == item })
    }

    @Test("working days: Monday to Tuesday 1, Friday to Monday 1, Friday to Sunday 0, the same day 0, a week 5, two weeks and a day 11")
    func workingDays() throws {
        let monday = try Self.date("2026-11-30")
        #expect(WorkingCalendar.weekdays.workingDays(after: monday, through: monday.adding(days: 1)) == 1)
        #expect(WorkingCalendar.weekdays.workingDays(after: monday.adding(days: 4), through: monday.adding(days: 7)) == 1)
        #expect(WorkingCalendar.weekdays.workingDays(after: monday.adding(days: 4), through: monday.adding(days: 6)) == 0)
        #expect(WorkingCalendar.weekdays.workingDays(after: monday, through: monday) == 0)
        #expect(WorkingCalendar.weekdays.workingDays(after: monday, through: monday.adding(days: -3)) == 0)
        #expect(WorkingCalendar.weekdays.workingDays(after: monday, through: monday.adding(days: 7)) == 5)
        #expect(WorkingCalendar.weekdays.workingDays(after: monday, through: monday.adding(days: 15)) == 11)
        #expect(WorkingCalendar.weekdays.isWorkingDay(monday))
        #expect(!WorkingCalendar.weekdays.isWorkingDay(monday.adding(days: 5)))
        #expect(!WorkingCalendar.weekdays.isWorkingDay(monday.adding(days: 6)))
    }

    @Test("percentiles by nearest rank: 1...10 has median 5 and p90 9; 1...11 has p90 10; one value is every percentile")
    func nearestRank() {
        #expect(ReformReport.nearestRank(50, of: Array(1...10)) == 5)
        #expect(ReformReport.nearestRank(90, of: Array((1...10).reversed())) == 9)
        #expect(ReformReport.nearestRank(90, of: Array(1...11)) == 10)
        #expect(ReformReport.nearestRank(50, of: [7]) == 7)
        #expect(ReformReport.nearestRank(90, of: []) == nil)
    }

    @Test("received counts Asia/Shanghai days, both ends of the range included: 23:59 on the day before and 00:00 on the day after are out")
    func receivedRange() throws {
        let items = [
            Self.item("FJ0000000001", received: "2026-11-30T23:59+08:00"),  // the day before
            Self.item("FJ0000000002", received: "2026-12-01T00:00+08:00"),  // the first day
            Self.item("FJ0000000003", received: "2026-12-03T23:59+08:00"),  // the last day
            Self.item("FJ0000000004", received: "2026-12-04T00:00+08:00"),  // the day after
        ]
        let report = try Self.report(items, from: "2026-12-01", to: "2026-12-03", now: "2026-12-03T12:00+08:00")
        #expect(try Self.figures(report).received == 2)
        #expect(report.nodes.first?.received == 2)
        #expect(try Self.report(items, to: "2026-12-03", now: "2026-12-03T12:00+08:00").items.first?.received == 3)
    }

    @Test("decided in the promised working days is on time, a day later is not; the days are from receipt to decision")
    func onTime() throws {
        let limit = try Self.promised("birth-certificate")
        let monday = try Self.date("2026-11-30")
        // Received on Monday; decided after exactly `limit` working days, and after one more.
        var day = monday
        while WorkingCalendar.weekdays.workingDays(after: monday, through: day) < limit { day = day.adding(days: 1) }
        var late = day.adding(days: 1)
        while !WorkingCalendar.weekdays.isWorkingDay(late) { late = late.adding(days: 1) }
        let items = [
            Self.item("FJ0000000001", state: .approved, received: "2026-11-30T09:00+08:00", decided: "\(day)T17:00+08:00"),
            Self.item("FJ0000000002", state: .rejected, received: "2026-11-30T09:00+08:00", decided: "\(late)T09:00+08:00"),
        ]
        let report = try Self.report(items, from: "2026-11-30", to: "2026-12-31", now: "2026-12-31T12:00+08:00")
        let figures = try Self.figures(report)
        #expect(figures.decided == 2)
        #expect(figures.approved == 1)
        #expect(figures.rejected == 1)
        #expect(figures.onTime == 1)
        #expect(figures.medianDays == limit)
        #expect(figures.p90Days == limit + 1)
        #expect(figures.promisedDays == limit)
        #expect(!figures.departmentName.isEmpty)
    }

    @Test("overdue now: undecided past its promised days; at exactly the limit not yet; a returned item waits for the citizen")
    func overdue() throws {
        let limit = try Self.promised("birth-certificate")
        let monday = try Self.date("2026-11-30")
        var atLimit = monday
        while WorkingCalendar.weekdays.workingDays(after: monday, through: atLimit) < limit { atLimit = atLimit.adding(days: 1) }
        var past = atLimit.adding(days: 1)
        while !WorkingCalendar.weekdays.isWorkingDay(past) { past = past.adding(days: 1) }
        let items = [
            Self.item("FJ0000000001", received: "2026-11-30T09:00+08:00"),
            Self.item("FJ0000000002", state: .returned, received: "2026-11-30T09:00+08:00", returns: 1),
            Self.item("FJ0000000003", state: .approved, received: "2026-11-30T09:00+08:00", decided: "2026-11-30T10:00+08:00"),
        ]
        let notYet = try Self.report(items, to: "\(atLimit)", now: "\(atLimit)T18:00+08:00")
        #expect(try Self.figures(notYet).overdueNow == 0)
        let overdue = try Self.report(items, to: "\(past)", now: "\(past)T08:00+08:00")
        #expect(try Self.figures(overdue).overdueNow == 1)
        #expect(overdue.nodes.first?.overdueNow == 1)
        #expect(try Self.figures(overdue).returns == 1)
    }

    @Test("ratings count once per application, by level, per node and per bundle; unknown receipts are counted apart")
    func ratings() throws {
        let items = [
            Self.item("FJ0000000001", "birth-certificate", received: "2026-12-01T09:00+08:00", rating: 5),
            Self.item("FJ0000000001", "vaccination-certificate", received: "2026-12-01T09:00+08:00", rating: 5),
            Self.item("FJ0000000002", "birth-certificate", node: "ward-2", received: "2026-12-01T09:00+08:00", rating: 1),
            Self.item("FJ0000000003", "birth-certificate", node: "ward-2", received: nil, rating: 3),
        ]
        let report = try Self.report(items, from: "2026-12-01", to: "2026-12-01", now: "2026-12-01T12:00+08:00")
        #expect(report.nodes.map(\.node) == ["ward-1", "ward-2"])
        #expect(report.nodes[0].ratings == [0, 0, 0, 0, 1])
        #expect(report.nodes[1].ratings == [1, 0, 0, 0, 0])
        #expect(report.ratings == [BundleRatings(bundle: "birth", ratings: [1, 0, 0, 0, 1])])
        #expect(report.withoutReceipt == 1)
        #expect(report.nodes[0].received == 1)
    }

    @Test("the catalogue's calendar: decided the day after a holiday week is one working day, and the report says how it counted")
    func calendar() throws {
        let limit = try Self.promised("birth-certificate")
        var withHolidays = Self.catalog
        withHolidays.workingCalendar = WorkingCalendar(
            holidays: ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"].compactMap(CivilDate.parse))
        let items = [
            Self.item("FJ0000000001", state: .approved, received: "2026-09-30T09:00+08:00", decided: "2026-10-08T09:00+08:00")
        ]
        let counted = ReformReport(
            items: items, catalog: withHolidays, from: nil, to: try Self.date("2026-10-31"), now: TestMoment.at("2026-10-31T12:00+08:00"))
        let plain = try Self.report(items, to: "2026-10-31", now: "2026-10-31T12:00+08:00")
        #expect(try Self.figures(counted).medianDays == 1)
        #expect(try Self.figures(plain).medianDays == 6)
        #expect(try Self.figures(counted).onTime == (1 <= limit ? 1 : 0))
        #expect(counted.workingDays.contains("5 holiday"))
        #expect(plain.workingDays.contains("no holidays"))
    }
}
