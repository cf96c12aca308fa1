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
    public func applyChanges(_ changes: [ApplicationChange], nextCursor: Int64, at time: String) throws(StoreError) -> PullRecord {
        try write { db in
            var record = PullRecord()
            for change in changes {
                guard
                    let row = try Row.fetchOne(
                        db.cachedStatement(sql: "SELECT state, hub_revision FROM applications WHERE id = ?"), arguments: [change.applicationId])
                else {
                    record.unknown += 1
                    continue
                }
                record.applications += 1
                let pending = try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT COUNT(*) FROM outbox WHERE application_id = ? AND state IN ('queued', 'in_flight')"),
                    arguments: [change.applicationId]) ?? 0
                let state: String = row["state"]
                let newState = pending == 0 && state != "quarantined" ? "accepted" : state
                var fieldsJSON: String?
                let localHubRevision: Int = row["hub_revision"] ?? 0
                if pending == 0, change.hubRevision > localHubRevision {
                    fieldsJSON = CanonicalJSON.object(change.fields)
                }
                try db.cachedStatement(sql: """
                        UPDATE applications SET province_no = ?, hub_revision = MAX(COALESCE(hub_revision, 0), ?),
                            fields = COALESCE(?, fields), state = ?, updated_at = ?
                        WHERE id = ?
                        """).execute(arguments: [change.provinceNo, change.hubRevision, fieldsJSON, newState, time, change.applicationId])
                for decision in change.items {
                    let documents = decision.documents.map { CanonicalJSON.object($0) }
                    try db.cachedStatement(sql: """
                            UPDATE application_items SET state = ?, reason = ?, result = ?
                            WHERE application_id = ? AND item = ? AND (state != ? OR reason IS NOT ? OR result IS NOT ?)
                            """).execute(arguments: [
                            decision.state.rawValue, decision.reason, documents, change.applicationId, decision.item,
                            decision.state.rawValue, decision.reason, documents,
                        ])
                    record.itemChanges += db.changesCount
                }
            }
            try db.cachedStatement(sql: "UPDATE sync_state SET pull_cursor = MAX(pull_cursor, ?) WHERE id = 1").execute(arguments: [nextCursor])
            return record
        }
    }

    /// Records the end of a sync run for `status`.
    public func recordSyncRun(succeeded: Bool, error: String?, at time: String) throws(StoreError) {
        try write { db in
            if succeeded {
                try db.cachedStatement(sql: "UPDATE sync_state SET last_attempt_at = ?, last_success_at = ?, last_error = NULL WHERE id = 1").execute(arguments: [time, time])
            } else {
                try db.cachedStatement(sql: "UPDATE sync_state SET last_attempt_at = ?, last_error = ? WHERE id = 1").execute(arguments: [time, error])
            }
        }
    }
}
