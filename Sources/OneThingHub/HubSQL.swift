import OneThingDatabase

/// One connection inside one transaction of the hub's database, for the hub's rules
/// (`HubSQLStore`): SQL written once, in the subset SQLite and PostgreSQL both accept
/// (`?` placeholders, `ON CONFLICT ... DO ...`, `COALESCE`, `LIMIT`), bound to text and
/// integers only. What the two databases do differently is a requirement here, not a branch
/// in the rules: row locks (`forUpdate`), the order of the change log (`lockChangeLog`),
/// and the statements one dialect has and the other lacks.
///
/// Implementations: `GRDBHubSQL` (SQLite, cached statements) and `PostgresHubSQL` (one
/// PostgreSQL connection, waited on from a thread of the store's own pool).
package protocol HubSQL {
    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [any HubBindable]) throws -> Int
    /// The rows of a query.
    func rows(_ sql: String, _ arguments: [any HubBindable]) throws -> [HubRow]
    /// Runs `body` atomically inside the transaction: its rows all or none.
    func savepoint<T>(_ body: () throws -> T) throws -> T
    /// Appended to a `SELECT` that reads a row the transaction will change: `" FOR UPDATE"`
    /// on PostgreSQL, where several processes write at once; nothing on SQLite, where a write
    /// transaction holds the whole database.
    var forUpdate: String { get }
    /// Called before a row is appended to `changes`: PostgreSQL takes a transaction-scoped
    /// lock, so that transactions that append changes commit in cursor order and a node
    /// pulling never skips a change committed late (sync/README.md, "Several hub
    /// processes"); SQLite's one writer already commits in that order.
    func lockChangeLog() throws
    /// Called before the applications of a person are looked up for duplicates: PostgreSQL
    /// takes a transaction-scoped lock on the person's key, so that two processes accepting
    /// the same person's applications at once see each other's (SQLite: one writer).
    func lockDuplicateKey(_ personKey: String) throws
    /// Whether a table exists (older SQLite schemas during their migrations lack some).
    func tableExists(_ name: String) throws -> Bool
    /// Before the retention purge: SQLite overwrites deleted content (`secure_delete`).
    func prepareSecureDelete() throws
}

extension HubSQL {
    @discardableResult
    func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    /// The first row's first column, or nil when there is no row.
    func value<Value: HubColumnValue>(_ sql: String, _ arguments: [any HubBindable] = []) throws -> Value? {
        guard let row = try rows(sql, arguments).first else { return nil }
        return try row.value(at: 0, of: "?", key: "?")
    }

    /// Each row's first column.
    func values<Value: HubColumnValue>(_ sql: String, _ arguments: [any HubBindable] = []) throws -> [Value] {
        try rows(sql, arguments).map { row in try row.value(at: 0, of: "?", key: "?") }
    }

    /// Whether the query gives a row.
    func exists(_ sql: String, _ arguments: [any HubBindable] = []) throws -> Bool {
        try !rows(sql, arguments).isEmpty
    }

    func fetchAll<Record: HubRecord>(_ type: Record.Type, _ sql: String, _ arguments: [any HubBindable] = []) throws -> [Record] {
        try rows(sql, arguments).map(Record.init(row:))
    }

    func fetchOne<Record: HubRecord>(_ type: Record.Type, _ sql: String, _ arguments: [any HubBindable] = []) throws -> Record? {
        try rows(sql, arguments).first.map(Record.init(row:))
    }

    /// `?, ?, ?` for an `IN (...)` of `count` values.
    func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
