/// A node revision the hub already holds, pushed again in another form: the node's database
/// went back in time (restored from a copy made while that revision was still unsent), and the
/// revision it holds now differs from the one the hub took (an older form the clerk had
/// replaced before the copy came back, or a correction made again after it came back). Which
/// of the two forms is the later cannot be told (no decision depends on a clock), so neither
/// overwrites the other. Pure, like `FieldMerge`; per field:
///
/// - the hub's value stands when this form has it too, when this form left the field as its
///   base had it (it says nothing about the field), or when this form gives the value the
///   first form gave (that value was applied, and whatever came after was made knowing it);
/// - otherwise the field is a `FieldConflict` keeping this form's value beside the hub's
///   (and the base's): the hub's value holds until a person decides.
///
/// No conflict means everything this form says the hub already holds.
package enum RevisionMadeAgain {
    /// - Parameters:
    ///   - base: the fields this form was based on (nil: none, for a revision 1, or unknown).
    ///   - first: the fields of the form the hub took first (nil: unknown).
    ///   - again: the fields of this form.
    ///   - hub: the hub's fields now.
    package static func conflicts(
        base: [String: String]?, first: [String: String]?, again: [String: String], hub: [String: String]
    ) -> [FieldConflict] {
        // Only a field that this form and the hub hold differently can be a conflict.
        return Set(again.keys).union(hub.keys).sorted().compactMap { key -> FieldConflict? in
            let value = again[key]
            if value == hub[key] { return nil }
            if let base, value == base[key] { return nil }
            if let first, value == first[key] { return nil }
            return FieldConflict(field: key, base: base?[key], local: value, hub: hub[key])
        }
    }
}
