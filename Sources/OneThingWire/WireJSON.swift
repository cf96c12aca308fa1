public import Foundation

/// Fast reading of the small JSON shapes stored in TEXT columns (field maps, lists of
/// names), through `JSONReader`: what JSONDecoder gives for them, without its per-call cost.
public enum WireJSON {
    /// A JSON object of string values.
    public static func stringMap(_ text: String) throws(WireDecodingError) -> [String: String] {
        try JSONReader.document(text) { (r: inout JSONReader) throws(WireDecodingError) in try JSONReader.stringMap(&r) }
    }

    /// A JSON array of strings.
    public static func stringArray(_ text: String) throws(WireDecodingError) -> [String] {
        try JSONReader.document(text) { (r: inout JSONReader) throws(WireDecodingError) in
            var list: [String] = []
            try JSONReader.array(&r) { (r: inout JSONReader) throws(WireDecodingError) in list.append(try r.string()) }
            return list
        }
    }
}
