import Foundation
import OneThingModel
import Testing

@Suite struct CivilDateTests {
    @Test(arguments: [
        (2024, 2, 29, true), (2023, 2, 29, false), (2016, 2, 29, true), (2015, 2, 29, false),
        (1900, 2, 29, false), (2000, 2, 29, true), (2100, 2, 29, false), (2400, 2, 29, true),
        (2023, 2, 28, true), (2023, 4, 30, true), (2023, 4, 31, false), (2023, 6, 31, false),
        (2023, 9, 31, false), (2023, 11, 31, false), (2023, 12, 31, true), (2023, 1, 31, true),
        (2023, 0, 1, false), (2023, 13, 1, false), (2023, 1, 0, false), (2023, 1, 32, false),
        (0, 1, 1, false), (1, 1, 1, true), (9999, 12, 31, true), (10000, 1, 1, false), (-1, 1, 1, false),
    ])
    func initValidatesTheGregorianCalendar(year: Int, month: Int, day: Int, valid: Bool) {
        let date = CivilDate(year: year, month: month, day: day)
        #expect((date != nil) == valid)
        if let date {
            #expect(date.year == year && date.month == month && date.day == day)
        }
    }

    @Test(arguments: [(1900, false), (2000, true), (2004, true), (2023, false), (2100, false), (1600, true)])
    func leapYearRules(year: Int, leap: Bool) {
        #expect(CivilDate.isLeapYear(year) == leap)
    }

    @Test(arguments: ["2024-02-29", "1900-02-28", "2000-02-29", "0001-01-01", "9999-12-31", "1970-01-01"])
    func parseAndDescriptionRoundTrip(text: String) throws {
        let date = try #require(CivilDate.parse(text))
        #expect(date.description == text)
    }

    @Test(arguments: [
        "", "2024-2-29", "2024-02-9", "24-02-29", "2024/02/29", "20240229", " 2024-02-29", "2024-02-29 ",
        "2024-02-29T00:00", "２０２４-02-29", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10",
        "2024-01-00", "0000-01-01", "+024-01-01", "2024-0a-01", "2024–02–29",
    ])
    func parseRefusesAnythingButAValidYYYYMMDD(text: String) {
        #expect(CivilDate.parse(text) == nil)
    }

    @Test func parseCompact() {
        #expect(CivilDate.parseCompact("20240229") == CivilDate(year: 2024, month: 2, day: 29))
        #expect(CivilDate.parseCompact("19000229") == nil)
        #expect(CivilDate.parseCompact("2024-02-29") == nil)
        #expect(CivilDate.parseCompact("2024022") == nil)
        #expect(CivilDate.parseCompact("202402290") == nil)
        #expect(CivilDate.parseCompact("2024022X") == nil)
    }

    @Test func descriptionIsZeroPadded() {
        #expect(CivilDate(year: 5, month: 3, day: 7)?.description == "0005-03-07")
        #expect(CivilDate(year: 2024, month: 11, day: 30)?.description == "2024-11-30")
    }

    @Test(arguments: [
        ("1970-01-01", 0), ("1969-12-31", -1), ("1970-01-02", 1), ("2000-01-01", 10957),
        ("2000-03-01", 11017), ("2024-02-29", 19782), ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
    ])
    func dayNumberCountsFromTheUnixEpoch(text: String, dayNumber: Int) throws {
        let date = try #require(CivilDate.parse(text))
        #expect(date.dayNumber == dayNumber)
        #expect(CivilDate(dayNumber: dayNumber) == date)
    }

    @Test func dayNumberOutsideSupportedYearsIsNil() {
        #expect(CivilDate(dayNumber: -719_163) == nil)
        #expect(CivilDate(dayNumber: 2_932_897) == nil)
        #expect(CivilDate(dayNumber: .min) == nil)
        #expect(CivilDate(dayNumber: .max) == nil)
    }

    /// Walks every day from 1799 to 2101 through the month table and checks
    /// that the day numbers are consecutive and round-trip.
    @Test func dayNumbersAreConsecutiveAcrossCenturies() throws {
        var expected = try #require(CivilDate(year: 1799, month: 1, day: 1)).dayNumber
        for year in 1799...2101 {
            for month in 1...12 {
                for day in 1...31 {
                    guard let date = CivilDate(year: year, month: month, day: day) else { continue }
                    #expect(date.dayNumber == expected)
                    #expect(CivilDate(dayNumber: expected) == date)
                    expected += 1
                }
            }
        }
    }

    @Test(arguments: [
        ("2024-02-28", 1, "2024-02-29"), ("2024-02-28", 2, "2024-03-01"), ("2023-02-28", 1, "2023-03-01"),
        ("2023-12-31", 1, "2024-01-01"), ("2000-03-01", -1, "2000-02-29"), ("1900-03-01", -1, "1900-02-28"),
        ("2024-01-01", 366, "2025-01-01"), ("2023-01-01", 365, "2024-01-01"), ("2024-06-01", 0, "2024-06-01"),
        ("1970-01-01", -1, "1969-12-31"), ("2015-06-01", 3653, "2025-06-01"),
    ])
    func addingDays(start: String, days: Int, result: String) throws {
        let date = try #require(CivilDate.parse(start))
        #expect(date.adding(days: days).description == result)
    }

    @Test(arguments: [
        ("2018-09-01", "2024-08-31", 5), ("2018-09-01", "2024-09-01", 6), ("2018-09-01", "2024-09-02", 6),
        ("2016-02-29", "2023-02-28", 6), ("2016-02-29", "2023-03-01", 7), ("2016-02-29", "2024-02-28", 7),
        ("2016-02-29", "2024-02-29", 8), ("2020-01-01", "2020-01-01", 0), ("2020-01-02", "2020-01-01", -1),
        ("1949-12-31", "2025-06-01", 75),
    ])
    func ageCountsCompletedYears(birth: String, on: String, age: Int) throws {
        let birthDate = try #require(CivilDate.parse(birth))
        let day = try #require(CivilDate.parse(on))
        #expect(birthDate.age(on: day) == age)
    }

    @Test func comparableOrdersChronologically() throws {
        let texts = ["2024-03-01", "2023-12-31", "2024-02-29", "1999-01-01", "2024-02-01"]
        let sorted = try texts.map { try #require(CivilDate.parse($0)) }.sorted().map(\.description)
        #expect(sorted == ["1999-01-01", "2023-12-31", "2024-02-01", "2024-02-29", "2024-03-01"])
    }

    @Test func codableUsesTheYYYYMMDDString() throws {
        let date = try #require(CivilDate(year: 2024, month: 2, day: 29))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [date])
    }

    @Test(arguments: [#"["2023-02-29"]"#, #"["20240229"]"#, #"[20240229]"#, #"[{"year":2024,"month":2,"day":29}]"#])
    func decodingRefusesOtherForms(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(json.utf8))
        }
    }
}
