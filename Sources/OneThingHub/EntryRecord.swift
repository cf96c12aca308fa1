import OneThingWire

/// One row of `entries`: a pushed entry that consumed a seq, with the answer it was given,
/// so that a re-sent entry gets the same answer.
struct EntryRecord: Sendable {
    var nodeId: String
    var seq: Int64
    var idempotencyKey: String
    var payloadSHA256: String
    /// The answer as stored JSON; read with `result()` when the entry is sent again.
    var resultJSON: String

    static func fetch(_ db: some HubSQL, node: String, idempotencyKey: String) throws -> EntryRecord? {
        try db.fetchOne(EntryRecord.self, "SELECT * FROM entries WHERE node_id = ? AND idempotency_key = ?", [node, idempotencyKey])
    }

    /// The stored answer.
    func result() throws(HubError) -> PushResult {
        try StoredJSON.decode(PushResult.self, from: resultJSON, table: Self.tableName, key: "\(nodeId) seq \(seq)")
    }
}

extension EntryRecord: HubRecord {
    static let tableName = "entries"

    enum Columns {
        static let nodeId = "node_id"
        static let seq = "seq"
        static let idempotencyKey = "idempotency_key"
        static let payloadSHA256 = "payload_sha256"
        static let result = "result"
    }

    init(decoding row: HubRow) throws {
        nodeId = try row.value(Columns.nodeId)
        seq = try row.value(Columns.seq)
        idempotencyKey = try row.value(Columns.idempotencyKey)
        payloadSHA256 = try row.value(Columns.payloadSHA256)
        resultJSON = try row.value(Columns.result)
    }

    static func rowKey(_ row: HubRow) -> String { row.keyText(Columns.nodeId, Columns.seq) }
}
