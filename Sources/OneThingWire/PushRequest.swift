package import Foundation

/// `POST /v1/nodes/{node_id}/push` (see sync/openapi.yaml).
package struct PushRequest: Sendable, Hashable {
    package var entries: [PushEntry]

    package init(entries: [PushEntry]) {
        self.entries = entries
    }

    /// The most entries one request may carry.
    package static let maxEntries = 500
}

extension PushRequest: JSONRecord {
    package static let jsonShape = JSONShape("a push request", blank: PushRequest(entries: []))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout PushRequest) throws(C.Failure) {
        try c.required("entries", &v.entries)
    }

    /// The request body as the node sends it. A batch of 250 entries is ~300 KB of payloads
    /// (sent as they were frozen, not copied into strings); this is on the sync hot path.
    package var jsonBytes: [UInt8] {
        var w = JSONWriter(capacity: entries.reduce(64) { $0 + $1.payload.bytes.count + 256 })
        writeJSON(&w)
        return w.bytes
    }

    /// A push request body as the hub reads it, every entry's payload kept as the bytes sent.
    package static func decode(json data: Data) throws(WireDecodingError) -> PushRequest {
        try JSONCodec.decode(PushRequest.self, from: data)
    }
}

/// One frozen outbox entry as it travels.
package struct PushEntry: Sendable, Hashable {
    package var seq: Int64
    package var idempotencyKey: String
    package var applicationId: String
    package var revision: Int
    package var baseRevision: Int?
    package var payloadSHA256: String
    /// The frozen payload: the exact canonical JSON of an `ApplicationPayload`.
    package var payload: PushPayload

    package init(
        seq: Int64, idempotencyKey: String, applicationId: String, revision: Int, baseRevision: Int?,
        payloadSHA256: String, payload: PushPayload
    ) {
        self.seq = seq
        self.idempotencyKey = idempotencyKey
        self.applicationId = applicationId
        self.revision = revision
        self.baseRevision = baseRevision
        self.payloadSHA256 = payloadSHA256
        self.payload = payload
    }
}

extension PushEntry: JSONRecord {
    package static let jsonShape = JSONShape(
        "a push entry",
        blank: PushEntry(seq: 0, idempotencyKey: "", applicationId: "", revision: 0, baseRevision: nil, payloadSHA256: "", payload: .text("")))

    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout PushEntry) throws(C.Failure) {
        try c.required("application_id", &v.applicationId)
        try c.optional("base_revision", &v.baseRevision)
        try c.required("idempotency_key", &v.idempotencyKey)
        try c.required("payload", &v.payload)
        try c.required("payload_sha256", &v.payloadSHA256)
        try c.required("revision", &v.revision)
        try c.required("seq", &v.seq)
    }
}
