import Foundation

/// A wall-clock minute on a civil date, without a time zone (by convention
/// China Standard Time, UTC+8). Encoded and decoded as `YYYY-MM-DDTHH:MM`.
package struct CivilDateTime: Sendable, Hashable {
    package let date: CivilDate
    package let hour: Int
    package let minute: Int

    /// Precondition: `hour` is 0...23 and `minute` is 0...59. This is for
    /// values the program itself computes; text from outside goes through
    /// `parse(_:)`, which returns nil instead of trapping.
    package init(date: CivilDate, hour: Int, minute: Int) {
        precondition((0...23).contains(hour) && (0...59).contains(minute),
                     "CivilDateTime needs hour 0...23 and minute 0...59.")
        self.date = date
        self.hour = hour
        self.minute = minute
    }

    /// The civil time at `epochSeconds` (seconds since 1970-01-01T00:00Z)
    /// shifted by `utcOffsetSeconds`; seconds are dropped (rounded down).
    ///
    /// Precondition: the result lies in the years 0001...9999.
    package init(epochSeconds: Int64, utcOffsetSeconds: Int) {
        let secondsPerDay = 86_400
        // Split both operands into days and seconds-of-day separately so that
        // no intermediate sum can overflow.
        let epochDays = Int(epochSeconds.floorDivided(by: Int64(secondsPerDay)))
        let epochRemainder = Int(epochSeconds.floorModulo(Int64(secondsPerDay)))
        let offsetDays = utcOffsetSeconds.floorDivided(by: secondsPerDay)
        let offsetRemainder = utcOffsetSeconds.floorModulo(secondsPerDay)
        let secondsOfDay = epochRemainder + offsetRemainder  // 0..<2 days
        let carry = secondsOfDay / secondsPerDay
        let seconds = secondsOfDay % secondsPerDay
        let (partial, overflow1) = epochDays.addingReportingOverflow(offsetDays)
        let (dayNumber, overflow2) = partial.addingReportingOverflow(carry)
        guard !overflow1, !overflow2, let date = CivilDate(dayNumber: dayNumber) else {
            preconditionFailure("CivilDateTime(epochSeconds:utcOffsetSeconds:) left the supported years 0001...9999.")
        }
        self.date = date
        self.hour = seconds / 3600
        self.minute = seconds % 3600 / 60
    }

    /// Parses `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD HH:MM`, each optionally
    /// followed by `:SS` (00...59), which is checked and then dropped.
    package static func parse(_ text: String) -> CivilDateTime? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16 || bytes.count == 19,
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"),
              let date = CivilDate.parse(String(decoding: bytes[0..<10], as: UTF8.self)),
              let hour = CivilDate.decimalValue(bytes[11..<13]),
              let minute = CivilDate.decimalValue(bytes[14..<16]),
              (0...23).contains(hour), (0...59).contains(minute)
        else {
            return nil
        }
        if bytes.count == 19 {
            guard bytes[16] == UInt8(ascii: ":"),
                  let second = CivilDate.decimalValue(bytes[17..<19]),
                  (0...59).contains(second)
            else {
                return nil
            }
        }
        return CivilDateTime(date: date, hour: hour, minute: minute)
    }
}

extension CivilDateTime: Comparable {
    package static func < (lhs: CivilDateTime, rhs: CivilDateTime) -> Bool {
        (lhs.date, lhs.hour, lhs.minute) < (rhs.date, rhs.hour, rhs.minute)
    }
}

extension CivilDateTime: CustomStringConvertible {
    /// `YYYY-MM-DDTHH:MM`.
    package var description: String {
        "\(date)T\(CivilDate.zeroPadded(hour, width: 2)):\(CivilDate.zeroPadded(minute, width: 2))"
    }
}

extension CivilDateTime: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = CivilDateTime.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Expected a real date and time written as YYYY-MM-DDTHH:MM."
            )
        }
        self = value
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension BinaryInteger {
    /// Division rounding towards negative infinity.
    fileprivate func floorDivided(by divisor: Self) -> Self {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// Remainder with the sign of a positive divisor.
    fileprivate func floorModulo(_ divisor: Self) -> Self {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
