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

    var decision: ItemDecision {
        ItemDecision(item: item, state: state, reason: reason, documents: documents)
    }

    static func fetchAll(_ db: some HubSQL, provinceNo: String) throws -> [ItemRecord] {
        try db.fetchAll(ItemRecord.self, "SELECT * FROM items WHERE province_no = ? ORDER BY position", [provinceNo])
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
            "UPDATE items SET state = ?, reason = ?, documents = ?, returned_at_revision = ? WHERE province_no = ? AND item = ?",
            [
                state.rawValue, reason, documents.map(StoredJSON.encode), state == .returned ? returnedAtRevision : nil,
                provinceNo, item,
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
    }

    static func rowKey(_ row: HubRow) -> String { row.keyText(Columns.provinceNo, Columns.item) }
}
