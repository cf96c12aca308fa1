import GRDB
import OneThingDatabase

/// One row of `outbox`: a frozen entry (seq, idempotency key, payload and its SHA-256) and
/// how far it got.
struct OutboxRow: Sendable {
    var entry: OutboxEntry
    /// `queued`, `in_flight`, `acked` or `quarantined`.
    var state: String

    enum Columns {
        static let seq = Column("seq")
        static let applicationId = Column("application_id")
        static let revision = Column("revision")
        static let baseRevision = Column("base_revision")
        static let idempotencyKey = Column("idempotency_key")
        static let payload = Column("payload")
        static let payloadSHA256 = Column("payload_sha256")
        static let state = Column("state")
        static let attempts = Column("attempts")
        static let lastError = Column("last_error")
    }
}

extension OutboxRow: StrictRecord {
    static let databaseTableName = "outbox"

    init(decoding row: Row) throws {
        entry = OutboxEntry(
            seq: try row.value(Columns.seq), idempotencyKey: try row.value(Columns.idempotencyKey),
            applicationId: try row.value(Columns.applicationId), revision: try row.value(Columns.revision),
            baseRevision: try row.value(Columns.baseRevision), payload: try row.value(Columns.payload),
            payloadSHA256: try row.value(Columns.payloadSHA256), attempts: try row.value(Columns.attempts))
        state = try row.value(Columns.state)
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.seq) }
}
