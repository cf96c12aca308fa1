import Foundation

/// Foundation's JSONEncoder and JSONDecoder, the reference the codec is checked against
/// (through the same descriptions: what they check is the reading and writing itself).
enum Oracle {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }
}
