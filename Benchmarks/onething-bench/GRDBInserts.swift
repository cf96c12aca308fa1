import Foundation
import GRDB
import OneThingModel
import OneThingStore

/// The same rows as `RawInserts`, written through GRDB's `DatabaseQueue.write` with cached
/// statements and the node's pragmas: separates what GRDB's transaction handling costs
/// from what the store adds (payload, hash, ids).
final class GRDBInserts {
    private let queue: DatabaseQueue
    private let fields: String
    private let payload: Data
    private let items: [String]

    init(path: String, application: ValidatedApplication) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        queue = try DatabaseQueue(path: path, configuration: config)
        fields = CanonicalJSON.object(application.fields)
        payload = Data(ApplicationPayload(
            applicationId: "OT-0000000000", revision: 1, baseRevision: nil, application: application, operatorId: "bench"
        ).canonicalJSONBytes)
        items = application.items
        try queue.write { db in
            try db.execute(sql: """
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
                  last_error TEXT);
                CREATE INDEX applications_state ON applications(state);
                CREATE INDEX outbox_state_seq ON outbox(state, seq);
                """)
        }
    }

    func insert(_ i: Int) throws {
        let id = String(format: "OT-%010d", i)
        let key = UUID().uuidString.lowercased()
        try queue.write { db in
            try db.cachedStatement(sql: "INSERT INTO applications VALUES (?, 'birth', '350100', '2026.11-1', ?, '[]', 1, NULL, 'queued', NULL, NULL, 'bench', 't', 't')")
                .execute(arguments: [id, fields])
            let item = try db.cachedStatement(sql: "INSERT INTO application_items (application_id, item, position) VALUES (?, ?, ?)")
            for (position, code) in items.enumerated() { try item.execute(arguments: [id, code, position]) }
            try db.cachedStatement(sql: "INSERT INTO outbox (application_id, revision, idempotency_key, payload, payload_sha256) VALUES (?, 1, ?, ?, ?)")
                .execute(arguments: [id, key, payload, String(repeating: "a", count: 64)])
        }
    }
}
