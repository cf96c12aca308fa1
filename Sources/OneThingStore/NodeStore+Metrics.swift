import GRDB
package import OneThingModel

/// The node's state for `onething metrics`, read in one transaction; ages are measured
/// against the moment given (the injected clock), never the machine's.
package struct NodeMetrics: Sendable, Hashable {
    /// Outbox entries by state (`queued`, `in_flight`, `acked`, `quarantined`).
    package var outbox: [String: Int]
    /// Seconds since the oldest entry still to send (queued or in flight) was queued; 0 when
    /// there is none.
    package var oldestPendingAgeSeconds: Int64
    /// When the last sync run succeeded, nil: never.
    package var lastSuccessAt: Timestamp?
    /// When the last sync run ended, nil: never.
    package var lastAttemptAt: Timestamp?
    /// The code of the last run's error (`sync.temporary`), nil when it succeeded or none
    /// ran; `unknown` for an error recorded before codes were.
    package var lastErrorCode: String?
    package var openConflicts: Int
    /// Applications by bundle, then state.
    package var applications: [String: [String: Int]]
}

extension NodeStore {
    package func metrics(at now: Timestamp) throws(StoreError) -> NodeMetrics {
        try read { db in
            var outbox: [String: Int] = ["queued": 0, "in_flight": 0, "acked": 0, "quarantined": 0]
            for count in try StateCountRow.fetchAll(db, sql: "SELECT * FROM state_counts WHERE kind = 'outbox'") {
                outbox[count.state] = count.n
            }
            let oldest = try String.fetchOne(
                db, sql: "SELECT MIN(queued_at) FROM outbox WHERE state IN ('queued', 'in_flight')")
            let age = oldest.flatMap(Timestamp.parse).map { max(0, now.epochSeconds - $0.epochSeconds) } ?? 0
            let sync = try SyncStateRow.fetch(db)
            let code = try String.fetchOne(db, sql: "SELECT last_error_code FROM sync_state WHERE id = 1")
            var applications: [String: [String: Int]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT bundle, state, COUNT(*) AS n FROM applications GROUP BY bundle, state") {
                let bundle: String = row["bundle"]
                let state: String = row["state"]
                applications[bundle, default: [:]][state] = row["n"]
            }
            let conflicts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conflicts WHERE state = 'open'") ?? 0
            return NodeMetrics(
                outbox: outbox, oldestPendingAgeSeconds: age, lastSuccessAt: sync?.lastSuccessAt, lastAttemptAt: sync?.lastAttemptAt,
                lastErrorCode: sync?.lastError == nil ? nil : (code ?? "unknown"), openConflicts: conflicts,
                applications: applications)
        }
    }
}
