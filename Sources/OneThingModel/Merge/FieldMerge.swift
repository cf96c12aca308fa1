/// Three-way merge of an application's citizen fields, per field, against the revision both
/// sides started from. Pure: the hub runs it when a pushed revision was based on an older
/// hub revision, the node runs it when a pulled change meets unsent local edits, and both
/// reach the same answer from the same three inputs.
///
/// A field absent from a side's dictionary is "deleted" (or never given) on that side.
/// For each field:
/// - changed on neither side, or changed alike on both: that value;
/// - changed on one side only: that side's value (an automatic merge, recorded);
/// - changed differently on both sides: a `FieldConflict` that keeps all three values. The
///   merged result holds the hub's value until a person decides: never resolved silently.
package enum FieldMerge {
    package static func merge(
        base: [String: String], local: [String: String], hub: [String: String]
    ) -> FieldMergeResult {
        var result = FieldMergeResult(fields: [:])
        let keys = Set(base.keys).union(local.keys).union(hub.keys).sorted()
        for key in keys {
            let b = base[key], l = local[key], h = hub[key]
            let value: String?
            if l == h {
                value = l
            } else if l == b {
                value = h
                result.takenFromHub.append(key)
            } else if h == b {
                value = l
                result.takenFromLocal.append(key)
            } else {
                value = h
                result.conflicts.append(FieldConflict(field: key, base: b, local: l, hub: h))
            }
            if let value { result.fields[key] = value }
        }
        return result
    }
}

package struct FieldMergeResult: Sendable, Hashable {
    /// The merged fields: the hub's value where there is a conflict.
    package var fields: [String: String]
    /// Fields only the hub changed since the base: taken automatically.
    package var takenFromHub: [String] = []
    /// Fields only the local side changed since the base: taken automatically.
    package var takenFromLocal: [String] = []
    /// Fields changed differently on both sides, sorted by field id.
    package var conflicts: [FieldConflict] = []

    package init(fields: [String: String]) {
        self.fields = fields
    }

    /// Whether both sides' changes were combined (something came from each side).
    package var isMerge: Bool { !takenFromHub.isEmpty && !takenFromLocal.isEmpty }
}

/// One field changed differently on both sides. `nil` is "absent on that side".
package struct FieldConflict: Sendable, Hashable {
    package var field: String
    package var base: String?
    package var local: String?
    package var hub: String?

    package init(field: String, base: String?, local: String?, hub: String?) {
        self.field = field
        self.base = base
        self.local = local
        self.hub = hub
    }
}
