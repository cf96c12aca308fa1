package import OneThingModel

/// Working days as the promised time limits (承诺时限) count them: Monday to Friday, less the
/// catalogue's holidays, plus the weekend days it lists as worked (`WorkingCalendar`).
package enum WorkingDays {
    /// Whether `date` is a working day under `calendar`.
    package static func isWorkingDay(_ date: CivilDate, _ calendar: WorkingCalendar = .weekdays) -> Bool {
        calendar.isWorkingDay(date)
    }

    /// The working days after `start` up to and including `end`: an item received on a Monday
    /// and decided on the Tuesday took 1; decided the same day, 0; `end` before `start`, 0.
    package static func between(_ start: CivilDate, _ end: CivilDate, _ calendar: WorkingCalendar = .weekdays) -> Int {
        calendar.workingDays(after: start, through: end)
    }
}
