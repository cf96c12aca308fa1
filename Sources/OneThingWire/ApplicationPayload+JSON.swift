package import Foundation
package import OneThingModel

/// The frozen payload's JSON: written once by the node when it files or revises (the bytes
/// it hashes, stores and sends as they are) and read by the hub from the bytes received.
extension ApplicationPayload: JSONRecord {
    package static let jsonShape = JSONShape(
        "an application payload",
        blank: ApplicationPayload(
            applicationId: "", revision: 0, baseRevision: nil, bundle: "", items: [], fields: [:], situations: [],
            catalogVersion: "", region: "", operatorId: nil))

    /// `base_revision` and `operator` are written null when absent, `filed_at` and an empty
    /// `resolves` left out: the form payloads have been frozen in since they were added, so
    /// that every payload keeps its hash.
    package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout ApplicationPayload) throws(C.Failure) {
        try c.required("application_id", &v.applicationId)
        try c.nullable("base_revision", &v.baseRevision)
        try c.required("bundle", &v.bundle)
        try c.required("catalog_version", &v.catalogVersion)
        try c.required("fields", &v.fields)
        try c.optional("filed_at", &v.filedAt)
        try c.required("items", &v.items)
        try c.nullable("operator", &v.operatorId)
        try c.required("region", &v.region)
        try c.defaulted("resolves", &v.resolves, [], omitDefault: true)
        try c.required("revision", &v.revision)
        try c.required("situations", &v.situations)
    }

    /// The canonical JSON the node freezes, as UTF-8 bytes.
    package var canonicalJSONBytes: [UInt8] {
        var w = JSONWriter(capacity: 2048)
        writeJSON(&w)
        return w.bytes
    }

    package var canonicalJSON: String {
        String(decoding: canonicalJSONBytes, as: UTF8.self)
    }

    /// A frozen payload as the hub reads it from a push (the bytes received) or the node
    /// from its outbox.
    package static func decode(json bytes: some ContiguousBytes) throws(WireDecodingError) -> ApplicationPayload {
        try JSONCodec.decode(ApplicationPayload.self, from: bytes)
    }

    /// The payload of a push entry, in whichever form it travelled.
    package static func decode(_ payload: PushPayload) throws(WireDecodingError) -> ApplicationPayload {
        switch payload {
        case .object(let bytes): try decode(json: bytes)
        case .text(let text): try JSONCodec.decode(ApplicationPayload.self, from: text)
        }
    }
}
