import GRDB
import OneThingDatabase

/// One row of `application_events`: a merge, conflict, amendment or resolution, with the
/// names of the fields it touched.
struct EventRow: Sendable {
    var event: ApplicationEvent

    enum Columns {
        static let id = Column("id")
        static let applicationId = Column("application_id")
        static let kind = Column("kind")
        static let revision = Column("revision")
        static let hubRevision = Column("hub_revision")
        static let fields = Column("fields")
    }
}

extension EventRow: StrictRecord {
    static let databaseTableName = "application_events"

    init(decoding row: Row) throws {
        event = ApplicationEvent(
            kind: try row.value(Columns.kind), revision: try row.value(Columns.revision),
            hubRevision: try row.value(Columns.hubRevision),
            fields: try StoredFields.decodeList(row.value(Columns.fields) as String, table: Self.databaseTableName, key: Self.rowKey(row)))
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.applicationId, Columns.id) }
}
