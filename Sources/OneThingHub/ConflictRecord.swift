import GRDB
import OneThingDatabase
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
}

extension ConflictRecord: StrictRecord {
    static let databaseTableName = "conflicts"

    enum Columns {
        static let id = Column("id")
        static let provinceNo = Column("province_no")
        static let field = Column("field")
        static let base = Column("base")
        static let local = Column("local")
        static let hub = Column("hub")
        static let nodeRevision = Column("node_revision")
        static let hubRevision = Column("hub_revision")
        static let state = Column("state")
    }

    init(decoding row: Row) throws {
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

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.provinceNo, Columns.id) }
}
