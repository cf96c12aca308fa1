import Foundation
@testable import OneThingHub
import Testing

/// `--db postgres://...`: what is taken, what is refused, what is shown (never the
/// password), and when TLS is required. No server needed.
@Suite("PostgreSQL URL")
struct PostgresURLTests {
    @Test("user, password, host, port and database; the location hides the password")
    func parts() throws {
        let url = try PostgresURL("postgres://hub:s%40cret@db.example:6543/onething", environment: [:])
        #expect(url.user == "hub")
        #expect(url.password == "s@cret")
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.database == "onething")
        #expect(url.location == "postgres://hub@db.example:6543/onething")
        #expect(!url.location.contains("cret"))
        let defaults = try PostgresURL("postgresql://hub@127.0.0.1/onething", environment: ["PGPASSWORD": "from-env"])
        #expect(defaults.port == 5432)
        #expect(defaults.password == "from-env")
        #expect(try PostgresURL("postgres://hub@[::1]:5433/db", environment: [:]).location == "postgres://hub@[::1]:5433/db")
    }

    @Test(
        "a URL without user, host or database, or with options, is refused as configuration",
        arguments: ["postgres://127.0.0.1/db", "postgres://hub@/db", "postgres://hub@127.0.0.1", "postgres://hub@127.0.0.1/",
                    "postgres://hub@127.0.0.1/db?sslmode=disable", "postgres://hub:pw@127.0.0.1/a/b"])
    func refused(_ text: String) {
        #expect(throws: HubError.self) { try PostgresURL(text, environment: [:]) }
        do {
            _ = try PostgresURL(text, environment: [:])
        } catch {
            #expect(error.code == .invalidDatabaseURL)
            #expect(!error.message.contains("pw"))
        }
    }

    @Test("only postgres:// and postgresql:// name a server; anything else is a file")
    func isPostgres() {
        #expect(PostgresURL.isPostgres("postgres://hub@h/db"))
        #expect(PostgresURL.isPostgres("postgresql://hub@h/db"))
        #expect(!PostgresURL.isPostgres("/srv/hub.sqlite"))
        #expect(!PostgresURL.isPostgres("postgres.sqlite"))
    }

    @Test("loopback servers are reached without TLS; any other only over TLS; an unreadable CA file is refused")
    func tls() throws {
        for host in ["127.0.0.1", "localhost", "::1"] {
            let url = try PostgresURL("postgres://hub@\(host.contains(":") ? "[\(host)]" : host):5432/db", environment: [:])
            #expect(try !PostgresTLS.mode(for: url, environment: [:]).isAllowed, "\(host)")
        }
        let remote = try PostgresURL("postgres://hub@db.example:5432/db", environment: [:])
        #expect(try PostgresTLS.mode(for: remote, environment: [:]).isEnforced)
        #expect(throws: HubError.self) { try PostgresTLS.mode(for: remote, environment: ["PGSSLROOTCERT": "/nonexistent/ca.pem"]) }
    }
}
