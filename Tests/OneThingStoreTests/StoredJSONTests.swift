import Foundation
import GRDB
import OneThingDatabase
import OneThingModel
import OneThingStore
import TestSupport
import Testing

/// JSON kept in the node's columns is read strictly: a damaged value is an error naming the
/// table and row, never an empty map, list or "no duplicate".
@Suite("Stored JSON at the node")
struct StoredJSONTests {
    func filed() throws -> (TemporaryDirectory, NodeStore, String) {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let filed = try store.file(try Examples.validated("birth"), operatorId: "clerk-1", filedAt: TestMoment.filing)
        return (dir, store, filed.id)
    }

    @Test("a damaged field map, list of situations or duplicate is a damaged row of applications", arguments: [
        "fields = '{\"mother_name\":1}'", "fields = '{'", "situations = '[\"a\",]'", "duplicate = '{}'",
        "fields = '{\"a\":\"b\",\"a\":\"c\"}'",
    ])
    func damagedApplication(_ assignment: String) throws {
        let (dir, store, id) = try filed()
        try DatabaseQueue(path: dir.file("node.sqlite")).write { db in
            try db.execute(sql: "UPDATE applications SET \(assignment) WHERE id = ?", arguments: [id])
        }
        expectDamagedRow(table: "applications", key: id) { try store.application(id: id) }
    }

    @Test("damaged documents of an item are a damaged row of application_items naming the item")
    func damagedDocuments() throws {
        let (dir, store, id) = try filed()
        try DatabaseQueue(path: dir.file("node.sqlite")).write { db in
            try db.execute(
                sql: "UPDATE application_items SET result = '[1]' WHERE application_id = ? AND item = 'birth-certificate'", arguments: [id])
        }
        expectDamagedRow(table: "application_items", key: "\(id) birth-certificate") { try store.application(id: id) }
    }

    @Test("a remembered catalogue whose files no longer read as JSON is a damaged row, not a catalogue never had")
    func damagedCatalogue() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        try store.rememberCatalog(version: "v-test", files: [CatalogFile(path: "catalog.json", text: "{}")])
        #expect(try store.catalog(version: "v-test") == nil, "readable, but not a catalogue that passes the checker")
        try DatabaseQueue(path: dir.file("node.sqlite")).write { db in
            try db.execute(sql: "UPDATE catalog_versions SET files = '[{\"path\":\"catalog.json\"}]' WHERE version = 'v-test'")
        }
        expectDamagedRow(table: "catalog_versions", key: "v-test") { try store.catalog(version: "v-test") }
        #expect(try store.catalog(version: "never") == nil)
    }

    /// `body` fails with a damaged row of `table` under `key` (whatever the database's path).
    func expectDamagedRow(table: String, key: String, _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) {
            try body()
        } throws: { error in
            guard let failure = (error as? StoreError)?.database else { return false }
            return failure.code == .damagedRow && failure.table == table && failure.key == key
        }
    }
}
