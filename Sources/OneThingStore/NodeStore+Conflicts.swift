import GRDB
package import OneThingModel

/// One conflict record: a field changed differently here and on the hub.
package struct ConflictRecord: Sendable, Hashable, Codable {
    package var applicationId: String
    package var provinceNo: String?
    package var field: String
    package var base: String?
    package var local: String?
    package var hub: String?
    package var hubRevision: Int
    /// `push` (the hub found it merging a stale revision) or `pull` (found here).
    package var detected: String
    package var state: String
    /// `local`, `hub` or `value` once resolved.
    package var resolution: String?
    package var resolvedRevision: Int?

    package var conflict: FieldConflict { FieldConflict(field: field, base: base, local: local, hub: hub) }

    enum CodingKeys: String, CodingKey {
        case applicationId = "application_id"
        case provinceNo = "province_no"
        case field, base, local, hub
        case hubRevision = "hub_revision"
        case detected, state, resolution
        case resolvedRevision = "resolved_revision"
    }

    /// Every key written (null when unknown), so that scripts always find them.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(applicationId, forKey: .applicationId)
        try c.encode(provinceNo, forKey: .provinceNo)
        try c.encode(field, forKey: .field)
        try c.encode(base, forKey: .base)
        try c.encode(local, forKey: .local)
        try c.encode(hub, forKey: .hub)
        try c.encode(hubRevision, forKey: .hubRevision)
        try c.encode(detected, forKey: .detected)
        try c.encode(state, forKey: .state)
        try c.encode(resolution, forKey: .resolution)
        try c.encode(resolvedRevision, forKey: .resolvedRevision)
    }
}

/// One line of an application's history (field ids only).
package struct ApplicationEvent: Sendable, Hashable, Codable {
    package var kind: String
    package var revision: Int?
    package var hubRevision: Int?
    package var fields: [String]

    enum CodingKeys: String, CodingKey {
        case kind, revision
        case hubRevision = "hub_revision"
        case fields
    }
}

extension NodeStore {
    /// Conflicts, oldest first: the open ones (or all with `includeResolved`), of one
    /// application or of all.
    package func conflicts(applicationId: String? = nil, includeResolved: Bool = false) throws(StoreError) -> [ConflictRecord] {
        try read { db in
            try ConflictRow.fetchAll(
                db,
                sql: """
                    SELECT c.*, a.province_no FROM conflicts c JOIN applications a ON a.id = c.application_id
                    WHERE (?1 IS NULL OR c.application_id = ?1) AND (?2 OR c.state = 'open')
                    ORDER BY c.id
                    """,
                arguments: [applicationId, includeResolved]
            ).map(\.conflict)
        }
    }

    /// How many conflicts wait for a decision.
    package func openConflictCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conflicts WHERE state = 'open'") ?? 0 }
    }

    /// The application's history, oldest first.
    package func events(applicationId: String) throws(StoreError) -> [ApplicationEvent] {
        try read { db in
            try EventRow.fetchAll(
                db, sql: "SELECT * FROM application_events WHERE application_id = ? ORDER BY id", arguments: [applicationId]
            ).map(\.event)
        }
    }

    /// Applications filed here for the same person and event as `fields` would be: the
    /// warning before filing (exact, or within a few days).
    package func possibleDuplicates(bundle: BundleDefinition, fields: [String: String]) throws(StoreError) -> [LocalDuplicate] {
        try read { db in
            guard let key = try PersonKeys.key(bundle: bundle, fields: fields, db) else { return [] }
            return try Self.localDuplicates(of: key, db)
        }
    }
}
