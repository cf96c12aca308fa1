package import GRDB
package import OneThingModel
package import OneThingWire

// The model's values as database values, declared once for both stores, so that records
// read them with `row.decode`: a stored text that is not one of them throws (and becomes a
// `damagedRow`) instead of trapping or falling back to a default.

/// Stored as its text, `YYYY-MM-DDTHH:MM+08:00` (`Timestamp.description`), which sorts as
/// the moments do, so SQL compares them as text (`decided_at < ?`).
extension Timestamp: DatabaseValueConvertible {
    package var databaseValue: DatabaseValue { description.databaseValue }

    package static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Timestamp? {
        String.fromDatabaseValue(dbValue).flatMap(Timestamp.parse)
    }
}

extension ApplicationState: DatabaseValueConvertible {}
extension ItemState: DatabaseValueConvertible {}
extension DuplicateKind: DatabaseValueConvertible {}
