/// Codable from the same description, for the places where speed does not matter (the
/// hub's `--json` output through JSONEncoder) and as the tests' reference: JSONEncoder and
/// JSONDecoder see the keys, absences and defaults the codec uses.
extension JSONRecord {
    package func encode(to encoder: any Encoder) throws {
        var coder = EncodingBridge(container: encoder.container(keyedBy: JSONCodingKey.self))
        var copy = self
        try Self.jsonMembers(&coder, &copy)
    }

    package init(from decoder: any Decoder) throws {
        var coder = DecodingBridge(container: try decoder.container(keyedBy: JSONCodingKey.self))
        var value = Self.jsonShape.blank
        try Self.jsonMembers(&coder, &value)
        self = value
    }
}

/// A member's key for Codable.
struct JSONCodingKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ key: StaticString) {
        stringValue = key.description
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}

struct EncodingBridge: JSONMemberCoder {
    typealias Failure = any Error
    var container: KeyedEncodingContainer<JSONCodingKey>

    mutating func required<V: JSONValue>(_ key: StaticString, _ value: inout V) throws {
        try container.encode(value, forKey: JSONCodingKey(key))
    }

    mutating func optional<V: JSONValue>(_ key: StaticString, _ value: inout V?) throws {
        try container.encodeIfPresent(value, forKey: JSONCodingKey(key))
    }

    mutating func nullable<V: JSONValue>(_ key: StaticString, _ value: inout V?) throws {
        if let value { try container.encode(value, forKey: JSONCodingKey(key)) } else { try container.encodeNil(forKey: JSONCodingKey(key)) }
    }

    mutating func defaulted<V: JSONValue & Equatable>(_ key: StaticString, _ value: inout V, _ default: V, omitDefault: Bool) throws {
        if omitDefault && value == `default` { return }
        try container.encode(value, forKey: JSONCodingKey(key))
    }
}

struct DecodingBridge: JSONMemberCoder {
    typealias Failure = any Error
    let container: KeyedDecodingContainer<JSONCodingKey>

    mutating func required<V: JSONValue>(_ key: StaticString, _ value: inout V) throws {
        value = try container.decode(V.self, forKey: JSONCodingKey(key))
    }

    mutating func optional<V: JSONValue>(_ key: StaticString, _ value: inout V?) throws {
        value = try container.decodeIfPresent(V.self, forKey: JSONCodingKey(key))
    }

    mutating func nullable<V: JSONValue>(_ key: StaticString, _ value: inout V?) throws {
        value = try container.decodeIfPresent(V.self, forKey: JSONCodingKey(key))
    }

    mutating func defaulted<V: JSONValue & Equatable>(_ key: StaticString, _ value: inout V, _ default: V, omitDefault: Bool) throws {
        value = try container.decodeIfPresent(V.self, forKey: JSONCodingKey(key)) ?? `default`
    }
}
