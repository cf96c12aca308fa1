import GRDB
import OneThingDatabase

/// One row of `unknown_applications`: an application the hub holds for this node that this
/// database does not know (it was restored from an older backup), kept for a person.
struct UnknownApplicationRow: Sendable {
    var application: UnknownApplication

    enum Columns {
        static let applicationId = Column("application_id")
        static let provinceNo = Column("province_no")
        static let firstSeenAt = Column("first_seen_at")
    }
}

extension UnknownApplicationRow: StrictRecord {
    static let databaseTableName = "unknown_applications"

    init(decoding row: Row) throws {
        application = UnknownApplication(
            id: try row.value(Columns.applicationId), provinceNo: try row.value(Columns.provinceNo),
            firstSeenAt: try row.value(Columns.firstSeenAt))
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.applicationId) }
}
