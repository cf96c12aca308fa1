/// One row of `changes`: the hub's commit sequence that a node pulls after its cursor.
struct ChangeRecord: Sendable, Hashable {
    var cursor: Int64
    var nodeId: String
    var provinceNo: String

    /// At most `limit` changes of `node` after `after`, in commit order.
    static func page(_ db: some HubSQL, node: String, after: Int64, limit: Int) throws -> [ChangeRecord] {
        try db.fetchAll(
            ChangeRecord.self, "SELECT * FROM changes WHERE node_id = ? AND cursor > ? ORDER BY cursor LIMIT ?", [node, after, limit])
    }

    /// Appends a change of `provinceNo` for `node` (`HubSQL.lockChangeLog` first: commit
    /// order is cursor order).
    static func append(_ db: some HubSQL, node: String, provinceNo: String) throws {
        try db.lockChangeLog()
        try db.execute("INSERT INTO changes (node_id, province_no) VALUES (?, ?)", [node, provinceNo])
    }

    /// The newest cursor (0 when there is no change).
    static func newest(_ db: some HubSQL) throws -> Int64 {
        try db.value("SELECT COALESCE(MAX(cursor), 0) FROM changes") ?? 0
    }
}

extension ChangeRecord: HubRecord {
    static let tableName = "changes"

    enum Columns {
        static let cursor = "cursor"
        static let nodeId = "node_id"
        static let provinceNo = "province_no"
    }

    init(decoding row: HubRow) throws {
        cursor = try row.value(Columns.cursor)
        nodeId = try row.value(Columns.nodeId)
        provinceNo = try row.value(Columns.provinceNo)
    }

    static func rowKey(_ row: HubRow) -> String { row.keyText(Columns.cursor) }
}
