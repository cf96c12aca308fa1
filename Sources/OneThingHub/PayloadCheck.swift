import Foundation
import OneThingModel
import OneThingWire
import Synchronization

/// The hub checks every pushed payload with the validator the node uses, under the
/// catalogue version the node names (the hub keeps every version it has served), as of the
/// moment the node says it filed the application: fields, types, checksums, cross-field
/// rules, items and their dependencies, the region. Nodes are PCs in wards and schools;
/// some run an edited catalogue, some may be compromised: nothing unchecked is stored.
struct PayloadCheck {
    let current: HubCatalog
    let now: Timestamp

    /// How far a node's clock may run ahead of the hub's, and how long a node may hold an
    /// application before it reaches the hub, for the stated filing moment to be believed.
    static let clockSkewDays = 2
    static let longestOfflineDays = 400

    /// The problems as one reason (field: message; ...), or nil when the payload is valid.
    func problems(_ payload: ApplicationPayload, _ db: some HubSQL) throws -> String? {
        guard let catalog = try catalog(version: payload.catalogVersion, db) else {
            return "The hub does not know catalogue version \(String(payload.catalogVersion.prefix(64))): the node must file under a catalogue the hub published (it uses \(current.version))."
        }
        guard let region = catalog.region(payload.region) else {
            return "Catalogue \(catalog.version) has no region \(String(payload.region.prefix(16)))."
        }
        var asOf = now
        if let text = payload.filedAt {
            guard let filed = Timestamp.parse(text) else {
                return "filed_at is not a moment written YYYY-MM-DDTHH:MM+08:00."
            }
            guard filed <= now.adding(days: Self.clockSkewDays), filed >= now.adding(days: -Self.longestOfflineDays) else {
                return "filed_at lies more than \(Self.clockSkewDays) days after the hub's clock or more than \(Self.longestOfflineDays) days before it."
            }
            asOf = filed
        }
        let bundle = catalog.bundle(payload.bundle)
        let formFields = bundle?.formFields(payload.fields) ?? payload.fields
        let inputs = formFields.mapValues { FieldInput.text($0) }
        switch FormValidator(catalog: catalog, region: region).validate(
            bundle: payload.bundle, items: payload.items, inputs: inputs, now: asOf.civil)
        {
        case .failure(let found):
            return found.problems.prefix(20).map { problem in
                (problem.field.map { Self.fieldName($0) + ": " } ?? "") + problem.message
            }.joined(separator: "; ")
        case .success(let valid):
            if valid.items != payload.items {
                return "The items must be listed once each, in the bundle's order: \(valid.items.joined(separator: ", "))."
            }
            if valid.fields != formFields {
                return "Fields must be sent as the node's validator normalises them (\(changedFields(valid.fields, formFields)))."
            }
        }
        for field in bundle?.systemFields ?? [] where field.setBy == .node {
            if let provisional = field.provisional, let value = payload.fields[field.id],
                value != provisional.value(applicationId: payload.applicationId)
            {
                return "\(field.id): the provisional identity is \(provisional.prefix) and the application id's ten characters."
            }
        }
        return nil
    }

    /// A field name as sent, safe to store and show: at most 64 characters, anything but
    /// ASCII letters, digits, `_`, `-` and `.` replaced by `?` (a name from a node may carry
    /// escape sequences meant for a terminal).
    static func fieldName(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.prefix(64).map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-.".unicodeScalars.contains(scalar))
                ? scalar : "?"
        }))
    }

    private func changedFields(_ valid: [String: String], _ given: [String: String]) -> String {
        Set(valid.keys).union(given.keys).filter { valid[$0] != given[$0] }.sorted()
            .prefix(10).map(Self.fieldName).joined(separator: ", ")
    }

    /// The catalogue of `version`: the one the hub serves, else one it keeps (`kept`).
    func catalog(version: String, _ db: some HubSQL) throws -> Catalog? {
        if version == current.version { return current.catalog }
        return try Self.kept(version: version, db)
    }

    /// The catalogue of `version` the hub keeps: the one built into it (which the nodes of
    /// this release carry), or one it served and recorded. One recorded that no longer reads
    /// or loads is a damaged row (the hub's to repair), not a version the node made up.
    static func kept(version: String, _ db: some HubSQL) throws -> Catalog? {
        if let builtIn = CatalogLoader.builtIn, builtIn.version == version { return builtIn }
        if let cached = cache.withLock({ $0[version] }) { return cached }
        guard try db.tableExists("catalogs"),
            let text: String = try db.value("SELECT files FROM catalogs WHERE version = ?", [version])
        else {
            return nil
        }
        let files = try StoredJSON.decode([CatalogFile].self, from: text, table: "catalogs", key: version)
        guard let catalog = try? CatalogLoader.load(files: files, today: CivilDate.latestChecked) else {
            throw HubError.damagedRow(table: "catalogs", key: version)
        }
        cache.withLock { $0[version] = catalog }
        return catalog
    }

    /// Catalogues read back from the database, by version (a version never changes).
    private static let cache = Mutex<[String: Catalog]>([:])

    /// (database location, version) pairs already recorded by this process: the catalogue's files
    /// are encoded and written once, not with every push.
    private static let recorded = Mutex<Set<String>>([])

    /// Keeps the catalogue the hub serves, so that applications filed under it are checked,
    /// amended and shown under it after the hub moves to a newer one; part of the caller's
    /// transaction, until `recorded(_:location:)` says it is kept. Returns whether it wrote:
    /// then the caller calls `recorded` once its transaction committed (a transaction rolled
    /// back, or run again after a PostgreSQL serialization failure, writes it again).
    static func record(_ catalog: HubCatalog, location: String, _ db: some HubSQL) throws -> Bool {
        guard !recorded.withLock({ $0.contains(location + "\u{0}" + catalog.version) }) else { return false }
        let json = StoredJSON.encode(catalog.files)
        try db.execute("INSERT INTO catalogs (version, files) VALUES (?, ?) ON CONFLICT (version) DO NOTHING", [catalog.version, json])
        return true
    }

    /// The catalogue is kept in the database at `location` (its transaction committed).
    static func recorded(_ catalog: HubCatalog, location: String) {
        _ = recorded.withLock { $0.insert(location + "\u{0}" + catalog.version) }
    }
}
