import GRDB
import OneThingDatabase

/// One row of `audit_log` (append-only): who filed, viewed, corrected or purged what.
struct AuditRow: Sendable {
    var entry: AuditEntry

    enum Columns {
        static let seq = Column("seq")
        static let at = Column("at")
        static let actor = Column("actor")
        static let action = Column("action")
        static let applicationId = Column("application_id")
        static let detail = Column("detail")
    }
}

extension AuditRow: StrictRecord {
    static let databaseTableName = "audit_log"

    init(decoding row: Row) throws {
        entry = AuditEntry(
            seq: try row.value(Columns.seq), at: try row.value(Columns.at), actor: try row.value(Columns.actor),
            action: try row.value(Columns.action), applicationId: try row.value(Columns.applicationId),
            detail: try row.value(Columns.detail))
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.seq) }
}
