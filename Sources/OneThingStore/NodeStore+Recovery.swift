import Foundation
import GRDB
import OneThingDatabase
package import OneThingModel

/// What the node did when it found the hub's database to be another than the one it
/// synced with (restored from an older backup, or replaced).
package struct HubRecovery: Sendable, Hashable, Codable {
    package var previousDatabaseId: String
    package var databaseId: String
    /// Revisions the hub had acknowledged but no longer holds, queued to be sent again.
    package var resent: Int
    /// Such revisions that cannot be sent again: their personal data was purged here.
    package var purged: Int

    /// The sentence for stderr, `status` and the audit log (counts only).
    package var description: String {
        var text = "the hub's database changed (restored from a backup or replaced): \(resent) revision\(resent == 1 ? "" : "s") it lacks queued again, every change pulled again from the start"
        if purged > 0 {
            text += "; \(purged) it lacks cannot be sent again (their personal data was purged here)"
        }
        return text
    }
}

/// What the node remembers of the hub's database, sent at the start of each sync.
package struct HubIdentityRecord: Sendable, Hashable {
    /// The identity of the hub database last synced with (nil: never synced).
    package var databaseId: String?
    /// The highest seq the hub acknowledged.
    package var ackedSeq: Int64
    /// The highest seq this database holds or has handed out (any state).
    package var highestSeq: Int64
    package var cursor: Int64
}

extension NodeStore {
    package func hubIdentity() throws(StoreError) -> HubIdentityRecord {
        try read { db in
            let sync = try SyncStateRow.fetch(db)
            let seqs = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COALESCE(MAX(seq), 0) FROM outbox WHERE state = 'acked') AS acked,
                        MAX((SELECT COALESCE(MAX(seq), 0) FROM outbox),
                            COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)) AS highest
                    """)
            return HubIdentityRecord(
                databaseId: sync?.hubDatabaseId, ackedSeq: try seqs?.value(Column("acked"), of: "outbox", key: "max acked seq") ?? 0,
                highestSeq: try seqs?.value(Column("highest"), of: "outbox", key: "max seq") ?? 0, cursor: sync?.pullCursor ?? 0)
        }
    }

    /// The first sync with a hub: its identity is remembered.
    package func adoptHubDatabase(_ id: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE sync_state SET hub_database_id = ? WHERE id = 1", arguments: [id])
        }
    }

    /// Recovers from a hub database that is not the one this node synced with, in ONE
    /// transaction, as the sync machine plans it (`SyncMachine.plan(for: HubRestore)`) from
    /// the entries after the hub's `hubLastSeq` for this node: those the hub lacks are queued
    /// again (their frozen payload, key and, where the seqs stay contiguous, seq), those that
    /// cannot be sent again (purged here) are set aside (negative seq) and the rest close up
    /// behind `hubLastSeq`, so that the hub meets no gap. Then the pull starts again from the
    /// first change and the hub revisions the node had seen are forgotten, so that what the
    /// hub holds now is taken in as it comes. Audited; reported.
    package func recoverFromHubRestore(newDatabaseId: String, hubLastSeq: Int64, at time: Timestamp)
        throws(StoreError) -> HubRecovery
    {
        try write { db in
            let previous = try String.fetchOne(db, sql: "SELECT hub_database_id FROM sync_state WHERE id = 1") ?? ""
            let entries = try OutboxRow.Restored.fetchAll(
                db, sql: "SELECT \(OutboxRow.Restored.selection) FROM outbox WHERE seq > ? ORDER BY seq", arguments: [hubLastSeq]
            ).map(\.entry)
            let plan = SyncMachine.plan(for: SyncMachine.HubRestore(hubLastSeq: hubLastSeq, entries: entries))
            for seq in plan.setAside {
                try db.cachedStatement(sql: "UPDATE outbox SET seq = ? WHERE seq = ?").execute(arguments: [-seq, seq])
            }
            for seq in plan.requeue {
                try db.cachedStatement(sql: "UPDATE outbox SET state = 'queued' WHERE seq = ?").execute(arguments: [seq])
            }
            for move in plan.moves {
                try db.cachedStatement(sql: "UPDATE outbox SET seq = ? WHERE seq = ?").execute(arguments: [move.to, move.from])
            }
            if let sequence = plan.sequenceAfter {
                try db.execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'", arguments: [sequence])
            }
            for id in plan.requeuedApplications {
                try db.cachedStatement(sql: "UPDATE applications SET state = 'queued', updated_at = ? WHERE id = ?")
                    .execute(arguments: [time.description, id])
            }
            try db.execute(sql: "UPDATE applications SET hub_fields_revision = 0, hub_revision = NULL")
            let recovery = HubRecovery(
                previousDatabaseId: previous, databaseId: newDatabaseId, resent: plan.requeue.count, purged: plan.setAside.count)
            try db.execute(
                sql: """
                    UPDATE sync_state SET hub_database_id = ?, pull_cursor = 0, last_recovery = ?, last_recovery_at = ?
                    WHERE id = 1
                    """,
                arguments: [newDatabaseId, recovery.description, time.description])
            try Self.audit(
                "hub-restored", actor: "sync", applicationId: nil,
                detail: "resent \(recovery.resent), not resendable \(recovery.purged)", at: time, db)
            return recovery
        }
    }

    /// This database is older than the hub's record of this node (the hub applied seq
    /// `hubLastSeq`, beyond any seq held here: restored from an older backup). New filings
    /// take seqs after it, so that none reuses a seq the hub has seen; recorded for
    /// `status` and the audit log, once.
    package func advanceSequence(past hubLastSeq: Int64, at time: Timestamp) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox', ?
                        WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox')
                    """,
                arguments: [hubLastSeq])
            try db.execute(sql: "UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'outbox'", arguments: [hubLastSeq])
            try db.execute(
                sql: "UPDATE sync_state SET last_recovery = ?, last_recovery_at = ? WHERE id = 1",
                arguments: [
                    "this database is older than the hub's record of this node (seq \(hubLastSeq)): new entries continue after it; applications the hub holds that this database lacks are listed below",
                    time.description,
                ])
            try Self.audit("node-restored", actor: "sync", applicationId: nil, detail: "hub last seq \(hubLastSeq)", at: time, db)
        }
    }

    /// Moves the unsent entries from `seq` on (in order) to fresh seqs, as the sync machine
    /// plans it (`SyncMachine.plan(for: Renumbering)`): from `atLeast` (the hub's next free
    /// seq), or past any entry that stays where it is, whichever is higher; AUTOINCREMENT
    /// continues right behind them. Part of the caller's transaction. Returns how many moved.
    static func renumberUnsent(from seq: Int64, atLeast: Int64, at time: Timestamp, _ db: Database) throws -> Int {
        let moving = try Int64.fetchAll(
            db, sql: "SELECT seq FROM outbox WHERE state IN ('queued', 'in_flight') AND seq >= ? ORDER BY seq",
            arguments: [seq])
        let staying = try Int64.fetchOne(
            db,
            sql: "SELECT COALESCE(MAX(seq), 0) FROM outbox WHERE seq > 0 AND NOT (state IN ('queued', 'in_flight') AND seq >= ?)",
            arguments: [seq]) ?? 0
        guard
            let plan = SyncMachine.plan(
                for: SyncMachine.Renumbering(atLeast: atLeast, moving: moving, highestStaying: staying))
        else { return 0 }
        // Out of the way first (the new seqs may be the old ones of entries still to move).
        let aside: Int64 = 1_000_000_000_000
        try db.execute(
            sql: "UPDATE outbox SET seq = -(seq + ?) WHERE state IN ('queued', 'in_flight') AND seq >= ?", arguments: [aside, seq])
        for move in plan.moves {
            try db.cachedStatement(sql: "UPDATE outbox SET seq = ?, state = 'queued' WHERE seq = ?")
                .execute(arguments: [move.to, -(move.from + aside)])
        }
        try db.execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'", arguments: [plan.sequenceAfter])
        try db.execute(
            sql: "UPDATE sync_state SET last_recovery = ?, last_recovery_at = ? WHERE id = 1",
            arguments: [plan.note, time.description])
        return plan.moves.count
    }

    /// An application the hub holds for this node that this database does not know (it was
    /// restored from an older backup): kept by id and province number for a person to look
    /// at (`onething status`); no personal data.
    static func recordUnknown(id: String, provinceNo: String?, at time: Timestamp, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO unknown_applications (application_id, province_no, first_seen_at) VALUES (?, ?, ?)
                ON CONFLICT(application_id) DO UPDATE SET province_no = excluded.province_no
                """,
            arguments: [id, provinceNo, time.description])
    }

    /// The applications the hub holds for this node that this database does not know. (A
    /// database opened read-only is not migrated: one older than v7 has none to tell.)
    package func unknownApplications() throws(StoreError) -> [UnknownApplication] {
        try read { db in
            guard try db.tableExists("unknown_applications") else { return [] }
            return try UnknownApplicationRow.fetchAll(
                db, sql: "SELECT * FROM unknown_applications ORDER BY first_seen_at, application_id"
            ).map(\.application)
        }
    }

    /// The last recovery from a hub or node restore, for `status`.
    package func lastRecovery() throws(StoreError) -> (note: String, at: String?)? {
        try read { db in
            guard try db.columns(in: "sync_state").contains(where: { $0.name == "last_recovery" }) else { return nil }
            guard let sync = try SyncStateRow.fetch(db), let note = sync.lastRecovery else { return nil }
            return (note, sync.lastRecoveryAt)
        }
    }
}

/// An application the hub holds for this node that the node's database does not know.
package struct UnknownApplication: Sendable, Hashable, Codable {
    package var id: String
    package var provinceNo: String?
    package var firstSeenAt: String
}
