import OneThingModel
import OneThingWire

/// One row of `items`: an item of an application, its state and what came with the decision.
struct ItemRecord: Sendable, Hashable {
    var item: String
    var position: Int
    var state: ItemState
    var reason: String?
    var documents: [String: String]?
    /// The item's dependencies among the application's selected items.
    var dependsOn: [String]
    /// Issued fields the item waits for (the newborn's resident ID number).
    var needs: [String] = []
    /// For a returned item, the hub revision the return made: a node revision answers the
    /// return only when based on it or a later one.
    var returnedAtRevision: Int? = nil
    /// When and by whom the item was last decided (nil: not yet, or before schema v8).
    var decidedAt: String? = nil
    var decidedBy: String? = nil
    /// How often a department returned it for correction.
    var returns: Int = 0

    /// The decision as a node pulls it.
    var decision: ItemDecision {
        ItemDecision(item: item, state: state, reason: reason, documents: documents)
    }

    /// The decision with when and by whom, as the hub's admin views show it.
    var decisionWithTime: ItemDecision {
        ItemDecision(item: item, state: state, reason: reason, documents: documents, decidedAt: decidedAt, decidedBy: decidedBy)
    }

    static func fetchAll(_ db: some HubSQL, provinceNo: String) throws -> [ItemRecord] {
        try db.fetchAll(ItemRecord.self, "SELECT * FROM items WHERE province_no = ? ORDER BY position", [provinceNo])
    }

    /// The items of every application `condition` takes (a `WHERE` on `applications`'s own
    /// columns), by province number, each in its order: one query however many applications.
    static func byApplication(_ db: some HubSQL, where condition: String, _ arguments: [any HubBindable]) throws
        -> [String: [ItemRecord]]
    {
        var items: [String: [ItemRecord]] = [:]
        let sql = """
            SELECT items.* FROM items JOIN applications ON applications.province_no = items.province_no
            \(condition) ORDER BY items.province_no, items.position
            """
        for row in try db.rows(sql, arguments) {
            items[try row.value(Columns.provinceNo, of: tableName, key: rowKey(row)), default: []].append(try ItemRecord(row: row))
        }
        return items
    }

    /// Items a department could decide now, with their application's province number, in
    /// province-number order.
    static func inProgress(_ db: some HubSQL) throws -> [(provinceNo: String, item: ItemRecord)] {
        try db.rows("SELECT * FROM items WHERE state = ? ORDER BY province_no, position", [ItemState.inProgress.rawValue]).map { row in
            (provinceNo: try row.value(Columns.provinceNo, of: tableName, key: rowKey(row)), item: try ItemRecord(row: row))
        }
    }

    func insert(_ db: some HubSQL, provinceNo: String) throws {
        try db.execute(
            """
            INSERT INTO items (province_no, item, position, state, reason, documents, depends_on, needs)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                provinceNo, item, position, state.rawValue, reason, documents.map(StoredJSON.encode),
                StoredJSON.encode(dependsOn), StoredJSON.encode(needs),
            ])
    }

    func update(_ db: some HubSQL, provinceNo: String) throws {
        try db.execute(
            """
            UPDATE items SET state = ?, reason = ?, documents = ?, returned_at_revision = ?, decided_at = ?, decided_by = ?,
                             returns = ?
            WHERE province_no = ? AND item = ?
            """,
            [
                state.rawValue, reason, documents.map(StoredJSON.encode), state == .returned ? returnedAtRevision : nil,
                decidedAt, decidedBy, returns, provinceNo, item,
            ])
    }
}

extension ItemRecord: HubRecord {
    static let tableName = "items"

    enum Columns {
        static let provinceNo = "province_no"
        static let item = "item"
        static let position = "position"
        static let state = "state"
        static let reason = "reason"
        static let documents = "documents"
        static let dependsOn = "depends_on"
        static let needs = "needs"
        static let returnedAtRevision = "returned_at_revision"
        static let decidedAt = "decided_at"
        static let decidedBy = "decided_by"
        static let returns = "returns"
    }

    init(decoding row: HubRow) throws {
        let key = Self.rowKey(row)
        item = try row.value(Columns.item)
        position = try row.value(Columns.position)
        state = try row.value(Columns.state)
        reason = try row.value(Columns.reason)
        documents = try (row.value(Columns.documents) as String?).map {
            try StoredJSON.decode([String: String].self, from: $0, table: Self.tableName, key: key)
        }
        dependsOn = try StoredJSON.decode([String].self, from: row.value(Columns.dependsOn), table: Self.tableName, key: key)
        needs = try StoredJSON.decode([String].self, from: row.value(Columns.needs), table: Self.tableName, key: key)
        returnedAtRevision = try row.value(Columns.returnedAtRevision)
        decidedAt = try row.value(Columns.decidedAt)
        decidedBy = try row.value(Columns.decidedBy)
        returns = try row.value(Columns.returns)
    }

    static func rowKey(_ row: HubRow) -> String { row.keyText(Columns.provinceNo, Columns.item) }
}
