/// The days a count of working days treats otherwise than Monday to Friday: public holidays
/// that fall on a weekday, and the weekend days worked in their place (调休). The State
/// Council publishes them each year; the province keeps them in the catalogue's head
/// (`workingCalendar` in catalog.json), so that promised time limits (承诺时限) are measured
/// as the offices count them. Absent: Monday to Friday.
package struct WorkingCalendar: Codable, Sendable, Hashable {
    /// Weekdays on which the offices are closed.
    package var holidays: [CivilDate]
    /// Saturdays and Sundays on which they work.
    package var workdays: [CivilDate]

    package init(holidays: [CivilDate] = [], workdays: [CivilDate] = []) {
        self.holidays = holidays
        self.workdays = workdays
    }

    /// Monday to Friday, nothing else.
    package static let weekdays = WorkingCalendar()

    package var isEmpty: Bool { holidays.isEmpty && workdays.isEmpty }

    /// Whether `date` is Monday to Friday (1970-01-01, day number 0, was a Thursday).
    package static func isWeekday(_ date: CivilDate) -> Bool {
        ((date.dayNumber + 3) % 7 + 7) % 7 < 5  // 0 Monday ... 6 Sunday
    }

    /// Whether the offices work on `date`.
    package func isWorkingDay(_ date: CivilDate) -> Bool {
        if Self.isWeekday(date) { return !holidays.contains(date) }
        return workdays.contains(date)
    }

    /// The working days after `start` up to and including `end`: received on a Monday and
    /// decided on the Tuesday, 1; the same day, 0; `end` before `start`, 0.
    package func workingDays(after start: CivilDate, through end: CivilDate) -> Int {
        let span = end.dayNumber - start.dayNumber
        guard span > 0 else { return 0 }
        let weeks = span / 7
        var count = weeks * 5
        var day = start.dayNumber + weeks * 7
        while day < end.dayNumber {
            day += 1
            if let date = CivilDate(dayNumber: day), Self.isWeekday(date) { count += 1 }
        }
        let inside = { (date: CivilDate) in date.dayNumber > start.dayNumber && date.dayNumber <= end.dayNumber }
        count -= Set(holidays).filter { inside($0) && Self.isWeekday($0) }.count
        count += Set(workdays).filter { inside($0) && !Self.isWeekday($0) }.count
        return count
    }
}
