package import OneThingDatabase
package import OneThingModel

/// Everything the store can fail with: a `code` and the facts its message needs. Messages
/// say what is wrong and what stays true; they name no command-line flag or command (the
/// executables add those), and they never contain an applicant's data (GRDB hides bound
/// values, and SQL text is never shown).
package struct StoreError: CodedError, Hashable {
    package struct Code: ErrorCode {
        package let rawValue: String

        init(_ rawValue: String) { self.rawValue = rawValue }

        /// Opening, reading or writing the database file failed: `database` says how.
        package static let database = Code("store.database")
        /// `id`.
        package static let noSuchApplication = Code("store.no_such_application")
        /// `id`, `reason` (a sentence).
        package static let notAmendable = Code("store.not_amendable")
        /// `id`, and `field` when one field was named.
        package static let noOpenConflict = Code("store.no_open_conflict")
        /// `id` (the operator's).
        package static let operatorExists = Code("store.operator_exists")
        /// `id` (the operator's).
        package static let noSuchOperator = Code("store.no_such_operator")
        /// The hub gave a province number this node already holds for another application:
        /// `provinceNo`, `id` (the application the hub gave it to), `holder` (the one holding it).
        package static let provinceNumberTaken = Code("store.province_number_taken")
        /// A value could not be encoded or hashed (`what`): a fault of this program, not of
        /// the data.
        package static let internalFailure = Code("store.internal")

        /// Every code above, for tables and their tests.
        package static let all: [Code] = [
            .database, .noSuchApplication, .notAmendable, .noOpenConflict, .operatorExists, .noSuchOperator,
            .provinceNumberTaken, .internalFailure,
        ]
    }

    package var code: Code
    /// The database failure behind `.database`.
    package var database: DatabaseFailure?
    /// An application's id, or an operator's.
    package var id: String?
    package var field: String?
    package var reason: String?
    package var provinceNo: String?
    package var holder: String?
    package var what: String?

    init(
        _ code: Code, database: DatabaseFailure? = nil, id: String? = nil, field: String? = nil, reason: String? = nil,
        provinceNo: String? = nil, holder: String? = nil, what: String? = nil
    ) {
        self.code = code
        self.database = database
        self.id = id
        self.field = field
        self.reason = reason
        self.provinceNo = provinceNo
        self.holder = holder
        self.what = what
    }

    package static func database(_ failure: DatabaseFailure) -> StoreError { StoreError(.database, database: failure) }
    package static func noSuchApplication(id: String) -> StoreError { StoreError(.noSuchApplication, id: id) }
    package static func notAmendable(id: String, reason: String) -> StoreError { StoreError(.notAmendable, id: id, reason: reason) }
    package static func noOpenConflict(id: String, field: String?) -> StoreError { StoreError(.noOpenConflict, id: id, field: field) }
    package static func operatorExists(id: String) -> StoreError { StoreError(.operatorExists, id: id) }
    package static func noSuchOperator(id: String) -> StoreError { StoreError(.noSuchOperator, id: id) }
    package static func provinceNumberTaken(provinceNo: String, id: String, holder: String) -> StoreError {
        StoreError(.provinceNumberTaken, id: id, provinceNo: provinceNo, holder: holder)
    }
    package static func internalFailure(what: String) -> StoreError { StoreError(.internalFailure, what: what) }

    /// A row of `table` that cannot be read back.
    package static func damagedRow(table: String, key: String) -> StoreError { .database(.damagedRow(table: table, key: key)) }

    /// The failure behind any error thrown while working on the database at `path`.
    init(_ error: any Error, path: String) {
        self = error as? StoreError ?? .database(DatabaseFailure(error, path: path))
    }

    /// The database failure's code, when this is one.
    package var databaseCode: DatabaseFailure.Code? { database?.code }

    package var message: String {
        switch code {
        case .database:
            database?.description ?? "The database failed."
        case .noSuchApplication:
            "There is no application \(id ?? "?") in this database."
        case .notAmendable:
            "The application \(id ?? "?") cannot be changed: \(reason ?? "")"
        case .noOpenConflict:
            if let field {
                "The application \(id ?? "?") has no open conflict on \(field)."
            } else {
                "The application \(id ?? "?") has no open conflict."
            }
        case .operatorExists:
            "An operator \(id ?? "?") exists already."
        case .noSuchOperator:
            "There is no operator \(id ?? "?")."
        case .provinceNumberTaken:
            "The hub gave the province number \(provinceNo ?? "?") to \(id ?? "?"), but this node holds it for \(holder ?? "?"); nothing of that answer was recorded. The hub may have been restored from an older backup: tell its operator."
        default:
            "OneThing failed to encode \(what ?? "a value"); nothing of this operation was stored. Please report this."
        }
    }
}
