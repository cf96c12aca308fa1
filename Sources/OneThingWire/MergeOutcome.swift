package import OneThingModel

/// What the hub's three-way merge of a stale revision did.
package struct MergeOutcome: Sendable, Hashable {
    /// The base revision the merge used.
    package var baseRevision: Int
    /// The hub's fields after the merge (the hub's value where there is a conflict).
    package var fields: [String: String]
    /// Fields taken from the node's revision, and kept from the hub's later changes.
    package var fromNode: [String]
    package var fromHub: [String]
    /// Fields changed differently on both sides: each waits for a person's decision.
    package var conflicts: [FieldConflict]

    package init(baseRevision: Int, fields: [String: String], fromNode: [String], fromHub: [String], conflicts: [FieldConflict]) {
        self.baseRevision = baseRevision
        self.fields = fields
        self.fromNode = fromNode
        self.fromHub = fromHub
        self.conflicts = conflicts
    }
}

extension MergeOutcome: JSONRecord {
    package static let jsonShape = JSONShape(
        "a merge outcome", blank: MergeOutcome(baseRevision: 0, fields: [:], fromNode: [], fromHub: [], conflicts: []))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout MergeOutcome) throws(C.Failure) {
        try c.required("base_revision", &v.baseRevision)
        try c.required("conflicts", &v.conflicts)
        try c.required("fields", &v.fields)
        try c.required("from_hub", &v.fromHub)
        try c.required("from_node", &v.fromNode)
    }
}
