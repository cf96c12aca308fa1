import Foundation
import GRDBSQLite
import OneThingModel
import OneThingStore
import OneThingWire

/// The floor for filing: the same three tables, indexes and row sizes, written with the
/// sqlite3 C API and prepared statements, one transaction per application.
final class RawInserts {
    private var db: OpaquePointer?
    private var statements: [OpaquePointer?] = []
    private let fields: String
    private let payload: Data
    private let items: [String]

    init(path: String, application: ValidatedApplication) throws {
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw BenchError.sqlite(-1, "open") }
        fields = JSONCodec.text(application.fields)
        payload = Data(
            ApplicationPayload(applicationId: "OT-0000000000", revision: 1, baseRevision: nil, application: application, operatorId: "bench")
                .canonicalJSONBytes)
        items = application.items
        try exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        try exec(BenchSchema.sql)
        for sql in [
            BenchSchema.insertApplication,
            "INSERT INTO application_items (application_id, item, position) VALUES (?1, ?2, ?3)",
            "INSERT INTO outbox (application_id, revision, idempotency_key, payload, payload_sha256) VALUES (?1, 1, ?2, ?3, ?4)",
            "BEGIN", "COMMIT", BenchSchema.duplicateLookup, BenchSchema.insertAudit,
        ] {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { throw BenchError.sqlite(-2, "prepare") }
            statements.append(statement)
        }
    }

    func insert(_ i: Int) throws {
        let id = String(format: "OT-%010d", i)
        let key = UUID().uuidString.lowercased()
        let person = "birth|\(i)"
        try step(statements[3])
        try bind(statements[5], [person])
        while sqlite3_step(statements[5]) == SQLITE_ROW {}
        sqlite3_reset(statements[5])
        try bind(statements[0], [id, fields, person, "2026-11-20", person + "|2026-11-20|1"])
        try step(statements[0])
        for (position, item) in items.enumerated() {
            try bind(statements[1], [id, item])
            sqlite3_bind_int64(statements[1], 3, Int64(position))
            try step(statements[1])
        }
        try bind(statements[2], [id, key])
        payload.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(statements[2], 3, bytes.baseAddress, Int32(bytes.count), transient)
        }
        try bind(statements[2], [String(repeating: "a", count: 64)], from: 4)
        try step(statements[2])
        try bind(statements[6], [id])
        try step(statements[6])
        try step(statements[4])
    }

    func close() {
        for statement in statements { sqlite3_finalize(statement) }
        sqlite3_close(db)
    }

    private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ statement: OpaquePointer?, _ values: [String], from start: Int32 = 1) throws {
        for (offset, value) in values.enumerated() {
            guard sqlite3_bind_text(statement, start + Int32(offset), value, -1, transient) == SQLITE_OK else {
                throw BenchError.sqlite(-3, "bind")
            }
        }
    }

    private func step(_ statement: OpaquePointer?) throws {
        let rc = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw BenchError.sqlite(rc, "step") }
    }

    private func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw BenchError.sqlite(-4, "exec") }
    }
}
