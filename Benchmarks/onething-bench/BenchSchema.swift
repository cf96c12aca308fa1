/// The node's filing tables and indexes as the floors of the filing benchmark create them:
/// the same columns, keys and indexes as the store's first migration.
enum BenchSchema {
    static let sql = """
        CREATE TABLE applications (id TEXT PRIMARY KEY NOT NULL, bundle TEXT NOT NULL, region TEXT NOT NULL,
          catalog_version TEXT NOT NULL, fields TEXT NOT NULL, situations TEXT NOT NULL, revision INTEGER NOT NULL,
          hub_revision INTEGER, state TEXT NOT NULL, state_reason TEXT, province_no TEXT UNIQUE, operator TEXT,
          filed_at TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE application_items (application_id TEXT NOT NULL REFERENCES applications(id), item TEXT NOT NULL,
          position INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending', reason TEXT, result TEXT,
          PRIMARY KEY (application_id, item)) WITHOUT ROWID;
        CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, application_id TEXT NOT NULL REFERENCES applications(id),
          revision INTEGER NOT NULL, base_revision INTEGER, idempotency_key TEXT NOT NULL UNIQUE, payload BLOB NOT NULL,
          payload_sha256 TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'queued', attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT, UNIQUE (application_id, revision));
        CREATE INDEX applications_state ON applications(state);
        CREATE INDEX outbox_state_seq ON outbox(state, seq);
        """
}
