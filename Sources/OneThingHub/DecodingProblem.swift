/// A sentence about why JSON did not decode: where, and what was expected. Never the value
/// that was found (it may be an applicant's data).
enum DecodingProblem {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "it is not valid JSON" }
        switch error {
        case .typeMismatch(let type, let context):
            return "at \(path(context.codingPath)) a value of type \(typeName(type)) was expected"
        case .valueNotFound(let type, let context):
            return "at \(path(context.codingPath)) a value of type \(typeName(type)) was expected, not null"
        case .keyNotFound(let key, let context):
            return "the key \"\(key.stringValue)\" is missing at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not valid JSON" : "the value at \(path(context.codingPath)) is not allowed"
        @unknown default:
            return "it cannot be decoded"
        }
    }

    static func path(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out.isEmpty ? "the top level" : out
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Int.Type, is Int64.Type, is Double.Type: "number"
        case is Bool.Type: "boolean"
        default: String(describing: type).hasPrefix("Array") ? "array" : "object"
        }
    }
}
