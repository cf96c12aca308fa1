import GRDB
import OneThingFailpoints
import OneThingModel

/// The node database's migrations. One transaction each; an identifier is never edited
/// once shipped: a change is a new migration.
///
/// v2: `applications.fields` is the node's working copy; `hub_fields` is the hub's fields as
/// of `hub_fields_revision` (0: the revision 1 the hub has not acknowledged yet), the base of
/// three-way merges. `conflicts` keeps base, local and hub value until a person decides;
/// `application_events` records merges, conflicts, amendments and resolutions.
///
/// v3: the kiosk's `operators` (PIN as a salted PBKDF2-SHA256 hash; locked after repeated
/// failures), one `drafts` row per operator (saved as the clerk leaves each field),
/// `ratings` (好差评, one per application) and the ward's imported `deliveries`.
///
/// v4: `audit_log`, append-only (triggers refuse UPDATE and DELETE): who filed, viewed,
/// corrected, resolved or purged what (ids and field names, never values);
/// `applications.decided_at` (when the last item was decided, by this node's clock) and
/// `purged_at` for the retention purge.
///
/// v7: `sync_state.hub_database_id` (the identity of the hub database last synced with),
/// `last_recovery(_at)`, and `unknown_applications` (see `NodeStore+Recovery`).
///
/// v8: `person_key` / `exact_key` name the person by HMAC-SHA256 under a secret of this
/// database (`node_config.person_key_secret`), not the raw ID number (`PersonKeys`).
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
        migrator.registerMigration("v2-revisions-conflicts-duplicates") { db in
            try db.execute(sql: """
                ALTER TABLE applications ADD COLUMN hub_fields TEXT;
                ALTER TABLE applications ADD COLUMN hub_fields_revision INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE applications ADD COLUMN duplicate TEXT;
                ALTER TABLE applications ADD COLUMN person_key TEXT;
                ALTER TABLE applications ADD COLUMN event_key TEXT;
                ALTER TABLE applications ADD COLUMN exact_key TEXT;
                UPDATE applications SET hub_fields = fields, hub_fields_revision = COALESCE(hub_revision, 0);
                CREATE INDEX applications_by_person ON applications(person_key);
                CREATE TABLE conflicts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id TEXT NOT NULL REFERENCES applications(id),
                    field TEXT NOT NULL,
                    base TEXT,
                    local TEXT,
                    hub TEXT,
                    hub_revision INTEGER NOT NULL,
                    detected TEXT NOT NULL CHECK (detected IN ('push', 'pull')),
                    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
                    resolution TEXT CHECK (resolution IN ('local', 'hub', 'value')),
                    resolved_revision INTEGER,
                    resolved_by TEXT
                );
                CREATE UNIQUE INDEX conflicts_open ON conflicts(application_id, field) WHERE state = 'open';
                CREATE TABLE application_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id TEXT NOT NULL REFERENCES applications(id),
                    kind TEXT NOT NULL,
                    revision INTEGER,
                    hub_revision INTEGER,
                    fields TEXT NOT NULL DEFAULT '[]'
                );
                CREATE INDEX application_events_by_application ON application_events(application_id, id);
                """)
            for person in try ApplicationRow.Person.fetchAll(db, sql: "SELECT \(ApplicationRow.Person.selection) FROM applications") {
                let bundle = try NodeStore.filedBundle(person.bundle, version: person.catalogVersion, db)
                guard let key = bundle?.duplicateKey(of: person.fields) else { continue }
                try db.execute(
                    sql: "UPDATE applications SET person_key = ?, event_key = ?, exact_key = ? WHERE id = ?",
                    arguments: [key.person, key.event, key.exact, person.id])
            }
        }
        migrator.registerMigration("v3-kiosk-operators-drafts") { db in
            try db.execute(sql: """
                CREATE TABLE operators (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    pin_salt BLOB NOT NULL,
                    pin_hash BLOB NOT NULL,
                    pin_rounds INTEGER NOT NULL,
                    failed_attempts INTEGER NOT NULL DEFAULT 0,
                    locked INTEGER NOT NULL DEFAULT 0,
                    active INTEGER NOT NULL DEFAULT 1,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE drafts (
                    operator_id TEXT PRIMARY KEY NOT NULL REFERENCES operators(id),
                    bundle TEXT NOT NULL,
                    items TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    focus TEXT,
                    delivery_id INTEGER,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE ratings (
                    application_id TEXT PRIMARY KEY NOT NULL REFERENCES applications(id),
                    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
                    operator_id TEXT,
                    rated_at TEXT NOT NULL,
                    synced INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE deliveries (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    mother_name TEXT NOT NULL,
                    mother_id_number TEXT NOT NULL,
                    birth_time TEXT NOT NULL,
                    newborn_sex TEXT NOT NULL,
                    birth_weight_g TEXT NOT NULL,
                    birth_length_cm TEXT NOT NULL,
                    gestational_weeks TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    UNIQUE (mother_id_number, birth_time)
                );
                """)
        }
        migrator.registerMigration("v4-audit-retention") { db in
            try db.execute(sql: """
                CREATE TABLE audit_log (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    application_id TEXT,
                    detail TEXT
                );
                CREATE INDEX audit_log_by_application ON audit_log(application_id, seq);
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                ALTER TABLE applications ADD COLUMN decided_at TEXT;
                ALTER TABLE applications ADD COLUMN purged_at TEXT;
                """)
            Failpoint.hit(.insideMigration)
        }
        migrator.registerMigration("v5-state-counts") { db in
            // Counts by state kept by triggers, so that `status` reads a few rows instead of
            // counting a million (and stays fast as years of applications pile up).
            var sql = """
                CREATE TABLE state_counts (
                    kind TEXT NOT NULL,
                    state TEXT NOT NULL,
                    n INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (kind, state)
                ) WITHOUT ROWID;
                INSERT INTO state_counts (kind, state, n) SELECT 'applications', state, COUNT(*) FROM applications GROUP BY state;
                INSERT INTO state_counts (kind, state, n) SELECT 'outbox', state, COUNT(*) FROM outbox GROUP BY state;
                INSERT OR IGNORE INTO state_counts (kind, state)
                    VALUES ('applications', 'queued'), ('applications', 'sent'), ('applications', 'accepted'),
                           ('applications', 'quarantined'), ('outbox', 'queued'), ('outbox', 'in_flight'),
                           ('outbox', 'acked'), ('outbox', 'quarantined');

                """
            for table in ["applications", "outbox"] {
                sql += """
                    CREATE TRIGGER \(table)_count_insert AFTER INSERT ON \(table) BEGIN
                        UPDATE state_counts SET n = n + 1 WHERE kind = '\(table)' AND state = NEW.state;
                    END;
                    CREATE TRIGGER \(table)_count_delete AFTER DELETE ON \(table) BEGIN
                        UPDATE state_counts SET n = n - 1 WHERE kind = '\(table)' AND state = OLD.state;
                    END;
                    CREATE TRIGGER \(table)_count_update AFTER UPDATE OF state ON \(table) WHEN OLD.state IS NOT NEW.state BEGIN
                        UPDATE state_counts SET n = n - 1 WHERE kind = '\(table)' AND state = OLD.state;
                        UPDATE state_counts SET n = n + 1 WHERE kind = '\(table)' AND state = NEW.state;
                    END;

                    """
            }
            try db.execute(sql: sql)
        }
        migrator.registerMigration("v6-import-keys") { db in
            // The idempotency key of an application filed from an import line (`apply
            // --ndjson`): stored in the transaction that files it, so that running the same
            // file again files no line twice. NULL for everything else.
            try db.execute(sql: """
                ALTER TABLE applications ADD COLUMN import_key TEXT;
                CREATE UNIQUE INDEX applications_import_key ON applications(import_key) WHERE import_key IS NOT NULL;
                """)
        }
        migrator.registerMigration("v7-hub-identity") { db in
            // The hub database this node last synced with, the last recovery from a restore,
            // and the applications the hub holds for this node that this database does not
            // know (it was restored from an older backup), for a person to look at.
            try db.execute(sql: """
                ALTER TABLE sync_state ADD COLUMN hub_database_id TEXT;
                ALTER TABLE sync_state ADD COLUMN last_recovery TEXT;
                ALTER TABLE sync_state ADD COLUMN last_recovery_at TEXT;
                CREATE TABLE unknown_applications (
                    application_id TEXT PRIMARY KEY NOT NULL,
                    province_no TEXT,
                    first_seen_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v8-keyed-person-keys") { db in
            // Duplicate keys name the person by a keyed hash (PersonKeys), not the raw ID number.
            try PersonKeys.migrate(db)
        }
        migrator.registerMigration("v9-catalogue-versions") { db in
            // Every catalogue this node has worked with (built in, from --catalog, received),
            // so that an application is amended and checked under the version it was filed
            // under, whatever the node uses today (NodeStore+Catalog).
            try db.execute(sql: """
                CREATE TABLE catalog_versions (
                    version TEXT PRIMARY KEY NOT NULL,
                    files TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v10-metrics") { db in
            // For `onething metrics`: when each outbox entry was queued (the age of the oldest
            // unsent one; entries queued before this version take their application's filing
            // time, or its last change for later revisions), and the code of the last sync
            // error (a label: the message may be long, the code is one of a few).
            try db.execute(sql: """
                ALTER TABLE outbox ADD COLUMN queued_at TEXT;
                UPDATE outbox SET queued_at = (
                    SELECT CASE WHEN outbox.revision = 1 THEN a.filed_at ELSE a.updated_at END
                    FROM applications a WHERE a.id = outbox.application_id);
                ALTER TABLE sync_state ADD COLUMN last_error_code TEXT;
                """)
        }
        return migrator
    }
}
