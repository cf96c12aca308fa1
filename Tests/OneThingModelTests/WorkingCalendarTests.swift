import Foundation
@testable import OneThingModel
import Testing

/// Working days under a catalogue's calendar. The calendar here is synthetic, shaped like a
/// National Day week (weekday holidays, two weekend days worked): 2026-09-27 is a Sunday,
/// 2026-10-01 a Thursday, 2026-10-10 a Saturday.
@Suite("Working calendar")
struct WorkingCalendarTests {
    static func day(_ text: String) -> CivilDate {
        guard let date = CivilDate.parse(text) else { preconditionFailure(text) }
        return date
    }

    static let calendar = WorkingCalendar(
        holidays: ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"].map(day),
        workdays: ["2026-09-27", "2026-10-10"].map(day))

    @Test("a holiday week: received the day before, decided the day after it, took one working day (five without the calendar)")
    func holidayWeek() {
        #expect(Self.calendar.workingDays(after: Self.day("2026-09-30"), through: Self.day("2026-10-08")) == 1)
        #expect(WorkingCalendar.weekdays.workingDays(after: Self.day("2026-09-30"), through: Self.day("2026-10-08")) == 6)
    }

    @Test("a weekend day worked counts: Friday to Monday across a worked Sunday is two")
    func workedSunday() {
        #expect(Self.calendar.workingDays(after: Self.day("2026-09-25"), through: Self.day("2026-09-28")) == 2)
        #expect(WorkingCalendar.weekdays.workingDays(after: Self.day("2026-09-25"), through: Self.day("2026-09-28")) == 1)
    }

    @Test("the range excludes its first day and includes its last: a holiday on the first day changes nothing, on the last it does")
    func boundaries() {
        // 2026-10-01 (holiday) to 2026-10-02 (holiday): nothing worked after the first day.
        #expect(Self.calendar.workingDays(after: Self.day("2026-10-01"), through: Self.day("2026-10-02")) == 0)
        // 2026-09-30 to 2026-10-01: the last day is a holiday.
        #expect(Self.calendar.workingDays(after: Self.day("2026-09-30"), through: Self.day("2026-10-01")) == 0)
        // 2026-10-07 (holiday) to 2026-10-08: the first day's holiday does not count against it.
        #expect(Self.calendar.workingDays(after: Self.day("2026-10-07"), through: Self.day("2026-10-08")) == 1)
        #expect(Self.calendar.workingDays(after: Self.day("2026-10-08"), through: Self.day("2026-10-07")) == 0)
    }

    @Test("isWorkingDay: a weekday holiday is not, a listed Saturday is, an ordinary Saturday is not")
    func workingDay() {
        #expect(!Self.calendar.isWorkingDay(Self.day("2026-10-01")))
        #expect(Self.calendar.isWorkingDay(Self.day("2026-10-08")))
        #expect(Self.calendar.isWorkingDay(Self.day("2026-10-10")))
        #expect(!Self.calendar.isWorkingDay(Self.day("2026-10-03")))
    }

    @Test("the checker refuses a weekend holiday, a weekday worked, a day in both lists and a day listed twice; a good calendar passes")
    func checker() {
        func problems(_ calendar: WorkingCalendar) -> [String] {
            var found: [String] = []
            CatalogChecker.checkCalendar(calendar) { path, _ in found.append(path) }
            return found
        }
        #expect(problems(Self.calendar).isEmpty)
        #expect(problems(WorkingCalendar(holidays: [Self.day("2026-10-03")])) == ["workingCalendar.holidays[0]"])
        #expect(problems(WorkingCalendar(workdays: [Self.day("2026-10-08")])) == ["workingCalendar.workdays[0]"])
        #expect(problems(WorkingCalendar(holidays: [Self.day("2026-10-01")], workdays: [Self.day("2026-10-01")])).contains("workingCalendar.holidays[0]"))
        #expect(problems(WorkingCalendar(holidays: [Self.day("2026-10-01"), Self.day("2026-10-01")])) == ["workingCalendar.holidays[1]"])
    }

    @Test("catalog.json's workingCalendar is loaded; without it the catalogue counts Monday to Friday")
    func loaded() throws {
        var files = CatalogLoader.embeddedFiles
        #expect(try CatalogLoader.load(files: files, today: CatalogFixture.today).workingCalendar == .weekdays)
        let index = try #require(files.firstIndex { $0.path == CatalogFile.headPath })
        var head = try #require(try JSONSerialization.jsonObject(with: Data(files[index].text.utf8)) as? [String: Any])
        head["workingCalendar"] = ["holidays": ["2026-10-01", "2026-10-02"], "workdays": ["2026-09-27"]]
        files[index].text = String(decoding: try JSONSerialization.data(withJSONObject: head), as: UTF8.self)
        let catalog = try CatalogLoader.load(files: files, today: CatalogFixture.today)
        #expect(catalog.workingCalendar == WorkingCalendar(holidays: [Self.day("2026-10-01"), Self.day("2026-10-02")], workdays: [Self.day("2026-09-27")]))
        head["workingCalendar"] = ["holidays": ["2026-10-03"], "workdays": []]
        files[index].text = String(decoding: try JSONSerialization.data(withJSONObject: head), as: UTF8.self)
        #expect(loadProblems(files).map(\.path) == ["workingCalendar.holidays[0]"])
    }
}
