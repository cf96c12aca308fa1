/// Everything opening, reading or writing a OneThing database can fail with, for the node's
/// store and the hub's alike: a `code` saying what went wrong and the facts a message needs
/// (the file, SQLite's result code, the table and row). The description states the problem
/// and what stays true ("left untouched", "nothing was stored"); it names no command-line
/// flag or command: the executables add those (`CLIFailure`). It never holds an applicant's
/// data: SQL text and bound values are never shown, and a damaged row is named by its key.
package struct DatabaseFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a value a caller can switch on or look a translated message up by.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable name (`corrupt`, `disk_full`, ...), for logs and JSON.
        package let name: String

        init(_ name: String) { self.name = name }

        package var description: String { name }

        /// The file or its folder cannot be opened or created (`reason` says why).
        package static let cannotOpen = Code("cannot_open")
        /// There is no database at the path (for operations that never create one).
        package static let missingFile = Code("missing_file")
        /// The file is not an SQLite database (or is encrypted, or its header is damaged).
        package static let notADatabase = Code("not_a_database")
        /// SQLite found damaged pages.
        package static let corrupt = Code("corrupt")
        /// The disk holding the database is full.
        package static let diskFull = Code("disk_full")
        /// The file, its folder or its file system cannot be written.
        package static let readOnly = Code("read_only")
        /// The process may not open the file or its folder at all.
        package static let permissionDenied = Code("permission_denied")
        /// Another process held the lock past the busy timeout.
        package static let busy = Code("busy")
        /// The file was migrated by a newer version of OneThing.
        package static let newerSchema = Code("newer_schema")
        /// SQLite reported an I/O error (`sqliteCode` is its extended result code).
        package static let io = Code("io")
        /// A stored row that this version cannot read (`table`, `key`).
        package static let damagedRow = Code("damaged_row")
        /// The database server cannot be reached or went away (PostgreSQL): a temporary failure.
        package static let unavailable = Code("unavailable")
        /// Transactions of several processes kept conflicting (serialization failures or
        /// deadlocks past the retries): a temporary failure.
        package static let contention = Code("contention")
        /// The database server refused the connection (`reason`: authentication, no such
        /// database, no permission): a configuration to fix.
        package static let refused = Code("refused")
        /// Any other refusal from SQLite (`sqliteCode`), or a failure of the database layer.
        package static let internalFailure = Code("internal")
    }

    package var code: Code
    /// The database file (as given, before any symbolic link is followed).
    package var path: String
    /// Why a file cannot be opened, in words (`cannotOpen`).
    package var reason: String?
    /// SQLite's extended result code (`io`, `internalFailure`).
    package var sqliteCode: Int32?
    /// PostgreSQL's SQLSTATE (`internalFailure`, `refused`).
    package var sqlState: String?
    /// The table of a damaged row.
    package var table: String?
    /// Which row of `table`: its key (an id, a number), never a stored value.
    package var key: String?

    package init(
        _ code: Code, path: String, reason: String? = nil, sqliteCode: Int32? = nil, table: String? = nil, key: String? = nil
    ) {
        self.code = code
        self.path = path
        self.reason = reason
        self.sqliteCode = sqliteCode
        self.table = table
        self.key = key
    }

    /// A failure that goes away by itself: trying again later may succeed.
    package var isTemporary: Bool { [.busy, .unavailable, .contention].contains(code) }

    /// A row of `table` that cannot be read back. The path is filled in where the failure
    /// leaves the store (`DatabaseFailure(_:path:)`).
    package static func damagedRow(table: String, key: String) -> DatabaseFailure {
        DatabaseFailure(.damagedRow, path: "", table: table, key: key)
    }

    package static func cannotOpen(path: String, reason: String) -> DatabaseFailure {
        DatabaseFailure(.cannotOpen, path: path, reason: reason)
    }

    package var description: String {
        switch code {
        case .cannotOpen:
            "Cannot open the database \(path): \(reason ?? "SQLite cannot open the file")."
        case .missingFile:
            "There is no database at \(path)."
        case .notADatabase:
            "The file \(path) is not a OneThing database (or is encrypted or damaged). It was left untouched."
        case .corrupt:
            "The database \(path) is damaged (SQLite reports corruption). It was left untouched; copy the file aside and restore it from a backup."
        case .diskFull:
            "The disk holding \(path) is full; nothing of this operation was stored. Free some space and try again: everything stored before is kept."
        case .readOnly:
            "The database \(path) cannot be written (read-only file, folder or file system); nothing was changed. Fix its permissions, or check the disk and make its file system writable again (an ext4 volume turns read-only after an I/O error)."
        case .permissionDenied:
            "This user may not open \(path) or its folder; nothing was changed. Fix the permissions (the file is meant to be 0600, owned by the user that runs OneThing)."
        case .busy:
            "The database \(path) stayed locked by another process past the waiting time. Nothing was changed; try again in a moment."
        case .newerSchema:
            "The database \(path) was written by a newer version of OneThing. Nothing was changed; install the newer version."
        case .io:
            "Reading or writing \(path) failed (SQLite I/O error \(sqliteCode ?? 0)). Nothing of this operation was stored; check the disk and try again."
        case .unavailable:
            "The database server \(path) cannot be reached\(reason.map { " (\($0))" } ?? ""). Nothing of this operation was stored; try again in a moment, and check that PostgreSQL runs there."
        case .contention:
            "The database \(path) was too busy with other processes' transactions; nothing of this operation was stored. Try again in a moment."
        case .refused:
            "The database server \(path) refused the connection: \(reason ?? "not allowed")\(sqlState.map { " (SQLSTATE \($0))" } ?? ""). Nothing was changed; check the user, its password ($PGPASSWORD) and the database name."
        case .damagedRow:
            "A row of \(table ?? "?") (\(key ?? "?"))\(path.isEmpty ? "" : " in \(path)") holds data this version cannot read; it was left untouched. Restore the database from a backup, or report this with the key."
        default:
            if let sqlState {
                "The database \(path) refused an operation (SQLSTATE \(sqlState)). Nothing of this operation was stored; please report this."
            } else {
                "The database \(path) refused an operation (SQLite error \(sqliteCode ?? 0)). Nothing of this operation was stored; please report this."
            }
        }
    }
}
