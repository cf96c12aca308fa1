/// One row of a hub query: its columns by name, in the order selected.
package struct HubRow: Sendable, Hashable {
    package var columns: [String]
    package var values: [HubValue]

    package init(columns: [String], values: [HubValue]) {
        self.columns = columns
        self.values = values
    }

    func index(of column: String) -> Int? {
        columns.firstIndex(of: column)
    }

    /// The value of `column`, strictly (`HubColumnValue`): a missing column or a value of
    /// another type throws `HubColumnMismatch`.
    func value<Value: HubColumnValue>(_ column: String) throws(HubColumnMismatch) -> Value {
        guard let index = index(of: column), let value = Value(hubValue: values[index]) else {
            throw HubColumnMismatch(column: column)
        }
        return value
    }

    /// One column read outside a record: a mismatch is a `damagedRow` of `table`, named by `key`.
    func value<Value: HubColumnValue>(_ column: String, of table: String, key: @autoclosure () -> String)
        throws(HubError) -> Value
    {
        do {
            return try value(column)
        } catch {
            throw HubError.damagedRow(table: table, key: key())
        }
    }

    func value<Value: HubColumnValue>(at index: Int, of table: String, key: @autoclosure () -> String) throws(HubError) -> Value {
        guard values.indices.contains(index), let value = Value(hubValue: values[index]) else {
            throw HubError.damagedRow(table: table, key: key())
        }
        return value
    }

    /// The text of `columns` joined by spaces, for `HubRecord.rowKey`: integers and text as
    /// they are, anything else as `?`.
    func keyText(_ names: String...) -> String {
        names.map { name in
            guard let index = index(of: name) else { return "?" }
            return switch values[index] {
            case .text(let text): text
            case .integer(let number): String(number)
            case .null, .other: "?"
            }
        }.joined(separator: " ")
    }
}

/// A record of the hub's tables read strictly from a `HubRow` (as `StrictRecord` reads a
/// GRDB row): any column that does not hold what it should makes the row a `damagedRow`
/// named by its key, never a value made up.
protocol HubRecord {
    static var tableName: String { get }
    init(decoding row: HubRow) throws
    /// Which row: its key columns, never a value an applicant gave.
    static func rowKey(_ row: HubRow) -> String
}

extension HubRecord {
    init(row: HubRow) throws {
        do {
            try self.init(decoding: row)
        } catch let error as HubError {
            throw error
        } catch {
            throw HubError.damagedRow(table: Self.tableName, key: Self.rowKey(row))
        }
    }
}

/// A column that does not hold what its record expects (`HubRecord` makes it a `damagedRow`).
struct HubColumnMismatch: Error, Sendable, Hashable {
    var column: String
}
