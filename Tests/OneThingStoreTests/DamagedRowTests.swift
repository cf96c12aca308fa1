import Foundation
import GRDB
import OneThingDatabase
import OneThingStore
import TestSupport
import Testing

/// A row edited by hand or damaged is reported with its table and key, never read as a
/// default (an empty field map, a pending item, a queued application).
@Suite("Damaged rows of the node database")
struct DamagedRowTests {
    /// The damage, its table, and whether `list` reads the damaged column too.
    static let damage: [(table: String, sql: String, listed: Bool)] = [
        ("applications", "UPDATE applications SET fields = '{\"a\":'", false),
        ("applications", "UPDATE applications SET duplicate = 'not json'", false),
        ("applications", "UPDATE applications SET state = 'lost'", true),
        ("applications", "UPDATE applications SET filed_at = 'yesterday'", true),
        ("application_items", "UPDATE application_items SET state = 'maybe'", true),
        ("application_items", "UPDATE application_items SET result = '[1,'", true),
    ]

    @Test("show and list name the damaged table", arguments: 0..<damage.count)
    func damaged(_ index: Int) throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        let filed = try NodeStore.open(path: path).file(try Examples.validated("birth"), filedAt: TestMoment.filing)
        // Triggers and CHECK constraints keep SQL from writing such rows; a hand edit with
        // them off, or a damaged page, can.
        try DatabaseQueue(path: path).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: Self.damage[index].sql)
        }
        let store = try NodeStore.open(path: path)
        var reads: [() throws -> Void] = [{ _ = try store.application(id: filed.id) }]
        if Self.damage[index].listed { reads.append { _ = try store.applications() } }
        for read in reads {
            do {
                try read()
                Issue.record("\(Self.damage[index].sql): read without an error")
            } catch let error as StoreError {
                guard let failure = error.database else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(failure.code == .damagedRow)
                #expect(failure.table == Self.damage[index].table)
                #expect(failure.key?.hasPrefix(filed.id) == true)
                #expect(failure.path == path)
            }
        }
    }
}
