package import OneThingModel

/// Working days as the promised time limits (承诺时限) count them: Monday to Friday. China's
/// statutory holidays and the weekend days worked in their place (调休) are not known here
/// yet, so a limit spanning a holiday is measured a little against the office; the report
/// says so.
package enum WorkingDays {
    /// Whether `date` is Monday to Friday (1970-01-01, day number 0, was a Thursday).
    package static func isWorkingDay(_ date: CivilDate) -> Bool {
        let weekday = ((date.dayNumber + 3) % 7 + 7) % 7  // 0 Monday ... 6 Sunday
        return weekday < 5
    }

    /// The working days after `start` up to and including `end`: an item received on a Monday
    /// and decided on the Tuesday took 1; decided the same day, 0; `end` before `start`, 0.
    package static func between(_ start: CivilDate, _ end: CivilDate) -> Int {
        let span = end.dayNumber - start.dayNumber
        guard span > 0 else { return 0 }
        let weeks = span / 7
        var count = weeks * 5
        var day = start.dayNumber + weeks * 7
        while day < end.dayNumber {
            day += 1
            if let date = CivilDate(dayNumber: day), isWorkingDay(date) { count += 1 }
        }
        return count
    }
}
