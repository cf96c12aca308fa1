public import OneThingDatabase

/// Everything the store can fail with. Messages say what is wrong and what stays true; they
/// name no command-line flag or command (the executables add those), and they never contain
/// an applicant's data (GRDB hides bound values, and SQL text is never shown).
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Opening, reading or writing the database file failed (`DatabaseFailure.code`).
    case database(DatabaseFailure)
    case noSuchApplication(id: String)
    case notAmendable(id: String, reason: String)
    case noOpenConflict(id: String, field: String?)
    case operatorExists(id: String)
    case noSuchOperator(id: String)
    /// The hub gave a province number this node already holds for another application.
    case provinceNumberTaken(provinceNo: String, id: String, holder: String)
    /// A value could not be encoded or hashed (`what`): a fault of this program, not of the data.
    case internalFailure(what: String)

    /// A row of `table` that cannot be read back.
    public static func damagedRow(table: String, key: String) -> StoreError { .database(.damagedRow(table: table, key: key)) }

    /// The failure behind any error thrown while working on the database at `path`.
    init(_ error: any Error, path: String) {
        self = error as? StoreError ?? .database(DatabaseFailure(error, path: path))
    }

    public var description: String {
        switch self {
        case .database(let failure):
            failure.description
        case .noSuchApplication(let id):
            "There is no application \(id) in this database."
        case .notAmendable(let id, let reason):
            "The application \(id) cannot be changed: \(reason)"
        case .noOpenConflict(let id, let field):
            if let field {
                "The application \(id) has no open conflict on \(field)."
            } else {
                "The application \(id) has no open conflict."
            }
        case .operatorExists(let id):
            "An operator \(id) exists already."
        case .noSuchOperator(let id):
            "There is no operator \(id)."
        case .provinceNumberTaken(let number, let id, let holder):
            "The hub gave the province number \(number) to \(id), but this node holds it for \(holder); nothing of that answer was recorded. The hub may have been restored from an older backup: tell its operator."
        case .internalFailure(let what):
            "OneThing failed to encode \(what); nothing of this operation was stored. Please report this."
        }
    }
}
