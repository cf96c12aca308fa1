import GRDB
import OneThingDatabase

/// One row of `conflicts`, with its application's province number (`province_no`, joined):
/// a field changed differently here and on the hub, open until a person decides.
struct ConflictRow: Sendable {
    var conflict: ConflictRecord

    enum Columns {
        static let id = Column("id")
        static let applicationId = Column("application_id")
        static let provinceNo = Column("province_no")
        static let field = Column("field")
        static let base = Column("base")
        static let local = Column("local")
        static let hub = Column("hub")
        static let hubRevision = Column("hub_revision")
        static let detected = Column("detected")
        static let state = Column("state")
        static let resolution = Column("resolution")
        static let resolvedRevision = Column("resolved_revision")
    }
}

extension ConflictRow: StrictRecord {
    static let databaseTableName = "conflicts"

    init(decoding row: Row) throws {
        conflict = ConflictRecord(
            applicationId: try row.value(Columns.applicationId), provinceNo: try row.value(Columns.provinceNo),
            field: try row.value(Columns.field), base: try row.value(Columns.base), local: try row.value(Columns.local),
            hub: try row.value(Columns.hub), hubRevision: try row.value(Columns.hubRevision),
            detected: try row.value(Columns.detected), state: try row.value(Columns.state),
            resolution: try row.value(Columns.resolution), resolvedRevision: try row.value(Columns.resolvedRevision))
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.applicationId, Columns.id) }
}
