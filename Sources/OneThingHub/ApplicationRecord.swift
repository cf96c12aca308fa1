import OneThingModel
import OneThingWire

/// One row of `applications`, its JSON columns decoded.
struct ApplicationRecord: Sendable, Hashable {
    var provinceNo: String
    var applicationId: String
    var nodeId: String
    var bundle: String
    var region: String
    var catalogVersion: String
    var fields: [String: String]
    var situations: [String]
    /// The node revision last applied.
    var revision: Int
    var hubRevision: Int
    var duplicateOf: String?
    var duplicateKind: DuplicateKind?
    /// When the hub's retention purge removed its personal data (nil: not purged).
    var purgedAt: String? = nil
    /// When the hub accepted revision 1 (nil: before the hub recorded it, schema v8).
    var receivedAt: String? = nil

    /// The application with this number; `forUpdate`: locked until the transaction ends
    /// (PostgreSQL), for a transaction that changes it.
    static func fetch(_ db: some HubSQL, provinceNo: String, forUpdate: Bool = false) throws -> ApplicationRecord? {
        try db.fetchOne(
            ApplicationRecord.self, "SELECT * FROM applications WHERE province_no = ?" + (forUpdate ? db.forUpdate : ""), [provinceNo])
    }

    static func fetch(_ db: some HubSQL, applicationId: String, forUpdate: Bool = false) throws -> ApplicationRecord? {
        try db.fetchOne(
            ApplicationRecord.self, "SELECT * FROM applications WHERE application_id = ?" + (forUpdate ? db.forUpdate : ""),
            [applicationId])
    }

    static func fetchAll(_ db: some HubSQL) throws -> [ApplicationRecord] {
        try db.fetchAll(ApplicationRecord.self, "SELECT * FROM applications ORDER BY province_no")
    }

    func insert(_ db: some HubSQL) throws {
        let key = try HubPersonKeys.key(bundle: try filedBundle(db), fields: fields, db)
        try db.execute(
            """
            INSERT INTO applications (province_no, application_id, node_id, bundle, region, catalog_version,
                                      fields, situations, revision, hub_revision, duplicate_of, duplicate_kind,
                                      person_key, event_key, exact_key, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                provinceNo, applicationId, nodeId, bundle, region, catalogVersion,
                StoredJSON.encode(fields), StoredJSON.encode(situations), revision, hubRevision, duplicateOf,
                duplicateKind?.rawValue, key?.person, key?.event, key?.exact, receivedAt,
            ])
    }

    /// Writes the mutable columns back.
    func update(_ db: some HubSQL) throws {
        let key = try HubPersonKeys.key(bundle: try filedBundle(db), fields: fields, db)
        try db.execute(
            """
            UPDATE applications SET fields = ?, situations = ?, region = ?, catalog_version = ?,
                                    revision = ?, hub_revision = ?, duplicate_of = ?, duplicate_kind = ?,
                                    person_key = ?, event_key = ?, exact_key = ?
            WHERE province_no = ?
            """,
            [
                StoredJSON.encode(fields), StoredJSON.encode(situations), region, catalogVersion,
                revision, hubRevision, duplicateOf, duplicateKind?.rawValue, key?.person, key?.event, key?.exact,
                provinceNo,
            ])
    }

    /// The hub-set fields this application has been issued (items may wait for them).
    func issuedFieldIds(_ bundle: BundleDefinition?) -> Set<String> {
        Set(fields.keys).intersection(bundle?.hubSetFields ?? [])
    }

    /// Keeps the fields of the current hub revision, the base of later three-way merges.
    /// `nodeRevision`: the node revision it took in, when not the latest (`revision`).
    func recordRevision(
        _ db: some HubSQL, source: String, _ made: Attribution, nodeFields: [String: String]? = nil, nodeRevision: Int? = nil
    ) throws {
        try db.execute(
            """
            INSERT INTO revisions (province_no, hub_revision, fields, source, node_revision, node_fields, recorded_at, actor)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                provinceNo, hubRevision, StoredJSON.encode(fields), source, nodeRevision ?? revision,
                nodeFields.flatMap { $0 == fields ? nil : StoredJSON.encode($0) },  // NULL: as `fields`
                made.time, made.actor,
            ])
    }

    /// The fields the node sent the first time the hub took its revision `nodeRevision`, or
    /// nil when the hub has no record of it.
    func firstForm(ofNodeRevision nodeRevision: Int, _ db: some HubSQL) throws -> [String: String]? {
        let first = try db.fetchOne(
            RevisionRecord.self,
            """
            SELECT * FROM revisions
            WHERE province_no = ? AND node_revision = ? AND source IN ('node', 'merge')
            ORDER BY hub_revision LIMIT 1
            """,
            [provinceNo, nodeRevision])
        return first.map { $0.nodeFields ?? $0.fields }
    }

    /// The base of a merge for node revision `nodeRevision` stated to be based on hub
    /// revision `stated`: those fields, unless the node's previous revision was applied
    /// later than that; then the fields it sent then (the later common ancestor: the node
    /// derived this revision from that one).
    func mergeBase(stated: Int, nodeRevision: Int, _ db: some HubSQL) throws -> [String: String]? {
        if let previous = try db.fetchOne(
            RevisionRecord.self,
            """
            SELECT * FROM revisions
            WHERE province_no = ? AND node_revision = ? AND source IN ('node', 'merge')
            ORDER BY hub_revision DESC LIMIT 1
            """,
            [provinceNo, nodeRevision - 1]),
            previous.hubRevision > stated
        {
            return previous.nodeFields ?? previous.fields
        }
        return try fields(atRevision: stated, db)
    }

    /// The fields as they were at `hubRevision`, or nil when the hub has no record of it.
    func fields(atRevision hubRevision: Int, _ db: some HubSQL) throws -> [String: String]? {
        try db.fetchOne(
            RevisionRecord.self, "SELECT * FROM revisions WHERE province_no = ? AND hub_revision = ?", [provinceNo, hubRevision]
        )?.fields
    }

    /// The other application this one was matched with, as nodes and officers see it.
    func duplicateMatch(_ db: some HubSQL) throws -> DuplicateMatch? {
        guard let duplicateOf, let kind = duplicateKind,
            let other = try db.fetchOne(
                Reference.self, "SELECT \(Reference.selection) FROM applications WHERE province_no = ?", [duplicateOf])
        else { return nil }
        return other.match(kind)
    }

    /// The fields in conflict that wait for the node's clerk.
    func openConflicts(_ db: some HubSQL) throws -> [FieldConflict] {
        try db.fetchAll(
            ConflictRecord.self, "SELECT * FROM conflicts WHERE province_no = ? AND state = 'open' ORDER BY field", [provinceNo]
        ).map(\.fieldConflict)
    }

    /// Appends a row to the hub's commit sequence, for the application's node to pull.
    func recordChange(_ db: some HubSQL) throws {
        try ChangeRecord.append(db, node: nodeId, provinceNo: provinceNo)
    }

    func hubApplication(items: [ItemRecord], _ db: some HubSQL) throws -> HubApplication {
        var application = HubApplication(
            provinceNo: provinceNo, applicationId: applicationId, nodeId: nodeId, bundle: bundle,
            revision: revision, hubRevision: hubRevision, items: items.map(\.decision), fields: fields,
            duplicate: try duplicateMatch(db), conflicts: try openConflicts(db))
        application.items = items.map(\.decisionWithTime)
        application.receivedAt = receivedAt
        application.rating = try db.value("SELECT score FROM ratings WHERE province_no = ?", [provinceNo])
        return application
    }

    /// The application with its items, as the admin API and `show --json` give it.
    static func hubApplication(_ db: some HubSQL, provinceNo: String) throws -> HubApplication {
        guard let record = try fetch(db, provinceNo: provinceNo) else {
            throw HubError.noSuchApplication(provinceNo: provinceNo)
        }
        return try record.hubApplication(items: try ItemRecord.fetchAll(db, provinceNo: provinceNo), db)
    }
}

extension ApplicationRecord: HubRecord {
    static let tableName = "applications"

    enum Columns {
        static let provinceNo = "province_no"
        static let applicationId = "application_id"
        static let nodeId = "node_id"
        static let bundle = "bundle"
        static let region = "region"
        static let catalogVersion = "catalog_version"
        static let fields = "fields"
        static let situations = "situations"
        static let revision = "revision"
        static let hubRevision = "hub_revision"
        static let duplicateOf = "duplicate_of"
        static let duplicateKind = "duplicate_kind"
        static let purgedAt = "purged_at"
        static let receivedAt = "received_at"
        static let personKey = "person_key"
        static let eventKey = "event_key"
        static let exactKey = "exact_key"
    }

    init(decoding row: HubRow) throws {
        provinceNo = try row.value(Columns.provinceNo)
        applicationId = try row.value(Columns.applicationId)
        nodeId = try row.value(Columns.nodeId)
        bundle = try row.value(Columns.bundle)
        region = try row.value(Columns.region)
        catalogVersion = try row.value(Columns.catalogVersion)
        fields = try StoredJSON.decode([String: String].self, from: row.value(Columns.fields), table: Self.tableName, key: provinceNo)
        situations = try StoredJSON.decode([String].self, from: row.value(Columns.situations), table: Self.tableName, key: provinceNo)
        revision = try row.value(Columns.revision)
        hubRevision = try row.value(Columns.hubRevision)
        duplicateOf = try row.value(Columns.duplicateOf)
        duplicateKind = try row.value(Columns.duplicateKind)
        purgedAt = try row.value(Columns.purgedAt)
        receivedAt = try row.value(Columns.receivedAt)
    }

    static func rowKey(_ row: HubRow) -> String { row.keyText(Columns.provinceNo) }

    /// Which application, whose, and the keys duplicate detection matches: what a duplicate
    /// match names (`Reference.selection` are its columns).
    struct Reference: HubRecord {
        static let tableName = "applications"
        static let selection = "province_no, application_id, node_id, event_key, exact_key"
        var provinceNo: String
        var applicationId: String
        var nodeId: String
        var eventKey: String?
        var exactKey: String?

        init(decoding row: HubRow) throws {
            provinceNo = try row.value(ApplicationRecord.Columns.provinceNo)
            applicationId = try row.value(ApplicationRecord.Columns.applicationId)
            nodeId = try row.value(ApplicationRecord.Columns.nodeId)
            eventKey = try row.value(ApplicationRecord.Columns.eventKey)
            exactKey = try row.value(ApplicationRecord.Columns.exactKey)
        }

        static func rowKey(_ row: HubRow) -> String { row.keyText(ApplicationRecord.Columns.provinceNo) }

        func match(_ kind: DuplicateKind) -> DuplicateMatch {
            DuplicateMatch(provinceNo: provinceNo, applicationId: applicationId, nodeId: nodeId, kind: kind)
        }
    }
}
