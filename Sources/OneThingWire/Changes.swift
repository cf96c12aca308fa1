package import Foundation
package import OneThingModel

/// `GET /v1/nodes/{node_id}/changes?after=&limit=&catalog_version=`.
package struct ChangesPage: Sendable, Hashable {
    package var changes: [ApplicationChange]
    package var nextCursor: Int64
    package var hasMore: Bool
    package var catalog: CatalogUpdate?

    package init(changes: [ApplicationChange], nextCursor: Int64, hasMore: Bool, catalog: CatalogUpdate? = nil) {
        self.changes = changes
        self.nextCursor = nextCursor
        self.hasMore = hasMore
        self.catalog = catalog
    }

    package static let defaultLimit = 500
    package static let maxLimit = 1000
}

extension ChangesPage: JSONRecord {
    package static let jsonShape = JSONShape("a page of changes", blank: ChangesPage(changes: [], nextCursor: 0, hasMore: false))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout ChangesPage) throws(C.Failure) {
        try c.optional("catalog", &v.catalog)
        try c.required("changes", &v.changes)
        try c.required("has_more", &v.hasMore)
        try c.required("next_cursor", &v.nextCursor)
    }

    /// A page as the node reads it (the node reads every decision through here).
    package static func decode(json data: Data) throws(WireDecodingError) -> ChangesPage {
        try JSONCodec.decode(ChangesPage.self, from: data)
    }

    /// A page as the hub writes it: 500 changes are ~700 KB of field maps.
    package func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: 1024 + changes.count * 1600)
        writeJSON(&w)
        return w.bytes
    }
}

/// An application's whole current hub state as of `cursor`: applying it twice is harmless.
package struct ApplicationChange: Sendable, Hashable {
    package var cursor: Int64
    package var applicationId: String
    package var provinceNo: String
    package var hubRevision: Int
    /// The node revision the hub last applied (0 from a hub older than conflict-aware sync).
    package var revision: Int
    package var items: [ItemDecision]
    package var fields: [String: String]
    package var duplicate: DuplicateMatch?
    /// Fields with a conflict the hub holds open (changed differently on both sides).
    package var conflicts: [FieldConflict]
    /// The hub purged the application's personal data (its retention): `fields` is empty
    /// and items carry no documents or reasons; a node keeps its own copy. Written only
    /// when true.
    package var purged: Bool

    package init(
        cursor: Int64, applicationId: String, provinceNo: String, hubRevision: Int, revision: Int = 1,
        items: [ItemDecision], fields: [String: String], duplicate: DuplicateMatch? = nil,
        conflicts: [FieldConflict] = [], purged: Bool = false
    ) {
        self.purged = purged
        self.cursor = cursor
        self.revision = revision
        self.duplicate = duplicate
        self.conflicts = conflicts
        self.applicationId = applicationId
        self.provinceNo = provinceNo
        self.hubRevision = hubRevision
        self.items = items
        self.fields = fields
    }
}

extension ApplicationChange: JSONRecord {
    package static let jsonShape = JSONShape(
        "a change", blank: ApplicationChange(cursor: 0, applicationId: "", provinceNo: "", hubRevision: 0, items: [], fields: [:]))

    /// `revision` and `conflicts` came with conflict-aware sync: a page from an older hub
    /// without them is read as revision 0 and no conflicts.
    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout ApplicationChange) throws(C.Failure) {
        try c.required("application_id", &v.applicationId)
        try c.defaulted("conflicts", &v.conflicts, [])
        try c.required("cursor", &v.cursor)
        try c.optional("duplicate", &v.duplicate)
        try c.required("fields", &v.fields)
        try c.required("hub_revision", &v.hubRevision)
        try c.required("items", &v.items)
        try c.required("province_no", &v.provinceNo)
        try c.defaulted("purged", &v.purged, false, omitDefault: true)
        try c.defaulted("revision", &v.revision, 0)
    }
}

package struct ItemDecision: Sendable, Hashable {
    package var item: String
    package var state: ItemState
    package var reason: String?
    package var documents: [String: String]?
    /// When the item was last decided (approved, issued, rejected or returned) and by whom
    /// (an officer's id, `auto` for a rule's decision): the hub's admin views only; the
    /// changes a node pulls leave them out.
    package var decidedAt: String?
    package var decidedBy: String?

    package init(
        item: String, state: ItemState, reason: String? = nil, documents: [String: String]? = nil, decidedAt: String? = nil,
        decidedBy: String? = nil
    ) {
        self.item = item
        self.state = state
        self.reason = reason
        self.documents = documents
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
    }
}

extension ItemDecision: JSONRecord {
    package static let jsonShape = JSONShape("an item decision", blank: ItemDecision(item: "", state: .pending))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout ItemDecision) throws(C.Failure) {
        try c.optional("decided_at", &v.decidedAt)
        try c.optional("decided_by", &v.decidedBy)
        try c.optional("documents", &v.documents)
        try c.required("item", &v.item)
        try c.optional("reason", &v.reason)
        try c.required("state", &v.state)
    }
}

/// A catalogue the hub publishes, sent when the node reports another version.
package struct CatalogUpdate: Sendable, Hashable {
    package typealias File = CatalogFile

    package var version: String
    package var files: [CatalogFile]

    package init(version: String, files: [CatalogFile]) {
        self.version = version
        self.files = files
    }
}

extension CatalogUpdate: JSONRecord {
    package static let jsonShape = JSONShape("a catalogue update", blank: CatalogUpdate(version: "", files: []))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout CatalogUpdate) throws(C.Failure) {
        try c.required("files", &v.files)
        try c.required("version", &v.version)
    }
}
