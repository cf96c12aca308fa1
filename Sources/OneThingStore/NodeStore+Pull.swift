import Foundation
import GRDB
public import OneThingModel
public import OneThingWire

/// What applying one page of changes did.
public struct PullRecord: Sendable, Hashable {
    public var applications = 0
    public var itemChanges = 0
    public var unknown = 0

    public init() {}
}

extension NodeStore {
    /// Where the next pull starts: the hub's commit sequence, never a timestamp.
    public func pullCursor() throws(StoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT pull_cursor FROM sync_state WHERE id = 1") ?? 0 }
    }

    /// Applies one page of changes and moves the cursor in ONE transaction, so a crash leaves
    /// either both or neither. Each change is the application's whole hub state, so applying
    /// a page twice changes nothing the second time. Department decisions and issued
    /// documents belong to the hub and are taken as they come; citizen fields are taken
    /// from the hub only when the node has no unsent edit of its own for that application.
    public func applyChanges(_ changes: [ApplicationChange], nextCursor: Int64, at time: Timestamp) throws(StoreError) -> PullRecord {
        try write { db in
            var record = PullRecord()
            for change in changes {
                // One look-up for what the change meets here: the application's state, the hub
                // revision its merge base has, and what of it is still on the way.
                guard
                    let local = try ApplicationRow.Local.fetchOne(
                        db.cachedStatement(sql: """
                            SELECT id, state, hub_fields_revision, purged_at IS NOT NULL AS purged,
                                (SELECT COUNT(*) FROM outbox o WHERE o.application_id = a.id
                                    AND o.state IN ('queued', 'in_flight')) AS pending,
                                (SELECT COUNT(*) FROM outbox o WHERE o.application_id = a.id
                                    AND o.state IN ('queued', 'in_flight') AND o.revision > ?) AS unsent,
                                (SELECT COUNT(*) FROM conflicts c WHERE c.application_id = a.id AND c.state = 'open') AS open_conflicts
                            FROM applications a WHERE a.id = ?
                            """),
                        arguments: [change.revision, change.applicationId])
                else {
                    // The hub holds it for this node, this database does not (restored from an
                    // older backup): kept for a person to look at, never dropped silently.
                    try Self.recordUnknown(id: change.applicationId, provinceNo: change.provinceNo, at: time, db)
                    record.unknown += 1
                    continue
                }
                record.applications += 1
                let id = change.applicationId
                try Self.checkProvinceNumber(change.provinceNo, for: id, db)
                let unsent = local.unsent
                let pending = local.pending
                let state = local.state
                let known = local.hubFieldsRevision
                let openConflicts = local.openConflicts
                let purgedHere = local.purged
                if purgedHere || change.purged {
                    // Its personal data was purged here: it never takes any back (fields,
                    // issued documents, reasons, conflicts). Or the hub purged its own copy
                    // (its retention): the node keeps its own. Item states and the province
                    // number still follow the hub.
                    try Self.applyStatesOnly(change, id: id, clearing: purgedHere, at: time, db)
                    continue
                }
                let newState = pending == 0 && state != "quarantined" ? "accepted" : state
                if unsent == 0 && change.hubRevision >= known && (openConflicts > 0 || !change.conflicts.isEmpty) {
                    // Nothing of ours is on the way and this is the newest state: the hub's
                    // open conflicts are the truth (a resolution still unsent would be undone).
                    try Self.matchOpenConflicts(change.conflicts, id: id, hubRevision: change.hubRevision, db)
                }
                if change.hubRevision > known {  // (an older or known revision changes no field)
                    try Self.absorb(
                        id: id, hubFields: change.fields, hubRevision: change.hubRevision, appliedRevision: change.revision,
                        base: nil, detected: .pull, db)
                }
                if let duplicate = change.duplicate {
                    try Self.recordDuplicate(duplicate, id: id, db)
                }
                for decision in change.items {
                    let documents = decision.documents.map { CanonicalJSON.object($0) }
                    try db.cachedStatement(sql: """
                            UPDATE application_items SET state = ?, reason = ?, result = ?
                            WHERE application_id = ? AND item = ? AND (state != ? OR reason IS NOT ? OR result IS NOT ?)
                            """).execute(arguments: [
                            decision.state.rawValue, decision.reason, documents, id, decision.item,
                            decision.state.rawValue, decision.reason, documents,
                        ])
                    let changed = db.changesCount
                    record.itemChanges += changed
                    if changed > 0, decision.state == .returned {
                        // A return for correction is kept in the application's history (the
                        // item code; the reason stays with the item).
                        try Self.recordEvent(id: id, kind: "returned", hubRevision: change.hubRevision, fields: [decision.item], db)
                    }
                }
                // When every item is decided, the retention period starts (this node's clock:
                // it decides nothing but when personal data may go). One write of the row.
                try db.cachedStatement(sql: """
                        UPDATE applications SET province_no = ?, hub_revision = MAX(COALESCE(hub_revision, 0), ?),
                            revision = MAX(revision, ?), state = ?, updated_at = ?,
                            decided_at = CASE WHEN decided_at IS NULL
                                AND NOT EXISTS (SELECT 1 FROM application_items WHERE application_id = ?
                                                AND state NOT IN ('approved', 'issued', 'rejected'))
                                THEN ? ELSE decided_at END
                        WHERE id = ?
                        """).execute(arguments: [
                            change.provinceNo, change.hubRevision, change.revision, newState, time.description, id, time.description, id,
                        ])
            }
            try db.cachedStatement(sql: "UPDATE sync_state SET pull_cursor = MAX(pull_cursor, ?) WHERE id = 1").execute(arguments: [nextCursor])
            return record
        }
    }

    /// A change for an application whose personal data was purged (here, or at the hub):
    /// item states and the province number only; `clearing`: reasons and documents stay
    /// empty (purged here), else the node's own are kept.
    private static func applyStatesOnly(
        _ change: ApplicationChange, id: String, clearing: Bool, at time: Timestamp, _ db: Database
    ) throws {
        for decision in change.items {
            try db.cachedStatement(sql: clearing
                ? "UPDATE application_items SET state = ?, reason = NULL, result = NULL WHERE application_id = ? AND item = ? AND state != ?"
                : "UPDATE application_items SET state = ? WHERE application_id = ? AND item = ? AND state != ?"
            ).execute(arguments: [decision.state.rawValue, id, decision.item, decision.state.rawValue])
        }
        try db.cachedStatement(sql: """
                UPDATE applications SET province_no = ?, hub_revision = MAX(COALESCE(hub_revision, 0), ?), updated_at = ?
                WHERE id = ?
                """).execute(arguments: [change.provinceNo, change.hubRevision, time.description, id])
    }

    /// Records the end of a sync run for `status`.
    public func recordSyncRun(succeeded: Bool, error: String?, at time: Timestamp) throws(StoreError) {
        try write { db in
            if succeeded {
                try db.cachedStatement(sql: "UPDATE sync_state SET last_attempt_at = ?, last_success_at = ?, last_error = NULL WHERE id = 1").execute(arguments: [time.description, time.description])
            } else {
                try db.cachedStatement(sql: "UPDATE sync_state SET last_attempt_at = ?, last_error = ? WHERE id = 1").execute(arguments: [time.description, error])
            }
        }
    }
}
