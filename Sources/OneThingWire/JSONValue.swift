/// A value the strict reader reads.
package protocol JSONReadable {
    static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> Self
}

/// A value the canonical writer writes.
package protocol JSONWritable {
    func writeJSON(_ w: inout JSONWriter)
}

/// A value read and written by the codec, and (for the places where speed does not matter,
/// and as the tests' reference) by JSONDecoder and JSONEncoder, through the same
/// description.
package typealias JSONValue = JSONReadable & JSONWritable & Codable

extension String: JSONReadable, JSONWritable {
    package static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> String { try r.string() }
    package func writeJSON(_ w: inout JSONWriter) { w.string(self) }
}

extension Int: JSONReadable, JSONWritable {
    package static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> Int { try r.int() }
    package func writeJSON(_ w: inout JSONWriter) { w.int64(Int64(self)) }
}

extension Int64: JSONReadable, JSONWritable {
    package static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> Int64 { try r.int64() }
    package func writeJSON(_ w: inout JSONWriter) { w.int64(self) }
}

extension Bool: JSONReadable, JSONWritable {
    package static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> Bool { try r.bool() }
    package func writeJSON(_ w: inout JSONWriter) { w.bool(self) }
}

extension Array: JSONReadable where Element: JSONReadable {
    package static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> [Element] {
        var list: [Element] = []
        try JSONReader.array(&r) { (r: inout JSONReader, _: Int) throws(WireDecodingError) in list.append(try Element.readJSON(&r)) }
        return list
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    package func writeJSON(_ w: inout JSONWriter) {
        w.byte(UInt8(ascii: "["))
        for (n, element) in enumerated() {
            if n > 0 { w.byte(UInt8(ascii: ",")) }
            element.writeJSON(&w)
        }
        w.byte(UInt8(ascii: "]"))
    }
}

/// A map: a JSON object whose members are all of one kind (field values, documents). A key
/// that appears twice is an error; keys are written sorted.
extension Dictionary: JSONReadable where Key == String, Value: JSONReadable {
    package static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> [String: Value] {
        var map: [String: Value] = [:]
        try JSONReader.object(&r) { (r: inout JSONReader, key: String) throws(WireDecodingError) in
            let start = r.offset
            guard map.updateValue(try Value.readJSON(&r), forKey: key) == nil else {
                throw WireDecodingError(message: "the key appears twice in the object", offset: start)
            }
        }
        return map
    }
}

extension Dictionary: JSONWritable where Key == String, Value: JSONWritable {
    package func writeJSON(_ w: inout JSONWriter) {
        w.byte(UInt8(ascii: "{"))
        for (n, key) in keys.sorted().enumerated() {
            if n > 0 { w.byte(UInt8(ascii: ",")) }
            w.string(key)
            w.byte(UInt8(ascii: ":"))
            self[key]?.writeJSON(&w)
        }
        w.byte(UInt8(ascii: "}"))
    }
}

/// An enumeration written as one of its raw strings; another string is an error that lists
/// the ones it can be (never the one found).
package protocol JSONStringEnum: RawRepresentable, CaseIterable, JSONReadable, JSONWritable where RawValue == String {}

extension JSONStringEnum {
    package static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> Self {
        let start = r.offset
        guard let value = Self(rawValue: try r.string()) else {
            throw WireDecodingError(
                message: "expected one of " + allCases.map(\.rawValue).joined(separator: ", "), offset: start)
        }
        return value
    }

    package func writeJSON(_ w: inout JSONWriter) { w.string(rawValue) }
}
