/// The one JSON writer of node and hub, canonical: object keys sorted (records list their
/// members in key order, maps are sorted), no insignificant space, strings escaped
/// minimally (quote, backslash, control characters), everything else raw UTF-8. Frozen
/// payloads and stored field maps are hashed or compared as bytes: the same value always
/// gives the same bytes.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []

    package init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Bytes that are already JSON (a value checked elsewhere), appended as they are.
    mutating func rawBytes(_ json: some Collection<UInt8>) {
        bytes.append(contentsOf: json)
    }

    mutating func byte(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func null() {
        raw("null")
    }

    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// An integer (its text is a small string: no allocation).
    mutating func int64(_ value: Int64) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"key":`, with a comma before all members but the first.
    mutating func key(_ key: StaticString, first: inout Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        raw(key)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    private static let hex = Array("0123456789abcdef".utf8)
}
