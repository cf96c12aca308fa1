import GRDB

extension DatabaseFailure {
    /// The failure behind any error thrown while working on the database at `path`. Only
    /// SQLite's result codes are looked at: GRDB's own descriptions may carry SQL text, so
    /// they are never shown. A `DatabaseFailure` passes through (given the path when it had
    /// none: a record that found a damaged row does not know the file).
    package init(_ error: any Error, path: String) {
        if var failure = error as? DatabaseFailure {
            if failure.path.isEmpty { failure.path = path }
            self = failure
            return
        }
        guard let error = error as? DatabaseError else {
            self = .cannotOpen(path: path, reason: "the database layer failed unexpectedly")
            return
        }
        let extended = error.extendedResultCode.rawValue
        switch error.resultCode.primaryResultCode {
        case .SQLITE_NOTADB: self.init(.notADatabase, path: path)
        case .SQLITE_CORRUPT: self.init(.corrupt, path: path)
        case .SQLITE_FULL: self.init(.diskFull, path: path)
        case .SQLITE_READONLY, .SQLITE_PERM: self.init(.readOnly, path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: self.init(.busy, path: path)
        case .SQLITE_CANTOPEN: self = .cannotOpen(path: path, reason: "SQLite cannot open the file")
        case .SQLITE_IOERR: self.init(.io, path: path, sqliteCode: extended)
        default: self.init(.internalFailure, path: path, sqliteCode: extended)
        }
    }
}
