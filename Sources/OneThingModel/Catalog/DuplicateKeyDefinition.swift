/// Which fields make two applications of a bundle the same case (重复申报): the person,
/// the event and what tells two events of one person on one day apart.
/// `{ "person": "mother_id_number", "event": "birth_time", "ordinal": "birth_order" }` for a
/// birth; `{ "person": "child_id_number", "event": "school_year" }` for a school enrolment.
package struct DuplicateKeyDefinition: Codable, Sendable, Hashable {
    /// The field naming the person (a resident ID number).
    package var person: String
    /// The field of the event: a date or date and time (compared by day, and within a few
    /// days for near duplicates) or any other value (compared as it is).
    package var event: String
    /// The field telling apart two events of the person on one day (twins' birth order).
    package var ordinal: String?

    package init(person: String, event: String, ordinal: String? = nil) {
        self.person = person
        self.event = event
        self.ordinal = ordinal
    }
}
