import Foundation
import OneThingModel
import Testing

@Suite struct CivilDateTimeTests {
    @Test(arguments: [
        ("2024-02-29T08:30", "2024-02-29T08:30"), ("2024-02-29 08:30", "2024-02-29T08:30"),
        ("2024-02-29T08:30:59", "2024-02-29T08:30"), ("2024-02-29 23:59:00", "2024-02-29T23:59"),
        ("2000-01-01T00:00", "2000-01-01T00:00"),
    ])
    func parseAcceptsTheDocumentedForms(text: String, description: String) throws {
        #expect(try #require(CivilDateTime.parse(text)).description == description)
    }

    @Test(arguments: [
        "", "2024-02-29", "2024-02-29T24:00", "2024-02-29T12:60", "2024-02-29T12:00:60", "2024-02-29t12:00",
        "2024-02-29T1200", "2024-02-29T12-00", "2024-02-29T1:00", "2023-02-29T12:00", "2024-02-29T12:00:5",
        "2024-02-29T12:00Z", "2024-02-29T12:00+08:00", "2024-02-29_12:00", "2024-02-29T12:00:00.5",
        " 2024-02-29T12:00", "2024-02-29T-1:00",
    ])
    func parseRefusesOtherForms(text: String) {
        #expect(CivilDateTime.parse(text) == nil)
    }

    @Test(arguments: [
        (0, 0, "1970-01-01T00:00"), (0, 8 * 3600, "1970-01-01T08:00"), (-1, 0, "1969-12-31T23:59"),
        (0, -5 * 3600, "1969-12-31T19:00"), (59, 0, "1970-01-01T00:00"), (60, 0, "1970-01-01T00:01"),
        (1_709_222_399, 8 * 3600, "2024-02-29T23:59"), (1_709_222_400, 8 * 3600, "2024-03-01T00:00"),
        (1_709_222_400, 0, "2024-02-29T16:00"), (-86_400 * 365, 8 * 3600, "1969-01-01T08:00"),
    ] as [(Int64, Int, String)])
    func epochSecondsToCivilTime(epoch: Int64, offset: Int, description: String) {
        #expect(CivilDateTime(epochSeconds: epoch, utcOffsetSeconds: offset).description == description)
    }

    @Test func epochSecondsAgreeWithDayNumber() throws {
        let date = try #require(CivilDate(year: 2024, month: 2, day: 29))
        let epoch = Int64(date.dayNumber) * 86_400 - 8 * 3600 + 13 * 3600 + 45 * 60 + 30
        let moment = CivilDateTime(epochSeconds: epoch, utcOffsetSeconds: 8 * 3600)
        #expect(moment.date == date && moment.hour == 13 && moment.minute == 45)
    }

    @Test func comparableOrdersByDateThenTime() throws {
        let texts = ["2024-02-29T10:00", "2024-02-28T23:59", "2024-02-29T09:59", "2024-02-29T10:01"]
        let sorted = try texts.map { try #require(CivilDateTime.parse($0)) }.sorted().map(\.description)
        #expect(sorted == ["2024-02-28T23:59", "2024-02-29T09:59", "2024-02-29T10:00", "2024-02-29T10:01"])
    }

    @Test func memberwiseInitKeepsItsParts() throws {
        let date = try #require(CivilDate(year: 2024, month: 9, day: 1))
        let moment = CivilDateTime(date: date, hour: 7, minute: 5)
        #expect(moment.description == "2024-09-01T07:05")
        #expect(CivilDateTime.parse("2024-09-01 07:05") == moment)
    }

    @Test func codableUsesTheIsoLikeString() throws {
        let moment = try #require(CivilDateTime.parse("2024-02-29 08:30:15"))
        let data = try JSONEncoder().encode([moment])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29T08:30"]"#)
        #expect(try JSONDecoder().decode([CivilDateTime].self, from: data) == [moment])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDateTime].self, from: Data(#"["2024-02-29T25:00"]"#.utf8))
        }
    }
}
