/// The hub's tables on PostgreSQL: the same tables and columns as `HubSchema` builds on
/// SQLite, so that the rules' SQL runs on both, with PostgreSQL's types (integers are
/// BIGINT, serial keys are identities). Migrations are rows of `hub_migrations`; each runs in
/// one transaction under an advisory lock (two processes starting at once migrate once), and
/// a database that lists a migration this version does not know was migrated by a newer
/// version: refused, as `DatabaseFile` refuses a newer SQLite file.
///
/// SQLite's v1 to v7 are one migration here (the first release on PostgreSQL starts at v7's
/// tables); a later SQLite migration gets its PostgreSQL twin under the same identifier.
enum PostgresSchema {
    struct Migration: Sendable {
        var identifier: String
        /// The statements, run in order; `?` are bound from `arguments`.
        var statements: @Sendable () -> [(sql: String, arguments: [String])]
    }

    /// The key of the advisory lock migrations run under ("OTHUBMIG").
    static let migrationLock: Int64 = 0x4F54_4855_424D_4947

    static let migrations: [Migration] = [
        Migration(identifier: "v7-returned-at-revision") {
            [
                (
                    """
                    CREATE TABLE nodes (
                        node_id TEXT PRIMARY KEY NOT NULL,
                        token_sha256 TEXT NOT NULL,
                        revoked BIGINT NOT NULL DEFAULT 0,
                        last_seq BIGINT NOT NULL DEFAULT 0
                    )
                    """, []
                ),
                (
                    """
                    CREATE TABLE entries (
                        node_id TEXT NOT NULL REFERENCES nodes(node_id),
                        seq BIGINT NOT NULL,
                        idempotency_key TEXT NOT NULL,
                        payload_sha256 TEXT NOT NULL,
                        result TEXT NOT NULL,
                        PRIMARY KEY (node_id, seq),
                        UNIQUE (node_id, idempotency_key)
                    )
                    """, []
                ),
                ("CREATE INDEX entries_by_payload ON entries(node_id, payload_sha256)", []),
                (
                    """
                    CREATE TABLE applications (
                        province_no TEXT PRIMARY KEY NOT NULL,
                        application_id TEXT NOT NULL UNIQUE,
                        node_id TEXT NOT NULL REFERENCES nodes(node_id),
                        bundle TEXT NOT NULL,
                        region TEXT NOT NULL,
                        catalog_version TEXT NOT NULL,
                        fields TEXT NOT NULL,
                        situations TEXT NOT NULL,
                        revision BIGINT NOT NULL,
                        hub_revision BIGINT NOT NULL,
                        duplicate_of TEXT,
                        duplicate_kind TEXT,
                        person_key TEXT,
                        event_key TEXT,
                        exact_key TEXT,
                        decided_at TEXT,
                        purged_at TEXT
                    )
                    """, []
                ),
                ("CREATE INDEX applications_by_person ON applications(person_key)", []),
                (
                    """
                    CREATE TABLE items (
                        province_no TEXT NOT NULL REFERENCES applications(province_no),
                        item TEXT NOT NULL,
                        position BIGINT NOT NULL,
                        state TEXT NOT NULL,
                        reason TEXT,
                        documents TEXT,
                        depends_on TEXT NOT NULL DEFAULT '[]',
                        needs TEXT NOT NULL DEFAULT '[]',
                        returned_at_revision BIGINT,
                        PRIMARY KEY (province_no, item)
                    )
                    """, []
                ),
                ("CREATE INDEX items_by_state ON items(state)", []),
                (
                    """
                    CREATE TABLE changes (
                        cursor BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        node_id TEXT NOT NULL,
                        province_no TEXT NOT NULL REFERENCES applications(province_no)
                    )
                    """, []
                ),
                ("CREATE INDEX changes_by_node ON changes(node_id, cursor)", []),
                ("CREATE TABLE counters (name TEXT PRIMARY KEY NOT NULL, value BIGINT NOT NULL)", []),
                ("INSERT INTO counters (name, value) VALUES ('province_no', 0)", []),
                (
                    """
                    CREATE TABLE revisions (
                        province_no TEXT NOT NULL REFERENCES applications(province_no),
                        hub_revision BIGINT NOT NULL,
                        fields TEXT NOT NULL,
                        source TEXT NOT NULL CHECK (source IN ('node', 'merge', 'officer', 'issued', 'migrated')),
                        node_revision BIGINT NOT NULL,
                        node_fields TEXT,
                        PRIMARY KEY (province_no, hub_revision)
                    )
                    """, []
                ),
                (
                    """
                    CREATE TABLE conflicts (
                        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        province_no TEXT NOT NULL REFERENCES applications(province_no),
                        field TEXT NOT NULL,
                        base TEXT,
                        local TEXT,
                        hub TEXT,
                        node_revision BIGINT NOT NULL,
                        hub_revision BIGINT NOT NULL,
                        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
                        resolved_by_revision BIGINT
                    )
                    """, []
                ),
                ("CREATE UNIQUE INDEX conflicts_open ON conflicts(province_no, field) WHERE state = 'open'", []),
                (
                    """
                    CREATE TABLE ratings (
                        province_no TEXT PRIMARY KEY NOT NULL REFERENCES applications(province_no),
                        score BIGINT NOT NULL CHECK (score BETWEEN 1 AND 5)
                    )
                    """, []
                ),
                ("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)", []),
                ("INSERT INTO meta (key, value) VALUES ('database_id', ?)", [HubIdentity.newDatabaseId()]),
                ("INSERT INTO meta (key, value) VALUES (?, ?)", [HubPersonKeys.secretKey, HubPersonKeys.newSecret()]),
                ("CREATE TABLE catalogs (version TEXT PRIMARY KEY NOT NULL, files TEXT NOT NULL)", []),
            ]
        },
        Migration(identifier: "v8-time-and-actor") {
            // As SQLite's v8: when and by whom (HubSchema).
            [
                ("ALTER TABLE applications ADD COLUMN received_at TEXT", []),
                ("ALTER TABLE revisions ADD COLUMN recorded_at TEXT", []),
                ("ALTER TABLE revisions ADD COLUMN actor TEXT", []),
                ("ALTER TABLE items ADD COLUMN decided_at TEXT", []),
                ("ALTER TABLE items ADD COLUMN decided_by TEXT", []),
                ("ALTER TABLE items ADD COLUMN returns BIGINT NOT NULL DEFAULT 0", []),
                ("CREATE INDEX applications_by_received ON applications(received_at)", []),
            ]
        },
        Migration(identifier: "v9-node-last-seen") {
            [("ALTER TABLE nodes ADD COLUMN last_seen_at TEXT", [])]
        },
        Migration(identifier: "v10-audit-log") {
            // Append-only, as on SQLite: a trigger refuses UPDATE, DELETE and TRUNCATE.
            [
                (
                    """
                    CREATE TABLE audit_log (
                        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        detail TEXT
                    )
                    """, []
                ),
                (
                    """
                    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
                    """, []
                ),
                (
                    """
                    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
                        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
                    """, []
                ),
                (
                    """
                    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()
                    """, []
                ),
            ]
        },
    ]

    /// The migrations this database lacks, in order (creating the migrations table when
    /// missing). Throws `newerSchema` for a database a newer version migrated.
    static func pending(_ db: some HubSQL, location: String) throws -> [String] {
        try db.execute("SELECT pg_advisory_xact_lock(?)", [migrationLock])
        try db.execute("CREATE TABLE IF NOT EXISTS hub_migrations (identifier TEXT PRIMARY KEY NOT NULL)")
        let applied = Set<String>(try db.values("SELECT identifier FROM hub_migrations"))
        guard applied.isSubset(of: Set(migrations.map(\.identifier))) else {
            throw HubError.database(.init(.newerSchema, path: location))
        }
        return migrations.map(\.identifier).filter { !applied.contains($0) }
    }

    /// Runs one migration, in the caller's transaction, unless another process ran it first.
    static func apply(_ identifier: String, _ db: some HubSQL) throws {
        try db.execute("SELECT pg_advisory_xact_lock(?)", [migrationLock])
        guard !(try db.exists("SELECT 1 FROM hub_migrations WHERE identifier = ?", [identifier])),
            let migration = migrations.first(where: { $0.identifier == identifier })
        else { return }
        for statement in migration.statements() {
            try db.execute(statement.sql, statement.arguments)
        }
        try db.execute("INSERT INTO hub_migrations (identifier) VALUES (?)", [identifier])
    }
}
