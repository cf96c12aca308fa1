import Foundation
import Hummingbird
import HummingbirdTesting
@testable import OneThingHub
import OneThingWire
import Testing

/// A known path asked with a method it does not take is 405 with `Allow` (found by
/// schemathesis: TRACE /v1/health was 404), and the route table behind that answer lists
/// exactly what the router serves.
@Suite("Methods and routes")
struct RouteTableTests {
    @Test("another method on a known path is 405 naming the methods in Allow; an unknown path stays 404")
    func methodNotAllowed() async throws {
        let hub = try await HubFixture()
        try await hub.app().test(.router) { client in
            let cases: [(String, HTTPRequest.Method, String)] = [
                ("/v1/health", .init("TRACE")!, "GET"),
                ("/v1/health", .post, "GET"),
                ("/v1/health", .head, "GET"),
                (WireProtocol.pushPath(node: hub.node), .get, "POST"),
                (WireProtocol.pushPath(node: hub.node), .delete, "POST"),
                ("/v1/nodes/\(hub.node)/ratings", .put, "POST"),
                (WireProtocol.changesPath(node: hub.node), .post, "GET"),
                ("/v1/admin/applications", .delete, "GET"),
                ("/v1/admin/applications/FJ0000000001", .delete, "GET, PATCH"),
                ("/v1/admin/applications/FJ0000000001/items/birth-certificate/decision", .get, "POST"),
            ]
            for (path, method, allow) in cases {
                let response = try await client.execute(uri: path, method: method, headers: hub.nodeHeaders)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == allow, "\(method) \(path)")
                let body = try response.errorBody()
                #expect(body.error == "method_not_allowed")
                #expect(body.message.contains(allow))
            }
            for path in ["/v2/nothing", "/v1/nodes/\(hub.node)", "/v1/admin/applications/FJ0000000001/items"] {
                let response = try await client.execute(uri: path, method: .delete)
                #expect(response.status == .notFound, "\(path)")
                #expect(try response.errorBody().error == "not_found")
            }
        }
    }

    @Test("the hub registers one handler for each method of each route of the protocol, and nothing else")
    func handlersAreTheProtocol() async throws {
        let hub = try await HubFixture()
        let routes = HubRoutes(store: hub.store, configuration: hub.configuration(), logger: HubServer.quietLogger)
        let registered = routes.handlers.map { "\($0.method.rawValue) \($0.route.template)" }
        let protocolOperations = WireRoute.all.flatMap { route in route.methods.map { "\($0) \(route.template)" } }
        #expect(registered.sorted() == protocolOperations.sorted())
        #expect(HubRouteTable.routes.count == WireRoute.all.count)
    }

    @Test("every method of the route table reaches a handler of the router (no 404 or 405)")
    func tableMatchesRouter() async throws {
        let hub = try await HubFixture()
        let values = ["node_id": hub.node, "province_no": "FJ0000000001", "item": "birth-certificate"]
        try await hub.app().test(.router) { client in
            for route in WireRoute.all {
                let parameters = route.segments.compactMap { segment -> String? in
                    if case .parameter(let name) = segment { return values[name] }
                    return nil
                }
                let path = route.path(parameters)
                let methods = try #require(HubRouteTable.allowedMethods(path: path), "\(path)")
                #expect(methods.map(\.rawValue) == route.methods)
                for method in methods {
                    let response = try await client.execute(
                        uri: path, method: method, headers: hub.adminHeaders, body: ByteBuffer(string: "{}"))
                    // Unknown application (404 with its own message) and malformed bodies are
                    // fine: what matters is that a handler answered, not the router.
                    #expect(response.status != .methodNotAllowed, "\(method) \(path)")
                    if response.status == .notFound {
                        #expect(!(try response.errorBody().message.contains("no such endpoint")), "\(method) \(path)")
                    }
                }
            }
        }
    }
}
