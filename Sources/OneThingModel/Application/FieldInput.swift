/// A value as it arrived for one field: from a JSON object (`apply --data`), an NDJSON line
/// or the screen.
public enum FieldInput: Sendable, Hashable {
    case text(String)
    case number(Double)
    case bool(Bool)
    /// JSON null, an array or an object: never a valid field value.
    case unsupported(kind: String)
}

extension FieldInput: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .unsupported(kind: "null")
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else {
            self = .unsupported(kind: "an array or object")
        }
    }
}

/// The `{field_id: value}` object of one application, as decoded from JSON.
public struct FieldInputs: Decodable, Sendable {
    public var values: [String: FieldInput]

    public init(_ values: [String: FieldInput]) {
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: FieldInput].self)
    }
}
