import GRDB
import OneThingDatabase

/// One row of `outbox`: a frozen entry (seq, idempotency key, payload and its SHA-256) and
/// how far it got.
struct OutboxRow: Sendable {
    var entry: OutboxEntry
    var state: SyncMachine.OutboxState

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

    /// What the sync machine needs of an entry a push answer names.
    var answered: SyncMachine.OutboxAnswer.Entry {
        SyncMachine.OutboxAnswer.Entry(seq: entry.seq, applicationId: entry.applicationId, revision: entry.revision, state: state)
    }
}

extension SyncMachine.OutboxState: DatabaseValueConvertible {}

extension OutboxRow {
    /// What recovering from a restored hub reads of an entry after the hub's last seq
    /// (`Restored.selection`): never the payload, only whether a purge emptied it.
    struct Restored: StrictRecord {
        static let databaseTableName = "outbox"
        typealias Columns = OutboxRow.Columns
        static let selection = "seq, application_id, state, length(payload) = 0 AS payload_purged"
        var entry: SyncMachine.HubRestore.Entry

        init(decoding row: Row) throws {
            entry = SyncMachine.HubRestore.Entry(
                seq: try row.value(Columns.seq), applicationId: try row.value(Columns.applicationId),
                state: try row.value(Columns.state), payloadPurged: try row.value(Column("payload_purged")))
        }

        static func rowKey(_ row: Row) -> String { row.keyText(Columns.seq) }
    }
}
