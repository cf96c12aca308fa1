import GRDB

/// The node database's migrations. One transaction each; an identifier is never edited
/// once shipped: a change is a new migration.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-applications-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE node_config (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                CREATE TABLE applications (
                    id TEXT PRIMARY KEY NOT NULL,
                    bundle TEXT NOT NULL,
                    region TEXT NOT NULL,
                    catalog_version TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    situations TEXT NOT NULL,
                    revision INTEGER NOT NULL CHECK (revision >= 1),
                    hub_revision INTEGER,
                    state TEXT NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'sent', 'accepted', 'quarantined')),
                    state_reason TEXT,
                    province_no TEXT UNIQUE,
                    operator TEXT,
                    filed_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX applications_state ON applications(state);
                CREATE TABLE application_items (
                    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    item TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    state TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'waiting', 'in_progress', 'approved', 'rejected', 'returned', 'issued')),
                    reason TEXT,
                    result TEXT,
                    PRIMARY KEY (application_id, item)
                ) WITHOUT ROWID;
                CREATE TABLE outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id TEXT NOT NULL REFERENCES applications(id),
                    revision INTEGER NOT NULL,
                    base_revision INTEGER,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    payload BLOB NOT NULL,
                    payload_sha256 TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'in_flight', 'acked', 'quarantined')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    UNIQUE (application_id, revision)
                );
                CREATE INDEX outbox_state_seq ON outbox(state, seq);
                CREATE TABLE sync_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    pull_cursor INTEGER NOT NULL DEFAULT 0,
                    last_success_at TEXT,
                    last_attempt_at TEXT,
                    last_error TEXT
                );
                INSERT INTO sync_state (id) VALUES (1);
                CREATE TABLE catalog_updates (
                    version TEXT PRIMARY KEY NOT NULL,
                    files TEXT NOT NULL,
                    received_seq INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }
}
