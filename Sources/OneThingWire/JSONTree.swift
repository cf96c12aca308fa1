/// Any JSON value, for values whose shape the codec does not know (a payload carried as it
/// is, for JSONEncoder and JSONDecoder). Numbers keep their text.
enum JSONTree: Sendable, Hashable, JSONReadable, JSONWritable, Codable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> JSONTree {
        switch r.kind() {
        case .object: return .object(try [String: JSONTree].readJSON(&r))
        case .array: return .array(try [JSONTree].readJSON(&r))
        case .string: return .string(try r.string())
        case .number: return .number(try r.numberText())
        case .bool: return .bool(try r.bool())
        case .null:
            _ = r.null()
            return .null
        case nil: throw r.error("expected a value")
        }
    }

    func writeJSON(_ w: inout JSONWriter) {
        switch self {
        case .null: w.null()
        case .bool(let value): w.bool(value)
        case .number(let text): w.rawBytes(text.utf8)
        case .string(let text): w.string(text)
        case .array(let list): list.writeJSON(&w)
        case .object(let map): map.writeJSON(&w)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let text):
            if let integer = Int64(text) { try container.encode(integer) } else { try container.encode(Double(text) ?? 0) }
        case .string(let text): try container.encode(text)
        case .array(let list): try container.encode(list)
        case .object(let map): try container.encode(map)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONTree].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONTree].self))
        }
    }
}
