import GRDB
package import OneThingModel

/// What a retention purge did.
package struct PurgeReport: Sendable, Hashable, Codable {
    package var applications = 0
    package var deliveries = 0
}

extension NodeStore {
    /// Removes the personal data of applications whose items were all decided before
    /// `cutoff`, keeping the receipt-level record: id, bundle, items and
    /// their states, province number, filing time, operator, rating. Applications with
    /// anything still to send or an open conflict are left alone. Delivery records born
    /// before the cutoff are deleted. Runs with `secure_delete`, so the removed values are
    /// overwritten in the file, not only unlinked; one transaction, audited.
    package func purge(decidedBefore cutoff: Timestamp, actor: String, at time: Timestamp) throws(StoreError) -> PurgeReport {
        let report = try purgeTransaction(decidedBefore: cutoff, actor: actor, at: time)
        // The write-ahead log still holds the pages as they were before: copy the purged
        // pages into the file and empty the log, so no removed value stays in either.
        do {
            try queue.writeWithoutTransaction { db in _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw StoreError(error, path: path)
        }
        return report
    }

    private func purgeTransaction(decidedBefore cutoff: Timestamp, actor: String, at time: Timestamp) throws(StoreError) -> PurgeReport {
        try write { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            var report = PurgeReport()
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM applications a
                    WHERE decided_at IS NOT NULL AND decided_at < ? AND purged_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.application_id = a.id AND o.state IN ('queued', 'in_flight'))
                      AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.application_id = a.id AND c.state = 'open')
                    """,
                arguments: [cutoff.description])
            for id in ids {
                try db.execute(
                    sql: """
                        UPDATE applications SET fields = '{}', hub_fields = '{}', person_key = NULL, event_key = NULL,
                            exact_key = NULL, duplicate = NULL, state_reason = NULL, purged_at = ? WHERE id = ?
                        """,
                    arguments: [time.description, id])
                try db.execute(sql: "UPDATE application_items SET result = NULL, reason = NULL WHERE application_id = ?", arguments: [id])
                try db.execute(sql: "UPDATE outbox SET payload = X'', last_error = NULL WHERE application_id = ?", arguments: [id])
                try db.execute(sql: "UPDATE conflicts SET base = NULL, local = NULL, hub = NULL WHERE application_id = ?", arguments: [id])
                try Self.audit("purged", actor: actor, applicationId: id, detail: "retention", at: time, db)
                report.applications += 1
            }
            try db.execute(sql: "DELETE FROM deliveries WHERE birth_time < ?", arguments: [cutoff.civil.description])
            report.deliveries = db.changesCount
            return report
        }
    }
}
