import Hummingbird
import OneThingWire

/// The paths of sync/openapi.yaml (`WireRoute.all`) and the methods each takes, so that a
/// request with another method on a known path is answered 405 with `Allow` (the router
/// itself only knows "no route": 404). `HubRoutes.handlers` registers a handler for each;
/// `RouteTableTests` checks that they agree.
enum HubRouteTable {
    struct Route: Sendable {
        let pattern: [WireRoute.Segment]
        let methods: [HTTPRequest.Method]
    }

    static let routes: [Route] = WireRoute.all.map { route in
        Route(pattern: route.segments, methods: route.methods.compactMap { HTTPRequest.Method($0) })
    }

    /// The methods a known path takes, or nil when no route has this path. (The router
    /// does not answer HEAD by itself, so neither does this table.)
    static func allowedMethods(path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return routes.first(where: { matches($0.pattern, segments) })?.methods
    }

    private static func matches(_ pattern: [WireRoute.Segment], _ segments: [Substring]) -> Bool {
        pattern.count == segments.count
            && zip(pattern, segments).allSatisfy { part, segment in
                switch part {
                case .literal(let text): text == segment
                case .parameter: true
                }
            }
    }
}
