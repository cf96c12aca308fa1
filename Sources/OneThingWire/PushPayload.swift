package import Foundation

/// The frozen payload of a push entry as it travels. Since protocol 2 it is the payload's
/// JSON object itself, and its exact bytes (the canonical bytes the node froze) are what
/// `payload_sha256` hashes; the hub slices them out of the request body. A string, the
/// payload's text (protocol 1's form), is still read, and its UTF-8 bytes hashed: the same
/// bytes, so an entry keeps its hash whichever form it travels in.
package enum PushPayload: Sendable, Hashable {
    /// The exact bytes of one JSON object, checked.
    case object([UInt8])
    /// The payload's text.
    case text(String)

    /// The bytes whose SHA-256 is the entry's `payload_sha256`.
    package var bytes: [UInt8] {
        switch self {
        case .object(let bytes): bytes
        case .text(let text): Array(text.utf8)
        }
    }

    /// A payload as the node froze it: sent as it is when it is one JSON object. Bytes that
    /// are not (damaged in the node's database) are sent as text, so that the hub answers
    /// that entry (`payload_hash_mismatch`) and it is quarantined instead of the whole batch
    /// being refused as malformed.
    package init(frozen bytes: Data) {
        do {
            try JSONReader.document(bytes) { (r: inout JSONReader) throws(WireDecodingError) in
                guard r.kind() == .object else { throw r.error("expected an object") }
                try r.skipValue()
            }
            self = .object(Array(bytes))
        } catch {
            self = .text(String(decoding: bytes, as: UTF8.self))
        }
    }
}

extension PushPayload: JSONReadable, JSONWritable, Codable {
    package static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> PushPayload {
        switch r.kind() {
        case .object: .object(try r.rawValue())
        case .string: .text(try r.string())
        default: throw r.error("expected the payload object (or, from a protocol 1 node, its text)")
        }
    }

    package func writeJSON(_ w: inout JSONWriter) {
        switch self {
        case .object(let bytes): w.rawBytes(bytes)
        case .text(let text): w.string(text)
        }
    }

    /// For JSONEncoder (tests): the object's members as JSON values, not its exact bytes.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .object(let bytes): try container.encode(try JSONCodec.decode(JSONTree.self, from: bytes))
        case .text(let text): try container.encode(text)
        }
    }

    /// For JSONDecoder (tests): the object written again canonically.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .object(JSONCodec.encode(try container.decode(JSONTree.self)))
        }
    }
}
