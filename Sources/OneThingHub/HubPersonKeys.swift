import Crypto
import Foundation
import GRDB
import OneThingDatabase
import OneThingModel

/// The person in the hub's duplicate keys (a mother's or child's resident ID number) is
/// stored and indexed as HMAC-SHA256 under a secret of the hub's database (`meta`), never in
/// clear, so that after a purge no ID number remains in the index. Duplicates across nodes
/// are matched at the hub only, so one secret suffices.
enum HubPersonKeys {
    static let secretKey = "person_key_secret"
    static let prefix = "hk1:"

    static func newSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }

    static func secret(_ db: some HubSQL) throws -> SymmetricKey {
        guard let hex: String = try db.value("SELECT value FROM meta WHERE key = ?", [secretKey]),
            hex.utf8.count == 64
        else {
            throw HubError.damagedRow(table: "meta", key: secretKey)
        }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { throw HubError.damagedRow(table: "meta", key: secretKey) }
            bytes.append(byte)
            index = next
        }
        return SymmetricKey(data: bytes)
    }

    /// The stored duplicate key of an application, its person keyed.
    static func key(bundle: BundleDefinition?, fields: [String: String], _ db: some HubSQL) throws -> DuplicateKey? {
        guard let key = bundle?.duplicateKey(of: fields) else { return nil }
        let secret = try secret(db)
        return key.keyed { person in
            prefix + HMAC<SHA256>.authenticationCode(for: Data(person.utf8), using: secret).map { String(format: "%02x", $0) }.joined()
        }
    }

    /// Schema v5: the secret drawn, every stored person keyed (with `secure_delete`, so the
    /// raw values' old index cells are overwritten).
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "PRAGMA secure_delete = ON")
        try db.execute(sql: "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", arguments: [secretKey, newSecret()])
        typealias Columns = ApplicationRecord.Columns
        let sql = GRDBHubSQL(db)
        for row in try Row.fetchAll(
            db, sql: "SELECT province_no, bundle, catalog_version, fields FROM applications WHERE person_key IS NOT NULL")
        {
            // Columns read one by one: the record's full shape is a later schema's.
            let number: String = try row.value(Column(Columns.provinceNo), of: "applications", key: "?")
            let fields = try StoredJSON.decode(
                [String: String].self, from: row.value(Column(Columns.fields), of: "applications", key: number), table: "applications",
                key: number)
            let bundle = try FiledBundle.of(
                row.value(Column(Columns.bundle), of: "applications", key: number),
                version: row.value(Column(Columns.catalogVersion), of: "applications", key: number), sql)
            let key = try Self.key(bundle: bundle, fields: fields, sql)
            try db.execute(
                sql: "UPDATE applications SET person_key = ?, event_key = ?, exact_key = ? WHERE province_no = ?",
                arguments: [key?.person, key?.event, key?.exact, number])
        }
    }
}
