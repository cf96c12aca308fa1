import Foundation
import Hummingbird
import HummingbirdTesting
@testable import OneThingHub
import OneThingWire
import Testing

@Suite("Authentication")
struct AuthTests {
    private func expectUnauthorized(_ response: TestResponse) throws {
        #expect(response.status == .unauthorized)
        let body = try response.errorBody()
        #expect(body.error == "unauthorized")
        #expect(!body.message.isEmpty)
    }

    @Test("a wrong token, an unknown node, a missing header and a revoked node are all 401", arguments: HubBackend.available)
    func refusedTokens(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let otherToken = try await hub.store.addNode("ward-2")
        try await hub.app().test(.router) { client in
            let body = ByteBuffer(bytes: JSONCodec.encode(PushRequest(entries: [])))
            let cases: [(String, HTTPFields)] = [
                (hub.node, [.authorization: "Bearer not-the-token"]),
                (hub.node, [:]),
                (hub.node, [.authorization: hub.token]),
                (hub.node, [.authorization: "Bearer \(otherToken)"]),  // another node's token
                ("nobody", [.authorization: "Bearer \(hub.token)"]),
                ("Not Valid", [.authorization: "Bearer \(hub.token)"]),
            ]
            var messages: Set<String> = []
            for (node, headers) in cases {
                let path = WireProtocol.pushPath(node: node)  // percent-encoded by WireRoute
                let response = try await client.execute(uri: path, method: .post, headers: headers, body: body)
                try expectUnauthorized(response)
                messages.insert(try response.errorBody().message)
                let pull = try await client.execute(
                    uri: WireProtocol.changesPath(node: node), method: .get,
                    headers: headers)
                try expectUnauthorized(pull)
            }
            #expect(messages.count == 1, "the message must not reveal which part was wrong")

            try await hub.store.revokeNode(hub.node)
            let revoked = try await client.execute(
                uri: WireProtocol.pushPath(node: hub.node), method: .post, headers: hub.nodeHeaders, body: body)
            try expectUnauthorized(revoked)
        }
    }

    @Test("the right token is accepted", arguments: HubBackend.available)
    func rightToken(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let response = try await client.push([], fixture: hub)
            #expect(response.results.isEmpty)
            #expect(response.lastAppliedSeq == 0)
        }
    }

    @Test("without --admin-token-file the admin API answers 401 saying it is disabled", arguments: HubBackend.available)
    func adminDisabled(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend, admin: false)
        try await hub.app().test(.router) { client in
            let response = try await client.execute(
                uri: WireProtocol.adminApplicationsPath, method: .get, headers: [.authorization: "Bearer anything"])
            try expectUnauthorized(response)
            #expect(try response.errorBody().message.contains("disabled"))
        }
    }

    @Test("the admin API needs the admin token, not a node's", arguments: HubBackend.available)
    func adminToken(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            for headers: HTTPFields in [[:], [.authorization: "Bearer \(hub.token)"], [.authorization: "Bearer wrong"]] {
                let response = try await client.execute(
                    uri: WireProtocol.adminApplicationsPath, method: .get, headers: headers)
                try expectUnauthorized(response)
            }
            let ok = try await client.execute(
                uri: WireProtocol.adminApplicationsPath, method: .get, headers: hub.adminHeaders)
            #expect(ok.status == .ok)
        }
    }

    @Test("health needs no token", arguments: HubBackend.available)
    func health(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let response = try await client.execute(uri: WireProtocol.healthPath, method: .get)
            #expect(response.status == .ok)
            let health = try JSONCodec.decode(Health.self, from: Data(buffer: response.body))
            #expect(health.status == "ok")
            #expect(health.protocol == 2)
            #expect(health.catalogVersion == hub.catalog.version)
        }
    }

    @Test("an unknown path is a 404 error body", arguments: HubBackend.available)
    func unknownPath(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let response = try await client.execute(uri: "/v2/nothing", method: .get)
            #expect(response.status == .notFound)
            #expect(try response.errorBody().error == "not_found")
        }
    }
}
