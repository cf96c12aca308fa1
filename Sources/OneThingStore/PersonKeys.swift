import Crypto
import Foundation
import GRDB
import OneThingModel

/// The person in a duplicate key (a mother's or child's resident ID number) is stored and
/// indexed as a keyed hash, HMAC-SHA256 under a secret drawn for this database, never in
/// clear: after a purge no ID number remains in the file's index pages, and look-ups by ID
/// number hash the number typed. The secret lives in `node_config` (issue 15 moves it under
/// a key-encryption key).
enum PersonKeys {
    static let secretKey = "person_key_secret"
    /// Marks a keyed person ("hk1:" and 64 hex digits), so that a raw one is never mistaken for it.
    static let prefix = "hk1:"

    /// 32 random bytes as hex.
    static func newSecret() -> String {
        Hex.string(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    static func secret(_ db: Database) throws -> SymmetricKey {
        guard let hex = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM node_config WHERE key = ?"), arguments: [secretKey]),
            let bytes = Hex.bytes(hex), bytes.count == 32
        else {
            throw StoreError.damagedRow(table: "node_config", key: secretKey)
        }
        return SymmetricKey(data: bytes)
    }

    static func hash(_ person: String, secret: SymmetricKey) -> String {
        prefix + Hex.string(Data(HMAC<SHA256>.authenticationCode(for: Data(person.utf8), using: secret)))
    }

    /// The stored duplicate key of an application of `bundle` (as its catalogue declares
    /// the key), its person keyed.
    static func key(bundle: BundleDefinition?, fields: [String: String], _ db: Database) throws -> DuplicateKey? {
        guard let key = bundle?.duplicateKey(of: fields) else { return nil }
        let secret = try secret(db)
        return key.keyed { hash($0, secret: secret) }
    }

    /// The keyed persons a look-up term may be (a mother's or a child's ID number): the
    /// person of each of `bundles` (the codes of the bundles that declare a duplicate key).
    static func lookUp(_ term: String, bundles: [String], _ db: Database) throws -> [String] {
        let secret = try secret(db)
        return bundles.map { hash($0 + "|" + term, secret: secret) }
    }

    /// Schema v8: draws the secret and keys every stored person (raw until now), with
    /// `secure_delete` on so that the raw values' old index cells are overwritten, not only
    /// unlinked. Purged applications have no key to redo.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "PRAGMA secure_delete = ON")
        try db.execute(sql: "INSERT OR IGNORE INTO node_config (key, value) VALUES (?, ?)", arguments: [secretKey, newSecret()])
        let persons = try ApplicationRow.Person.fetchAll(
            db, sql: "SELECT \(ApplicationRow.Person.selection) FROM applications WHERE person_key IS NOT NULL")
        for person in persons {
            let bundle = try NodeStore.filedBundle(person.bundle, version: person.catalogVersion, db)
            let key = try Self.key(bundle: bundle, fields: person.fields, db)
            try db.execute(
                sql: "UPDATE applications SET person_key = ?, event_key = ?, exact_key = ? WHERE id = ?",
                arguments: [key?.person, key?.event, key?.exact, person.id])
        }
    }
}
