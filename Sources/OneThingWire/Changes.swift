public import OneThingModel

/// `GET /v1/nodes/{node_id}/changes?after=&limit=&catalog_version=`.
public struct ChangesPage: Codable, Sendable, Hashable {
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

    enum CodingKeys: String, CodingKey {
        case changes
        case nextCursor = "next_cursor"
        case hasMore = "has_more"
        case catalog
    }
}

/// An application's whole current hub state as of `cursor`: applying it twice is harmless.
public struct ApplicationChange: Codable, Sendable, Hashable {
    public var cursor: Int64
    public var applicationId: String
    public var provinceNo: String
    public var hubRevision: Int
    /// The node revision the hub last applied.
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

    enum CodingKeys: String, CodingKey {
        case cursor
        case applicationId = "application_id"
        case provinceNo = "province_no"
        case hubRevision = "hub_revision"
        case revision, items, fields, duplicate, conflicts, purged
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cursor, forKey: .cursor)
        try c.encode(applicationId, forKey: .applicationId)
        try c.encode(provinceNo, forKey: .provinceNo)
        try c.encode(hubRevision, forKey: .hubRevision)
        try c.encode(revision, forKey: .revision)
        try c.encode(items, forKey: .items)
        try c.encode(fields, forKey: .fields)
        try c.encodeIfPresent(duplicate, forKey: .duplicate)
        try c.encode(conflicts, forKey: .conflicts)
        if purged { try c.encode(true, forKey: .purged) }
    }

    /// `revision` and `conflicts` came with conflict-aware sync; a page from an older hub
    /// without them still decodes (revision 1 known, no conflicts).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cursor = try c.decode(Int64.self, forKey: .cursor)
        applicationId = try c.decode(String.self, forKey: .applicationId)
        provinceNo = try c.decode(String.self, forKey: .provinceNo)
        hubRevision = try c.decode(Int.self, forKey: .hubRevision)
        revision = try c.decodeIfPresent(Int.self, forKey: .revision) ?? 0
        items = try c.decode([ItemDecision].self, forKey: .items)
        fields = try c.decode([String: String].self, forKey: .fields)
        duplicate = try c.decodeIfPresent(DuplicateMatch.self, forKey: .duplicate)
        conflicts = try c.decodeIfPresent([FieldConflict].self, forKey: .conflicts) ?? []
        purged = try c.decodeIfPresent(Bool.self, forKey: .purged) ?? false
    }
}

public struct ItemDecision: Codable, Sendable, Hashable {
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

/// A catalogue the hub publishes, sent when the node reports another version.
public struct CatalogUpdate: Codable, Sendable, Hashable {
    public struct File: Codable, Sendable, Hashable {
        public var path: String
        public var text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    public var version: String
    public var files: [File]

    public init(version: String, files: [File]) {
        self.version = version
        self.files = files
    }
}
