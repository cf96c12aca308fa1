import Crypto
import Foundation
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// Protocol 2: a push entry carries the frozen payload's JSON object itself, its bytes as
/// the node froze them; the hub reads them out of the body exactly.
@Suite("Push request bodies")
struct PushBodyTests {
    static let payload = Array(#"{"application_id":"OT-0000000001","fields":{"name":"陈\"小\"测\\","note":"a\nb\u0001"}}"#.utf8)

    static func request(_ payload: PushPayload) -> PushRequest {
        PushRequest(entries: [
            PushEntry(seq: 1, idempotencyKey: "k-1", applicationId: "OT-0000000001", revision: 1, baseRevision: nil,
                      payloadSHA256: String(repeating: "a", count: 64), payload: payload),
            PushEntry(seq: 2, idempotencyKey: "k-2", applicationId: "OT-0000000002", revision: 2, baseRevision: 1,
                      payloadSHA256: String(repeating: "b", count: 64), payload: .object(Array("{}".utf8))),
        ])
    }

    @Test("the payload travels as the object itself, its bytes unchanged, and is read back as those bytes")
    func rawPayload() throws {
        let request = Self.request(.object(Self.payload))
        let body = request.jsonBytes
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains(#""payload":"# + String(decoding: Self.payload, as: UTF8.self) + ","))
        let decoded = try PushRequest.decode(json: Data(body))
        #expect(decoded == request)
        #expect(decoded.entries[0].payload.bytes == Self.payload)
        #expect(try Oracle.decode(PushRequest.self, from: Data(body)).entries.map(\.idempotencyKey) == ["k-1", "k-2"])
    }

    @Test("the bytes are the member's exact bytes, white space inside the object and all")
    func exactBytesWithSpace() throws {
        let spaced = #"{ "b" : [ 1 , 2 ] ,"a":"\u00e9" }"#
        let body = #"{"entries":[{"seq":1,"idempotency_key":"k-12345678","application_id":"OT-0000000001","revision":1,"payload_sha256":"x","payload":"#
            + spaced + "}]}"
        let entry = try #require(try PushRequest.decode(json: Data(body.utf8)).entries.first)
        #expect(entry.payload.bytes == Array(spaced.utf8))
    }

    @Test("a protocol 1 entry (the payload's text in a string) is read, and hashes the same bytes as protocol 2")
    func protocolOneText() throws {
        let text = String(decoding: Self.payload, as: UTF8.self)
        var writer = JSONWriterProbe()
        let body = writer.protocolOneBody(text)
        let entry = try #require(try PushRequest.decode(json: Data(body.utf8)).entries.first)
        #expect(entry.payload == .text(text))
        #expect(entry.payload.bytes == Self.payload)
        #expect(SHA256.hash(data: entry.payload.bytes) == SHA256.hash(data: PushPayload.object(Self.payload).bytes))
    }

    @Test("a payload that is neither an object nor a string refuses the request, naming the entry and member", arguments: [
        "5", "[1]", "true", "null",
    ])
    func otherKinds(_ value: String) {
        let body = #"{"entries":[{"seq":1,"idempotency_key":"k-12345678","application_id":"OT-0000000001","revision":1,"payload_sha256":"x","payload":"#
            + value + "}]}"
        #expect {
            try PushRequest.decode(json: Data(body.utf8))
        } throws: { error in
            (error as? WireDecodingError)?.description.hasPrefix("entries[0].payload:") == true
        }
    }

    @Test("frozen bytes that are one JSON object travel as they are; damaged ones as text, for the hub to answer")
    func frozen() {
        #expect(PushPayload(frozen: Data(Self.payload)) == .object(Self.payload))
        for damaged in [#"{"a":"b""#, #"{"a":"b"} x"#, "[]", "", #"{"a":"\ud800"}"#] {
            #expect(PushPayload(frozen: Data(damaged.utf8)) == .text(damaged), "\(damaged)")
        }
        var invalid = Self.payload
        invalid[3] = 0xFF
        #expect(PushPayload(frozen: Data(invalid)).bytes != invalid, "invalid UTF-8 cannot travel as text unchanged: its hash cannot match")
    }

    @Test("an empty batch is an empty list")
    func empty() throws {
        #expect(String(decoding: PushRequest(entries: []).jsonBytes, as: UTF8.self) == #"{"entries":[]}"#)
    }
}

/// A protocol 1 body, as a node of that version wrote it: the payload's text in a string.
struct JSONWriterProbe {
    mutating func protocolOneBody(_ payload: String) -> String {
        let escaped = String(decoding: JSONCodec.encode(payload), as: UTF8.self)
        return #"{"entries":[{"application_id":"OT-0000000001","base_revision":null,"idempotency_key":"k-12345678","payload":"#
            + escaped + #","payload_sha256":"x","revision":1,"seq":1}]}"#
    }
}
