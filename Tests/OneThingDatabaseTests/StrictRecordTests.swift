import GRDB
import OneThingDatabase
import OneThingModel
import TestSupport
import Testing

/// Record types read strictly: a damaged row is an error naming its table and key, never a
/// trap and never a default.
@Suite("Strict records")
struct StrictRecordTests {
    struct Thing: StrictRecord, Equatable {
        static let databaseTableName = "things"
        enum Columns {
            static let id = Column("id")
            static let weight = Column("weight")
            static let state = Column("state")
            static let at = Column("at")
        }
        var id: String
        var weight: Int
        var state: ItemState
        var at: Timestamp?

        init(id: String, weight: Int, state: ItemState, at: Timestamp?) {
            self.id = id
            self.weight = weight
            self.state = state
            self.at = at
        }

        init(decoding row: Row) throws {
            id = try row.value(Columns.id)
            weight = try row.value(Columns.weight)
            state = try row.value(Columns.state)
            at = try row.value(Columns.at)
        }

        static func rowKey(_ row: Row) -> String { row.keyText(Columns.id) }
    }

    static func queue(_ rows: [String]) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            // No constraints: the table holds what a hand edit or a damaged page could leave.
            try db.execute(sql: "CREATE TABLE things (id, weight, state, at)")
            for row in rows { try db.execute(sql: "INSERT INTO things VALUES \(row)") }
        }
        return queue
    }

    @Test("a sound row reads into the record")
    func sound() throws {
        let queue = try Self.queue(["('a', 3, 'approved', '2026-11-26T10:00+08:00')", "('b', 4, 'pending', NULL)"])
        let things = try queue.read { db in try Thing.fetchAll(db, sql: "SELECT * FROM things ORDER BY id") }
        #expect(things == [
            Thing(id: "a", weight: 3, state: .approved, at: Timestamp.parse("2026-11-26T10:00+08:00")),
            Thing(id: "b", weight: 4, state: .pending, at: nil),
        ])
    }

    @Test(
        "a damaged row is a damagedRow naming the table and the row's key",
        arguments: [
            "('a', NULL, 'approved', NULL)",  // NULL where a value is required
            "('a', 'heavy', 'approved', NULL)",  // text where a number is
            "('a', 3, 'lost', NULL)",  // a state that does not exist
            "('a', 3, 'approved', 'yesterday')",  // a time that is not one
            "('a', 3, 'approved', x'00ff')",  // a blob
        ])
    func damaged(_ values: String) throws {
        let queue = try Self.queue([values])
        do {
            _ = try queue.read { db in try Thing.fetchAll(db, sql: "SELECT * FROM things") }
            Issue.record("a damaged row was read: \(values)")
        } catch {
            let failure = DatabaseFailure(error, path: "/data/x.sqlite")
            #expect(failure == DatabaseFailure(.damagedRow, path: "/data/x.sqlite", table: "things", key: "a"))
            #expect(failure.description.contains("things") && failure.description.contains("(a)"))
        }
    }

    @Test("one column outside a record: the same strictness")
    func strictColumn() throws {
        let queue = try Self.queue(["('a', NULL, 'approved', NULL)"])
        try queue.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM things"))
            #expect(throws: DatabaseFailure.damagedRow(table: "things", key: "a")) {
                let _: Int = try row.value(Thing.Columns.weight, of: "things", key: "a")
            }
            let id: String = try row.value(Thing.Columns.id, of: "things", key: "a")
            #expect(id == "a")
        }
    }
}
