import Foundation
import Hummingbird
import HummingbirdTesting
@testable import OneThingHub
import OneThingWire
import Testing

@Suite("Live server")
struct LiveServerTests {
    @Test("push, decide and pull over a real loopback connection")
    func pushDecidePull() async throws {
        let hub = try await HubFixture()
        try await hub.app().test(.live) { client in
            #expect(client.port != nil)
            let health = try await client.execute(uri: WireProtocol.healthPath, method: .get)
            #expect(health.status == .ok)

            let batch = try (1...2).map { try SyntheticEntries.newApplication(seq: Int64($0)) }
            let pushed = try await client.push(batch, fixture: hub)
            #expect(pushed.results.map(\.status) == [.accepted, .accepted])
            let resent = try await client.push(batch, fixture: hub)
            #expect(resent.results.map(\.status) == [.alreadyApplied, .alreadyApplied])

            let number = try #require(pushed.results.first?.provinceNo)
            let decided = try await client.decide(
                number, "birth-certificate", DecisionRequest(decision: .approve), fixture: hub)
            #expect(decided.status == .ok)

            var headers = hub.nodeHeaders
            headers[.acceptEncoding] = "gzip"
            let response = try await client.execute(
                uri: WireProtocol.changesPath(node: hub.node) + "?after=0&limit=10", method: .get, headers: headers)
            #expect(response.status == .ok)
            #expect(response.headers[.contentEncoding] == "gzip")
            let page = try JSONCodec.decode(
                ChangesPage.self, from: try Gzip.decompress(Data(buffer: response.body)))
            #expect(page.changes.map(\.provinceNo) == ["FJ0000000002", "FJ0000000001"])
            #expect(page.changes.last?.items.first { $0.item == "birth-certificate" }?.state == .approved)

            let unauthorized = try await client.execute(
                uri: WireProtocol.pushPath(node: hub.node), method: .post, headers: [.authorization: "Bearer nope"],
                body: ByteBuffer(string: "{\"entries\":[]}"))
            #expect(unauthorized.status == .unauthorized)
        }
    }
}
