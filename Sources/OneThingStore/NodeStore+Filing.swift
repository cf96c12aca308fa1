import Crypto
import Foundation
import GRDB
import OneThingDatabase
import OneThingFailpoints
package import OneThingModel
import OneThingWire

extension NodeStore {
    /// Files one validated application: the application, its items and its frozen outbox
    /// entry (node sequence number, idempotency key, payload and its SHA-256) in ONE
    /// transaction. When this returns, the application is on disk (`synchronous=FULL`).
    @discardableResult
    package func file(
        _ validated: ValidatedApplication, operatorId: String? = nil, filedAt: Timestamp, discardingDraftOf draftOwner: String? = nil
    ) throws(StoreError) -> FiledApplication {
        try write { db in
            try Self.insertApplication(
                validated, operatorId: operatorId, filedAt: filedAt, importKey: nil, discardingDraftOf: draftOwner, db)
        }
    }

    /// The body of a filing, inside the caller's transaction: the application (with its
    /// import key when it came from an import), its items, its frozen outbox entry and the
    /// audit line.
    static func insertApplication(
        _ validated: ValidatedApplication, operatorId: String?, filedAt: Timestamp, importKey: String?,
        discardingDraftOf draftOwner: String?, _ db: Database
    ) throws -> FiledApplication {
        let id = ApplicationID.generate()
        var application = validated
        let bundle = try Self.filedBundle(application.bundle, version: application.catalogVersion, db)
        // A provisional identity the bundle declares (a newborn's, until the household
        // registration issues the resident ID number): the departments work with it until then.
        application.fields.merge(bundle?.provisionalFields(applicationId: id) ?? [:]) { _, provisional in provisional }
        let payload = ApplicationPayload(
            applicationId: id, revision: 1, baseRevision: nil, application: application, operatorId: operatorId,
            filedAt: filedAt.description)
        let frozen = Self.freeze(payload)
        let fieldsJSON = StoredFields.encode(application.fields)
        let situationsJSON = StoredFields.encode(application.situations)
        let key = try PersonKeys.key(bundle: bundle, fields: application.fields, db)
        let duplicates = try key.map { key in try Self.localDuplicates(of: key, db) } ?? []
        try db.cachedStatement(
            sql: """
                INSERT INTO applications (id, bundle, region, catalog_version, fields, situations, revision,
                                          state, operator, filed_at, updated_at, hub_fields, hub_fields_revision,
                                          person_key, event_key, exact_key, import_key)
                VALUES (?, ?, ?, ?, ?, ?, 1, 'queued', ?, ?, ?, ?, 0, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            id, application.bundle, application.region, application.catalogVersion, fieldsJSON,
            situationsJSON, operatorId, filedAt.description, filedAt.description, fieldsJSON, key?.person, key?.event, key?.exact,
            importKey,
        ])
        let itemInsert = try db.cachedStatement(
            sql: "INSERT INTO application_items (application_id, item, position) VALUES (?, ?, ?)")
        for (position, item) in application.items.enumerated() {
            try itemInsert.execute(arguments: [id, item, position])
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO outbox (application_id, revision, base_revision, idempotency_key, payload, payload_sha256, queued_at)
                VALUES (?, 1, NULL, ?, ?, ?, ?)
                """
        ).execute(arguments: [id, frozen.key, frozen.payload, frozen.sha256, filedAt.description])
        let seq = db.lastInsertedRowID
        Failpoint.hit(.insideFiling)
        try Self.audit("filed", actor: operatorId ?? "cli", applicationId: id, detail: application.bundle, at: filedAt, db)
        if let draftOwner {
            try db.cachedStatement(sql: "DELETE FROM drafts WHERE operator_id = ?").execute(arguments: [draftOwner])
        }
        return FiledApplication(
            id: id, outboxSeq: seq, idempotencyKey: frozen.key, payloadSHA256: frozen.sha256,
            possibleDuplicates: duplicates)
    }

    /// Applications already filed here for the same person and event (exact), or the same
    /// person with an event a few days apart (near): what the clerk is warned about.
    static func localDuplicates(of key: DuplicateKey, _ db: Database) throws -> [LocalDuplicate] {
        typealias Columns = ApplicationRow.Columns
        return try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, event_key, exact_key FROM applications WHERE person_key = ? ORDER BY rowid LIMIT 100"),
            arguments: [key.person]
        ).compactMap { row in
            let id: String = try row.value(Columns.id, of: "applications", key: "?")
            let exact: String? = try row.value(Columns.exactKey, of: "applications", key: id)
            if exact == key.exact { return LocalDuplicate(id: id, kind: .exact) }
            let other = DuplicateKey(person: key.person, event: try row.value(Columns.eventKey, of: "applications", key: id) ?? "", ordinal: "")
            return key.isNear(other, rule: .default) ? LocalDuplicate(id: id, kind: .near) : nil
        }
    }

    struct FrozenEntry {
        var key: String
        var payload: Data
        var sha256: String
    }

    static func freeze(_ payload: ApplicationPayload) -> FrozenEntry {
        let data = Data(payload.canonicalJSONBytes)
        return FrozenEntry(key: UUID().uuidString.lowercased(), payload: data, sha256: Hex.sha256(data))
    }
}

/// Lower-case hex SHA-256 digests.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func sha256(_ data: Data) -> String {
        string(SHA256.hash(data: data))
    }

    static func string(_ bytes: some Sequence<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of lower-case hex text, or nil.
    static func bytes(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        for index in stride(from: 0, to: utf8.count, by: 2) {
            guard let high = digits.firstIndex(of: utf8[index]), let low = digits.firstIndex(of: utf8[index + 1]) else { return nil }
            out.append(UInt8(high << 4 | low))
        }
        return out
    }
}

/// Application ids: `OT-` and ten Crockford base-32 characters (50 random bits), easy to
/// read out over a counter and free of personal data.
package enum ApplicationID {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    package static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bits = generator.next() as UInt64
        let chars = (0..<10).map { alphabet[Int((bits >> (UInt64($0) * 5)) & 31)] }
        return "OT-" + String(chars)
    }

    package static func isWellFormed(_ s: String) -> Bool {
        s.count == 13 && s.hasPrefix("OT-") && s.dropFirst(3).allSatisfy { alphabet.contains($0) }
    }
}
