import Foundation
import Hummingbird
import HummingbirdTesting
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// A hub with one registered node, its token, and an admin token: on a temporary SQLite
/// file, or on a fresh PostgreSQL database of the test server (`HubBackend`).
struct HubFixture: Sendable {
    let directory: TemporaryDirectory
    let store: any HubRules
    let catalog: HubCatalog
    let node: String
    let token: String
    let adminToken: String?

    static let defaultAdminToken = "admin-token-for-tests-0123456789"

    init(_ backend: HubBackend = .sqlite, admin: Bool = true, node: String = "ward-1") async throws {
        directory = TemporaryDirectory("onething-hub-test")
        store = try await backend.openStore(directory: directory)
        catalog = try HubCatalog.embedded(today: TestMoment.filing.date)
        self.node = node
        token = try await store.addNode(node)
        adminToken = admin ? Self.defaultAdminToken : nil
    }

    /// The SQLite store, for the tests of what only the file has (backup, restore, SQL by hand).
    var file: HubStore {
        get throws { try #require(store as? HubStore) }
    }

    func configuration(maxBodyBytes: Int = HubServerConfiguration.defaultMaxBodyBytes) -> HubServerConfiguration {
        HubServerConfiguration(adminToken: adminToken, catalog: catalog, clock: .fixed(TestMoment.filing), maxBodyBytes: maxBodyBytes)
    }

    func app(maxBodyBytes: Int = HubServerConfiguration.defaultMaxBodyBytes) -> HubServer.App {
        HubServer.application(store: store, configuration: configuration(maxBodyBytes: maxBodyBytes))
    }

    var nodeHeaders: HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }
    var adminHeaders: HTTPFields { [.authorization: "Bearer \(adminToken ?? "")", .contentType: "application/json"] }
}

/// Requests and decoded answers of the protocol, over any test client.
extension TestClientProtocol {
    func push(_ entries: [PushEntry], fixture: HubFixture, node: String? = nil) async throws -> PushResponse {
        let response = try await execute(
            uri: WireProtocol.pushPath(node: node ?? fixture.node), method: .post, headers: fixture.nodeHeaders,
            body: ByteBuffer(bytes: JSONCodec.encode(PushRequest(entries: entries))))
        #expect(response.status == .ok, "push answered \(response.status): \(String(buffer: response.body))")
        return try JSONCodec.decode(PushResponse.self, from: Data(buffer: response.body))
    }

    func pull(after: Int64, limit: Int? = nil, catalogVersion: String? = nil, fixture: HubFixture) async throws
        -> ChangesPage
    {
        var uri = WireProtocol.changesPath(node: fixture.node) + "?after=\(after)"
        if let limit { uri += "&limit=\(limit)" }
        if let catalogVersion { uri += "&catalog_version=\(catalogVersion)" }
        let response = try await execute(uri: uri, method: .get, headers: fixture.nodeHeaders)
        #expect(response.status == .ok, "changes answered \(response.status): \(String(buffer: response.body))")
        return try JSONCodec.decode(ChangesPage.self, from: Data(buffer: response.body))
    }

    func adminApplications(fixture: HubFixture) async throws -> [HubApplication] {
        let response = try await execute(
            uri: WireProtocol.adminApplicationsPath, method: .get, headers: fixture.adminHeaders)
        #expect(response.status == .ok)
        return try JSONCodec.decode(HubApplicationList.self, from: Data(buffer: response.body)).applications
    }

    func decide(
        _ provinceNo: String, _ item: String, _ request: DecisionRequest, fixture: HubFixture
    ) async throws -> TestResponse {
        try await execute(
            uri: WireRoute.adminDecision.path(provinceNo, item), method: .post,
            headers: fixture.adminHeaders, body: ByteBuffer(bytes: JSONCodec.encode(request)))
    }
}

extension Data {
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}

extension TestResponse {
    func errorBody() throws -> ErrorBody {
        try JSONCodec.decode(ErrorBody.self, from: Data(buffer: body))
    }
}

extension HubApplication {
    func state(of item: String) -> ItemState? {
        items.first { $0.item == item }?.state
    }
}

extension HubFixture {
    /// A resident ID number the household registration could issue for `provinceNo`'s newborn:
    /// its birth date and sex, an address in the application's region.
    func newbornID(_ provinceNo: String, serial: Int = 0) async throws -> String {
        try #require(SyntheticPeople.newbornID(of: try await store.application(provinceNo).fields, serial: serial))
    }
}
