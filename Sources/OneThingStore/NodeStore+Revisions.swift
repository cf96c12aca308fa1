import Foundation
import GRDB
package import OneThingModel
import OneThingWire

/// What `amend` (or a conflict resolution) did.
package struct AmendResult: Sendable, Hashable, Codable {
    package var id: String
    /// The revision that carries the change.
    package var revision: Int
    /// The revision was still queued and never sent: its frozen entry was replaced, same seq.
    package var replacedQueuedEntry: Bool
    /// Field ids whose value changed.
    package var changed: [String]
    /// Conflicted fields this revision resolves.
    package var resolved: [String]

    enum CodingKeys: String, CodingKey {
        case id, revision
        case replacedQueuedEntry = "replaced_queued_entry"
        case changed, resolved
    }
}

/// How a person decided one conflicted field.
package enum ConflictResolution: Sendable, Hashable {
    case keepLocal
    case keepHub
    case value(String)

    var code: String {
        switch self {
        case .keepLocal: "local"
        case .keepHub: "hub"
        case .value: "value"
        }
    }
}

extension NodeStore {
    /// Stores a change of an application's citizen fields as its next revision, in ONE
    /// transaction with its outbox entry. `form` is the complete new set of form fields,
    /// already validated by the caller; the system fields (provisional identity, issued ID
    /// number) are kept as they are.
    ///
    /// - The latest revision still queued and never sent (no attempt): its frozen entry is
    ///   replaced in place (same seq, new key and payload); the hub never saw the old one.
    /// - Otherwise (in flight, sent, acknowledged, or sent once and put back): a new
    ///   revision based on the hub revision the working copy reflects, so the hub can merge.
    /// - A resolution (`resolves` non-empty) is always a new revision.
    package func amend(
        id: String, form: ValidatedApplication, resolves: [String: ConflictResolution] = [:], operatorId: String?,
        at time: Timestamp
    ) throws(StoreError) -> AmendResult {
        try write { db in
            guard
                let application = try ApplicationRow.Working.fetchOne(
                    db.cachedStatement(sql: "SELECT \(ApplicationRow.Working.selection) FROM applications WHERE id = ?"),
                    arguments: [id])
            else { throw StoreError.noSuchApplication(id: id) }
            let working = application.fields
            let bundle = try Self.filedBundle(application.bundle, version: application.catalogVersion, db)
            var fields = form.fields
            for (key, value) in working where bundle?.isSystemField(key) == true { fields[key] = value }
            let changed = Set(fields.keys).union(working.keys).filter { fields[$0] != working[$0] }.sorted()
            let revision = application.revision
            // Changing a field that is in conflict is a person's decision on it: the value
            // typed resolves the conflict (otherwise the hub would keep an open conflict
            // whose values no longer match either side).
            var resolves = resolves
            let conflicted = Set(try String.fetchAll(
                db.cachedStatement(sql: "SELECT field FROM conflicts WHERE application_id = ? AND state = 'open'"), arguments: [id]))
            for field in changed where conflicted.contains(field) && resolves[field] == nil {
                resolves[field] = .value(fields[field] ?? "")
            }
            guard !changed.isEmpty || !resolves.isEmpty else {
                return AmendResult(id: id, revision: revision, replacedQueuedEntry: false, changed: [], resolved: [])
            }
            try Self.checkAmendable(id: id, db)
            let latest = try OutboxRow.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM outbox WHERE application_id = ? ORDER BY seq DESC LIMIT 1"), arguments: [id])
            var result = AmendResult(
                id: id, revision: revision, replacedQueuedEntry: false, changed: changed, resolved: resolves.keys.sorted())
            if resolves.isEmpty, let latest, latest.state == .queued, latest.entry.attempts == 0,
                try Self.payloadResolves(latest.entry.payload, seq: latest.entry.seq).isEmpty
            {
                let entryRevision = latest.entry.revision
                // The hub never saw this entry: it is re-based on what the working copy now
                // reflects (a pull may have merged newer hub changes in since it was queued).
                let known = application.hubFieldsRevision
                let base: Int? = entryRevision == 1 ? nil : (known == 0 ? nil : known)
                var payload = ApplicationPayload(
                    applicationId: id, revision: entryRevision, baseRevision: base, application: form, operatorId: operatorId,
                    filedAt: application.filedAt)
                payload.fields = fields
                let frozen = Self.freeze(payload)
                try db.cachedStatement(sql: """
                        UPDATE outbox SET idempotency_key = ?, payload = ?, payload_sha256 = ?, base_revision = ? WHERE seq = ?
                        """).execute(arguments: [frozen.key, frozen.payload, frozen.sha256, base, latest.entry.seq])
                if entryRevision == 1 {
                    // Revision 1 is what the hub's first revision will be: the merge base.
                    try db.cachedStatement(sql: "UPDATE applications SET hub_fields = ? WHERE id = ? AND hub_fields_revision = 0")
                        .execute(arguments: [StoredFields.encode(fields), id])
                }
                result.revision = entryRevision
                result.replacedQueuedEntry = true
            } else {
                let known = application.hubFieldsRevision
                var payload = ApplicationPayload(
                    applicationId: id, revision: revision + 1, baseRevision: known == 0 ? nil : known,
                    application: form, operatorId: operatorId, filedAt: application.filedAt)
                payload.fields = fields
                payload.resolves = resolves.keys.sorted()
                let frozen = Self.freeze(payload)
                try db.cachedStatement(sql: """
                        INSERT INTO outbox (application_id, revision, base_revision, idempotency_key, payload, payload_sha256, queued_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [
                            id, revision + 1, payload.baseRevision, frozen.key, frozen.payload, frozen.sha256, time.description,
                        ])
                result.revision = revision + 1
            }
            let key = try PersonKeys.key(bundle: bundle, fields: fields, db)
            try db.cachedStatement(sql: """
                    UPDATE applications SET fields = ?, situations = ?, revision = ?, state = 'queued', state_reason = NULL,
                        person_key = ?, event_key = ?, exact_key = ?, updated_at = ?
                    WHERE id = ?
                    """).execute(arguments: [
                    StoredFields.encode(fields), StoredFields.encode(form.situations), result.revision,
                    key?.person, key?.event, key?.exact, time.description, id,
                ])
            for (field, resolution) in resolves.sorted(by: { $0.key < $1.key }) {
                try db.cachedStatement(sql: """
                        UPDATE conflicts SET state = 'resolved', resolution = ?, resolved_revision = ?, resolved_by = ?
                        WHERE application_id = ? AND field = ? AND state = 'open'
                        """).execute(arguments: [resolution.code, result.revision, operatorId, id, field])
                guard db.changesCount == 1 else { throw StoreError.noOpenConflict(id: id, field: field) }
            }
            if !resolves.isEmpty {
                try Self.recordEvent(id: id, kind: "resolved", revision: result.revision, fields: resolves.keys.sorted(), db)
            }
            if !changed.isEmpty {
                try Self.recordEvent(id: id, kind: "amended", revision: result.revision, fields: changed, db)
            }
            try Self.audit(
                resolves.isEmpty ? "amended" : "resolved", actor: operatorId ?? "cli", applicationId: id,
                detail: "revision \(result.revision): " + (changed + resolves.keys.filter { !changed.contains($0) }).sorted().joined(separator: ","),
                at: time, db)
            return result
        }
    }

    /// An application the hub refused outright (its first revision quarantined, nothing
    /// acknowledged) cannot take a next revision: the hub holds nothing to change.
    private static func checkAmendable(id: String, _ db: Database) throws {
        let acked = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM outbox WHERE application_id = ? AND state = 'acked' LIMIT 1"), arguments: [id]) ?? false
        guard !acked else { return }
        if let reason = try String.fetchOne(
            db.cachedStatement(sql: "SELECT last_error FROM outbox WHERE application_id = ? AND state = 'quarantined' AND revision = 1"),
            arguments: [id])
        {
            throw StoreError.notAmendable(
                id: id,
                reason: "the hub refused its first revision (\(reason)), so it holds nothing to change. File it again as a new application.")
        }
    }

    private static func payloadResolves(_ data: Data?, seq: Int64) throws -> [String] {
        guard let data else { return [] }
        do {
            return try JSONCodec.member("resolves", as: [String].self, in: data) ?? []
        } catch {
            throw StoreError.damagedRow(table: "outbox", key: "seq \(seq)")
        }
    }
}
