import GRDB
import OneThingModel
import OneThingWire

/// The hub's rules on SQLite: one GRDB connection inside the store's write (or read)
/// transaction. Statements are cached per connection (`cachedStatement`), as the rules ran
/// before they were shared with PostgreSQL.
struct GRDBHubSQL: HubSQL {
    let db: Database

    init(_ db: Database) { self.db = db }

    @discardableResult
    func execute(_ sql: String, _ arguments: [any HubBindable]) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [any HubBindable]) throws -> [HubRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        var rows: [HubRow] = []
        while let row = try cursor.next() {
            var values: [HubValue] = []
            values.reserveCapacity(columns.count)
            for index in columns.indices {
                values.append(Self.value(row[index] as DatabaseValue))
            }
            rows.append(HubRow(columns: columns, values: values))
        }
        return rows
    }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        // (GRDB returns from inSavepoint only after the body ran to its end.)
        guard let result else { throw HubError.internalFailure(what: "a savepoint's result") }
        return result
    }

    var forUpdate: String { "" }

    func lockChangeLog() throws {}

    func lockDuplicateKey(_ personKey: String) throws {}

    func tableExists(_ name: String) throws -> Bool {
        try db.tableExists(name)
    }

    func prepareSecureDelete() throws {
        try db.execute(sql: "PRAGMA secure_delete = ON")
    }

    static func arguments(_ values: [any HubBindable]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value.hubValue {
            case .null, .other: nil
            case .integer(let number): number
            case .text(let text): text
            }
        })
    }

    /// A stored value as the hub reads it (a real or a blob, which the hub never writes, as
    /// `other`, which no column reads).
    static func value(_ value: DatabaseValue) -> HubValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .string(let text): .text(text)
        case .double, .blob: .other
        }
    }
}

extension ItemState: HubColumnValue {}
extension DuplicateKind: HubColumnValue {}
