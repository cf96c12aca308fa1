import OneThingDatabase
import PostgresNIO

extension DatabaseFailure {
    /// A PostgreSQL failure as the hub reports it: by its kind and SQLSTATE, never with the
    /// server's message or detail (which may quote applicants' values), and `location`
    /// without the password.
    init(postgres error: any Error, location: String) {
        guard let error = error as? PSQLError else {
            self.init(.unavailable, path: location, reason: "no answer")
            return
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? "?"
            self.init(Self.code(sqlState: state), path: location, reason: Self.reason(sqlState: state))
            sqlState = state
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            self.init(.unavailable, path: location, reason: "connection refused or closed")
        case .sslUnsupported, .failedToAddSSLHandler, .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            self.init(.refused, path: location, reason: "authentication failed or is not supported (a password may be needed: $PGPASSWORD)")
        default:
            self.init(.internalFailure, path: location)
        }
    }

    /// Whether the transaction may simply run again: a serialization failure or a deadlock.
    static func isRetryable(postgres error: any Error) -> Bool {
        guard let error = error as? PSQLError, error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }

    private static func code(sqlState state: String) -> Code {
        switch state {
        case "40001", "40P01", "55P03": .contention
        case "53100": .diskFull
        case "25006": .readOnly
        case "57P01", "57P02", "57P03", "53300": .unavailable
        case _ where state.hasPrefix("08"): .unavailable
        case _ where state.hasPrefix("28"), "3D000", "42501": .refused
        default: .internalFailure
        }
    }

    private static func reason(sqlState state: String) -> String? {
        switch state {
        case _ where state.hasPrefix("28"): "authentication failed"
        case "3D000": "the database does not exist"
        case "42501": "the user lacks a permission"
        case "53300": "too many connections"
        case "57P01", "57P02", "57P03": "the server is shutting down or starting"
        default: nil
        }
    }
}
