import Foundation
import OneThingModel
import OneThingWire

/// JSON kept in TEXT columns (fields, items' documents, entry results), written with the
/// wire's canonical coding so that stored text is byte-stable.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) throws(HubError) -> String {
        do {
            return String(decoding: try WireCoding.encode(value), as: UTF8.self)
        } catch {
            throw .internalFailure(what: "a stored value")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, table: String, key: String) throws(HubError) -> T {
        do {
            return try WireCoding.decode(type, from: Data(text.utf8))
        } catch {
            throw .damagedRow(table: table, key: key)
        }
    }

    // The shapes stored per application and item (field maps, lists of item codes), on the
    // push and pull paths: written by CanonicalJSON and read by WireJSON, the same text and
    // values as the generic functions above at a fraction of JSONEncoder's and JSONDecoder's
    // cost. (Control characters, refused in fields, are the only text written differently:
    // \u0008 where JSONEncoder writes \b; both read back the same.)

    static func encode(_ value: [String: String]) -> String { CanonicalJSON.object(value) }

    static func encode(_ value: [String]) -> String { CanonicalJSON.array(value) }

    static func decode(_ type: [String: String].Type, from text: String, table: String, key: String) throws(HubError)
        -> [String: String]
    {
        do {
            return try WireJSON.stringMap(text)
        } catch {
            throw .damagedRow(table: table, key: key)
        }
    }

    static func decode(_ type: [String].Type, from text: String, table: String, key: String) throws(HubError) -> [String] {
        do {
            return try WireJSON.stringArray(text)
        } catch {
            throw .damagedRow(table: table, key: key)
        }
    }
}
