/// A day in the proleptic Gregorian calendar, without time or time zone,
/// restricted to the years 0001...9999 so that it always prints as
/// `YYYY-MM-DD`. Encoded and decoded as that string.
package struct CivilDate: Sendable, Hashable {
    package let year: Int
    package let month: Int
    package let day: Int

    /// Returns nil unless the three numbers name a real Gregorian date in
    /// the years 0001...9999.
    package init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year),
              (1...12).contains(month),
              (1...CivilDate.daysInMonth(year: year, month: month)).contains(day)
        else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date that is `dayNumber` days after 1970-01-01 (negative numbers
    /// are before it), or nil if that falls outside the years 0001...9999.
    package init?(dayNumber: Int) {
        // Guard first so that the arithmetic below cannot overflow.
        guard (CivilDate.minimumDayNumber...CivilDate.maximumDayNumber).contains(dayNumber) else {
            return nil
        }
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    /// 9999-12-31: "today" for a check that must not depend on any clock.
    package static let latestChecked = CivilDate(uncheckedYear: 9999, month: 12, day: 31)

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    package static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days since 1970-01-01 (negative before it).
    package var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days later (earlier if negative).
    ///
    /// Precondition: the result lies in the years 0001...9999. Use
    /// `init?(dayNumber:)` when the offset comes from untrusted input.
    package func adding(days: Int) -> CivilDate {
        let (target, overflow) = dayNumber.addingReportingOverflow(days)
        guard !overflow, let result = CivilDate(dayNumber: target) else {
            preconditionFailure("CivilDate.adding(days:) left the supported range 0001-01-01...9999-12-31.")
        }
        return result
    }

    /// Completed years of age on `date` for someone born on `self`. The
    /// count goes up on the birthday itself; someone born on 29 February
    /// completes a year on 1 March in common years. Negative if `date` is
    /// before `self`.
    package func age(on date: CivilDate) -> Int {
        let years = date.year - year
        if (date.month, date.day) < (month, day) {
            return years - 1
        }
        return years
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits, zero-padded).
    package static func parse(_ text: String) -> CivilDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = decimalValue(bytes[0..<4]),
              let month = decimalValue(bytes[5..<7]),
              let day = decimalValue(bytes[8..<10])
        else {
            return nil
        }
        return CivilDate(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYYMMDD` (eight ASCII digits), as used inside the
    /// resident identity number.
    package static func parseCompact(_ text: String) -> CivilDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 8,
              let year = decimalValue(bytes[0..<4]),
              let month = decimalValue(bytes[4..<6]),
              let day = decimalValue(bytes[6..<8])
        else {
            return nil
        }
        return CivilDate(year: year, month: month, day: day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The value of a non-empty run of ASCII digits, or nil if any byte is
    /// not an ASCII digit. Callers keep runs short, so it cannot overflow.
    static func decimalValue(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static let minimumDayNumber = -719_162  // 0001-01-01
    private static let maximumDayNumber = 2_932_896  // 9999-12-31
}

extension CivilDate: Comparable {
    package static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CivilDate: CustomStringConvertible {
    /// `YYYY-MM-DD`.
    package var description: String {
        "\(CivilDate.zeroPadded(year, width: 4))-\(CivilDate.zeroPadded(month, width: 2))-\(CivilDate.zeroPadded(day, width: 2))"
    }
}

extension CivilDate: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Expected a real calendar date written as YYYY-MM-DD."
            )
        }
        self = date
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
