import Foundation
import OneThingWire

/// JSON kept in TEXT columns (fields, items' documents, entry results), written with the
/// wire's canonical coding so that stored text is byte-stable.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) throws(HubError) -> String {
        do {
            return String(decoding: try WireCoding.encode(value), as: UTF8.self)
        } catch {
            throw .internalFailure(path: "(encoding)", code: 0)
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, table: String, key: String) throws(HubError) -> T {
        do {
            return try WireCoding.decode(type, from: Data(text.utf8))
        } catch {
            throw .damagedRow(table: table, key: key)
        }
    }
}
