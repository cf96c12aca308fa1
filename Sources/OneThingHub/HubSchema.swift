import GRDB
import OneThingDatabase
import OneThingModel

/// The hub's tables. Each migration runs in one transaction; an identifier is never edited
/// once shipped: a change is a new migration.
///
/// - `nodes`: registered nodes, the SHA-256 of their token, and the last applied outbox seq.
/// - `entries`: every pushed entry that consumed a seq, with the result that was answered,
///   so that a re-sent entry gets the same answer.
/// - `applications` / `items`: what the hub holds; `items.depends_on` is the item's
///   dependencies among the selected items, fixed when the application was accepted.
/// - `changes`: the hub's commit sequence that nodes pull after a cursor.
/// - `counters`: the province-number counter (never derived from the clock).
/// - `revisions` (v2): the fields of every hub revision, the base of three-way merges, and
///   for a revision a node pushed, the fields as that node sent them (`node_fields`; NULL
///   when the same as `fields`).
/// - `conflicts` (v2): fields changed differently at a node and on the hub; open until the
///   node's clerk decides (a later revision that lists the field in `resolves`).
/// - `applications.person_key/event_key/exact_key` (v2): what duplicate detection matches.
/// - `ratings` (v3): the citizen's satisfaction rating of an application (好差评).
/// - `meta` (v4): `database_id`, the identity nodes see in every answer; a new one is drawn
///   when the database is restored or found to have gone back in time (`HubStore+Identity`),
///   with `restored_at` and `restore_reason`.
/// - v8: `applications.received_at` (when revision 1 was accepted), `revisions.recorded_at`
///   and `actor` (the node, an officer, `auto` or `hub`), `items.decided_at`, `decided_by`
///   and `returns` (how often it was returned for correction).
/// - v9: `nodes.last_seen_at`, when the node last began a sync (kept to five minutes).
/// - v10: `audit_log`, append-only (triggers refuse UPDATE and DELETE): who exported what.
/// - v5: `applications.decided_at` (when its last item was decided, the start of the hub's
///   retention) and `purged_at`; duplicate keys name the person by HMAC-SHA256 under
///   `meta.person_key_secret` (`HubPersonKeys`), not the raw ID number.
enum HubSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE nodes (
                        node_id TEXT PRIMARY KEY NOT NULL,
                        token_sha256 TEXT NOT NULL,
                        revoked INTEGER NOT NULL DEFAULT 0,
                        last_seq INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE entries (
                        node_id TEXT NOT NULL REFERENCES nodes(node_id),
                        seq INTEGER NOT NULL,
                        idempotency_key TEXT NOT NULL,
                        payload_sha256 TEXT NOT NULL,
                        result TEXT NOT NULL,
                        PRIMARY KEY (node_id, seq),
                        UNIQUE (node_id, idempotency_key)
                    );
                    CREATE TABLE applications (
                        province_no TEXT PRIMARY KEY NOT NULL,
                        application_id TEXT NOT NULL UNIQUE,
                        node_id TEXT NOT NULL REFERENCES nodes(node_id),
                        bundle TEXT NOT NULL,
                        region TEXT NOT NULL,
                        catalog_version TEXT NOT NULL,
                        fields TEXT NOT NULL,
                        situations TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        hub_revision INTEGER NOT NULL,
                        duplicate_of TEXT
                    );
                    CREATE TABLE items (
                        province_no TEXT NOT NULL REFERENCES applications(province_no),
                        item TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        reason TEXT,
                        documents TEXT,
                        depends_on TEXT NOT NULL DEFAULT '[]',
                        PRIMARY KEY (province_no, item)
                    );
                    CREATE INDEX items_by_state ON items(state);
                    CREATE TABLE changes (
                        cursor INTEGER PRIMARY KEY AUTOINCREMENT,
                        node_id TEXT NOT NULL,
                        province_no TEXT NOT NULL REFERENCES applications(province_no)
                    );
                    CREATE INDEX changes_by_node ON changes(node_id, cursor);
                    CREATE TABLE counters (
                        name TEXT PRIMARY KEY NOT NULL,
                        value INTEGER NOT NULL
                    );
                    INSERT INTO counters (name, value) VALUES ('province_no', 0);
                    """)
        }
        migrator.registerMigration("v2-revisions-conflicts-duplicates") { db in
            try db.execute(
                sql: """
                    ALTER TABLE applications ADD COLUMN duplicate_kind TEXT;
                    ALTER TABLE applications ADD COLUMN person_key TEXT;
                    ALTER TABLE applications ADD COLUMN event_key TEXT;
                    ALTER TABLE applications ADD COLUMN exact_key TEXT;
                    ALTER TABLE items ADD COLUMN needs TEXT NOT NULL DEFAULT '[]';
                    CREATE INDEX applications_by_person ON applications(person_key);
                    CREATE TABLE revisions (
                        province_no TEXT NOT NULL REFERENCES applications(province_no),
                        hub_revision INTEGER NOT NULL,
                        fields TEXT NOT NULL,
                        source TEXT NOT NULL CHECK (source IN ('node', 'merge', 'officer', 'issued', 'migrated')),
                        node_revision INTEGER NOT NULL,
                        node_fields TEXT,
                        PRIMARY KEY (province_no, hub_revision)
                    ) WITHOUT ROWID;
                    INSERT INTO revisions (province_no, hub_revision, fields, source, node_revision)
                        SELECT province_no, hub_revision, fields, 'migrated', revision FROM applications;
                    CREATE TABLE conflicts (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        province_no TEXT NOT NULL REFERENCES applications(province_no),
                        field TEXT NOT NULL,
                        base TEXT,
                        local TEXT,
                        hub TEXT,
                        node_revision INTEGER NOT NULL,
                        hub_revision INTEGER NOT NULL,
                        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
                        resolved_by_revision INTEGER
                    );
                    CREATE UNIQUE INDEX conflicts_open ON conflicts(province_no, field) WHERE state = 'open';
                    """)
            let rows = try Row.fetchAll(db, sql: "SELECT province_no, bundle, catalog_version, fields FROM applications")
            typealias Columns = ApplicationRecord.Columns
            for row in rows {
                // Columns read one by one: the record's full shape is a later schema's.
                let number: String = try row.value(Column(Columns.provinceNo), of: "applications", key: "?")
                let fields = try StoredJSON.decode(
                    [String: String].self, from: row.value(Column(Columns.fields), of: "applications", key: number), table: "applications",
                    key: number)
                let bundle = try FiledBundle.of(
                    row.value(Column(Columns.bundle), of: "applications", key: number),
                    version: row.value(Column(Columns.catalogVersion), of: "applications", key: number), GRDBHubSQL(db))
                guard let key = bundle?.duplicateKey(of: fields) else { continue }
                try db.execute(
                    sql: "UPDATE applications SET person_key = ?, event_key = ?, exact_key = ? WHERE province_no = ?",
                    arguments: [key.person, key.event, key.exact, number])
            }
        }
        migrator.registerMigration("v3-ratings") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ratings (
                        province_no TEXT PRIMARY KEY NOT NULL REFERENCES applications(province_no),
                        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v4-database-identity") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    ) WITHOUT ROWID;
                    INSERT INTO meta (key, value) VALUES ('database_id', ?);
                    """,
                arguments: [HubIdentity.newDatabaseId()])
        }
        migrator.registerMigration("v5-retention-keyed-persons") { db in
            try db.execute(
                sql: """
                    ALTER TABLE applications ADD COLUMN decided_at TEXT;
                    ALTER TABLE applications ADD COLUMN purged_at TEXT;
                    """)
            try HubPersonKeys.migrate(db)
        }
        migrator.registerMigration("v6-catalogue-versions") { db in
            // Every catalogue version the hub has served, so that an application is checked,
            // amended and shown under the version it was filed under (PayloadCheck).
            try db.execute(
                sql: """
                    CREATE TABLE catalogs (
                        version TEXT PRIMARY KEY NOT NULL,
                        files TEXT NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v7-returned-at-revision") { db in
            // The hub revision a return made: only a node revision based on it (or later)
            // answers the return (ItemFlow.reopenReturnedItems).
            try db.execute(sql: "ALTER TABLE items ADD COLUMN returned_at_revision INTEGER")
        }
        migrator.registerMigration("v8-time-and-actor") { db in
            // When each application and hub revision was received or made and by whom, and
            // when and by whom each item was last decided, with how often it was returned:
            // what the reform's figures are computed from (`onething-hub report`). Rows from
            // before this migration keep NULL: their times are unknown, not made up.
            try db.execute(
                sql: """
                    ALTER TABLE applications ADD COLUMN received_at TEXT;
                    ALTER TABLE revisions ADD COLUMN recorded_at TEXT;
                    ALTER TABLE revisions ADD COLUMN actor TEXT;
                    ALTER TABLE items ADD COLUMN decided_at TEXT;
                    ALTER TABLE items ADD COLUMN decided_by TEXT;
                    ALTER TABLE items ADD COLUMN returns INTEGER NOT NULL DEFAULT 0;
                    CREATE INDEX applications_by_received ON applications(received_at);
                    """)
        }
        migrator.registerMigration("v9-node-last-seen") { db in
            // When each node last began a sync (`nodes list`, `GET /metrics`), to the five
            // minutes: a sync writes it only when it is older, so a no-op sync rarely writes.
            try db.execute(sql: "ALTER TABLE nodes ADD COLUMN last_seen_at TEXT")
        }
        migrator.registerMigration("v10-audit-log") { db in
            // Append-only, as the node's: who exported what from the hub (the filter and how
            // many rows; never a value of an application).
            try db.execute(
                sql: """
                    CREATE TABLE audit_log (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        detail TEXT
                    );
                    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    """)
        }
        return migrator
    }
}
