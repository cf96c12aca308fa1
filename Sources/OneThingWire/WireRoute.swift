import Foundation

/// One path of the sync protocol and the methods it takes, spelled once: the hub's router
/// and its 405 table, the node's client and the tests (which check every route against
/// sync/openapi.yaml) all take it from here.
package struct WireRoute: Sendable, Hashable {
    /// A piece of the path between slashes: written as it is, or a parameter's value.
    package enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    package let segments: [Segment]
    /// The HTTP methods the path takes (upper case).
    package let methods: [String]

    /// `template` as sync/openapi.yaml writes it: `/v1/nodes/{node_id}/push`.
    init(_ template: String, _ methods: [String]) {
        segments = template.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
        self.methods = methods
    }

    package static let health = WireRoute("/v1/health", ["GET"])
    package static let push = WireRoute("/v1/nodes/{node_id}/push", ["POST"])
    package static let ratings = WireRoute("/v1/nodes/{node_id}/ratings", ["POST"])
    package static let state = WireRoute("/v1/nodes/{node_id}/state", ["GET"])
    package static let changes = WireRoute("/v1/nodes/{node_id}/changes", ["GET"])
    package static let adminApplications = WireRoute("/v1/admin/applications", ["GET"])
    package static let adminApplication = WireRoute("/v1/admin/applications/{province_no}", ["GET", "PATCH"])
    package static let adminDecision = WireRoute("/v1/admin/applications/{province_no}/items/{item}/decision", ["POST"])
    /// Prometheus text exposition of the hub's counters (not part of the node's protocol).
    package static let metrics = WireRoute("/metrics", ["GET"])

    /// Every path of the protocol.
    package static let all: [WireRoute] = [
        health, push, ratings, state, changes, adminApplications, adminApplication, adminDecision, metrics,
    ]

    /// The path as sync/openapi.yaml writes it: `/v1/nodes/{node_id}/push`.
    package var template: String { render { "{\($0)}" } }

    /// The path as Hummingbird's router writes it: `/v1/nodes/:node_id/push`.
    package var routerPattern: String { render { ":\($0)" } }

    /// The path with its parameters' values, in order (each percent-encoded).
    package func path(_ values: String...) -> String {
        path(values)
    }

    /// The same, the values given as a list.
    package func path(_ values: [String]) -> String {
        var remaining = values[...]
        return render { _ in
            let value = remaining.popFirst() ?? ""
            return value.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? value
        }
    }

    private func render(_ parameter: (String) -> String) -> String {
        segments.map { segment in
            switch segment {
            case .literal(let text): "/" + text
            case .parameter(let name): "/" + parameter(name)
            }
        }.joined()
    }

    /// RFC 3986's unreserved characters: a parameter's value never adds a segment.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
