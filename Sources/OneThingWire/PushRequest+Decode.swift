public import Foundation

extension PushRequest {
    /// Reads a push request body with `JSONReader`: what `WireCoding.decode` gives for a
    /// valid body (unknown keys ignored; `base_revision` absent or null alike). A batch is
    /// ~400 KB of escaped payload text, where JSONDecoder is slow; the hub reads every push
    /// through here.
    public static func decode(json data: Data) throws(WireDecodingError) -> PushRequest {
        try JSONReader.document(data) { (r: inout JSONReader) throws(WireDecodingError) in
            var entries: [PushEntry]?
            try JSONReader.object(&r) { (r: inout JSONReader, key: String) throws(WireDecodingError) in
                guard key == "entries" else { return try JSONReader.skipValue(&r) }
                var list: [PushEntry] = []
                try JSONReader.array(&r) { (r: inout JSONReader) throws(WireDecodingError) in list.append(try PushEntry.read(&r)) }
                entries = list
            }
            guard let entries else { throw r.error("a push request lacks entries") }
            return PushRequest(entries: entries)
        }
    }
}

extension PushEntry {
    static func read(_ r: inout JSONReader) throws(WireDecodingError) -> PushEntry {
        var seq: Int64?
        var idempotencyKey, applicationId, payloadSHA256, payload: String?
        var revision: Int?
        var baseRevision: Int?
        try JSONReader.object(&r) { (r: inout JSONReader, key: String) throws(WireDecodingError) in
            switch key {
            case "seq": seq = try r.int64()
            case "idempotency_key": idempotencyKey = try r.string()
            case "application_id": applicationId = try r.string()
            case "revision": revision = try r.int()
            case "base_revision": baseRevision = r.null() ? nil : try r.int()
            case "payload_sha256": payloadSHA256 = try r.string()
            case "payload": payload = try r.string()
            default: try JSONReader.skipValue(&r)
            }
        }
        guard let seq, let idempotencyKey, let applicationId, let revision, let payloadSHA256, let payload else {
            throw r.error("an entry lacks one of seq, idempotency_key, application_id, revision, payload_sha256, payload")
        }
        return PushEntry(
            seq: seq, idempotencyKey: idempotencyKey, applicationId: applicationId, revision: revision, baseRevision: baseRevision,
            payloadSHA256: payloadSHA256, payload: payload)
    }
}
