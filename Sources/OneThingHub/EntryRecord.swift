import GRDB
import OneThingDatabase
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

    static func fetch(_ db: Database, node: String, idempotencyKey: String) throws -> EntryRecord? {
        try EntryRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM entries WHERE node_id = ? AND idempotency_key = ?"),
            arguments: [node, idempotencyKey])
    }

    /// The stored answer.
    func result() throws(HubError) -> PushResult {
        try StoredJSON.decode(PushResult.self, from: resultJSON, table: Self.databaseTableName, key: "\(nodeId) seq \(seq)")
    }
}

extension EntryRecord: StrictRecord {
    static let databaseTableName = "entries"

    enum Columns {
        static let nodeId = Column("node_id")
        static let seq = Column("seq")
        static let idempotencyKey = Column("idempotency_key")
        static let payloadSHA256 = Column("payload_sha256")
        static let result = Column("result")
    }

    init(decoding row: Row) throws {
        nodeId = try row.value(Columns.nodeId)
        seq = try row.value(Columns.seq)
        idempotencyKey = try row.value(Columns.idempotencyKey)
        payloadSHA256 = try row.value(Columns.payloadSHA256)
        resultJSON = try row.value(Columns.result)
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.nodeId, Columns.seq) }
}
