import GRDB
import OneThingDatabase
import OneThingModel
import OneThingWire

/// One row of `application_items`: an item of an application and its state at the node.
struct ItemRow: Sendable {
    var applicationId: String
    var status: ItemStatus

    enum Columns {
        static let applicationId = Column("application_id")
        static let item = Column("item")
        static let position = Column("position")
        static let state = Column("state")
        static let reason = Column("reason")
        static let result = Column("result")
    }
}

extension ItemRow: StrictRecord {
    static let databaseTableName = "application_items"

    init(decoding row: Row) throws {
        applicationId = try row.value(Columns.applicationId)
        status = ItemStatus(
            item: try row.value(Columns.item), state: try row.value(Columns.state), reason: try row.value(Columns.reason),
            documents: try (row.value(Columns.result) as String?).map {
                try StoredFields.decode([String: String].self, from: $0, table: Self.databaseTableName, key: Self.rowKey(row))
            })
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.applicationId, Columns.item) }
}
