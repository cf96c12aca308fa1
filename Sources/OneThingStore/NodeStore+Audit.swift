import GRDB
package import OneThingModel

/// One line of the audit log.
package struct AuditEntry: Sendable, Hashable, Codable {
    package var seq: Int64
    package var at: String
    /// The operator id at the kiosk, or `cli:USER` / `sync` for commands.
    package var actor: String
    /// filed, viewed, amended, resolved, purged, searched, exported...
    package var action: String
    package var applicationId: String?
    /// Ids and field names only: never an applicant's values.
    package var detail: String?

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, action
        case applicationId = "application_id"
        case detail
    }
}

extension NodeStore {
    /// Appends to the audit log (append-only: the database refuses to change or delete a
    /// line). `detail` must not carry applicant values: ids, field names and counts only.
    package func audit(_ action: String, actor: String, applicationId: String? = nil, detail: String? = nil, at time: Timestamp)
        throws(StoreError)
    {
        try write { db in try Self.audit(action, actor: actor, applicationId: applicationId, detail: detail, at: time, db) }
    }

    static func audit(
        _ action: String, actor: String, applicationId: String?, detail: String?, at time: Timestamp, _ db: Database
    ) throws {
        try db.cachedStatement(sql: "INSERT INTO audit_log (at, actor, action, application_id, detail) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [time.description, actor, action, applicationId, detail])
    }

    /// The audit log, oldest first (of one application, or all), at most `limit` lines.
    package func auditLog(applicationId: String? = nil, limit: Int = 1000) throws(StoreError) -> [AuditEntry] {
        try read { db in
            try AuditRow.fetchAll(
                db,
                sql: """
                    SELECT * FROM (SELECT * FROM audit_log WHERE (?1 IS NULL OR application_id = ?1) ORDER BY seq DESC LIMIT ?2)
                    ORDER BY seq
                    """,
                arguments: [applicationId, limit]
            ).map(\.entry)
        }
    }
}
