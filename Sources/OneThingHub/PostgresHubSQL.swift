import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// The hub's rules on PostgreSQL: one connection inside one transaction, run on a thread of
/// `PostgresHubStore`'s own pool, never on an event loop: each statement is sent and its
/// result waited for there, so that the rules stay the synchronous code SQLite runs.
/// `?` placeholders become `$1`, `$2`, ...; text and integers are bound as text and int8.
struct PostgresHubSQL: HubSQL {
    let connection: PostgresConnection
    let logger: Logger

    /// The key of the transaction-scoped advisory lock that orders the change log
    /// (`lockChangeLog`): "OTHUBCHG" as a number.
    static let changeLogLock: Int64 = 0x4F54_4855_4243_4847
    /// The first key of the advisory locks on a person's duplicate key (two-int form, a
    /// key space of its own).
    static let duplicateKeyLockClass: Int32 = 0x4F54_4450

    @discardableResult
    func execute(_ sql: String, _ arguments: [any HubBindable]) throws -> Int {
        let result = try run(sql, arguments)
        return result.metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: [any HubBindable]) throws -> [HubRow] {
        try run(sql, arguments).rows.map(Self.row)
    }

    /// An entry's failure fails the whole transaction here (the rules rethrow it), and
    /// PostgreSQL rolls the transaction back entire: the entry's rows all or none, as the
    /// savepoint gives on SQLite, without two more round trips an entry.
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        try body()
    }

    var forUpdate: String { " FOR UPDATE" }

    func lockChangeLog() throws {
        try execute("SELECT pg_advisory_xact_lock(?)", [Self.changeLogLock])
    }

    func lockDuplicateKey(_ personKey: String) throws {
        try execute("SELECT pg_advisory_xact_lock(?::integer, hashtext(?))", [Int(Self.duplicateKeyLockClass), personKey])
    }

    func tableExists(_ name: String) throws -> Bool {
        try exists("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?", [name])
    }

    /// PostgreSQL keeps no free pages with old values to overwrite in place; the old row
    /// versions go with `PostgresHubStore.afterPurge`'s VACUUM.
    func prepareSecureDelete() throws {}

    private func run(_ sql: String, _ arguments: [any HubBindable]) throws -> PostgresQueryResult {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument.hubValue {
            case .null, .other: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            }
        }
        let query = PostgresQuery(unsafeSQL: Self.numbered(sql), binds: bindings)
        return try connection.query(query, logger: logger).wait()
    }

    static func row(_ row: PostgresRow) throws -> HubRow {
        var columns: [String] = []
        var values: [HubValue] = []
        for cell in row {
            columns.append(cell.columnName)
            guard cell.bytes != nil else {
                values.append(.null)
                continue
            }
            switch cell.dataType {
            case .int8: values.append(.integer(try cell.decode(Int64.self)))
            case .int4: values.append(.integer(Int64(try cell.decode(Int32.self))))
            case .int2: values.append(.integer(Int64(try cell.decode(Int16.self))))
            case .text, .varchar, .name, .bpchar: values.append(.text(try cell.decode(String.self)))
            default: values.append(.other)
            }
        }
        return HubRow(columns: columns, values: values)
    }

    /// The statement with `?` numbered as PostgreSQL wants (`$1`, ...), outside quoted text;
    /// each text converted once a process.
    static func numbered(_ sql: String) -> String {
        if let done = converted.withLock({ $0[sql] }) { return done }
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        converted.withLock { $0[sql] = result }
        return result
    }

    private static let converted = Mutex<[String: String]>([:])
}
