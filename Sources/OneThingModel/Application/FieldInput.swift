/// A value as it arrived for one field: from a JSON object (`apply --data`), an NDJSON line
/// or the screen.
package enum FieldInput: Sendable, Hashable {
    case text(String)
    case number(Double)
    case bool(Bool)
    /// JSON null, an array or an object: never a valid field value.
    case unsupported(kind: String)
}

/// The `{field_id: value}` object of one application, as read from JSON (OneThingWire
/// reads it).
package struct FieldInputs: Sendable {
    package var values: [String: FieldInput]

    package init(_ values: [String: FieldInput]) {
        self.values = values
    }
}
