import OneThingModel

/// The bundle definition an application's rules come from on the hub (its system fields,
/// the documents its items issue, its duplicate key): the catalogue it was filed under
/// (`FiledUnder`), as the hub keeps it.
enum FiledBundle {
    static func of(_ code: String, version: String, _ db: some HubSQL) throws -> BundleDefinition? {
        try FiledUnder.bundle(code, version: version) { version in try PayloadCheck.kept(version: version, db) }
    }
}

extension ApplicationRecord {
    func filedBundle(_ db: some HubSQL) throws -> BundleDefinition? {
        try FiledBundle.of(bundle, version: catalogVersion, db)
    }
}
