import OneThingModel
import OneThingWire

/// JSON kept in TEXT columns (fields, items' documents, entry results), written by the
/// canonical writer so that stored text is byte-stable, and read by the strict reader: a
/// damaged value is an error naming the table and row, never a default.
enum StoredJSON {
    static func encode(_ value: some JSONWritable) -> String {
        JSONCodec.text(value)
    }

    static func encode(_ value: [String: String]) -> String { JSONCodec.text(value) }

    static func encode(_ value: [String]) -> String { JSONCodec.text(value) }

    static func decode<T: JSONReadable>(_ type: T.Type, from text: String, table: String, key: String) throws(HubError) -> T {
        do {
            return try JSONCodec.decode(type, from: text)
        } catch {
            throw .damagedRow(table: table, key: key)
        }
    }

    static func decode(_ type: [String: String].Type, from text: String, table: String, key: String) throws(HubError)
        -> [String: String]
    {
        do {
            return try JSONCodec.decode(type, from: text)
        } catch {
            throw .damagedRow(table: table, key: key)
        }
    }

    static func decode(_ type: [String].Type, from text: String, table: String, key: String) throws(HubError) -> [String] {
        do {
            return try JSONCodec.decode(type, from: text)
        } catch {
            throw .damagedRow(table: table, key: key)
        }
    }
}
