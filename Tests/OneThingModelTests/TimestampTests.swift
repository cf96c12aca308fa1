import Foundation
import OneThingModel
import TestSupport
import Testing

@Suite("Timestamp and WallClock")
struct TimestampTests {
    @Test(arguments: [
        ("2026-11-26T10:00+08:00", "2026-11-26T10:00+08:00"),
        ("2026-11-26 10:00+08:00", "2026-11-26T10:00+08:00"),
        ("2026-11-26T10:00:59+08:00", "2026-11-26T10:00+08:00"),
        ("2026-11-26T02:00Z", "2026-11-26T10:00+08:00"),
        ("2026-11-25T16:30Z", "2026-11-26T00:30+08:00"),
        ("2026-11-25T21:00-05:00", "2026-11-26T10:00+08:00"),
        ("2028-02-28T16:00Z", "2028-02-29T00:00+08:00"),
    ])
    func parsesAndWritesChinaStandardTime(text: String, written: String) throws {
        let moment = try #require(Timestamp.parse(text))
        #expect(moment.description == written)
        #expect(Timestamp.parse(moment.description) == moment, "a written timestamp reads back as itself")
    }

    @Test(arguments: [
        "", "2026-11-26T10:00", "2026-11-26", "2026-11-26T10:00+8:00", "2026-11-26T10:00+08", "2026-11-26T24:00+08:00",
        "2026-02-29T10:00+08:00", "2026-11-26T10:60+08:00", "2026-11-26T10:00:60+08:00", "2026-11-26T10:00+15:00",
        "2026-11-26T10:00z", "2026-11-26T10:00+08:00 ", "9999-12-31T23:59-01:00", "0001-01-01T00:30+09:00",
    ])
    func refusesWhatIsNotAMoment(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func theCivilTimeIsChinaStandardTimeWhateverTheOffsetRead() throws {
        // 16:30 UTC on 31 December is already 1 January in China.
        let moment = try #require(Timestamp.parse("2027-12-31T16:30Z"))
        #expect(moment.date == CivilDate(year: 2028, month: 1, day: 1))
        #expect(moment.civil.hour == 0 && moment.civil.minute == 30)
        // 15:59 UTC is still the 31st.
        #expect(try #require(Timestamp.parse("2027-12-31T15:59Z")).date == CivilDate(year: 2027, month: 12, day: 31))
    }

    @Test func secondsAreDroppedSoStoredValuesReadBackEqual() {
        let a = Timestamp(epochSeconds: 1_800_000_059)
        let b = Timestamp(epochSeconds: 1_800_000_000)
        #expect(a == b)
        #expect(a.epochSeconds % 60 == 0)
        #expect(Timestamp(epochSeconds: -1).epochSeconds == -60, "before 1970 rounds down too")
    }

    @Test func textOrderIsMomentOrder() throws {
        let texts = [
            "2026-11-26T10:00+08:00", "2026-11-26T09:59+08:00", "2025-12-31T23:59+08:00", "2026-01-01T00:00+08:00",
            "2028-02-29T12:00+08:00",
        ]
        let moments = try texts.map { try #require(Timestamp.parse($0)) }
        #expect(moments.sorted().map(\.description) == texts.sorted())
    }

    @Test func addingDaysCrossesLeapDaysAndYears() {
        let leap = TestMoment.at("2028-02-28T23:30+08:00")
        #expect(leap.adding(days: 1).description == "2028-02-29T23:30+08:00")
        #expect(leap.adding(days: 2).description == "2028-03-01T23:30+08:00")
        #expect(TestMoment.at("2027-12-31T23:30+08:00").adding(minutes: 45).description == "2028-01-01T00:15+08:00")
        #expect(TestMoment.at("2026-06-01T00:00+08:00").adding(days: -180).description == "2025-12-03T00:00+08:00")
    }

    @Test func aCivilTimeInChinaNamesItsMoment() throws {
        let civil = try #require(CivilDateTime.parse("2026-11-26T00:30"))
        #expect(Timestamp(civil).description == "2026-11-26T00:30+08:00")
        #expect(Timestamp(civil) == Timestamp.parse("2026-11-25T16:30Z"))
    }

    @Test func codableWritesTheText() throws {
        let moment = TestMoment.at("2026-11-26T10:00+08:00")
        let data = try JSONEncoder().encode([moment])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-11-26T10:00+08:00"]"#)
        #expect(try JSONDecoder().decode([Timestamp].self, from: data) == [moment])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Timestamp].self, from: Data(#"["2026-11-26T10:00"]"#.utf8)) }
    }

    @Test func clocksAnswerWhatTheyAreGiven() {
        let fixed = WallClock.fixed(TestMoment.at("2028-02-29T10:00+08:00"))
        #expect(fixed.now().description == "2028-02-29T10:00+08:00")
        #expect(fixed.today() == CivilDate(year: 2028, month: 2, day: 29))
        let movable = MovableClock(TestMoment.at("2027-12-31T23:59+08:00"))
        let clock = movable.clock
        movable.advance(minutes: 1)
        #expect(clock.today() == CivilDate(year: 2028, month: 1, day: 1), "the injected clock follows the double")
    }
}
