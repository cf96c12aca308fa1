import Foundation
import GRDB
import OneThingDatabase
import OneThingFailpoints
import OneThingModel
import OneThingWire

/// How the hub's fields are taken into an application's working copy, as the sync machine
/// decides (`SyncMachine.plan(for: Absorb)`, `merge`, `issuedEvents`). Used when a pull
/// brings a newer hub revision and when the hub answers a push with a merge.
extension NodeStore {
    /// Takes the hub's `hubFields` as of `hubRevision` into the application `id`, inside the
    /// caller's transaction: reads what the machine needs (the hub revision known, the
    /// unanswered revisions; the base and the working copy only when it merges), and writes
    /// what it decided: the working copy, the hub copy, conflicts, the history.
    /// `appliedRevision`: the node revision the hub says it applied; `mergedRevision`: the
    /// revision the hub merged (its payload is the base); `keepLocal`: fields whose local
    /// value a person chose in a revision not yet answered.
    static func absorb(
        id: String, hubFields: [String: String], hubRevision: Int, appliedRevision: Int?, mergedRevision: Int? = nil,
        keepLocal: Set<String> = [], detected: ConflictOrigin, _ db: Database
    ) throws {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT hub_fields_revision, fields FROM applications WHERE id = ?"), arguments: [id])
        else { return }
        let known: Int = try row.value(ApplicationRow.Columns.hubFieldsRevision, of: "applications", key: id)
        let before: String = try row.value(ApplicationRow.Columns.fields, of: "applications", key: id)
        let unanswered = try Int.fetchAll(
            db.cachedStatement(sql: "SELECT revision FROM outbox WHERE application_id = ? AND state IN ('queued', 'in_flight') ORDER BY revision"),
            arguments: [id])
        let plan = SyncMachine.plan(for: SyncMachine.Absorb(
            hubRevision: hubRevision, knownHubRevision: known, unanswered: unanswered, appliedRevision: appliedRevision,
            mergedRevision: mergedRevision))
        let bundle = try filedBundle(of: id, db)
        var working: [String: String]
        switch plan {
        case .ignore:
            return
        case .takeHub:
            working = hubFields
        case .merge(let base):
            let baseFields: [String: String]
            switch base {
            case .sentPayload(let revision):
                baseFields = try sentFields(id: id, revision: revision, db)
            case .hubCopy:
                baseFields = try StoredFields.decode(
                    String.fetchOne(db.cachedStatement(sql: "SELECT hub_fields FROM applications WHERE id = ?"), arguments: [id]),
                    key: id)
            }
            let local = try StoredFields.decode(before, key: id)
            let merged = SyncMachine.merge(
                SyncMachine.FieldsToMerge(base: baseFields, local: local, hub: hubFields, keepLocal: keepLocal))
            Failpoint.hit(.insideMerge)
            working = merged.working
            // A field only the hub sets (an issued number) is the hub's as it holds it now,
            // present or absent: never a local edit, even when the base no longer shows it
            // (after a restored hub, whose revisions the node has forgotten, lost a decision).
            for field in bundle?.hubSetFields ?? [] { working[field] = hubFields[field] }
            try recordEvents(merged.events, id: id, hubRevision: hubRevision, db)
            try writeConflicts(
                SyncMachine.conflicts(found: merged.conflicts, open: openConflicts(of: id, db)), id: id,
                hubRevision: hubRevision, detected: detected, db)
        }
        // An open conflict compares with the hub's latest value: `--keep hub` keeps that one.
        for field in try String.fetchAll(
            db.cachedStatement(sql: "SELECT field FROM conflicts WHERE application_id = ? AND state = 'open'"), arguments: [id])
        {
            try db.cachedStatement(sql: """
                    UPDATE conflicts SET hub = ?, hub_revision = ? WHERE application_id = ? AND field = ? AND state = 'open'
                    """).execute(arguments: [hubFields[field], hubRevision, id, field])
        }
        let key = try PersonKeys.key(bundle: bundle, fields: working, db)
        let issued = SyncMachine.issuedEvents(issuedFields(bundle), working: working) { holds($0, in: before) }
        try recordEvents(issued, id: id, hubRevision: hubRevision, db)
        let workingJSON = StoredFields.encode(working)
        try db.cachedStatement(sql: """
                UPDATE applications SET fields = ?, hub_fields = ?, hub_fields_revision = ?,
                    person_key = ?, event_key = ?, exact_key = ?
                WHERE id = ?
                """).execute(arguments: [
                workingJSON, working == hubFields ? workingJSON : StoredFields.encode(hubFields), hubRevision,
                key?.person, key?.event, key?.exact, id,
            ])
    }

    /// The fields a local revision carried when it was frozen (only that member of the
    /// payload is read; the rest is checked and passed over).
    static func sentFields(id: String, revision: Int, _ db: Database) throws -> [String: String] {
        guard
            let data = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT payload FROM outbox WHERE application_id = ? AND revision = ?"),
                arguments: [id, revision])
        else { throw StoreError.damagedRow(table: "outbox", key: "\(id) revision \(revision)") }
        do {
            guard let fields = try JSONCodec.member("fields", as: [String: String].self, in: data) else {
                throw StoreError.damagedRow(table: "outbox", key: "\(id) revision \(revision)")
            }
            return fields
        } catch {
            throw StoreError.damagedRow(table: "outbox", key: "\(id) revision \(revision)")
        }
    }

    /// The application's open conflicts, as stored.
    static func openConflicts(of id: String, _ db: Database) throws -> [FieldConflict] {
        try ConflictRow.Open.fetchAll(
            db.cachedStatement(sql: "SELECT \(ConflictRow.Open.selection) FROM conflicts WHERE application_id = ? AND state = 'open'"),
            arguments: [id]
        ).map(\.conflict)
    }

    /// Carries out the machine's conflict writes: closes, opens or refreshes (at most one
    /// open per field), and records the history lines.
    static func writeConflicts(
        _ writes: SyncMachine.ConflictWrites, id: String, hubRevision: Int, detected: ConflictOrigin, _ db: Database
    ) throws {
        for field in writes.close {
            try db.cachedStatement(sql: "UPDATE conflicts SET state = 'resolved' WHERE application_id = ? AND field = ? AND state = 'open'")
                .execute(arguments: [id, field])
        }
        for conflict in writes.write {
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
        try recordEvents(writes.events, id: id, hubRevision: hubRevision, db)
    }

    /// Appends to the application's history (field ids only; the values stay in their rows).
    static func recordEvent(
        id: String, kind: String, revision: Int? = nil, hubRevision: Int? = nil, fields: [String], _ db: Database
    ) throws {
        try db.cachedStatement(sql: """
                INSERT INTO application_events (application_id, kind, revision, hub_revision, fields) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [id, kind, revision, hubRevision, StoredFields.encode(fields)])
    }

    /// Appends the sync machine's history lines, stamped with the hub revision that brought them.
    static func recordEvents(_ events: [SyncMachine.Event], id: String, hubRevision: Int, _ db: Database) throws {
        for event in events {
            try recordEvent(id: id, kind: event.kind.rawValue, hubRevision: hubRevision, fields: event.fields, db)
        }
    }
}
