import GRDB
import OneThingDatabase

/// One row of `drafts`: the form an operator was filling, saved as the clerk leaves each field.
struct DraftRow: Sendable {
    var draft: Draft

    enum Columns {
        static let operatorId = Column("operator_id")
        static let bundle = Column("bundle")
        static let items = Column("items")
        static let fields = Column("fields")
        static let focus = Column("focus")
        static let deliveryId = Column("delivery_id")
        static let updatedAt = Column("updated_at")
    }
}

extension DraftRow: StrictRecord {
    static let databaseTableName = "drafts"

    init(decoding row: Row) throws {
        let key = Self.rowKey(row)
        draft = Draft(
            operatorId: try row.value(Columns.operatorId), bundle: try row.value(Columns.bundle),
            items: try StoredFields.decodeList(row.value(Columns.items) as String, table: Self.databaseTableName, key: key),
            fields: try StoredFields.decode(row.value(Columns.fields) as String, table: Self.databaseTableName, key: key),
            focus: try row.value(Columns.focus), deliveryId: try row.value(Columns.deliveryId),
            updatedAt: try row.value(Columns.updatedAt))
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.operatorId) }
}
