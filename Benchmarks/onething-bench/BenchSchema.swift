/// The node's filing tables and indexes as the floors of the filing benchmark create them:
/// the same columns, keys and indexes as the store's migrations (v1 and v2: the merge base
/// `hub_fields`, the duplicate keys and their index; v4: the audit log; v5: the counts by
/// state that triggers keep on insert). `insertApplication`
/// is the row the store writes, `insertAudit` its audit line, and `duplicateLookup` the
/// look-up it makes before filing.
enum BenchSchema {
    static let sql = """
        CREATE TABLE applications (id TEXT PRIMARY KEY NOT NULL, bundle TEXT NOT NULL, region TEXT NOT NULL,
          catalog_version TEXT NOT NULL, fields TEXT NOT NULL, situations TEXT NOT NULL, revision INTEGER NOT NULL,
          hub_revision INTEGER, state TEXT NOT NULL, state_reason TEXT, province_no TEXT UNIQUE, operator TEXT,
          filed_at TEXT NOT NULL, updated_at TEXT NOT NULL, hub_fields TEXT, hub_fields_revision INTEGER NOT NULL DEFAULT 0,
          duplicate TEXT, person_key TEXT, event_key TEXT, exact_key TEXT);
        CREATE TABLE application_items (application_id TEXT NOT NULL REFERENCES applications(id), item TEXT NOT NULL,
          position INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending', reason TEXT, result TEXT,
          PRIMARY KEY (application_id, item)) WITHOUT ROWID;
        CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, application_id TEXT NOT NULL REFERENCES applications(id),
          revision INTEGER NOT NULL, base_revision INTEGER, idempotency_key TEXT NOT NULL UNIQUE, payload BLOB NOT NULL,
          payload_sha256 TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'queued', attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT, UNIQUE (application_id, revision));
        CREATE INDEX applications_state ON applications(state);
        CREATE INDEX outbox_state_seq ON outbox(state, seq);
        CREATE INDEX applications_by_person ON applications(person_key);
        CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
          action TEXT NOT NULL, application_id TEXT, detail TEXT);
        CREATE INDEX audit_log_by_application ON audit_log(application_id, seq);
        CREATE TABLE state_counts (kind TEXT NOT NULL, state TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (kind, state)) WITHOUT ROWID;
        INSERT INTO state_counts (kind, state) VALUES ('applications', 'queued'), ('outbox', 'queued');
        CREATE TRIGGER applications_count_insert AFTER INSERT ON applications BEGIN
          UPDATE state_counts SET n = n + 1 WHERE kind = 'applications' AND state = NEW.state; END;
        CREATE TRIGGER outbox_count_insert AFTER INSERT ON outbox BEGIN
          UPDATE state_counts SET n = n + 1 WHERE kind = 'outbox' AND state = NEW.state; END;
        """

    /// ?1 application id: the audit line the store appends for each filing.
    static let insertAudit = "INSERT INTO audit_log (at, actor, action, application_id, detail) VALUES ('t', 'bench', 'filed', ?1, 'birth')"

    /// ?1 id, ?2 fields (also the merge base), ?3 person, ?4 event, ?5 exact key.
    static let insertApplication = """
        INSERT INTO applications (id, bundle, region, catalog_version, fields, situations, revision, state, operator,
                                  filed_at, updated_at, hub_fields, hub_fields_revision, person_key, event_key, exact_key)
        VALUES (?1, 'birth', '350100', '2026.11-1', ?2, '[]', 1, 'queued', 'bench', 't', 't', ?2, 0, ?3, ?4, ?5)
        """

    static let duplicateLookup = "SELECT id, event_key, exact_key FROM applications WHERE person_key = ?1"
}
