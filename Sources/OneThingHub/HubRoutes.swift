import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OneThingFailpoints
import OneThingModel
import OneThingWire

/// The handlers of the sync protocol (sync/openapi.yaml): health, push and pull for nodes.
/// The admin handlers are in `HubRoutes+Admin.swift`.
struct HubRoutes: Sendable {
    let store: any HubStorage
    let configuration: HubServerConfiguration
    let logger: Logger
    let admission: PushAdmission
    let metrics: HubMetrics
    let openConnections: (@Sendable () -> Int)?

    init(
        store: any HubStorage, configuration: HubServerConfiguration, logger: Logger, metrics: HubMetrics = HubMetrics(),
        openConnections: (@Sendable () -> Int)? = nil
    ) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.openConnections = openConnections
        admission = PushAdmission(limit: configuration.maxConcurrentPushes)
    }

    func health(_ request: Request) -> Response {
        reply(Health(catalogVersion: configuration.catalog.version), request)
    }

    func push(_ request: Request, node: String) async throws(HubError) -> Response {
        let started = ContinuousClock.now
        try await authenticateNode(request, node: node)
        let data = try await HTTPBody.read(request, limit: configuration.maxBodyBytes)
        let batch: PushRequest
        do {
            batch = try PushRequest.decode(json: data)
        } catch {
            throw .badRequest("The request body is not a valid push request: \(error.description); nothing was applied.")
        }
        guard batch.entries.count <= PushRequest.maxEntries else {
            throw .badRequest(
                "The batch has \(batch.entries.count) entries, more than the \(PushRequest.maxEntries) one request may carry; nothing was applied. Send smaller batches.")
        }
        for (index, entry) in batch.entries.enumerated() {
            if let problem = Self.shapeProblem(entry) {
                throw .badRequest("Entry \(index) of the batch is malformed: \(problem); nothing was applied.")
            }
        }
        // A place among the pushes the database works on, taken once the body is read and
        // checked (a slow upload holds none).
        let ticket: PushAdmission.Ticket
        switch admission.enter() {
        case .success(let admitted):
            ticket = admitted
        case .failure(let busy):
            metrics.pushRefusedBusy()
            logger.notice(
                "push refused, busy",
                metadata: ["node": "\(node)", "active": "\(admission.active)", "retry_after": "\(busy.retryAfterSeconds)"])
            return Self.busyResponse(busy)
        }
        defer { ticket.leave() }
        let response = try await store.push(
            node: node, entries: batch.entries, catalog: configuration.catalog, nearDuplicates: configuration.nearDuplicates,
            at: configuration.clock.now())
        Failpoint.hit(.hubAfterCommit)
        metrics.pushAnswered(response)
        logger.info(
            "push",
            metadata: [
                "node": "\(node)", "entries": "\(batch.entries.count)", "answered": "\(response.results.count)",
                "accepted": "\(response.results.count { $0.status == .accepted })",
                "already_applied": "\(response.results.count { $0.status == .alreadyApplied })",
                "rejected": "\(response.results.count { $0.status == .rejected })",
                "gap": "\(response.results.contains { $0.status == .gap })",
                "last_applied_seq": "\(response.lastAppliedSeq)",
                "ms": "\(Self.milliseconds(since: started))",
            ])
        return try await identified(reply(response, request))
    }

    /// `GET /v1/nodes/{node_id}/state`: the hub's database identity and what it holds for
    /// the node; re-identifies a database that went back in time (`HubStore.state`).
    func state(_ request: Request, node: String) async throws(HubError) -> Response {
        try await authenticateNode(request, node: node)
        let query = request.uri.queryParameters
        let seen = query["database_id"].map(String.init)
        if let seen, !HubState.isDatabaseId(seen) {
            throw .badRequest("The database_id parameter must be 32 lower-case hexadecimal digits.")
        }
        let acked = try query["acked_seq"].map { text throws(HubError) in
            try Self.integer(String(text), name: "acked_seq", default: 0, range: 0...Int64.max)
        }
        let cursor = try query["cursor"].map { text throws(HubError) in
            try Self.integer(String(text), name: "cursor", default: 0, range: 0...Int64.max)
        }
        let (state, renewed) = try await store.state(
            node: node, seenDatabaseId: seen, ackedSeq: acked, cursor: cursor,
            at: configuration.clock.now().description)
        if renewed {
            logger.warning(
                "database went back in time: new identity",
                metadata: ["node": "\(node)", "acked_seq": "\(acked ?? 0)", "cursor": "\(cursor ?? 0)", "last_seq": "\(state.lastSeq)", "newest_cursor": "\(state.newestCursor)"])
        }
        var response = reply(state, request)
        if let name = HTTPField.Name(HubState.databaseHeader) { response.headers[name] = state.databaseId }
        return response
    }

    /// An answer to a node, with the header naming the hub's database.
    private func identified(_ response: Response) async throws(HubError) -> Response {
        var response = response
        if let name = HTTPField.Name(HubState.databaseHeader) { response.headers[name] = try await store.databaseId() }
        return response
    }

    func ratings(_ request: Request, node: String) async throws(HubError) -> Response {
        try await authenticateNode(request, node: node)
        let data = try await HTTPBody.read(request, limit: configuration.maxBodyBytes)
        let batch = try HTTPBody.decode(RatingsRequest.self, from: data, what: "ratings request")
        guard batch.ratings.count <= RatingsRequest.maxRatings else {
            throw .badRequest("The request has \(batch.ratings.count) ratings, more than \(RatingsRequest.maxRatings); nothing was stored.")
        }
        if let bad = batch.ratings.firstIndex(where: { !(1...5).contains($0.score) || !ApplicationIDShape.isValid($0.applicationId) }) {
            throw .badRequest("Rating \(bad) is malformed: a score is 1 to 5 and an application id OT- and ten characters; nothing was stored.")
        }
        let response = try await store.rate(node: node, batch.ratings)
        logger.info("ratings", metadata: ["node": "\(node)", "stored": "\(response.stored)", "unknown": "\(response.unknown.count)"])
        return reply(response, request)
    }

    func changes(_ request: Request, node: String) async throws(HubError) -> Response {
        try await authenticateNode(request, node: node)
        let query = request.uri.queryParameters
        let after = try Self.integer(query["after"].map(String.init), name: "after", default: 0, range: 0...Int64.max)
        let limit = try Self.integer(
            query["limit"].map(String.init), name: "limit", default: Int64(ChangesPage.defaultLimit),
            range: 1...Int64(ChangesPage.maxLimit))
        let version = query["catalog_version"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        if let version, version.unicodeScalars.count > 64 {
            throw .badRequest("The catalog_version parameter is longer than 64 characters.")
        }
        let page = try await store.changes(
            node: node, after: after, limit: Int(limit), catalog: configuration.catalog, nodeCatalogVersion: version)
        logger.info(
            "changes",
            metadata: [
                "node": "\(node)", "after": "\(after)", "changes": "\(page.changes.count)",
                "next_cursor": "\(page.nextCursor)", "catalog": "\(page.catalog != nil)",
            ])
        return try await identified(
            JSONReply.make(json: page.jsonBytes(), request: request, gzipThreshold: configuration.gzipThresholdBytes))
    }

    // MARK: helpers

    func reply(_ value: some JSONWritable, _ request: Request) -> Response {
        JSONReply.make(value, request: request, gzipThreshold: configuration.gzipThresholdBytes)
    }

    /// The bearer token must belong to the path's node, registered and not revoked.
    private func authenticateNode(_ request: Request, node: String) async throws(HubError) {
        guard let token = Self.bearerToken(request) else { throw .unauthorized }
        guard try await store.authenticate(node: node, token: token) else { throw .unauthorized }
        metrics.nodeSeen(node, at: configuration.clock.now())
    }

    static func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    private static func integer(_ text: String?, name: String, default value: Int64, range: ClosedRange<Int64>)
        throws(HubError) -> Int64
    {
        guard let text else { return value }
        guard let number = Int64(text), range.contains(number) else {
            throw .badRequest(
                "The \(name) parameter must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }

    /// What the protocol (PushEntry in sync/openapi.yaml) requires of an entry's envelope
    /// before the hub can even file its answer. Lengths count Unicode code points, as the
    /// document's maxLength does. A node freezes its entries in this shape, so an entry
    /// that breaks it is a broken client: the whole batch is refused (400), not quarantined.
    private static func shapeProblem(_ entry: PushEntry) -> String? {
        if entry.seq < 1 { return "seq must be 1 or more" }
        if !(8...64).contains(entry.idempotencyKey.unicodeScalars.count) {
            return "idempotency_key must have 8 to 64 characters"
        }
        if !ApplicationIDShape.isValid(entry.applicationId) {
            return "application_id must be OT- and ten characters of Crockford base 32"
        }
        if entry.revision < 1 { return "revision must be 1 or more" }
        if let base = entry.baseRevision, base < 1 { return "base_revision must be 1 or more, or null" }
        if !isSHA256Hex(entry.payloadSHA256) {
            return "payload_sha256 must be the payload's SHA-256 as 64 lower-case hexadecimal digits"
        }
        return nil
    }

    /// Milliseconds since `start`, to three decimals: the handler's time in the `push` log line
    /// (read by Benchmarks/hub-load.sh for the push latency percentiles).
    static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        return String(format: "%.3f", Double(micros) / 1000)
    }

    /// 503 with `Retry-After`: more pushes than `maxConcurrentPushes` are being worked on.
    static func busyResponse(_ busy: PushAdmission.Busy) -> Response {
        var response = HubErrorMiddleware<BasicRequestContext>.response(
            ErrorBody(
                error: "busy",
                message: "The hub is busy with other nodes' pushes; nothing of this request was applied. Try again in \(busy.retryAfterSeconds) s."),
            status: .serviceUnavailable)
        response.headers[.retryAfter] = String(busy.retryAfterSeconds)
        return response
    }

    private static func isSHA256Hex(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 64
            && bytes.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }
}
