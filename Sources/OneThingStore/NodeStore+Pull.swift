import Foundation
import GRDB
package import OneThingModel
package import OneThingWire

/// What applying one page of changes did.
package struct PullRecord: Sendable, Hashable {
    package var applications = 0
    package var itemChanges = 0
    package var unknown = 0

    package init() {}
}

extension NodeStore {
    /// Where the next pull starts: the hub's commit sequence, never a timestamp.
    package func pullCursor() throws(StoreError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT pull_cursor FROM sync_state WHERE id = 1") ?? 0 }
    }

    /// Applies one page of changes and moves the cursor in ONE transaction, so a crash leaves
    /// either both or neither. Each change is the application's whole hub state, so applying
    /// a page twice changes nothing the second time. What a change does is the sync
    /// machine's (`SyncMachine.step(for: PulledChange)`): department decisions and issued
    /// documents belong to the hub and are taken as they come; citizen fields come in as
    /// `absorb` takes them. One look-up a change reads what the machine needs.
    package func applyChanges(_ changes: [ApplicationChange], nextCursor: Int64, at time: Timestamp) throws(StoreError) -> PullRecord {
        try write { db in
            var record = PullRecord()
            for change in changes {
                // One look-up for what the change meets here: the application's state, the hub
                // revision its merge base has, and what of it is still on the way.
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
                let id = change.applicationId
                switch SyncMachine.step(for: SyncMachine.PulledChange(change: change, local: local?.application)) {
                case .setAside:
                    try Self.recordUnknown(id: id, provinceNo: change.provinceNo, at: time, db)
                    record.unknown += 1
                case .statesOnly(let clearing):
                    record.applications += 1
                    try Self.checkProvinceNumber(change.provinceNo, for: id, db)
                    try Self.applyStatesOnly(change, id: id, clearing: clearing, at: time, db)
                case .apply(let steps):
                    record.applications += 1
                    try Self.checkProvinceNumber(change.provinceNo, for: id, db)
                    record.itemChanges += try Self.apply(change, steps, id: id, at: time, db)
                }
            }
            try db.cachedStatement(sql: "UPDATE sync_state SET pull_cursor = MAX(pull_cursor, ?) WHERE id = 1").execute(arguments: [nextCursor])
            return record
        }
    }

    /// Carries out the machine's steps for a change of an application with its personal
    /// data. Returns how many items changed.
    private static func apply(
        _ change: ApplicationChange, _ steps: SyncMachine.ChangeSteps, id: String, at time: Timestamp, _ db: Database
    ) throws -> Int {
        if steps.matchHubConflicts {
            try writeConflicts(
                SyncMachine.conflicts(heldByHub: change.conflicts, open: openConflicts(of: id, db)), id: id,
                hubRevision: change.hubRevision, detected: .push, db)
        }
        if steps.absorbHubFields {
            try absorb(
                id: id, hubFields: change.fields, hubRevision: change.hubRevision, appliedRevision: change.revision,
                detected: .pull, db)
        }
        if let duplicate = steps.duplicate {
            try recordDuplicate(duplicate, id: id, db)
        }
        var itemChanges = 0
        for step in steps.items {
            let decision = step.decision
            let documents = decision.documents.map { StoredFields.encode($0) }
            try db.cachedStatement(sql: """
                    UPDATE application_items SET state = ?, reason = ?, result = ?
                    WHERE application_id = ? AND item = ? AND (state != ? OR reason IS NOT ? OR result IS NOT ?)
                    """).execute(arguments: [
                    decision.state.rawValue, decision.reason, documents, id, decision.item,
                    decision.state.rawValue, decision.reason, documents,
                ])
            let changed = db.changesCount
            itemChanges += changed
            if changed > 0, let event = step.eventWhenChanged {
                // A return for correction is kept in the application's history (the item
                // code; the reason stays with the item).
                try recordEvent(id: id, kind: event.rawValue, hubRevision: change.hubRevision, fields: [decision.item], db)
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
                    change.provinceNo, change.hubRevision, change.revision, steps.state.rawValue, time.description, id,
                    time.description, id,
                ])
        return itemChanges
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

    /// Records the end of a sync run for `status` and `metrics`: `error` the message,
    /// `errorCode` its stable code (`sync.temporary`).
    package func recordSyncRun(succeeded: Bool, error: String?, errorCode: String? = nil, at time: Timestamp) throws(StoreError) {
        try write { db in
            if succeeded {
                try db.cachedStatement(
                    sql: "UPDATE sync_state SET last_attempt_at = ?, last_success_at = ?, last_error = NULL, last_error_code = NULL WHERE id = 1"
                ).execute(arguments: [time.description, time.description])
            } else {
                try db.cachedStatement(sql: "UPDATE sync_state SET last_attempt_at = ?, last_error = ?, last_error_code = ? WHERE id = 1")
                    .execute(arguments: [time.description, error, errorCode])
            }
        }
    }
}
