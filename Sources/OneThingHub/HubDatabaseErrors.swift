import GRDB

/// Maps SQLite failures to `HubError`. Only result codes are looked at: GRDB's own
/// descriptions may carry SQL text, so they are never shown.
enum HubDatabaseErrors {
    static func map(_ error: any Error, path: String) -> HubError {
        if let error = error as? HubError { return error }
        guard let error = error as? DatabaseError else {
            return .cannotOpen(path: path, reason: "the database layer failed unexpectedly")
        }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_NOTADB: return .notADatabase(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path)
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM: return .readOnly(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: "SQLite cannot open the file")
        case .SQLITE_IOERR: return .io(path: path, code: error.extendedResultCode.rawValue)
        default: return .internalFailure(path: path, code: error.extendedResultCode.rawValue)
        }
    }
}
