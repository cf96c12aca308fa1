package import OneThingStore
import Foundation
import OneThingFailpoints
package import OneThingModel
import OneThingWire

/// One exchange with the hub: push every queued entry in batches, pull every page of
/// changes, and push again if pulling made new work. Every step is stored as it completes
/// (entries marked in flight before sending; answers and pages recorded in one transaction
/// each), so an interrupted run loses nothing and the next run carries on.
package struct SyncEngine: Sendable {
    package let store: NodeStore
    package let transport: any Transport
    package let nodeId: String
    package let token: String
    package let catalogVersion: String
    /// The node's region: a catalogue from the hub that does not offer it is refused (nil:
    /// not checked, for a node not set up with one).
    package let region: String?
    package let options: SyncOptions
    /// The wall clock: times of sync runs and outbox changes, and the date a received
    /// catalogue is checked as of.
    package let clock: WallClock
    /// Elapsed time and waits: the retry budget and the backoff between tries.
    package let elapsed: any ElapsedClock
    /// Called with (entries sent so far, entries pending at the start).
    package let progress: (@Sendable (Int, Int) -> Void)?

    package init(
        store: NodeStore, transport: any Transport, nodeId: String, token: String, catalogVersion: String,
        region: String? = nil, options: SyncOptions = SyncOptions(), clock: WallClock,
        elapsed: any ElapsedClock = .system, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) {
        self.elapsed = elapsed
        self.store = store
        self.transport = transport
        self.nodeId = nodeId
        self.token = token
        self.catalogVersion = catalogVersion
        self.region = region
        self.options = options
        self.clock = clock
        self.progress = progress
    }

    package func run() async throws(SyncError) -> SyncReport {
        var report = SyncReport()
        var retry = RetryPolicy(options: options, clock: elapsed)
        do {
            try await checkHub(into: &report, retry: &retry)
            for _ in 0..<max(1, options.maxRounds) {
                try await push(into: &report, retry: &retry)
                try await pull(into: &report, retry: &retry)
                try await sendRatings(into: &report, retry: &retry)
                if try storeCall({ () throws(StoreError) in try store.pendingCount() }) == 0 { break }
            }
        } catch {
            try? store.recordSyncRun(
                succeeded: false, error: error.description, errorCode: error.code.rawValue, at: clock.now())
            throw error
        }
        try storeCall { () throws(StoreError) in try store.recordSyncRun(succeeded: true, error: nil, at: clock.now()) }
        report.openConflicts = try storeCall { () throws(StoreError) in try store.openConflictCount() }
        return report
    }

    // MARK: The hub's database

    /// Asks the hub for its database identity and what it holds for this node before
    /// anything is sent. The first answer is remembered; another identity later means the
    /// hub's database was restored from a backup or replaced, and the node recovers at once
    /// (`NodeStore.recoverFromHubRestore`): what the hub lacks is sent again in this run,
    /// and the pull starts again from the first change. A hub without the state endpoint
    /// (404) is synced with as before.
    private func checkHub(into report: inout SyncReport, retry: inout RetryPolicy) async throws(SyncError) {
        let known = try storeCall { () throws(StoreError) in try store.hubIdentity() }
        var query = ["acked_seq=\(known.ackedSeq)", "cursor=\(known.cursor)"]
        if let id = known.databaseId { query.insert("database_id=\(id)", at: 0) }
        let request = HTTPRequest(method: "GET", path: WireProtocol.statePath(node: nodeId) + "?" + query.joined(separator: "&"))
        let response = try await exchange(request, retry: &retry)
        if response.status == 404 { return }
        try expectOK(response, what: "state request")
        let state = try Self.answer(HubState.self, response, what: "the state request")
        guard HubState.isDatabaseId(state.databaseId), state.lastSeq >= 0, state.newestCursor >= 0 else {
            throw .protocolViolation("the answer to the state request is not a hub state (database_id, last_seq or newest_cursor out of range).")
        }
        // What follows is the sync machine's (`SyncMachine.steps(for: HubCheck)`).
        let check = SyncMachine.HubCheck(knownDatabaseId: known.databaseId, highestSeq: known.highestSeq, hub: state)
        for step in SyncMachine.steps(for: check) {
            switch step {
            case .adopt(let databaseId):
                try storeCall { () throws(StoreError) in try store.adoptHubDatabase(databaseId) }
            case .recover(let databaseId, let hubLastSeq):
                report.hubRecovery = try storeCall { () throws(StoreError) in
                    try store.recoverFromHubRestore(newDatabaseId: databaseId, hubLastSeq: hubLastSeq, at: clock.now())
                }
            case .advanceSequence(let past):
                // Entries filed since are renumbered when the hub names their seqs taken;
                // applications the hub holds that this database lacks are listed for a person.
                report.nodeBehindHub = past
                try storeCall { () throws(StoreError) in try store.advanceSequence(past: past, at: clock.now()) }
            }
        }
    }

    // MARK: Push

    /// Batches go one at a time, in seq order: the next is sent only once the hub has
    /// answered the one before. While the hub works on a batch, the next one is claimed
    /// (marked in flight) and encoded, so that the node's work overlaps the hub's. If the
    /// answer does not cover the whole batch, the prepared one is put back and claiming
    /// starts again from the lowest pending entry.
    private func push(into report: inout SyncReport, retry: inout RetryPolicy) async throws(SyncError) {
        var batchSize = min(max(1, options.batchSize), PushRequest.maxEntries)
        let total = try storeCall { () throws(StoreError) in try store.pendingCount() }
        var sent = 0
        var current = try prepareBatch(limit: batchSize, after: nil)
        while let first = current.entries.first, let last = current.entries.last {
            Failpoint.hit(.beforePushRequest)
            let request = HTTPRequest(
                method: "POST", path: WireProtocol.pushPath(node: nodeId),
                headers: ["Content-Type": "application/json"], body: current.body, compressBody: true)
            let (size, after) = (batchSize, last.seq)
            async let prepared = Result { () throws(SyncError) in try prepareBatch(limit: size, after: after) }
            let response: HTTPResponse
            do {
                response = try await exchange(request, retry: &retry)
            } catch {
                try? store.requeue(current.entries.map(\.seq) + ((try? await prepared.get())?.entries.map(\.seq) ?? []), at: clock.now())
                throw error
            }
            var next = await prepared
            if response.status == 413 {
                putBack(next)
                guard batchSize > 1 else { throw .protocolViolation("the hub refuses even a single entry as too large.") }
                batchSize = max(1, batchSize / 2)
                current = try prepareBatch(limit: batchSize, after: nil)
                continue
            }
            let record: PushRecord
            do throws(SyncError) {
                if response.status == 400 {
                    throw .protocolViolation(
                        "the hub refused the batch as malformed (HTTP 400): \(Self.message(in: response)) A hub older than sync protocol \(WireProtocol.version) refuses this node's pushes: upgrade onething-hub first.")
                }
                try expectOK(response, what: "push")
                Failpoint.hit(.afterPushAnswer)
                let answer = try Self.answer(PushResponse.self, response, what: "a push")
                record = try storeCall { () throws(StoreError) in try store.recordPushResults(answer.results, at: clock.now()) }
            } catch {
                putBack(next)
                throw error
            }
            let answered = record.accepted + record.alreadyApplied + record.rejected
            report.renumbered += record.renumbered
            report.pushed += answered
            report.accepted += record.accepted
            report.alreadyApplied += record.alreadyApplied
            report.rejected += record.rejected
            sent += answered
            progress?(sent, total)
            if let expected = record.gapExpected {
                putBack(next)
                throw .protocolViolation(
                    "the hub expects sequence number \(expected) next, but this node's next entry is \(first.seq); the hub may have been restored from an older backup.")
            }
            if answered == 0 && record.renumbered == 0 {
                putBack(next)
                throw .protocolViolation("the hub answered a push without a result for any entry sent.")
            }
            if answered < current.entries.count {
                // Part of the batch is still pending: it goes first.
                putBack(next)
                next = Result { () throws(SyncError) in try prepareBatch(limit: batchSize, after: nil) }
            }
            current = try next.get()
        }
    }

    /// A batch claimed (marked in flight) and its request body.
    private struct PreparedBatch: Sendable {
        var entries: [OutboxEntry]
        var body: Data
    }

    private func prepareBatch(limit: Int, after: Int64?) throws(SyncError) -> PreparedBatch {
        let entries = try storeCall { () throws(StoreError) in try store.claimBatch(limit: limit, after: after, at: clock.now()) }
        return PreparedBatch(entries: entries, body: entries.isEmpty ? Data() : Data(PushRequest(entries: entries.map(\.wire)).jsonBytes))
    }

    /// A prepared batch that will not be sent now goes back to the queue (in flight would do
    /// too: the next run sends both; queued keeps `status` honest).
    private func putBack(_ prepared: Result<PreparedBatch, SyncError>) {
        guard case .success(let batch) = prepared, !batch.entries.isEmpty else { return }
        try? store.requeue(batch.entries.map(\.seq), at: clock.now())
    }

    // MARK: Pull

    /// Pages are applied one after another, each with its cursor in one transaction; while
    /// one is applied, the next is already fetched and decoded (the hub's work and the
    /// node's overlap). A page fetched but not applied when the run stops is simply fetched
    /// again next time: the stored cursor moves only with an applied page.
    private func pull(into report: inout SyncReport, retry: inout RetryPolicy) async throws(SyncError) {
        var cursor = try storeCall { () throws(StoreError) in try store.pullCursor() }
        var catalogVersion = self.catalogVersion
        var refusedVersion: String?
        var page = try await fetchPage(after: cursor, catalogVersion: catalogVersion, retry: &retry)
        while true {
            guard page.nextCursor >= cursor else {
                throw .protocolViolation("the change cursor went backwards (from \(cursor) to \(page.nextCursor)).")
            }
            if page.hasMore && page.nextCursor == cursor {
                throw .protocolViolation("the hub says more changes follow but its cursor did not move.")
            }
            if let update = page.catalog, update.version != catalogVersion, update.version != refusedVersion {
                // A catalogue the node cannot use is refused and the one in use kept; the
                // page's changes are applied all the same, so decisions keep arriving.
                if let reason = try adoptCatalog(update) {
                    refusedVersion = update.version
                    report.catalogRefused = CatalogRefusal(version: update.version, keeps: self.catalogVersion, reason: reason)
                } else {
                    catalogVersion = update.version
                    report.catalogVersion = update.version
                }
            }
            let prefetch: Task<(Result<ChangesPage, SyncError>, RetryPolicy), Never>?
            if page.hasMore {
                let (after, version, policy) = (page.nextCursor, catalogVersion, retry)
                prefetch = Task {
                    var policy = policy
                    do throws(SyncError) {
                        return (.success(try await fetchPage(after: after, catalogVersion: version, retry: &policy)), policy)
                    } catch {
                        return (.failure(error), policy)
                    }
                }
            } else {
                prefetch = nil
            }
            let record: PullRecord
            do {
                record = try storeCall { () throws(StoreError) in
                    try store.applyChanges(page.changes, nextCursor: page.nextCursor, at: clock.now())
                }
            } catch {
                prefetch?.cancel()
                throw error
            }
            report.pages += 1
            report.changes += record.applications
            report.itemChanges += record.itemChanges
            report.unknownChanges += record.unknown
            cursor = page.nextCursor
            guard let prefetch else { return }
            Failpoint.hit(.betweenPullPages)
            let (next, policy) = await prefetch.value
            retry = policy
            page = try next.get()
        }
    }

    /// One page of changes after `after`, fetched (with retries) and decoded.
    private func fetchPage(after: Int64, catalogVersion: String, retry: inout RetryPolicy) async throws(SyncError)
        -> ChangesPage
    {
        var query = "after=\(after)&limit=\(options.pageSize)"
        if let encoded = catalogVersion.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) {
            query += "&catalog_version=\(encoded)"
        }
        let request = HTTPRequest(method: "GET", path: WireProtocol.changesPath(node: nodeId) + "?" + query)
        let response = try await exchange(request, retry: &retry)
        try expectOK(response, what: "pull")
        do {
            return try ChangesPage.decode(json: response.body)
        } catch {
            throw .protocolViolation("the answer to a pull is not a page of changes: \(error.description).")
        }
    }

    /// The body of a 200 answer read as `T`; what is wrong with it names the place, not a value.
    private static func answer<T: JSONReadable>(_ type: T.Type, _ response: HTTPResponse, what: String) throws(SyncError) -> T {
        do {
            return try JSONCodec.decode(type, from: response.body)
        } catch {
            throw .protocolViolation("the answer to \(what) cannot be read: \(error.description).")
        }
    }

    // MARK: Ratings

    /// Sends the citizens' ratings of applications the hub has accepted, in batches; each
    /// is marked sent in the transaction that records the hub's answer.
    private func sendRatings(into report: inout SyncReport, retry: inout RetryPolicy) async throws(SyncError) {
        while true {
            let ratings = try storeCall { () throws(StoreError) in try store.unsentRatings(limit: RatingsRequest.maxRatings) }
            guard !ratings.isEmpty else { return }
            let request = HTTPRequest(
                method: "POST", path: WireProtocol.ratingsPath(node: nodeId), headers: ["Content-Type": "application/json"],
                body: Data(JSONCodec.encode(RatingsRequest(ratings: ratings))), compressBody: true)
            let response = try await exchange(request, retry: &retry)
            try expectOK(response, what: "ratings")
            let answer = try Self.answer(RatingsResponse.self, response, what: "the ratings")
            let unknown = Set(answer.unknown)
            let sent = ratings.map(\.applicationId).filter { !unknown.contains($0) }
            try storeCall { () throws(StoreError) in try store.markRatingsSent(sent) }
            report.ratings += sent.count
            if sent.isEmpty { return }  // the hub knows none of them yet: next run
        }
    }

    /// A catalogue from the hub is checked whole before the node stores it. One that fails
    /// the checker, names another version than it was sent as, or does not offer the node's
    /// region is refused (the reason is returned) and the node keeps the catalogue it has:
    /// an update never leaves a node unable to file, list or sync.
    private func adoptCatalog(_ update: CatalogUpdate) throws(SyncError) -> String? {
        let files = update.files.map { CatalogFile(path: $0.path, text: $0.text) }
        let catalog: Catalog
        do {
            catalog = try CatalogLoader.load(files: files, today: clock.today())
        } catch {
            return "it does not pass the catalogue check (\(error.lines.count) problem\(error.lines.count == 1 ? "" : "s"))"
        }
        guard catalog.version == update.version else {
            return "it was sent as \(update.version) but says it is \(catalog.version)"
        }
        if let region, catalog.region(region) == nil {
            return "it does not offer this node's region \(region)"
        }
        try storeCall { () throws(StoreError) in try store.saveCatalog(version: update.version, files: files) }
        return nil
    }

    // MARK: Exchange

    private func exchange(_ request: HTTPRequest, retry: inout RetryPolicy) async throws(SyncError) -> HTTPResponse {
        var request = request
        request.headers["Authorization"] = "Bearer \(token)"
        request.headers["Accept"] = "application/json"
        while true {
            let failure: String
            var cause: TransportError?
            var retryAfter = 0.0
            do {
                let response = try await transport.send(request)
                switch response.status {
                case 401, 403:
                    throw SyncError.hubRefused(status: response.status, message: Self.message(in: response))
                case 429, 500...599:
                    failure = "The hub answered HTTP \(response.status)."
                    // Delay-seconds only; an HTTP-date would need the hub's clock to agree with ours.
                    if let text = response.headers["retry-after"], let seconds = Double(text.trimmingCharacters(in: .whitespaces)),
                        seconds.isFinite
                    {
                        retryAfter = seconds
                    }
                default:
                    return response
                }
            } catch let error as SyncError {
                throw error
            } catch let error as TransportError {
                if error.isConfiguration { throw .configuration(error.description, cause: error) }
                if error.code == .tls { throw .secureConnection(error.description, cause: error) }
                failure = error.description
                cause = error
            } catch {
                failure = "The exchange with the hub failed."
            }
            guard let delay = retry.nextDelay(minimum: retryAfter) else { throw .temporary(failure, cause: cause) }
            do {
                try await elapsed.sleep(for: .milliseconds(Int(delay * 1000)))
            } catch {
                throw .temporary(failure, cause: cause)  // cancelled (a page fetched ahead that is no longer wanted)
            }
        }
    }

    private func expectOK(_ response: HTTPResponse, what: String) throws(SyncError) {
        guard response.status == 200 else {
            throw .protocolViolation("the hub answered a \(what) with HTTP \(response.status): \(Self.message(in: response))")
        }
    }

    /// The hub's sentence from an error answer; a body that is not an error body (a proxy's
    /// page, say) is said to be so.
    private static func message(in response: HTTPResponse) -> String {
        do {
            return try JSONCodec.decode(ErrorBody.self, from: response.body).message
        } catch {
            return response.body.isEmpty ? "no explanation given." : "no explanation given (the body is not an error body)."
        }
    }

    private func storeCall<T>(_ body: () throws(StoreError) -> T) throws(SyncError) -> T {
        do {
            return try body()
        } catch where error.code == .provinceNumberTaken {
            throw SyncError(.protocolViolation, detail: error.description, store: error)
        } catch {
            throw .store(error)
        }
    }
}
