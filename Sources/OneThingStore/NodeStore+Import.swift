import GRDB
package import OneThingModel

/// What filing one line of an import did.
package enum ImportFiling: Sendable, Hashable {
    /// The line was filed now.
    case filed(FiledApplication)
    /// An application with the line's import key was stored before (an earlier run of the
    /// same file, or an identical line earlier in it): its id; nothing was filed.
    case alreadyFiled(id: String)
}

extension NodeStore {
    /// The application filed from an import line with this key, if any (schema v6: the key
    /// is unique among applications).
    package func applicationID(importKey: String) throws(StoreError) -> String? {
        try read { db in try Self.applicationID(importKey: importKey, db) }
    }

    /// Files one line of an import (`apply --ndjson`) with its import key, in ONE
    /// transaction with everything `file` stores: a run killed after the commit finds the
    /// key on the next run. A key already stored (by an earlier run, or by another import
    /// that got there first) answers with that application's id and files nothing.
    package func file(
        _ validated: ValidatedApplication, importKey: String, operatorId: String? = nil, filedAt: Timestamp
    ) throws(StoreError) -> ImportFiling {
        try write { db in
            if let existing = try Self.applicationID(importKey: importKey, db) {
                return .alreadyFiled(id: existing)
            }
            return .filed(
                try Self.insertApplication(
                    validated, operatorId: operatorId, filedAt: filedAt, importKey: importKey, discardingDraftOf: nil, db))
        }
    }

    static func applicationID(importKey: String, _ db: Database) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM applications WHERE import_key = ?"), arguments: [importKey])
    }
}
