import Foundation
import OneThingWire
import Testing

@Suite("Push request bodies")
struct PushBodyTests {
    @Test("the direct writer gives JSON that decodes to the same request, payload text intact")
    func roundTrip() throws {
        let payload = #"{"application_id":"OT-0000000001","fields":{"name":"陈\"小\"测\\","note":"a\nb\u0001"}}"#
        let request = PushRequest(entries: [
            PushEntry(seq: 1, idempotencyKey: "k-1", applicationId: "OT-0000000001", revision: 1, baseRevision: nil,
                      payloadSHA256: String(repeating: "a", count: 64), payload: payload),
            PushEntry(seq: 2, idempotencyKey: "k-2", applicationId: "OT-0000000002", revision: 2, baseRevision: 1,
                      payloadSHA256: String(repeating: "b", count: 64), payload: "{}"),
        ])
        let decoded = try WireCoding.decode(PushRequest.self, from: Data(request.jsonBytes))
        #expect(decoded == request)
        #expect(decoded.entries[0].payload == payload)
        #expect(try WireCoding.decode(PushRequest.self, from: WireCoding.encode(request)) == decoded)
    }

    @Test("an empty batch is an empty list")
    func empty() throws {
        #expect(String(decoding: PushRequest(entries: []).jsonBytes, as: UTF8.self) == #"{"entries":[]}"#)
    }
}
