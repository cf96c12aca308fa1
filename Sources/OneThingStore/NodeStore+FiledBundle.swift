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
    /// Records the fields the hub set from issued documents that the working copy did not
    /// have (`before`, its stored text): `identity_issued` for one that replaces a provisional
    /// identity, `document_issued` for another.
    static func recordIssued(
        _ bundle: BundleDefinition?, before: String, after working: [String: String], id: String, hubRevision: Int,
        _ db: Database
    ) throws {
        for field in bundle?.systemFields ?? [] where field.setBy == .hub && working[field.id] != nil {
            // A key of the stored map, as CanonicalJSON writes it.
            guard !before.contains("\"\(field.id)\":") else { continue }
            let kind = field.replaces == nil ? "document_issued" : "identity_issued"
            try recordEvent(id: id, kind: kind, hubRevision: hubRevision, fields: [field.id], db)
        }
    }
}
