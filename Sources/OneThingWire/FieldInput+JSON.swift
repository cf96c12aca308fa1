package import OneThingModel

/// A field's value as a person or another system wrote it in JSON (`apply --data`, NDJSON
/// lines, the hospital's delivery export, an officer's amendment): any JSON value, kept as
/// its kind so that the field's check can say what was wrong with it.
extension FieldInput: JSONReadable {
    package static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> FieldInput {
        switch r.kind() {
        case .string: return .text(try r.string())
        case .number:
            let start = r.offset
            guard let number = Double(try r.numberText()) else { throw WireDecodingError(message: "expected a number", offset: start) }
            return .number(number)
        case .bool: return .bool(try r.bool())
        case .null:
            _ = r.null()
            return .unsupported(kind: "null")
        case .object, .array:
            try r.skipValue()
            return .unsupported(kind: "an array or object")
        case nil: throw r.error("expected a value")
        }
    }
}

extension FieldInputs: JSONReadable {
    /// One `{field_id: value}` object; a field named twice is an error.
    package static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> FieldInputs {
        FieldInputs(try [String: FieldInput].readJSON(&r))
    }
}
