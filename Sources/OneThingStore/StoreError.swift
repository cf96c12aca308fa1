/// Everything the store can fail with. Messages name the database file and what the
/// operator can do; they never contain an applicant's data (GRDB hides bound values, and
/// SQL text is never shown).
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case notADatabase(path: String)
    case corrupt(path: String)
    case diskFull(path: String)
    case readOnly(path: String)
    case busy(path: String)
    case newerSchema(path: String)
    case io(path: String, code: Int32)
    case noSuchApplication(id: String)
    case internalFailure(path: String, code: Int32)
    case damagedRow(table: String, key: String)
    case notAmendable(id: String, reason: String)
    case noOpenConflict(id: String, field: String?)
    case operatorExists(id: String)
    case noSuchOperator(id: String)
    /// The hub gave a province number this node already holds for another application.
    case provinceNumberTaken(provinceNo: String, id: String, holder: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "Cannot open the database \(path): \(reason). Check that the folder exists and is writable, or choose another file with --db."
        case .notADatabase(let path):
            "The file \(path) is not a OneThing database (or is encrypted or damaged). It was left untouched; point --db at the right file or restore it from a backup."
        case .corrupt(let path):
            "The database \(path) is damaged (SQLite reports corruption). It was left untouched; stop all OneThing processes, copy the file aside and restore from a backup or call support."
        case .diskFull(let path):
            "The disk holding \(path) is full; nothing of this operation was stored. Free some space and try again: everything stored before is kept."
        case .readOnly(let path):
            "The database \(path) cannot be written (read-only file, folder or file system); nothing was changed. `onething list`, `show` and `status` still read it. Fix its permissions, or check the disk and make its file system writable again (an ext4 volume turns read-only after an I/O error), or use --db to choose another file."
        case .busy(let path):
            "The database \(path) stayed locked by another OneThing process past the waiting time. Nothing was changed; try again in a moment."
        case .newerSchema(let path):
            "The database \(path) was written by a newer version of OneThing. Nothing was changed; install the newer version."
        case .io(let path, let code):
            "Reading or writing \(path) failed (SQLite I/O error \(code)). Nothing of this operation was stored; check the disk and try again."
        case .noSuchApplication(let id):
            "There is no application \(id) in this database; `onething list` shows the ids."
        case .damagedRow(let table, let key):
            "A row of \(table) (\(key)) holds data this version cannot read; it was left untouched. Please report this with the id."
        case .notAmendable(let id, let reason):
            "The application \(id) cannot be changed: \(reason)"
        case .noOpenConflict(let id, let field):
            if let field {
                "The application \(id) has no open conflict on \(field); `onething conflicts show \(id)` lists its conflicts."
            } else {
                "The application \(id) has no open conflict; `onething conflicts list` lists those that wait for a decision."
            }
        case .operatorExists(let id):
            "An operator \(id) exists already; `onething operators reset-pin \(id)` gives a new PIN."
        case .noSuchOperator(let id):
            "There is no operator \(id); `onething operators list` shows them."
        case .provinceNumberTaken(let number, let id, let holder):
            "The hub gave the province number \(number) to \(id), but this node holds it for \(holder); nothing of that answer was recorded. The hub may have been restored from an older backup: tell its operator."
        case .internalFailure(let path, let code):
            "The database \(path) refused an operation (SQLite error \(code)). Nothing of this operation was stored; please report this."
        }
    }
}
