import Hummingbird

/// Times every request and counts it in `HubMetrics` under the route template it matched
/// (`/v1/nodes/{node_id}/push`, never the node's id in the path: few series, no values),
/// `unmatched` for paths the hub does not serve. Placed outside `HubErrorMiddleware`, so it
/// sees the status actually answered. The time is until the answer's head is ready.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: HubMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: Int(response.status.code), started: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, context, status: Int(status), started: started)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, started: ContinuousClock.Instant) {
        metrics.requestAnswered(
            route: Self.template(context.endpointPath), method: request.method.rawValue, status: status,
            duration: ContinuousClock.now - started)
    }

    /// The router's pattern (`/v1/nodes/:node_id/push`, or `{node_id}`) as sync/openapi.yaml
    /// writes it; `unmatched` when no route matched.
    static func template(_ endpoint: String?) -> String {
        guard let endpoint, endpoint != "NotFound" else { return "unmatched" }
        let parts = endpoint.split(separator: "/", omittingEmptySubsequences: true).map { part in
            part.hasPrefix(":") ? "{" + part.dropFirst() + "}" : String(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
