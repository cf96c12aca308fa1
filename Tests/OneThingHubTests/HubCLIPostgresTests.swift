import Foundation
@testable import OneThingHub
import OneThingWire
import TestSupport
import Testing

/// The built `onething-hub` binary with `--db postgres://...`: the commands work against
/// PostgreSQL as against a file, and a failure never shows the URL's password.
@Suite(
    "onething-hub CLI on PostgreSQL",
    .enabled(if: FileManager.default.isExecutableFile(atPath: BuiltBinary("onething-hub").path)),
    .enabled(
        if: HubBackend.postgresConfigured,
        "ONETHING_TEST_POSTGRES_URL is unset: the CLI's PostgreSQL tests were NOT run (scripts/postgres.sh start gives a server)"))
struct HubCLIPostgresTests {
    let binary = BuiltBinary("onething-hub")

    @Test("nodes add, list, rotate, revoke and list work on a PostgreSQL URL; the schema is made on first use")
    func commands() async throws {
        let db = try await PostgresTestServer.freshDatabase().text
        let added = try binary.run(["nodes", "add", "ward-1", "--db", db])
        #expect(added.code == 0, "\(added.stderr)")
        #expect(added.stdout.trimmingCharacters(in: .whitespacesAndNewlines).count >= 32)
        #expect(try binary.run(["nodes", "add", "ward-1", "--db", db]).code == 65)
        let rotated = try binary.run(["nodes", "rotate", "ward-1", "--db", db])
        #expect(rotated.code == 0)
        #expect(rotated.stdout != added.stdout)
        #expect(try binary.run(["nodes", "revoke", "ward-1", "--db", db]).code == 0)
        let nodes = try binary.run(["nodes", "list", "--json", "--db", db])
        #expect(nodes.code == 0)
        #expect(nodes.stdout.contains("ward-1"))
        let list = try binary.run(["list", "--json", "--db", db])
        #expect(list.code == 0, "\(list.stderr)")
        #expect(try JSONCodec.decode(HubApplicationList.self, from: Data(list.stdout.utf8)).applications.isEmpty)
        #expect(try binary.run(["show", "FJ0000000001", "--db", db]).code == 65)
    }

    @Test("backup and restore refuse a PostgreSQL URL and point to pg_dump (exit 78)")
    func backupRefused() async throws {
        let db = try await PostgresTestServer.freshDatabase().text
        let directory = TemporaryDirectory("onething-hub-cli")
        for command in [["backup", directory.file("b.sqlite")], ["restore", directory.file("b.sqlite")]] {
            let run = try binary.run(command + ["--db", db])
            #expect(run.code == 78, "\(run.stderr)")
            #expect(run.stderr.contains("pg_dump"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("b.sqlite")))
    }

    @Test("an unreachable server is temporary (exit 75); the password never appears; a malformed URL is configuration (78)")
    func failures() throws {
        let unreachable = try binary.run(["nodes", "list", "--db", "postgres://hub:s3cret-Passw0rd@127.0.0.1:1/hub"])
        #expect(unreachable.code == 75, "\(unreachable.stderr)")
        #expect(!unreachable.stderr.contains("s3cret-Passw0rd"))
        #expect(unreachable.stderr.contains("postgres://hub@127.0.0.1:1/hub"), "\(unreachable.stderr)")
        let malformed = try binary.run(["nodes", "list", "--db", "postgres://127.0.0.1/hub"])
        #expect(malformed.code == 78, "\(malformed.stderr)")
    }

    @Test("a wrong database name is refused as configuration (exit 78)")
    func noSuchDatabase() throws {
        let server = try PostgresTestServer.url()
        let run = try binary.run(["nodes", "list", "--db", server.with(database: "no_such_database_here").text])
        #expect(run.code == 78, "\(run.stderr)")
        #expect(run.stderr.contains("does not exist"), "\(run.stderr)")
    }
}

extension PostgresURL {
    /// The URL as `--db` takes it (with the password, for the tests' own server).
    var text: String {
        "postgres://\(user)\(password.map { ":" + $0 } ?? "")@\(host):\(port)/\(database)"
    }
}
