import Foundation
import OneThingModel

/// The JSON columns of field dictionaries and lists, decoded strictly: a damaged column is
/// an error naming the table, never an empty dictionary that a merge would take for
/// "every field deleted".
enum StoredFields {
    static func decode(_ text: String?, table: String = "applications", key: String = "?") throws -> [String: String] {
        guard let text else { return [:] }
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        } catch {
            throw StoreError.damagedRow(table: table, key: key)
        }
    }

    static func decodeList(_ text: String?, table: String = "applications", key: String = "?") throws -> [String] {
        guard let text else { return [] }
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw StoreError.damagedRow(table: table, key: key)
        }
    }

    static func encode(_ fields: [String: String]) -> String {
        CanonicalJSON.object(fields)
    }

    static func encode(_ list: [String]) -> String {
        CanonicalJSON.array(list)
    }
}
