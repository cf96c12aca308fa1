public import Foundation
public import OneThingModel

/// `GET /v1/nodes/{node_id}/changes?after=&limit=&catalog_version=`.
public struct ChangesPage: Sendable, Hashable {
    public var changes: [ApplicationChange]
    public var nextCursor: Int64
    public var hasMore: Bool
    public var catalog: CatalogUpdate?

    public init(changes: [ApplicationChange], nextCursor: Int64, hasMore: Bool, catalog: CatalogUpdate? = nil) {
        self.changes = changes
        self.nextCursor = nextCursor
        self.hasMore = hasMore
        self.catalog = catalog
    }

    public static let defaultLimit = 500
    public static let maxLimit = 1000
}

extension ChangesPage: JSONRecord {
    public static let jsonShape = JSONShape("a page of changes", blank: ChangesPage(changes: [], nextCursor: 0, hasMore: false))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout ChangesPage) throws(C.Failure) {
        try c.optional("catalog", &v.catalog)
        try c.required("changes", &v.changes)
        try c.required("has_more", &v.hasMore)
        try c.required("next_cursor", &v.nextCursor)
    }

    /// A page as the node reads it (the node reads every decision through here).
    public static func decode(json data: Data) throws(WireDecodingError) -> ChangesPage {
        try JSONCodec.decode(ChangesPage.self, from: data)
    }

    /// A page as the hub writes it: 500 changes are ~700 KB of field maps.
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: 1024 + changes.count * 1600)
        writeJSON(&w)
        return w.bytes
    }
}

/// An application's whole current hub state as of `cursor`: applying it twice is harmless.
public struct ApplicationChange: Sendable, Hashable {
    public var cursor: Int64
    public var applicationId: String
    public var provinceNo: String
    public var hubRevision: Int
    /// The node revision the hub last applied (0 from a hub older than conflict-aware sync).
    public var revision: Int
    public var items: [ItemDecision]
    public var fields: [String: String]
    public var duplicate: DuplicateMatch?
    /// Fields with a conflict the hub holds open (changed differently on both sides).
    public var conflicts: [FieldConflict]
    /// The hub purged the application's personal data (its retention): `fields` is empty
    /// and items carry no documents or reasons; a node keeps its own copy. Written only
    /// when true.
    public var purged: Bool

    public init(
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
    public static let jsonShape = JSONShape(
        "a change", blank: ApplicationChange(cursor: 0, applicationId: "", provinceNo: "", hubRevision: 0, items: [], fields: [:]))

    /// `revision` and `conflicts` came with conflict-aware sync: a page from an older hub
    /// without them is read as revision 0 and no conflicts.
    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout ApplicationChange) throws(C.Failure) {
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

public struct ItemDecision: Sendable, Hashable {
    public var item: String
    public var state: ItemState
    public var reason: String?
    public var documents: [String: String]?

    public init(item: String, state: ItemState, reason: String? = nil, documents: [String: String]? = nil) {
        self.item = item
        self.state = state
        self.reason = reason
        self.documents = documents
    }
}

extension ItemDecision: JSONRecord {
    public static let jsonShape = JSONShape("an item decision", blank: ItemDecision(item: "", state: .pending))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout ItemDecision) throws(C.Failure) {
        try c.optional("documents", &v.documents)
        try c.required("item", &v.item)
        try c.optional("reason", &v.reason)
        try c.required("state", &v.state)
    }
}

/// A catalogue the hub publishes, sent when the node reports another version.
public struct CatalogUpdate: Sendable, Hashable {
    public typealias File = CatalogFile

    public var version: String
    public var files: [CatalogFile]

    public init(version: String, files: [CatalogFile]) {
        self.version = version
        self.files = files
    }
}

extension CatalogUpdate: JSONRecord {
    public static let jsonShape = JSONShape("a catalogue update", blank: CatalogUpdate(version: "", files: []))

    public static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout CatalogUpdate) throws(C.Failure) {
        try c.required("files", &v.files)
        try c.required("version", &v.version)
    }
}
