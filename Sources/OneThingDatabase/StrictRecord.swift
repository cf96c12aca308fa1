package import GRDB

/// A record type read strictly (GRDB's "Recommended practices for designing record types":
/// a struct, its `Columns`, `init(row:)`): `init(decoding:)` reads each column with
/// `row.value(_:)`, which throws on a missing column, on NULL, or on a value of another
/// type, where a row subscript would trap, SQLite would turn text into 0, or a `try?`
/// would make up a default; any failure becomes a
/// `damagedRow` naming the table and the row's key, so a damaged or hand-edited row is
/// reported, never silently read as something else.
package protocol StrictRecord: FetchableRecord, TableRecord {
    /// Reads every column of `row`; throws on any that does not hold what it should.
    init(decoding row: Row) throws
    /// Which row `row` is, for the message: its key columns (ids, numbers), never a stored
    /// value an applicant gave.
    static func rowKey(_ row: Row) -> String
}

extension StrictRecord {
    package init(row: Row) throws {
        do {
            try self.init(decoding: row)
        } catch let failure as DatabaseFailure {
            throw failure
        } catch {
            throw DatabaseFailure.damagedRow(table: Self.databaseTableName, key: Self.rowKey(row))
        }
    }
}

/// A column that does not hold what its record expects.
package struct ColumnMismatch: Error, Sendable, Hashable {
    package var column: String
}

extension Row {
    /// The value of `column`, strictly: a missing column, NULL (unless `Value` is optional)
    /// or a value of another type throws `ColumnMismatch`. Unlike `decode(forColumn:)`, an
    /// integer is never read from text (SQLite's own conversion would give 0).
    package func value<Value: DatabaseValueConvertible>(_ column: some ColumnExpression) throws(ColumnMismatch) -> Value {
        guard hasColumn(column.name), let value = Value.fromDatabaseValue(self[column.name] as DatabaseValue)
        else { throw ColumnMismatch(column: column.name) }
        return value
    }

    /// One column read outside a record (a partial selection): a mismatch is a `damagedRow`
    /// of `table`, named by `key`.
    package func value<Value: DatabaseValueConvertible>(
        _ column: some ColumnExpression, of table: String, key: @autoclosure () -> String
    ) throws(DatabaseFailure) -> Value {
        do {
            return try value(column)
        } catch {
            throw DatabaseFailure.damagedRow(table: table, key: key())
        }
    }

    /// The text of `columns` joined by spaces, for `StrictRecord.rowKey`: integers and text
    /// as they are, anything else (NULL, a blob, a missing column) as `?`. Never traps.
    package func keyText(_ columns: any ColumnExpression...) -> String {
        columns.map { column in
            guard hasColumn(column.name) else { return "?" }
            return switch (self[column.name] as DatabaseValue).storage {
            case .string(let text): text
            case .int64(let number): String(number)
            default: "?"
            }
        }.joined(separator: " ")
    }
}
