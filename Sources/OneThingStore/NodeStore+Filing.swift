import Crypto
import Foundation
import GRDB
public import OneThingModel

extension NodeStore {
    /// Files one validated application: the application, its items and its frozen outbox
    /// entry (node sequence number, idempotency key, payload and its SHA-256) in ONE
    /// transaction. When this returns, the application is on disk (`synchronous=FULL`).
    @discardableResult
    public func file(
        _ application: ValidatedApplication, operatorId: String? = nil, filedAt: String
    ) throws(StoreError) -> FiledApplication {
        let id = ApplicationID.generate()
        let payload = ApplicationPayload(
            applicationId: id, revision: 1, baseRevision: nil, application: application, operatorId: operatorId)
        let frozen = try Self.freeze(payload)
        let fieldsJSON = try Self.canonicalJSON(application.fields)
        let situationsJSON = try Self.canonicalJSON(application.situations)
        return try write { db in
            try db.execute(
                sql: """
                    INSERT INTO applications (id, bundle, region, catalog_version, fields, situations, revision,
                                              state, operator, filed_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, 1, 'queued', ?, ?, ?)
                    """,
                arguments: [
                    id, application.bundle, application.region, application.catalogVersion, fieldsJSON,
                    situationsJSON, operatorId, filedAt, filedAt,
                ])
            for (position, item) in application.items.enumerated() {
                try db.execute(
                    sql: "INSERT INTO application_items (application_id, item, position) VALUES (?, ?, ?)",
                    arguments: [id, item, position])
            }
            try db.execute(
                sql: """
                    INSERT INTO outbox (application_id, revision, base_revision, idempotency_key, payload, payload_sha256)
                    VALUES (?, 1, NULL, ?, ?, ?)
                    """,
                arguments: [id, frozen.key, frozen.payload, frozen.sha256])
            return FiledApplication(
                id: id, outboxSeq: db.lastInsertedRowID, idempotencyKey: frozen.key, payloadSHA256: frozen.sha256)
        }
    }

    struct FrozenEntry {
        var key: String
        var payload: Data
        var sha256: String
    }

    static func freeze(_ payload: ApplicationPayload) throws(StoreError) -> FrozenEntry {
        let data = try canonicalData(payload)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return FrozenEntry(key: UUID().uuidString.lowercased(), payload: data, sha256: digest)
    }

    static func canonicalData<T: Encodable>(_ value: T) throws(StoreError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            throw .internalFailure(path: "(encoding)", code: 0)
        }
    }

    static func canonicalJSON<T: Encodable>(_ value: T) throws(StoreError) -> String {
        String(decoding: try canonicalData(value), as: UTF8.self)
    }
}

/// Application ids: `OT-` and ten Crockford base-32 characters (50 random bits), easy to
/// read out over a counter and free of personal data.
public enum ApplicationID {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bits = generator.next() as UInt64
        let chars = (0..<10).map { alphabet[Int((bits >> (UInt64($0) * 5)) & 31)] }
        return "OT-" + String(chars)
    }

    public static func isWellFormed(_ s: String) -> Bool {
        s.count == 13 && s.hasPrefix("OT-") && s.dropFirst(3).allSatisfy { alphabet.contains($0) }
    }
}
