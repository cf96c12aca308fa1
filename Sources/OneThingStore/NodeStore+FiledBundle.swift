import GRDB
import OneThingModel
import Synchronization

/// The bundle definitions the store's own rules come from (system fields, issued fields,
/// duplicate keys): the catalogue each application was filed under (`FiledUnder`), read
/// inside the caller's transaction. Catalogues kept in a database are loaded once per
/// process, by file and version.
extension NodeStore {
    /// The definition of the bundle of application `id`, or nil when there is no such
    /// application or no catalogue has its bundle.
    static func filedBundle(of id: String, _ db: Database) throws -> BundleDefinition? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT bundle, catalog_version FROM applications WHERE id = ?"), arguments: [id])
        else { return nil }
        return try filedBundle(row["bundle"], version: row["catalog_version"], db)
    }

    static func filedBundle(_ code: String, version: String, _ db: Database) throws -> BundleDefinition? {
        try FiledUnder.bundle(code, version: version) { version in try keptCatalog(version: version, db) }
    }

    /// Loaded catalogues by database file and version (a version kept in a file never changes).
    private static let loaded = Mutex<[String: Catalog?]>([:])

    private static func keptCatalog(version: String, _ db: Database) throws -> Catalog? {
        let file = try String.fetchOne(db.cachedStatement(sql: "SELECT file FROM pragma_database_list WHERE name = 'main'"))
        let key = (file ?? "") + "\u{0}" + version
        if let cached = loaded.withLock({ $0[key] }) { return cached }
        guard let files = try keptCatalogFiles(version: version, db) else { return nil }
        let catalog = try? CatalogLoader.load(files: files, today: CivilDate.latestChecked)
        loaded.withLock { $0[key] = .some(catalog) }
        return catalog
    }
}

extension NodeStore {
    /// The fields the hub sets from issued documents, for `SyncMachine.issuedEvents`, each with
    /// the line its arrival writes: `identity_issued` for one that replaces a provisional
    /// identity, `document_issued` for another.
    static func issuedFields(_ bundle: BundleDefinition?) -> [SyncMachine.IssuedField] {
        (bundle?.systemFields ?? []).filter { $0.setBy == .hub }.map { field in
            SyncMachine.IssuedField(field: field.id, event: field.replaces == nil ? .documentIssued : .identityIssued)
        }
    }

    /// Whether a stored field map (its text, `before`) holds `field`: a key of the map, as
    /// the canonical writer writes it. Read without decoding the map.
    static func holds(_ field: String, in before: String) -> Bool {
        before.contains("\"\(field)\":")
    }
}
