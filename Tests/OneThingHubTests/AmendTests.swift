import Foundation
import Hummingbird
import HummingbirdTesting
@testable import OneThingHub
import OneThingModel
import OneThingWire
import Testing

@Suite("Amend")
struct AmendTests {
    private func amend(_ number: String, _ fields: [String: String], client: some TestClientProtocol, hub: HubFixture)
        async throws -> TestResponse
    {
        try await client.execute(
            uri: "\(WireProtocol.adminApplicationsPath)/\(number)", method: .patch, headers: hub.adminHeaders,
            body: ByteBuffer(bytes: JSONCodec.encode(AmendRequest(fields: fields))))
    }

    @Test("an amendment bumps hub_revision and shows in the next pull", arguments: HubBackend.available)
    func amendShowsInPull(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let pushed = try await client.push([try SyntheticEntries.newApplication(seq: 1)], fixture: hub)
            let number = try #require(pushed.results.first?.provinceNo)
            let before = try await client.pull(after: 0, fixture: hub)

            let address = "福建省福州市鼓楼区测试街道8号"
            let response = try await amend(number, ["delivery_address": address], client: client, hub: hub)
            #expect(response.status == .ok)
            let application = try JSONCodec.decode(HubApplication.self, from: Data(buffer: response.body))
            #expect(application.hubRevision == 2)
            #expect(application.revision == 1)
            #expect(application.fields["delivery_address"] == address)

            let page = try await client.pull(after: before.nextCursor, fixture: hub)
            let change = try #require(page.changes.first)
            #expect(page.changes.count == 1)
            #expect(change.hubRevision == 2)
            #expect(change.fields["delivery_address"] == address)
        }
    }

    @Test("an unknown field or an invalid value is refused naming the field, never the value", arguments: HubBackend.available)
    func invalidAmendments(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let pushed = try await client.push([try SyntheticEntries.newApplication(seq: 1)], fixture: hub)
            let number = try #require(pushed.results.first?.provinceNo)

            let unknown = try await amend(number, ["favourite_colour": "blue-ish"], client: client, hub: hub)
            #expect(unknown.status == .badRequest)
            let unknownBody = try unknown.errorBody()
            #expect(unknownBody.message.contains("favourite_colour"))
            #expect(!unknownBody.message.contains("blue-ish"))

            let badValue = "13900000000000077"
            let invalid = try await amend(number, ["mother_phone": badValue], client: client, hub: hub)
            #expect(invalid.status == .badRequest)
            let invalidBody = try invalid.errorBody()
            #expect(invalidBody.message.contains("mother_phone"))
            #expect(!invalidBody.message.contains(badValue))

            let empty = try await amend(number, [:], client: client, hub: hub)
            #expect(empty.status == .badRequest)

            let application = try #require(try await client.adminApplications(fixture: hub).first)
            #expect(application.hubRevision == 1)
        }
    }
}
