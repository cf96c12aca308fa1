import Foundation
import Logging
@testable import OneThingHub
import PostgresNIO
import TestSupport
import Testing

/// The databases the hub's store runs on; the contract tests run on each `available` one.
/// PostgreSQL cases need a server: $ONETHING_TEST_POSTGRES_URL (scripts/postgres.sh starts
/// one, and scripts/test.sh always does). Without it they do not exist, and the test
/// "PostgreSQL contract cases" is shown skipped with that reason, never passed; with
/// $ONETHING_TEST_POSTGRES_LOG set, each PostgreSQL case that opened its database appends a
/// line there, which scripts/test.sh counts.
enum HubBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static let urlVariable = "ONETHING_TEST_POSTGRES_URL"

    /// Whether the PostgreSQL test server is given.
    static var postgresConfigured: Bool {
        !(ProcessInfo.processInfo.environment[urlVariable] ?? "").isEmpty
    }

    /// The backends the contract tests run on here: SQLite always, PostgreSQL with a server.
    static var available: [HubBackend] { postgresConfigured ? [.sqlite, .postgres] : [.sqlite] }

    func openStore(directory: TemporaryDirectory) async throws -> any HubRules {
        switch self {
        case .sqlite:
            return try HubStore.open(path: directory.file("hub.sqlite"))
        case .postgres:
            return try await PostgresHubStore.open(url: try await PostgresTestServer.freshDatabase())
        }
    }
}

/// The PostgreSQL server of the tests: each test gets a database of its own, so that tests
/// run in parallel.
enum PostgresTestServer {
    /// The server's URL (a PostgreSQL case exists only when it is set).
    static func url() throws -> PostgresURL {
        let text = try #require(ProcessInfo.processInfo.environment[HubBackend.urlVariable])
        return try PostgresURL(text)
    }

    /// Runs one statement on `url`'s database, on a connection of its own.
    static func execute(_ sql: String, on url: PostgresURL) async throws {
        let logger = Logger(label: "onething-test", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable),
            id: 1, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    /// A new, empty database on the server.
    static func freshDatabase() async throws -> PostgresURL {
        let server = try url()
        let name = "onething_test_" + HubIdentity.newDatabaseId().prefix(16)
        try await execute("CREATE DATABASE \(name)", on: server)
        if let log = ProcessInfo.processInfo.environment["ONETHING_TEST_POSTGRES_LOG"], !log.isEmpty {
            // O_APPEND: parallel tests' lines never overwrite each other.
            let line = Array(((Test.current?.name ?? "?") + "\n").utf8)
            let descriptor = open(log, O_WRONLY | O_APPEND | O_CREAT, 0o644)
            if descriptor >= 0 {
                _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                close(descriptor)
            }
        }
        return server.with(database: name)
    }
}

/// Shown skipped, with the reason, when the PostgreSQL cases of the contract tests do not run.
@Suite("PostgreSQL contract cases")
struct PostgresAvailabilityTests {
    @Test(
        "the PostgreSQL cases run (a server is given)",
        .enabled(
            if: HubBackend.postgresConfigured,
            "ONETHING_TEST_POSTGRES_URL is unset: the PostgreSQL cases of the hub's contract tests were NOT run (scripts/postgres.sh start gives a server; scripts/test.sh starts one)"))
    func serverAnswers() async throws {
        let store = try await PostgresHubStore.open(url: try await PostgresTestServer.freshDatabase())
        #expect(try await store.nodes().isEmpty)
    }
}
