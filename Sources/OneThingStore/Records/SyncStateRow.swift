import GRDB
import OneThingDatabase
import OneThingModel

/// The one row of `sync_state`: the pull cursor, the last sync run, the hub database last
/// synced with and the last recovery from a restore.
struct SyncStateRow: Sendable, Hashable {
    var pullCursor: Int64
    var lastSuccessAt: Timestamp?
    var lastAttemptAt: Timestamp?
    var lastError: String?
    var hubDatabaseId: String?
    var lastRecovery: String?
    var lastRecoveryAt: String?

    enum Columns {
        static let id = Column("id")
        static let pullCursor = Column("pull_cursor")
        static let lastSuccessAt = Column("last_success_at")
        static let lastAttemptAt = Column("last_attempt_at")
        static let lastError = Column("last_error")
        static let hubDatabaseId = Column("hub_database_id")
        static let lastRecovery = Column("last_recovery")
        static let lastRecoveryAt = Column("last_recovery_at")
    }

    static func fetch(_ db: Database) throws -> SyncStateRow? {
        try SyncStateRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM sync_state WHERE id = 1"))
    }
}

extension SyncStateRow: StrictRecord {
    static let databaseTableName = "sync_state"

    init(decoding row: Row) throws {
        pullCursor = try row.value(Columns.pullCursor)
        lastSuccessAt = try row.value(Columns.lastSuccessAt)
        lastAttemptAt = try row.value(Columns.lastAttemptAt)
        lastError = try row.value(Columns.lastError)
        hubDatabaseId = try row.value(Columns.hubDatabaseId)
        lastRecovery = try row.value(Columns.lastRecovery)
        lastRecoveryAt = try row.value(Columns.lastRecoveryAt)
    }

    static func rowKey(_ row: Row) -> String { row.keyText(Columns.id) }
}
