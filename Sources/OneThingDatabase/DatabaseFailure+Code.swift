package import OneThingModel

/// The database's codes among the other modules' (`database.corrupt`, ...): message keys
/// as theirs are.
extension DatabaseFailure.Code: ErrorCode {
    package var rawValue: String { "database." + name }

    /// Every code, for tables and their tests.
    package static let all: [DatabaseFailure.Code] = [
        .cannotOpen, .missingFile, .notADatabase, .corrupt, .diskFull, .readOnly, .permissionDenied, .busy,
        .newerSchema, .io, .damagedRow, .unavailable, .contention, .refused, .internalFailure,
    ]
}

extension DatabaseFailure: CodedError {
    package var message: String { description }
}
