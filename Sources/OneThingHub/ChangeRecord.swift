import GRDB
import OneThingDatabase

/// One row of `changes`: the hub's commit sequence that a node pulls after its cursor.
struct ChangeRecord: Sendable, Hashable {
    var cursor: Int64
    var nodeId: String
    var provinceNo: String

    /// At most `limit` changes of `node` after `after`, in commit order.
    static func page(_ db: Database, node: String, after: Int64, limit: Int) throws -> [ChangeRecord] {
        try ChangeRecord.fetchAll(
            db, sql: "SELECT * FROM changes WHERE node_id = ? AND cursor > ? ORDER BY cursor LIMIT ?",
            arguments: [node, after, limit])
    }
}

extension ChangeRecord: StrictRecord {
    static let databaseTableName = "changes"

    enum Columns {
        static let cursor = Column("cursor")
        static let nodeId = Column("node_id")
        static let provinceNo = Column("province_no")
    }

    init(decoding row: Row) throws {
        cursor = try row.value(Columns.cursor)
        nodeId = try row.value(Columns.nodeId)
        provinceNo = try row.value(Columns.provinceNo)
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.cursor) }
}
