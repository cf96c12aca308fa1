import Foundation
import OneThingSync
import OneThingWire

/// TEST DOUBLE of the hub's HTTP side, for failure cases the real hub never produces on
/// demand (garbage answers, cursors going backwards, lost responses). The end-to-end tests
/// use the real hub over loopback; this one only drives the engine's reactions.
final class ScriptedHub: Transport, @unchecked Sendable {
    typealias Handler = @Sendable (HTTPRequest, Int) throws(TransportError) -> HTTPResponse

    private let lock = NSLock()
    private var handler: Handler
    private(set) var requests: [HTTPRequest] = []
    /// The state requests (`GET .../state`), answered apart from the script.
    private(set) var stateRequests: [HTTPRequest] = []
    /// What the state endpoint answers (nil: 404, a hub without the endpoint).
    var state: HubState?

    static let defaultState = HubState(databaseId: "0123456789abcdef0123456789abcdef", lastSeq: 0, newestCursor: 0)

    init(state: HubState? = ScriptedHub.defaultState, _ handler: @escaping Handler) {
        self.state = state
        self.handler = handler
    }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        if request.method == "GET", request.path.contains("/state") {
            let state = lock.withLock { () -> HubState? in
                stateRequests.append(request)
                return self.state
            }
            return state.map { Self.json($0) } ?? Self.json(ErrorBody(error: "not_found", message: "no such route"), status: 404)
        }
        let (handler, index) = lock.withLock { () -> (Handler, Int) in
            requests.append(request)
            return (self.handler, requests.count - 1)
        }
        return try handler(request, index)
    }

    func setState(_ new: HubState?) {
        lock.withLock { state = new }
    }

    var pushes: [PushRequest] {
        lock.withLock { requests }.filter { $0.method == "POST" }.compactMap { request in
            request.body.flatMap { try? JSONCodec.decode(PushRequest.self, from: $0) }
        }
    }

    static func json(_ value: some JSONWritable, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["content-type": "application/json"], body: Data(JSONCodec.encode(value)))
    }

    /// Accepts every entry; province numbers FJ + seq.
    static func accept(_ request: HTTPRequest) -> HTTPResponse {
        guard let push = request.body.flatMap({ try? JSONCodec.decode(PushRequest.self, from: $0) }) else {
            return json(ErrorBody(error: "bad_request", message: "no body"), status: 400)
        }
        let results = push.entries.map {
            PushResult(
                seq: $0.seq, idempotencyKey: $0.idempotencyKey, status: .accepted,
                provinceNo: String(format: "FJ%010d", $0.seq), hubRevision: 1)
        }
        return json(PushResponse(results: results, lastAppliedSeq: push.entries.last?.seq ?? 0))
    }

    static let emptyPage = json(ChangesPage(changes: [], nextCursor: 0, hasMore: false))
}
