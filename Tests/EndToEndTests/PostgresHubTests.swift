import Foundation
import TestSupport
import Testing

/// Two real `onething-hub serve` processes on one PostgreSQL database, real nodes syncing
/// through each, and the hub's commands on the same database.
@Suite(
    "Two hubs on one PostgreSQL database",
    .enabled(
        if: !(ProcessInfo.processInfo.environment["ONETHING_TEST_POSTGRES_URL"] ?? "").isEmpty,
        "ONETHING_TEST_POSTGRES_URL is unset: the PostgreSQL end-to-end test was NOT run (scripts/postgres.sh start gives a server)"))
struct PostgresHubTests {
    /// A new database on the test server, as a `--db` URL (created with psql).
    static func freshDatabase() throws -> String {
        let server = ProcessInfo.processInfo.environment["ONETHING_TEST_POSTGRES_URL"] ?? ""
        let name = "onething_e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", server, "-q", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE \(name)"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "psql could not create a database on \(server)")
        guard let slash = server.lastIndex(of: "/") else { throw HubProcess.HubProcessError.didNotStart(server) }
        return String(server[...slash]) + name
    }

    @Test("nodes sync through either hub process; numbers are unique; decisions made by the CLI reach the node")
    func twoServeProcesses() throws {
        var setUp = Loop()
        setUp.hubDatabase = try Self.freshDatabase()
        let loop = setUp
        let first = try loop.startHub()
        let second = try loop.startHub()
        let otherNode = loop.dir.file("node-2.sqlite")
        _ = try loop.setUpNode("ward-1", url: first.url)
        _ = try loop.setUpNode("ward-2", url: second.url, db: otherNode)
        let ids = try loop.file(count: 3)
        _ = try loop.file(count: 3, db: otherNode)

        // Both nodes sync at once, each through its own hub process.
        let group = DispatchGroup()
        let results = Results()
        for db in [loop.nodeDB, otherNode] {
            group.enter()
            DispatchQueue.global().async {
                let run = try? loop.node(["sync"], db: db)
                results.append(run?.code ?? -1)
                group.leave()
            }
        }
        group.wait()
        #expect(results.codes == [0, 0])
        let held = try loop.hubApplications()
        #expect(held.count == 6)
        let numbers = held.compactMap { $0["province_no"] as? String }
        #expect(Set(numbers).count == 6, "province numbers are unique: \(numbers)")

        let provinceNo = try #require(try loop.nodeShow(ids[0])["province_no"] as? String)
        #expect(try loop.hub(["decide", provinceNo, "birth-certificate", "approve", "--officer", "officer-1"]).code == 0)
        // The decision, made by the CLI on the database, reaches ward-1 through its hub process.
        #expect(try loop.node(["sync"]).code == 0)
        #expect(try loop.nodeShow(ids[0]).items()["birth-certificate"] == "approved")
        let again = try loop.node(["sync", "--json"])
        #expect(again.code == 0)
        first.stop()
        second.stop()
    }
}

/// The hub's databases the end-to-end tests that take one run on: SQLite always, PostgreSQL
/// when $ONETHING_TEST_POSTGRES_URL gives a server (then `PostgresHubTests` runs too; without
/// it that suite is shown skipped with the reason).
enum HubDatabaseKind: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static var available: [HubDatabaseKind] {
        (ProcessInfo.processInfo.environment["ONETHING_TEST_POSTGRES_URL"] ?? "").isEmpty ? [.sqlite] : [.sqlite, .postgres]
    }
}

/// Exit statuses collected from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int32] = []
    func append(_ code: Int32) { lock.withLock { values.append(code) } }
    var codes: [Int32] { lock.withLock { values } }
}
