import OneThingModel
import OneThingWire

/// The JSON columns of field dictionaries and lists, read by the codec's strict reader: a
/// damaged column is an error naming the table, never an empty dictionary that a merge would
/// take for "every field deleted"; written canonically.
enum StoredFields {
    static func decode(_ text: String?, table: String = "applications", key: String = "?") throws -> [String: String] {
        guard let text else { return [:] }
        do {
            return try JSONCodec.decode([String: String].self, from: text)
        } catch {
            throw StoreError.damagedRow(table: table, key: key)
        }
    }

    static func decodeList(_ text: String?, table: String = "applications", key: String = "?") throws -> [String] {
        guard let text else { return [] }
        do {
            return try JSONCodec.decode([String].self, from: text)
        } catch {
            throw StoreError.damagedRow(table: table, key: key)
        }
    }

    static func encode(_ fields: [String: String]) -> String {
        JSONCodec.text(fields)
    }

    static func encode(_ list: [String]) -> String {
        JSONCodec.text(list)
    }

    /// A JSON value of another stored shape (a duplicate, a catalogue's files).
    static func encode(_ value: some JSONWritable) -> String {
        JSONCodec.text(value)
    }

    static func decode<T: JSONReadable>(_ type: T.Type, from text: String, table: String, key: String) throws -> T {
        do {
            return try JSONCodec.decode(type, from: text)
        } catch {
            throw StoreError.damagedRow(table: table, key: key)
        }
    }
}
