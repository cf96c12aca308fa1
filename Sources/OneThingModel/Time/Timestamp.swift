/// A moment, to the minute, as the node and the hub store and show it: written
/// `YYYY-MM-DDTHH:MM+08:00`, China Standard Time (UTC+8, no daylight saving), whatever the
/// machine's time zone. Seconds are dropped when a timestamp is made, so that a stored
/// value reads back as the same timestamp; text compares in the same order as the moments
/// it names, which lets SQL compare stored timestamps as text.
///
/// Every timestamp in the program comes from a `WallClock` it was given, never from the
/// system clock directly, so that a test can state the moment it means.
package struct Timestamp: Sendable, Hashable {
    /// Seconds since 1970-01-01T00:00Z, a whole number of minutes.
    package let epochSeconds: Int64

    /// China Standard Time, the offset every timestamp is written in.
    package static let utcOffsetSeconds = 8 * 3600

    /// The moment `epochSeconds` seconds after 1970-01-01T00:00Z, seconds dropped.
    ///
    /// Precondition: the moment lies in the years 0001...9999 (in UTC+8).
    package init(epochSeconds: Int64) {
        let minute = epochSeconds >= 0 ? epochSeconds / 60 : (epochSeconds - 59) / 60
        self.epochSeconds = minute * 60
        _ = CivilDateTime(epochSeconds: self.epochSeconds, utcOffsetSeconds: Self.utcOffsetSeconds)
    }

    /// The moment a civil time in China Standard Time names.
    package init(_ civil: CivilDateTime) {
        self.init(epochSeconds: Self.epochSeconds(civil, utcOffsetSeconds: Self.utcOffsetSeconds))
    }

    /// The civil time of this moment in China Standard Time: what "today", ages and
    /// "not in the future" are measured against.
    package var civil: CivilDateTime {
        CivilDateTime(epochSeconds: epochSeconds, utcOffsetSeconds: Self.utcOffsetSeconds)
    }

    /// The civil date of this moment in China Standard Time.
    package var date: CivilDate { civil.date }

    /// This moment moved by a number of whole days (86,400 s each; China has no daylight
    /// saving).
    package func adding(days: Int) -> Timestamp {
        Timestamp(epochSeconds: epochSeconds + Int64(days) * 86_400)
    }

    /// This moment moved by a number of minutes.
    package func adding(minutes: Int) -> Timestamp {
        Timestamp(epochSeconds: epochSeconds + Int64(minutes) * 60)
    }

    /// Reads `YYYY-MM-DDTHH:MM` with an optional `:SS`, then `Z` or an offset `±HH:MM`
    /// (RFC 3339 without fractions; a space may stand for the `T`). A text without an offset
    /// is refused: a moment needs one. Seconds are dropped.
    package static func parse(_ text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        let civilLength: Int
        if bytes.count >= 19, bytes[16] == UInt8(ascii: ":") {
            civilLength = 19
        } else {
            civilLength = 16
        }
        guard bytes.count > civilLength,
              let civil = CivilDateTime.parse(String(decoding: bytes[0..<civilLength], as: UTF8.self)),
              let offset = offsetSeconds(bytes[civilLength...])
        else {
            return nil
        }
        var seconds = epochSeconds(civil, utcOffsetSeconds: offset)
        if civilLength == 19, let second = CivilDate.decimalValue(bytes[17..<19]) {
            seconds += Int64(second)
        }
        // The moment must have a civil date in UTC+8 too (years 0001...9999).
        let shifted = seconds + Int64(utcOffsetSeconds)
        let day = shifted >= 0 ? shifted / 86_400 : (shifted - 86_399) / 86_400
        guard let dayNumber = Int(exactly: day), CivilDate(dayNumber: dayNumber) != nil else { return nil }
        return Timestamp(epochSeconds: seconds)
    }

    private static func offsetSeconds(_ bytes: ArraySlice<UInt8>) -> Int? {
        if bytes.count == 1, bytes.first == UInt8(ascii: "Z") { return 0 }
        let b = Array(bytes)
        guard b.count == 6, b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-"), b[3] == UInt8(ascii: ":"),
              let hours = CivilDate.decimalValue(b[1..<3]), let minutes = CivilDate.decimalValue(b[4..<6]),
              hours <= 14, minutes <= 59
        else {
            return nil
        }
        let magnitude = hours * 3600 + minutes * 60
        return b[0] == UInt8(ascii: "-") ? -magnitude : magnitude
    }

    private static func epochSeconds(_ civil: CivilDateTime, utcOffsetSeconds: Int) -> Int64 {
        Int64(civil.date.dayNumber) * 86_400 + Int64(civil.hour * 3600 + civil.minute * 60) - Int64(utcOffsetSeconds)
    }
}

extension Timestamp: Comparable {
    package static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.epochSeconds < rhs.epochSeconds
    }
}

extension Timestamp: CustomStringConvertible {
    /// `YYYY-MM-DDTHH:MM+08:00`.
    package var description: String {
        civil.description + "+08:00"
    }
}

extension Timestamp: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected a moment written as YYYY-MM-DDTHH:MM+08:00.")
        }
        self = value
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
