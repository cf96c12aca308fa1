import GRDB
import OneThingModel

/// Timestamps are stored as their text, `YYYY-MM-DDTHH:MM+08:00` (`Timestamp.description`),
/// which sorts as the moments do, so SQL compares them as text (`decided_at < ?`). GRDB stays
/// out of the store's public interface, so they are bound as `time.description`.
extension Row {
    /// The timestamp in `column`, or `StoreError.damagedRow` when the stored text is not
    /// one (a row subscript would trap instead).
    func timestamp(_ column: String, table: String, key: @autoclosure () -> String) throws(StoreError) -> Timestamp {
        guard let text: String = self[column], let value = Timestamp.parse(text) else {
            throw .damagedRow(table: table, key: key())
        }
        return value
    }

    /// The timestamp in `column`, nil when NULL; `StoreError.damagedRow` when it is text that
    /// is not one.
    func optionalTimestamp(_ column: String, table: String, key: @autoclosure () -> String) throws(StoreError) -> Timestamp? {
        guard let text: String = self[column] else { return nil }
        guard let value = Timestamp.parse(text) else { throw .damagedRow(table: table, key: key()) }
        return value
    }
}
