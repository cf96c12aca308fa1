import Hummingbird
import OneThingWire

extension HubRoutes {
    /// One operation of sync/openapi.yaml: its path, its method and what answers it.
    struct Handler: Sendable {
        let route: WireRoute
        let method: HTTPRequest.Method
        let respond: @Sendable (Request, BasicRequestContext) async throws -> Response
    }

    /// Every operation the hub serves, one a method of a `WireRoute` (`RouteTableTests`
    /// checks that they are exactly the protocol's).
    var handlers: [Handler] {
        [
            Handler(route: .health, method: .get) { request, _ in health(request) },
            Handler(route: .metrics, method: .get) { request, _ in try await scrape(request) },
            Handler(route: .push, method: .post) { request, context in
                try await push(request, node: try context.parameters.require("node_id"))
            },
            Handler(route: .ratings, method: .post) { request, context in
                try await ratings(request, node: try context.parameters.require("node_id"))
            },
            Handler(route: .state, method: .get) { request, context in
                try await state(request, node: try context.parameters.require("node_id"))
            },
            Handler(route: .changes, method: .get) { request, context in
                try await changes(request, node: try context.parameters.require("node_id"))
            },
            Handler(route: .adminApplications, method: .get) { request, _ in try await adminList(request) },
            Handler(route: .adminApplication, method: .get) { request, context in
                try await adminShow(request, provinceNo: try context.parameters.require("province_no"))
            },
            Handler(route: .adminApplication, method: .patch) { request, context in
                try await adminAmend(request, provinceNo: try context.parameters.require("province_no"))
            },
            Handler(route: .adminDecision, method: .post) { request, context in
                try await adminDecide(
                    request, provinceNo: try context.parameters.require("province_no"), item: try context.parameters.require("item"))
            },
        ]
    }
}
