import Hummingbird
import OneThingWire

/// `GET /metrics`: the hub's Prometheus text exposition (`HubMetrics`). With
/// `--metrics-token-file` it requires that bearer token (a credential that can only scrape,
/// not the admin token); without, anyone who reaches the hub may read it: node ids, route
/// templates, codes and counts, never personal data or a token.
extension HubRoutes {
    func scrape(_ request: Request) async throws(HubError) -> Response {
        if let expected = configuration.metricsToken {
            guard let token = Self.bearerToken(request),
                Digest.constantTimeEqual(Digest.sha256Hex(token), Digest.sha256Hex(expected))
            else {
                throw .unauthorized
            }
        }
        let nodes = try await store.nodes()
        let text = metrics.exposition(nodes: nodes, now: configuration.clock.now(), openConnections: openConnections?())
        var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        response.headers[.contentType] = HubMetrics.contentType
        return response
    }
}
