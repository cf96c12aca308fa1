import Hummingbird

/// The paths of sync/openapi.yaml and the methods each takes, so that a request with
/// another method on a known path is answered 405 with `Allow` (the router itself only
/// knows "no route": 404). `:name` matches one path segment. The table must list what
/// `HubServer.router` registers; `RouteTableTests` checks each entry against the router.
enum HubRouteTable {
    struct Route: Sendable {
        let pattern: [Substring]
        let methods: [HTTPRequest.Method]
    }

    static let routes: [Route] = [
        route("/v1/health", [.get]),
        route("/v1/nodes/:node_id/push", [.post]),
        route("/v1/nodes/:node_id/ratings", [.post]),
        route("/v1/nodes/:node_id/state", [.get]),
        route("/v1/nodes/:node_id/changes", [.get]),
        route("/v1/admin/applications", [.get]),
        route("/v1/admin/applications/:province_no", [.get, .patch]),
        route("/v1/admin/applications/:province_no/items/:item/decision", [.post]),
    ]

    /// The methods a known path takes, or nil when no route has this path. (The router
    /// does not answer HEAD by itself, so neither does this table.)
    static func allowedMethods(path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return routes.first(where: { matches($0.pattern, segments) })?.methods
    }

    private static func route(_ path: String, _ methods: [HTTPRequest.Method]) -> Route {
        Route(pattern: path.split(separator: "/", omittingEmptySubsequences: true), methods: methods)
    }

    private static func matches(_ pattern: [Substring], _ segments: [Substring]) -> Bool {
        pattern.count == segments.count
            && zip(pattern, segments).allSatisfy { part, segment in part.hasPrefix(":") || part == segment }
    }
}
