import Foundation
import GRDB
import OneThingDatabase
import OneThingFailpoints
import OneThingModel
import OneThingWire

/// How the hub's fields are taken into an application's working copy. Used when a pull
/// brings a newer hub revision and when the hub answers a push with a merge.
extension NodeStore {
    /// Takes the hub's `hubFields` as of `hubRevision` into the application `id`, inside the
    /// caller's transaction:
    /// - a revision the node already knows is ignored (pages and answers may repeat);
    /// - local revisions the hub has already applied (`appliedRevision`, the node revision
    ///   the hub last applied, when known) no longer count as unsent;
    /// - with no unsent local revision, every local edit already reached the hub, so the
    ///   hub's fields are the working copy;
    /// - otherwise three-way merge against `base` (default: the fields of the newest local
    ///   revision the hub has applied, else the hub fields the node had): the hub's changes
    ///   to other fields come in, local edits stay, and a field changed differently on both
    ///   sides becomes an open conflict keeping all three values. `keepLocal`: fields whose
    ///   local value a person chose in a revision not yet answered (it wins when it lands).
    static func absorb(
        id: String, hubFields: [String: String], hubRevision: Int, appliedRevision: Int?, base explicitBase: [String: String]?,
        keepLocal: Set<String> = [], detected: ConflictOrigin, _ db: Database
    ) throws {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT hub_fields_revision, fields FROM applications WHERE id = ?"), arguments: [id])
        else { return }
        let known: Int = try row.value(ApplicationRow.Columns.hubFieldsRevision, of: "applications", key: id)
        guard hubRevision > known else { return }
        let unsent = try Int.fetchAll(
            db.cachedStatement(sql: "SELECT revision FROM outbox WHERE application_id = ? AND state IN ('queued', 'in_flight') ORDER BY revision"),
            arguments: [id])
        let applied = appliedRevision.map { revision in unsent.filter { $0 <= revision } } ?? []
        let working: [String: String]
        if unsent.count == applied.count {
            working = hubFields
        } else {
            let base: [String: String]
            if let explicitBase {
                base = explicitBase
            } else if let newest = applied.last {
                base = try sentFields(id: id, revision: newest, db)
            } else {
                base = try StoredFields.decode(
                    String.fetchOne(db.cachedStatement(sql: "SELECT hub_fields FROM applications WHERE id = ?"), arguments: [id]),
                    key: id)
            }
            let local = try StoredFields.decode(
                String.fetchOne(db.cachedStatement(sql: "SELECT fields FROM applications WHERE id = ?"), arguments: [id]), key: id)
            let merge = FieldMerge.merge(base: base, local: local, hub: hubFields)
            Failpoint.hit(.insideMerge)
            var merged = merge.fields
            // Fields a person decided for this node's value in a revision still on its way.
            for field in keepLocal { merged[field] = local[field] }
            working = merged
            if !merge.takenFromHub.isEmpty {
                try recordEvent(id: id, kind: "merged", hubRevision: hubRevision, fields: merge.takenFromHub, db)
            }
            try openConflicts(merge.conflicts, id: id, hubRevision: hubRevision, detected: detected, db)
        }
        // An open conflict compares with the hub's latest value: `--keep hub` keeps that one.
        for field in try String.fetchAll(
            db.cachedStatement(sql: "SELECT field FROM conflicts WHERE application_id = ? AND state = 'open'"), arguments: [id])
        {
            try db.cachedStatement(sql: """
                    UPDATE conflicts SET hub = ?, hub_revision = ? WHERE application_id = ? AND field = ? AND state = 'open'
                    """).execute(arguments: [hubFields[field], hubRevision, id, field])
        }
        let bundle = try filedBundle(of: id, db)
        let key = try PersonKeys.key(bundle: bundle, fields: working, db)
        let before: String = try row.value(ApplicationRow.Columns.fields, of: "applications", key: id)
        try recordIssued(bundle, before: before, after: working, id: id, hubRevision: hubRevision, db)
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
            if let existing {
                typealias Columns = ConflictRow.Columns
                let key = "\(id) \(conflict.field)"
                let same: [String?] = [
                    try existing.value(Columns.base, of: "conflicts", key: key), try existing.value(Columns.local, of: "conflicts", key: key),
                    try existing.value(Columns.hub, of: "conflicts", key: key),
                ]
                if same == [conflict.base, conflict.local, conflict.hub] { continue }
            }
            if existing == nil { opened.append(conflict.field) }
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

    /// With nothing of this node on the way, the hub's open conflicts are the truth: the
    /// node's open ones become exactly those (a conflict the hub no longer holds was closed
    /// by a revision of this node, or never reached the hub).
    static func matchOpenConflicts(_ conflicts: [FieldConflict], id: String, hubRevision: Int, _ db: Database) throws {
        let listed = Set(conflicts.map(\.field))
        var closed: [String] = []
        for field in try String.fetchAll(
            db.cachedStatement(sql: "SELECT field FROM conflicts WHERE application_id = ? AND state = 'open'"), arguments: [id])
        where !listed.contains(field) {
            try db.cachedStatement(sql: "UPDATE conflicts SET state = 'resolved' WHERE application_id = ? AND field = ? AND state = 'open'")
                .execute(arguments: [id, field])
            closed.append(field)
        }
        if !closed.isEmpty {
            try recordEvent(id: id, kind: "conflict_closed_by_hub", hubRevision: hubRevision, fields: closed, db)
        }
        try openConflicts(conflicts, id: id, hubRevision: hubRevision, detected: .push, db)
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
