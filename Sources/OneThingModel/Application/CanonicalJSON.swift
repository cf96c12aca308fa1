/// A small, fast writer of canonical JSON: object keys sorted, no insignificant spaces,
/// strings escaped minimally (quote, backslash, control characters), everything else raw
/// UTF-8. Used for frozen outbox payloads and stored field maps, whose bytes are hashed:
/// the same value always gives the same bytes. Faster than JSONEncoder, which matters on
/// the filing path.
public enum CanonicalJSON {
    /// Bytes of JSON being written. Works on UTF-8 bytes: every byte of a multi-byte
    /// sequence is >= 0x80, so only ASCII quote, backslash and control bytes need escaping.
    public struct Writer {
        public private(set) var bytes: [UInt8] = []

        public init(capacity: Int = 1024) {
            bytes.reserveCapacity(capacity)
        }

        public mutating func raw(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        public mutating func raw(_ text: String) {
            bytes.append(contentsOf: text.utf8)
        }

        /// Bytes that are already JSON (a value encoded elsewhere), appended as they are.
        public mutating func rawBytes(_ json: some Sequence<UInt8>) {
            bytes.append(contentsOf: json)
        }

        public mutating func string(_ s: String) {
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

        public mutating func object(_ values: [String: String]) {
            bytes.append(UInt8(ascii: "{"))
            for (n, key) in values.keys.sorted().enumerated() {
                if n > 0 { bytes.append(UInt8(ascii: ",")) }
                string(key)
                bytes.append(UInt8(ascii: ":"))
                string(values[key] ?? "")
            }
            bytes.append(UInt8(ascii: "}"))
        }

        public mutating func array(_ values: [String]) {
            bytes.append(UInt8(ascii: "["))
            for (n, value) in values.enumerated() {
                if n > 0 { bytes.append(UInt8(ascii: ",")) }
                string(value)
            }
            bytes.append(UInt8(ascii: "]"))
        }

        public var text: String { String(decoding: bytes, as: UTF8.self) }

        private static let hex = Array("0123456789abcdef".utf8)
    }

    public static func object(_ values: [String: String]) -> String {
        var writer = Writer(capacity: 64 * values.count + 2)
        writer.object(values)
        return writer.text
    }

    public static func array(_ values: [String]) -> String {
        var writer = Writer(capacity: 32 * values.count + 2)
        writer.array(values)
        return writer.text
    }
}

extension ApplicationPayload {
    /// The canonical JSON of this payload (keys in sorted order, as JSONEncoder's
    /// `.sortedKeys` would give them; nil values as null), as UTF-8 bytes.
    public var canonicalJSONBytes: [UInt8] {
        var w = CanonicalJSON.Writer(capacity: 2048)
        w.raw("{\"application_id\":")
        w.string(applicationId)
        w.raw(",\"base_revision\":")
        if let baseRevision { w.raw(String(baseRevision)) } else { w.raw("null") }
        w.raw(",\"bundle\":")
        w.string(bundle)
        w.raw(",\"catalog_version\":")
        w.string(catalogVersion)
        w.raw(",\"fields\":")
        w.object(fields)
        if let filedAt {
            w.raw(",\"filed_at\":")
            w.string(filedAt)
        }
        w.raw(",\"items\":")
        w.array(items)
        w.raw(",\"operator\":")
        if let operatorId { w.string(operatorId) } else { w.raw("null") }
        w.raw(",\"region\":")
        w.string(region)
        if let resolves, !resolves.isEmpty {
            w.raw(",\"resolves\":")
            w.array(resolves)
        }
        w.raw(",\"revision\":")
        w.raw(String(revision))
        w.raw(",\"situations\":")
        w.array(situations)
        w.raw("}")
        return w.bytes
    }

    public var canonicalJSON: String {
        String(decoding: canonicalJSONBytes, as: UTF8.self)
    }
}
