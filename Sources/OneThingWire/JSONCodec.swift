package import Foundation

/// The codec's entry points: one JSON document read strictly into a type, or a value
/// written canonically. Node and hub read and write every wire document and stored JSON
/// column through here (JSONDecoder and JSONEncoder only where speed does not matter, on
/// the same descriptions).
package enum JSONCodec {
    /// A value's canonical JSON.
    package static func encode(_ value: some JSONWritable) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        value.writeJSON(&w)
        return w.bytes
    }

    /// A value's canonical JSON, as text (for TEXT columns).
    package static func text(_ value: some JSONWritable) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    /// One whole document (white space around it, and a byte order mark before, allowed).
    package static func decode<T: JSONReadable>(_ type: T.Type, from bytes: some ContiguousBytes) throws(WireDecodingError) -> T {
        try JSONReader.document(bytes) { (r: inout JSONReader) throws(WireDecodingError) in try T.readJSON(&r) }
    }

    /// The same for a document held as text (a TEXT column).
    package static func decode<T: JSONReadable>(_ type: T.Type, from text: String) throws(WireDecodingError) -> T {
        try JSONReader.document(text) { (r: inout JSONReader) throws(WireDecodingError) in try T.readJSON(&r) }
    }

    // The stored shapes read most (field maps and lists), specialised here: callers in other
    // modules would otherwise run the generic code above.

    package static func decode(_ type: [String: String].Type, from text: String) throws(WireDecodingError) -> [String: String] {
        try JSONReader.document(text) { (r: inout JSONReader) throws(WireDecodingError) in try [String: String].readJSON(&r) }
    }

    package static func decode(_ type: [String].Type, from text: String) throws(WireDecodingError) -> [String] {
        try JSONReader.document(text) { (r: inout JSONReader) throws(WireDecodingError) in try [String].readJSON(&r) }
    }

    package static func text(_ value: [String: String]) -> String {
        var w = JSONWriter(capacity: 64 * value.count + 2)
        value.writeJSON(&w)
        return w.text
    }

    package static func text(_ value: [String]) -> String {
        var w = JSONWriter(capacity: 32 * value.count + 2)
        value.writeJSON(&w)
        return w.text
    }

    /// The member `key` of the top-level object in `bytes`, read as `T`; the other members
    /// are checked and passed over. Nil when the object has no such member.
    package static func member<T: JSONReadable>(_ key: StaticString, as type: T.Type, in bytes: some ContiguousBytes)
        throws(WireDecodingError) -> T?
    {
        let table = JSONKeyTable([key.withUTF8Buffer { Array($0) }])
        return try JSONReader.document(bytes) { (r: inout JSONReader) throws(WireDecodingError) in
            var found: T?
            try JSONReader.object(&r, keys: table) { (r: inout JSONReader, index: Int?) throws(WireDecodingError) in
                guard index != nil else { return try r.skipValue() }
                guard found == nil else { throw r.error("the key \(key) appears twice") }
                do throws(WireDecodingError) {
                    found = try T.readJSON(&r)
                } catch {
                    throw error.inside(key: key.description)
                }
            }
            return found
        }
    }
}
