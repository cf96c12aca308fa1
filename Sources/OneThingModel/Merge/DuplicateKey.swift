/// What makes two applications the same person and event (重复申报), as the bundle's
/// `duplicateKey` declares it (`BundleDefinition.duplicateKey(of:)`): for a birth, the
/// mother's ID number, the birth date and the birth order; for a school enrolment, the
/// child's ID number and the school year. Near duplicates are the same person with an
/// event date within a few days (a birth time typed a day off).
package struct DuplicateKey: Sendable, Hashable {
    /// The person: the mother's or the child's resident ID number, with the bundle.
    package var person: String
    /// The event's day (birth date) or the school year, compared for near duplicates.
    package var event: String
    /// What tells two events of one person on one day apart (birth order; empty otherwise).
    package var ordinal: String

    package init(person: String, event: String, ordinal: String) {
        self.person = person
        self.event = event
        self.ordinal = ordinal
    }

    /// The key with its person replaced by `hash(person)`: what a database stores and
    /// indexes (a keyed hash, so that no ID number is kept in clear in an index), with the
    /// event and ordinal as they are. Two keys of one person hash alike under one secret.
    package func keyed(_ hash: (String) -> String) -> DuplicateKey {
        DuplicateKey(person: hash(person), event: event, ordinal: ordinal)
    }

    /// The exact key: person, event and ordinal.
    package var exact: String { "\(person)|\(event)|\(ordinal)" }

    /// Whether `other` is a near duplicate of `self` under `rule`: the same person with
    /// event days at most `rule.days` apart (not the same day: twins differ in birth order),
    /// or the exact key.
    package func isNear(_ other: DuplicateKey, rule: NearDuplicateRule) -> Bool {
        guard person == other.person else { return false }
        if exact == other.exact { return true }
        // The same day with another birth order is twins, not a duplicate.
        if event == other.event { return false }
        guard let a = CivilDate.parse(event), let b = CivilDate.parse(other.event) else { return false }
        return abs(a.dayNumber - b.dayNumber) <= rule.days
    }
}

/// How far apart two events of one person may be and still be flagged as a near duplicate.
package struct NearDuplicateRule: Sendable, Hashable, Codable {
    package var days: Int

    package init(days: Int) {
        self.days = days
    }

    package static let `default` = NearDuplicateRule(days: 3)
}
