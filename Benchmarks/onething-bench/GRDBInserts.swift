import Foundation
import GRDB
import OneThingModel
import OneThingStore
import OneThingWire

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
        fields = JSONCodec.text(application.fields)
        payload = Data(ApplicationPayload(
            applicationId: "OT-0000000000", revision: 1, baseRevision: nil, application: application, operatorId: "bench"
        ).canonicalJSONBytes)
        items = application.items
        try queue.write { db in
            try db.execute(sql: BenchSchema.sql)
        }
    }

    func insert(_ i: Int) throws {
        let id = String(format: "OT-%010d", i)
        let key = UUID().uuidString.lowercased()
        let person = "birth|\(i)"
        try queue.write { db in
            _ = try Row.fetchAll(db.cachedStatement(sql: BenchSchema.duplicateLookup), arguments: [person])
            try db.cachedStatement(sql: BenchSchema.insertApplication)
                .execute(arguments: [id, fields, person, "2026-11-20", person + "|2026-11-20|1"])
            let item = try db.cachedStatement(sql: "INSERT INTO application_items (application_id, item, position) VALUES (?, ?, ?)")
            for (position, code) in items.enumerated() { try item.execute(arguments: [id, code, position]) }
            try db.cachedStatement(sql: "INSERT INTO outbox (application_id, revision, idempotency_key, payload, payload_sha256) VALUES (?, 1, ?, ?, ?)")
                .execute(arguments: [id, key, payload, String(repeating: "a", count: 64)])
            try db.cachedStatement(sql: BenchSchema.insertAudit).execute(arguments: [id])
        }
    }
}
