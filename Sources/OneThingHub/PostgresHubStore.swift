import Foundation
package import Logging
import NIOCore
import NIOPosix
import OneThingDatabase
import PostgresNIO

/// The hub's store on PostgreSQL (`--db postgres://USER@HOST:PORT/DB`): the same rules as
/// SQLite's (`HubRules`), for several `serve` processes sharing one database.
///
/// Each transaction holds one pooled connection and runs on a thread of `threads`, where
/// the rules wait for each statement. Write transactions are READ COMMITTED with explicit
/// locks, taken by the rules through `HubSQL` (sync/README.md, "Several hub processes"):
/// the node's row for a push, the application's row for a change of it, the counter's row
/// for a province number, an advisory lock on a person's key for duplicate detection, and
/// the change-log lock before a change is appended, so that commit order is cursor order.
/// A transaction PostgreSQL aborts for a serialization failure or a deadlock runs again, at
/// most `attempts` times; then it fails as `contention`, a temporary failure (exit 75, 503).
/// Read transactions are REPEATABLE READ, READ ONLY: one snapshot.
package final class PostgresHubStore: HubRules {
    package let url: PostgresURL
    let pool: PostgresConnectionPool
    let logger: Logger

    /// How many times a transaction runs before contention is reported.
    static let attempts = 8

    /// The threads transactions run on (they block there, never on an event loop).
    static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 16)
        pool.start()
        return pool
    }()

    package var location: String { url.location }

    /// Connects, and brings the database to this version's tables (creating them in an empty
    /// database); refuses one a newer version migrated.
    package static func open(
        url: PostgresURL, connections: Int = 10, logger: Logger = HubServer.quietLogger,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(HubError) -> PostgresHubStore {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: try PostgresTLS.mode(for: url, environment: environment))
        configuration.options.connectTimeout = .seconds(10)
        let store = PostgresHubStore(
            url: url, pool: PostgresConnectionPool(configuration: configuration, limit: connections, logger: logger), logger: logger)
        let location = url.location
        let pending = try await store.writing { db in try PostgresSchema.pending(db, location: location) }
        for identifier in pending {
            try await store.writing { db in try PostgresSchema.apply(identifier, db) }
        }
        return store
    }

    private init(url: PostgresURL, pool: PostgresConnectionPool, logger: Logger) {
        self.url = url
        self.pool = pool
        self.logger = logger
    }

    deinit {
        let pool = self.pool
        Task { await pool.closeIdle() }
    }

    package func writing<T: Sendable>(_ body: @escaping @Sendable (any HubSQL) throws -> T) async throws(HubError) -> T {
        try await transaction(begin: "BEGIN", body)
    }

    package func reading<T: Sendable>(_ body: @escaping @Sendable (any HubSQL) throws -> T) async throws(HubError) -> T {
        try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// The purged values' old row versions removed from the tables' pages (VACUUM, which
    /// runs outside a transaction).
    package func afterPurge() async throws(HubError) {
        let logger = self.logger
        do {
            try await withConnection { connection in
                for table in ["applications", "revisions", "conflicts", "items", "entries"] {
                    _ = try connection.query(PostgresQuery(unsafeSQL: "VACUUM \(table)"), logger: logger).wait()
                }
            }
        } catch let error as HubError {
            throw error
        } catch {
            throw HubError.database(DatabaseFailure(postgres: error, location: location))
        }
    }

    /// Runs `body` in one transaction, again after a serialization failure or a deadlock.
    private func transaction<T: Sendable>(begin: String, _ body: @escaping @Sendable (any HubSQL) throws -> T)
        async throws(HubError) -> T
    {
        let logger = self.logger
        var attempt = 1
        while true {
            do {
                return try await withConnection { connection in
                    let sql = PostgresHubSQL(connection: connection, logger: logger)
                    do {
                        try sql.execute(begin)
                    } catch {
                        // Nothing of the transaction ran: a pooled connection the server
                        // closed meanwhile (a restart) is dropped and the work runs again.
                        throw NotBegun(underlying: error)
                    }
                    do {
                        let result = try body(sql)
                        try sql.execute("COMMIT")
                        return result
                    } catch {
                        do {
                            try sql.execute("ROLLBACK")
                        } catch {
                            PostgresConnectionPool.close(connection)  // in an unknown state: not reused
                        }
                        throw error
                    }
                }
            } catch let error as HubError {
                throw error
            } catch let error as NotBegun {
                if attempt < Self.attempts, Self.isClosedConnection(error.underlying) {
                    attempt += 1
                    continue
                }
                throw HubError.database(DatabaseFailure(postgres: error.underlying, location: location))
            } catch {
                if attempt < Self.attempts, DatabaseFailure.isRetryable(postgres: error) {
                    attempt += 1
                    try? await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
                    continue
                }
                throw HubError.database(DatabaseFailure(postgres: error, location: location))
            }
        }
    }

    /// A transaction that failed at its BEGIN.
    private struct NotBegun: Error {
        var underlying: any Error
    }

    private static func isClosedConnection(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        return error.code == .serverClosedConnection || error.code == .clientClosedConnection || error.code == .uncleanShutdown
    }

    /// Runs `body` on a thread of `threads` with a connection of the pool (given back unless
    /// it was closed).
    private func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await pool.acquire()
        } catch {
            throw HubError.database(DatabaseFailure(postgres: error, location: location))
        }
        do {
            let result = try await Self.threads.runIfActive { try body(connection) }
            await pool.release(connection, reusable: true)
            return result
        } catch {
            await pool.release(connection, reusable: true)
            throw error
        }
    }
}
