import OneThingModel
import OneThingWire

/// One row of `conflicts`: a field changed differently at a node and on the hub, open until
/// the node's clerk decides.
struct ConflictRecord: Sendable, Hashable {
    var id: Int64
    var provinceNo: String
    var field: String
    var base: String?
    var local: String?
    var hub: String?
    var nodeRevision: Int
    var hubRevision: Int
    /// `open` or `resolved`.
    var state: String

    var fieldConflict: FieldConflict {
        FieldConflict(field: field, base: base, local: local, hub: hub)
    }

    /// A person's decision closes the open conflict on `field`.
    static func resolve(_ db: some HubSQL, provinceNo: String, field: String, byRevision revision: Int) throws {
        try db.execute(
            "UPDATE conflicts SET state = 'resolved', resolved_by_revision = ? WHERE province_no = ? AND field = ? AND state = 'open'",
            [revision, provinceNo, field])
    }

    /// Opens a conflict on the field, or replaces the values of the one open on it.
    static func open(_ db: some HubSQL, _ conflict: FieldConflict, provinceNo: String, nodeRevision: Int, hubRevision: Int) throws {
        try db.execute(
            """
            INSERT INTO conflicts (province_no, field, base, local, hub, node_revision, hub_revision)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (province_no, field) WHERE state = 'open'
            DO UPDATE SET base = excluded.base, local = excluded.local, hub = excluded.hub,
                          node_revision = excluded.node_revision, hub_revision = excluded.hub_revision
            """,
            [provinceNo, conflict.field, conflict.base, conflict.local, conflict.hub, nodeRevision, hubRevision])
    }
}

extension ConflictRecord: HubRecord {
    static let tableName = "conflicts"

    enum Columns {
        static let id = "id"
        static let provinceNo = "province_no"
        static let field = "field"
        static let base = "base"
        static let local = "local"
        static let hub = "hub"
        static let nodeRevision = "node_revision"
        static let hubRevision = "hub_revision"
        static let state = "state"
    }

    init(decoding row: HubRow) throws {
        id = try row.value(Columns.id)
        provinceNo = try row.value(Columns.provinceNo)
        field = try row.value(Columns.field)
        base = try row.value(Columns.base)
        local = try row.value(Columns.local)
        hub = try row.value(Columns.hub)
        nodeRevision = try row.value(Columns.nodeRevision)
        hubRevision = try row.value(Columns.hubRevision)
        state = try row.value(Columns.state)
    }

    static func rowKey(_ row: HubRow) -> String { row.keyText(Columns.provinceNo, Columns.id) }
}
