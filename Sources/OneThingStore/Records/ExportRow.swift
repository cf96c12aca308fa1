import GRDB
import OneThingDatabase
import OneThingExport

/// One row of `applications` as an export reads it (`ExportRow.selection`): the receipt
/// columns, the working fields and whether retention purged them.
struct ExportRow: Sendable {
    var application: ExportedApplication

    static let selection = "id, province_no, bundle, region, filed_at, state, fields, purged_at"

    enum Columns {
        static let id = Column("id")
        static let provinceNo = Column("province_no")
        static let bundle = Column("bundle")
        static let region = Column("region")
        static let filedAt = Column("filed_at")
        static let state = Column("state")
        static let fields = Column("fields")
        static let purgedAt = Column("purged_at")
    }
}

extension ExportRow: StrictRecord {
    static let databaseTableName = "applications"

    init(decoding row: Row) throws {
        let id: String = try row.value(Columns.id)
        let purged = (try row.value(Columns.purgedAt) as String?) != nil
        application = ExportedApplication(
            id: id, provinceNo: try row.value(Columns.provinceNo), bundle: try row.value(Columns.bundle),
            region: try row.value(Columns.region), filedAt: try row.value(Columns.filedAt), state: try row.value(Columns.state),
            items: [],
            fields: purged ? [:] : try StoredFields.decode(row.value(Columns.fields) as String, table: Self.databaseTableName, key: id),
            purged: purged)
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.id) }
}
