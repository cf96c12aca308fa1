import GRDB
import OneThingModel
import OneThingWire

/// One row of `applications`, its JSON columns decoded.
struct ApplicationRecord: Sendable, Hashable {
    var provinceNo: String
    var applicationId: String
    var nodeId: String
    var bundle: String
    var region: String
    var catalogVersion: String
    var fields: [String: String]
    var situations: [String]
    /// The node revision last applied.
    var revision: Int
    var hubRevision: Int
    var duplicateOf: String?

    static func fetch(_ db: Database, provinceNo: String) throws -> ApplicationRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM applications WHERE province_no = ?"), arguments: [provinceNo])
            .map(decode)
    }

    static func fetch(_ db: Database, applicationId: String) throws -> ApplicationRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM applications WHERE application_id = ?"), arguments: [applicationId])
            .map(decode)
    }

    static func fetchAll(_ db: Database) throws -> [ApplicationRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM applications ORDER BY province_no").map(decode)
    }

    private static func decode(_ row: Row) throws -> ApplicationRecord {
        let number: String = row["province_no"]
        return ApplicationRecord(
            provinceNo: number,
            applicationId: row["application_id"],
            nodeId: row["node_id"],
            bundle: row["bundle"],
            region: row["region"],
            catalogVersion: row["catalog_version"],
            fields: try StoredJSON.decode([String: String].self, from: row["fields"], table: "applications", key: number),
            situations: try StoredJSON.decode([String].self, from: row["situations"], table: "applications", key: number),
            revision: row["revision"],
            hubRevision: row["hub_revision"],
            duplicateOf: row["duplicate_of"])
    }

    func insert(_ db: Database) throws {
        try db.cachedStatement(sql: """
                INSERT INTO applications (province_no, application_id, node_id, bundle, region, catalog_version,
                                          fields, situations, revision, hub_revision, duplicate_of)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                provinceNo, applicationId, nodeId, bundle, region, catalogVersion,
                try StoredJSON.encode(fields), try StoredJSON.encode(situations), revision, hubRevision, duplicateOf,
            ])
    }

    /// Writes the mutable columns back.
    func update(_ db: Database) throws {
        try db.cachedStatement(sql: """
                UPDATE applications SET fields = ?, situations = ?, region = ?, catalog_version = ?,
                                        revision = ?, hub_revision = ?, duplicate_of = ?
                WHERE province_no = ?
                """).execute(arguments: [
                try StoredJSON.encode(fields), try StoredJSON.encode(situations), region, catalogVersion,
                revision, hubRevision, duplicateOf, provinceNo,
            ])
    }

    /// Appends a row to the hub's commit sequence, for the application's node to pull.
    func recordChange(_ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO changes (node_id, province_no) VALUES (?, ?)").execute(arguments: [nodeId, provinceNo])
    }

    func hubApplication(items: [ItemRecord]) -> HubApplication {
        HubApplication(
            provinceNo: provinceNo, applicationId: applicationId, nodeId: nodeId, bundle: bundle,
            revision: revision, hubRevision: hubRevision, items: items.map(\.decision), fields: fields,
            duplicateOf: duplicateOf)
    }

    /// The application with its items, as the admin API and `show --json` give it.
    static func hubApplication(_ db: Database, provinceNo: String) throws -> HubApplication {
        guard let record = try fetch(db, provinceNo: provinceNo) else {
            throw HubError.noSuchApplication(provinceNo: provinceNo)
        }
        return record.hubApplication(items: try ItemRecord.fetchAll(db, provinceNo: provinceNo))
    }
}
