import Foundation
import Hummingbird
import HummingbirdTesting
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// Protocol 2: the hub hashes the payload's bytes exactly as they came in the body, and still
/// takes protocol 1's form (the payload's text in a string), which hashes the same bytes.
@Suite("Payload bytes and protocol versions")
struct PayloadBytesTests {
    /// A push body written by hand: each entry's envelope, then its payload spliced in as
    /// the bytes given (an object, or a JSON string for protocol 1).
    static func body(_ entries: [(PushEntry, payloadJSON: String)]) -> ByteBuffer {
        let parts = entries.map { entry, payload in
            var envelope = entry
            envelope.payload = .text("")
            let text = String(decoding: JSONCodec.encode(envelope), as: UTF8.self)
            return text.replacingOccurrences(of: #""payload":"""#, with: #""payload":"# + payload)
        }
        return ByteBuffer(string: #"{"entries":["# + parts.joined(separator: ",") + "]}")
    }

    func post(_ client: some TestClientProtocol, _ body: ByteBuffer, hub: HubFixture) async throws -> PushResponse {
        let response = try await client.execute(
            uri: WireProtocol.pushPath(node: hub.node), method: .post, headers: hub.nodeHeaders, body: body)
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try JSONCodec.decode(PushResponse.self, from: Data(buffer: response.body))
    }

    @Test("the same application written with other spacing is other bytes: its hash must be of the bytes sent", arguments: HubBackend.available)
    func exactBytes(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let payload = try SyntheticEntries.payload(applicationId: SyntheticEntries.applicationID(1))
            let entry = try SyntheticEntries.entry(seq: 1, payload: payload)  // hash of the canonical bytes
            let canonical = String(decoding: payload.canonicalJSONBytes, as: UTF8.self)
            let spaced = canonical.replacingOccurrences(of: #"","#, with: #"", "#)
            #expect(spaced != canonical)
            let refused = try await post(client, Self.body([(entry, spaced)]), hub: hub)
            #expect(refused.results.map(\.reasonCode) == [.payloadHashMismatch], "a re-encoding would have matched")

            var second = try SyntheticEntries.entry(seq: 2, payload: SyntheticEntries.payload(applicationId: SyntheticEntries.applicationID(2)))
            let spacedSecond = String(decoding: second.payload.bytes, as: UTF8.self)
                .replacingOccurrences(of: #"","#, with: #"", "#)
            second.payloadSHA256 = Digest.sha256Hex(spacedSecond)
            let accepted = try await post(client, Self.body([(second, spacedSecond)]), hub: hub)
            #expect(accepted.results.map(\.status) == [.accepted], "\(accepted.results.first?.reason ?? "")")
        }
    }

    @Test("a protocol 1 entry (the payload's text) is accepted; the same entry sent again as protocol 2 is answered from the record", arguments: HubBackend.available)
    func protocolOneThenTwo(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let entry = try SyntheticEntries.newApplication(seq: 1)
            let text = String(decoding: entry.payload.bytes, as: UTF8.self)
            let asText = String(decoding: JSONCodec.encode(text), as: UTF8.self)
            let first = try await post(client, Self.body([(entry, asText)]), hub: hub)
            #expect(first.results.map(\.status) == [.accepted])
            let again = try await client.push([entry], fixture: hub)
            #expect(again.results.map(\.status) == [.alreadyApplied])
            #expect(again.results.first?.provinceNo == first.results.first?.provinceNo)
            var changed = entry
            changed.payload = .object(Array(text.replacingOccurrences(of: #""revision":1"#, with: #""revision":1 "#).utf8))
            changed.payloadSHA256 = Digest.sha256Hex(changed.payload.bytes)
            let refused = try await client.push([changed], fixture: hub)
            #expect(refused.results.map(\.reasonCode) == [.keyReused])
            #expect(try await client.adminApplications(fixture: hub).count == 1)
        }
    }

    @Test("a payload that is neither an object nor a string refuses the batch with 400 naming the entry; nothing applied", arguments: [
        "5", "[]", "true", "null",
    ])
    func otherKinds(_ payload: String) async throws {
        let hub = try await HubFixture()
        try await hub.app().test(.router) { client in
            let good = try SyntheticEntries.newApplication(seq: 1)
            let bad = try SyntheticEntries.newApplication(seq: 2)
            let canonical = String(decoding: good.payload.bytes, as: UTF8.self)
            let response = try await client.execute(
                uri: WireProtocol.pushPath(node: hub.node), method: .post, headers: hub.nodeHeaders,
                body: Self.body([(good, canonical), (bad, payload)]))
            #expect(response.status == .badRequest)
            #expect(try response.errorBody().message.contains("entries[1].payload"), "\(String(buffer: response.body))")
            #expect(try await client.adminApplications(fixture: hub).isEmpty)
        }
    }
}
