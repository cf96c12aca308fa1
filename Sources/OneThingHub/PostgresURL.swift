import Foundation

/// `--db postgres://USER[:PASSWORD]@HOST[:PORT]/DB` (or `postgresql://`): where a hub on
/// PostgreSQL keeps its data. The password may also come from `$PGPASSWORD`; it is never
/// shown: `location` is the URL without it.
package struct PostgresURL: Sendable, Hashable {
    package var user: String
    package var password: String?
    package var host: String
    package var port: Int
    package var database: String

    /// Whether `--db` names a PostgreSQL database rather than a file.
    package static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// The URL as logs and messages show it: no password.
    package var location: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    /// Parses the URL; `environment` gives `$PGPASSWORD` when the URL has no password. The
    /// refusal names what is wrong, never the password.
    package init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(HubError) {
        guard Self.isPostgres(text), let components = URLComponents(string: text), let host = components.host, !host.isEmpty
        else {
            throw .invalidDatabaseURL("Give it as postgres://USER@HOST:PORT/DB.")
        }
        guard let user = components.user, !user.isEmpty else {
            throw .invalidDatabaseURL("It names no user: give it as postgres://USER@HOST:PORT/DB.")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalidDatabaseURL("It names no database: give it as postgres://USER@HOST:PORT/DB.")
        }
        guard components.query == nil, components.fragment == nil else {
            throw .invalidDatabaseURL("Options after ? or # are not taken; give it as postgres://USER@HOST:PORT/DB.")
        }
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 } ?? environment["PGPASSWORD"]
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
    }

    /// The same server with another database (tests create one per test).
    package func with(database: String) -> PostgresURL {
        var url = self
        url.database = database
        return url
    }
}
