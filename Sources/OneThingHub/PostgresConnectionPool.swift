import Logging
import PostgresNIO

/// The connections of one `PostgresHubStore`: at most `limit` open, reused; a caller waits
/// for one when all are in use. A connection that failed is closed, not reused.
actor PostgresConnectionPool {
    let configuration: PostgresConnection.Configuration
    let limit: Int
    let logger: Logger
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var nextID = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(configuration: PostgresConnection.Configuration, limit: Int, logger: Logger) {
        self.configuration = configuration
        self.limit = max(1, limit)
        self.logger = logger
    }

    func acquire() async throws -> PostgresConnection {
        while true {
            if let connection = idle.popLast() {
                if connection.isClosed {
                    open -= 1
                    continue
                }
                return connection
            }
            if open < limit {
                open += 1
                nextID += 1
                do {
                    return try await PostgresConnection.connect(configuration: configuration, id: nextID, logger: logger)
                } catch {
                    open -= 1
                    wakeOne()
                    throw error
                }
            }
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    /// Gives a connection back; `reusable` false closes it (its transaction ended badly).
    func release(_ connection: PostgresConnection, reusable: Bool) {
        if reusable && !connection.isClosed {
            idle.append(connection)
        } else {
            open -= 1
            Self.close(connection)
        }
        wakeOne()
    }

    /// Closes the idle connections (the store is going away).
    func closeIdle() {
        for connection in idle { Self.close(connection) }
        open -= idle.count
        idle = []
    }

    /// Closes a connection, keeping it until it is closed (PostgresNIO asserts that a
    /// connection is closed before it goes away).
    nonisolated static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private func wakeOne() {
        if !waiting.isEmpty { waiting.removeFirst().resume() }
    }
}
