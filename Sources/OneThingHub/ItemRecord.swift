import GRDB
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

    static func fetchAll(_ db: Database, provinceNo: String) throws -> [ItemRecord] {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM items WHERE province_no = ? ORDER BY position"), arguments: [provinceNo])
        return try rows.map { row in
            let item: String = row["item"]
            let key = "\(provinceNo) \(item)"
            let stateText: String = row["state"]
            guard let state = ItemState(rawValue: stateText) else {
                throw HubError.damagedRow(table: "items", key: key)
            }
            let documentsText: String? = row["documents"]
            return ItemRecord(
                item: item,
                position: row["position"],
                state: state,
                reason: row["reason"],
                documents: try documentsText.map {
                    try StoredJSON.decode([String: String].self, from: $0, table: "items", key: key)
                },
                dependsOn: try StoredJSON.decode([String].self, from: row["depends_on"], table: "items", key: key),
                needs: try StoredJSON.decode([String].self, from: row["needs"], table: "items", key: key),
                returnedAtRevision: row["returned_at_revision"])
        }
    }

    func insert(_ db: Database, provinceNo: String) throws {
        try db.cachedStatement(sql: """
                INSERT INTO items (province_no, item, position, state, reason, documents, depends_on, needs)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                provinceNo, item, position, state.rawValue, reason, documents.map(StoredJSON.encode),
                StoredJSON.encode(dependsOn), StoredJSON.encode(needs),
            ])
    }

    func update(_ db: Database, provinceNo: String) throws {
        try db.cachedStatement(sql: """
                UPDATE items SET state = ?, reason = ?, documents = ?, returned_at_revision = ? WHERE province_no = ? AND item = ?
                """).execute(arguments: [
                state.rawValue, reason, documents.map(StoredJSON.encode), state == .returned ? returnedAtRevision : nil,
                provinceNo, item,
            ])
    }
}
