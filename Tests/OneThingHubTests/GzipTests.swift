import Foundation
import Hummingbird
import HummingbirdTesting
@testable import OneThingHub
import OneThingWire
import Testing

@Suite("gzip")
struct GzipTests {
    @Test("a gzip request body is accepted", arguments: HubBackend.available)
    func gzipRequest(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let batch = PushRequest(entries: [try SyntheticEntries.newApplication(seq: 1)])
            let plain = [UInt8](JSONCodec.encode(batch))
            var headers = hub.nodeHeaders
            headers[.contentEncoding] = "gzip"
            let response = try await client.execute(
                uri: WireProtocol.pushPath(node: hub.node), method: .post, headers: headers,
                body: ByteBuffer(bytes: StoredGzip.wrap(plain)))
            #expect(response.status == .ok)
            let answer = try JSONCodec.decode(PushResponse.self, from: Data(buffer: response.body))
            #expect(answer.results.first?.status == .accepted)
        }
    }

    @Test("a body marked gzip that is not gzip is refused with 400", arguments: HubBackend.available)
    func badGzip(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            var headers = hub.nodeHeaders
            headers[.contentEncoding] = "gzip"
            let response = try await client.execute(
                uri: WireProtocol.pushPath(node: hub.node), method: .post, headers: headers,
                body: ByteBuffer(string: "{\"entries\":[]}"))
            #expect(response.status == .badRequest)
            #expect(try response.errorBody().error == "bad_request")
        }
    }

    @Test("a large response is gzip-compressed when the client accepts gzip, and only then", arguments: HubBackend.available)
    func gzipResponse(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let entries = try (1...3).map { try SyntheticEntries.newApplication(seq: Int64($0)) }
            _ = try await client.push(entries, fixture: hub)
            let uri = WireProtocol.changesPath(node: hub.node) + "?after=0"

            var headers = hub.nodeHeaders
            headers[.acceptEncoding] = "br;q=1.0, gzip;q=0.8"
            let compressed = try await client.execute(uri: uri, method: .get, headers: headers)
            #expect(compressed.status == .ok)
            #expect(compressed.headers[.contentEncoding] == "gzip")
            let bytes = [UInt8](compressed.body.readableBytesView)
            #expect(bytes.prefix(2) == [0x1f, 0x8b])
            let inflated = try Gzip.decompress(Data(bytes))
            let page = try JSONCodec.decode(ChangesPage.self, from: inflated)
            #expect(page.changes.count == 3)

            let plain = try await client.execute(uri: uri, method: .get, headers: hub.nodeHeaders)
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(try JSONCodec.decode(ChangesPage.self, from: Data(buffer: plain.body)) == page)

            headers[.acceptEncoding] = "gzip;q=0"
            let refused = try await client.execute(uri: uri, method: .get, headers: headers)
            #expect(refused.headers[.contentEncoding] == nil)

            // small bodies are not worth compressing
            headers[.acceptEncoding] = "gzip"
            let small = try await client.execute(uri: WireProtocol.healthPath, method: .get, headers: headers)
            #expect(small.headers[.contentEncoding] == nil)
        }
    }
}
