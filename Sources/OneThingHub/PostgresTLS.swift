import NIOSSL
import PostgresNIO

/// How the hub reaches its PostgreSQL server: applicants' data never crosses a network in
/// clear. A loopback server (127.0.0.1, ::1, localhost) is reached without TLS; any other
/// only over TLS, its certificate verified against the system's roots, or against the CA
/// file `$PGSSLROOTCERT` names (as libpq's variable does), and its name checked.
enum PostgresTLS {
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    static func mode(for url: PostgresURL, environment: [String: String]) throws(HubError) -> PostgresConnection.Configuration.TLS {
        guard !isLoopback(url.host) else { return .disable }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let file = environment["PGSSLROOTCERT"], !file.isEmpty {
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file))
            } catch {
                throw .invalidDatabaseURL("The CA file \(file) ($PGSSLROOTCERT) cannot be read as PEM certificates.")
            }
        }
        do {
            return .require(try NIOSSLContext(configuration: configuration))
        } catch {
            throw .invalidDatabaseURL("TLS to the database server cannot be set up on this machine.")
        }
    }
}
