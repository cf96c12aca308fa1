import Foundation
import GRDB
import OneThingModel
import OneThingWire

/// How the hub's fields are taken into an application's working copy. Used when a pull
/// brings a newer hub revision and when the hub answers a push with a merge.
extension NodeStore {
    /// Takes the hub's `hubFields` as of `hubRevision` into the application `id`, inside the
    /// caller's transaction:
    /// - a revision the node already knows is ignored (pages and answers may repeat);
    /// - with no local revision waiting to be sent, every local edit already reached the hub,
    ///   so the hub's fields are the working copy;
    /// - otherwise three-way merge against `base` (default: the hub fields the node had):
    ///   the hub's changes to other fields come in, local edits stay, and a field changed
    ///   differently on both sides becomes an open conflict keeping all three values.
    static func absorb(
        id: String, hubFields: [String: String], hubRevision: Int, base explicitBase: [String: String]?,
        detected: ConflictOrigin, _ db: Database
    ) throws {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT bundle, fields, hub_fields, hub_fields_revision FROM applications WHERE id = ?"),
                arguments: [id])
        else { return }
        let known: Int = row["hub_fields_revision"]
        guard hubRevision > known else { return }
        let working: [String: String]
        if try pendingCount(of: id, db) == 0 {
            working = hubFields
        } else {
            let base = try explicitBase ?? StoredFields.decode(row["hub_fields"], key: id)
            let local = try StoredFields.decode(row["fields"], key: id)
            let merge = FieldMerge.merge(base: base, local: local, hub: hubFields)
            working = merge.fields
            if !merge.takenFromHub.isEmpty {
                try recordEvent(id: id, kind: "merged", hubRevision: hubRevision, fields: merge.takenFromHub, db)
            }
            try openConflicts(merge.conflicts, id: id, hubRevision: hubRevision, detected: detected, db)
        }
        let key = DuplicateKey.of(bundle: row["bundle"], fields: working)
        let hadIssuedID = (row["fields"] as String?)?.contains("\"\(FieldOwnership.newbornIDNumber)\"") == true
        if !hadIssuedID, working[FieldOwnership.newbornIDNumber] != nil {
            try recordEvent(id: id, kind: "identity_issued", hubRevision: hubRevision, fields: [FieldOwnership.newbornIDNumber], db)
        }
        try db.cachedStatement(sql: """
                UPDATE applications SET fields = ?, hub_fields = ?, hub_fields_revision = ?,
                    person_key = ?, event_key = ?, exact_key = ?
                WHERE id = ?
                """).execute(arguments: [
                StoredFields.encode(working), StoredFields.encode(hubFields), hubRevision,
                key?.person, key?.event, key?.exact, id,
            ])
    }

    /// Opens (or refreshes) one conflict record per field; at most one is open per field.
    static func openConflicts(
        _ conflicts: [FieldConflict], id: String, hubRevision: Int, detected: ConflictOrigin, _ db: Database
    ) throws {
        guard !conflicts.isEmpty else { return }
        var opened: [String] = []
        for conflict in conflicts {
            let existing = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT base, local, hub FROM conflicts WHERE application_id = ? AND field = ? AND state = 'open'"),
                arguments: [id, conflict.field])
            if let existing, existing["base"] == conflict.base, existing["local"] == conflict.local, existing["hub"] == conflict.hub {
                continue
            }
            opened.append(conflict.field)
            try db.cachedStatement(sql: """
                    INSERT INTO conflicts (application_id, field, base, local, hub, hub_revision, detected)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (application_id, field) WHERE state = 'open'
                    DO UPDATE SET base = excluded.base, local = excluded.local, hub = excluded.hub,
                                  hub_revision = excluded.hub_revision
                    """).execute(arguments: [
                    id, conflict.field, conflict.base, conflict.local, conflict.hub, hubRevision, detected.rawValue,
                ])
        }
        if !opened.isEmpty {
            try recordEvent(id: id, kind: "conflict", hubRevision: hubRevision, fields: opened, db)
        }
    }

    static func pendingCount(of id: String, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM outbox WHERE application_id = ? AND state IN ('queued', 'in_flight')"),
            arguments: [id]) ?? 0
    }

    /// Appends to the application's history (field ids only; the values stay in their rows).
    static func recordEvent(
        id: String, kind: String, revision: Int? = nil, hubRevision: Int? = nil, fields: [String], _ db: Database
    ) throws {
        try db.cachedStatement(sql: """
                INSERT INTO application_events (application_id, kind, revision, hub_revision, fields) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [id, kind, revision, hubRevision, StoredFields.encode(fields)])
    }
}

/// Where a conflict was found: by the hub, merging a pushed revision with a stale base, or
/// by the node, merging a pulled change with its unsent edits. Both find the same fields.
enum ConflictOrigin: String {
    case push, pull
}
