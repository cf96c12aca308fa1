import Foundation
import Synchronization
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// Several hub processes on one PostgreSQL database (sync/README.md, "Several hub
/// processes"): two store instances, each with its own connection pool as two `serve`
/// processes would have, pushing, deciding and pulling at once.
@Suite(
    "Two hub processes on one PostgreSQL database",
    .enabled(
        if: HubBackend.postgresConfigured,
        "ONETHING_TEST_POSTGRES_URL is unset: the two-process PostgreSQL tests were NOT run (scripts/postgres.sh start gives a server)"))
struct PostgresConcurrencyTests {
    let time = TestMoment.filing.description

    /// Two stores on one fresh database, and the catalogue.
    func twoProcesses() async throws -> (PostgresHubStore, PostgresHubStore, HubCatalog) {
        let url = try await PostgresTestServer.freshDatabase()
        async let first = PostgresHubStore.open(url: url, connections: 4)
        async let second = PostgresHubStore.open(url: url, connections: 4)
        return (try await first, try await second, try HubCatalog.embedded(today: TestMoment.filing.date))
    }

    @Test("a pooled connection the server closed (a restart) is dropped and the transaction runs on a new one")
    func serverClosedPooledConnections() async throws {
        let (a, _, _) = try await twoProcesses()
        _ = try await a.addNode("ward-1")
        #expect(try await a.nodes().count == 1)
        try await PostgresTestServer.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(a.url.database)' AND pid <> pg_backend_pid()",
            on: a.url)
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await a.nodes().count == 1)
        _ = try await a.addNode("ward-2")
        #expect(try await a.nodes().count == 2)
    }

    @Test("the same decision through both processes at once: recorded once, the other refused as not decidable")
    func sameDecisionTwice() async throws {
        let (a, b, catalog) = try await twoProcesses()
        _ = try await a.addNode("ward-1")
        let entries = try (1...6).map { try SyntheticEntries.newApplication(seq: Int64($0)) }
        let numbers = try await a.push(node: "ward-1", entries: entries, catalog: catalog, at: TestMoment.filing).results
            .compactMap(\.provinceNo)
        for number in numbers {
            let time = self.time
            async let viaA = Self.outcome { () async throws(HubError) -> HubApplication in
                try await a.decide(provinceNo: number, item: "birth-certificate", DecisionRequest(decision: .approve), at: time)
            }
            async let viaB = Self.outcome { () async throws(HubError) -> HubApplication in
                try await b.decide(provinceNo: number, item: "birth-certificate", DecisionRequest(decision: .reject, reason: "重复"), at: time)
            }
            let outcomes = await [viaA, viaB]
            #expect(outcomes.filter { $0 == nil }.count == 1, "\(number): \(outcomes)")
            #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == HubError.Code.notDecidable }, "\(number): \(outcomes)")
            let state = try await a.application(number).state(of: "birth-certificate")
            #expect(state == .approved || state == .rejected)
        }
        // Each decision appended one change, after the accepts.
        let page = try await b.changes(node: "ward-1", after: 0, limit: 100, catalog: catalog, nodeCatalogVersion: nil)
        #expect(page.changes.count == numbers.count)
    }

    /// nil when `body` succeeded, else the code it failed with.
    private static func outcome(_ body: @Sendable () async throws(HubError) -> HubApplication) async -> HubError.Code? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error.code
        }
    }

    @Test("a deadlock between the two processes is detected, the victim runs again, and both transactions commit")
    func deadlockRetried() async throws {
        let (a, b, _) = try await twoProcesses()
        _ = try await a.addNode("ward-1")
        _ = try await a.addNode("ward-2")
        let runs = Runs()
        let holding = Runs()  // first runs that hold their first row
        // Each locks one node's row, waits until the other holds its own (a barrier, not a
        // sleep, so a loaded machine cannot let one finish first), then asks for the other's:
        // a cycle PostgreSQL breaks by aborting one (40P01) after its deadlock_timeout. The
        // victim runs again without waiting.
        func crossing(_ store: PostgresHubStore, first: String, second: String) async throws {
            let attempts = Runs()
            try await store.writing { db in
                runs.add()
                attempts.add()
                _ = try NodeRecord.lockedLastSeq(db, node: first)
                if attempts.count == 1 {
                    holding.add()
                    let deadline = Date().addingTimeInterval(60)
                    while holding.count < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
                }
                _ = try NodeRecord.lockedLastSeq(db, node: second)
                try db.execute("UPDATE nodes SET last_seq = last_seq + 1 WHERE node_id = ?", [first])
            }
        }
        async let one: Void = crossing(a, first: "ward-1", second: "ward-2")
        async let other: Void = crossing(b, first: "ward-2", second: "ward-1")
        _ = try await (one, other)
        #expect(runs.count == 3, "one of the two ran again")
        #expect(try await a.nodes().map(\.lastSeq) == [1, 1], "each committed once")
    }

    @Test("a change committed late by one process is never skipped by a node pulling through the other")
    func lateCommitIsNotSkipped() async throws {
        let (a, b, catalog) = try await twoProcesses()
        _ = try await a.addNode("ward-1")
        let pushed = try await a.push(
            node: "ward-1", entries: try (1...2).map { try SyntheticEntries.newApplication(seq: Int64($0)) }, catalog: catalog,
            at: TestMoment.filing)
        let numbers = pushed.results.compactMap(\.provinceNo)
        let start = try await b.changes(node: "ward-1", after: 0, limit: 100, catalog: catalog, nodeCatalogVersion: nil).nextCursor

        // Process A appends a change and holds its transaction open until the test lets it
        // commit; process B appends one meanwhile. The order is driven by the test, not by
        // sleeps, so a loaded machine changes nothing.
        let appended = Mutex(false)
        let release = DispatchSemaphore(value: 0)
        let slow = Task {
            try await a.writing { db in
                try ChangeRecord.append(db, node: "ward-1", provinceNo: numbers[0])
                appended.withLock { $0 = true }
                _ = release.wait(timeout: .now() + 120)
            }
        }
        defer { release.signal() }
        while !appended.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        let fastDone = Mutex(false)
        let fast = Task {
            try await b.writing { db in try ChangeRecord.append(db, node: "ward-1", provinceNo: numbers[1]) }
            fastDone.withLock { $0 = true }
        }
        // Without the change-log lock B commits its later cursor now; with it, B waits for A.
        let patience = ContinuousClock.now + .seconds(2)
        while !fastDone.withLock({ $0 }) && ContinuousClock.now < patience { try await Task.sleep(for: .milliseconds(20)) }
        // A node pulls through B while A's transaction is still open, then after A commits;
        // every page it sees must hold every change committed before its newest one.
        var observed: [[Int64]] = []
        observed.append(try await b.changes(node: "ward-1", after: start, limit: 100, catalog: catalog, nodeCatalogVersion: nil).changes.map(\.cursor))
        release.signal()
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let page = try await b.changes(node: "ward-1", after: start, limit: 100, catalog: catalog, nodeCatalogVersion: nil)
            observed.append(page.changes.map(\.cursor))
            if page.changes.count == 2 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        try await slow.value
        try await fast.value
        let final = try await b.changes(node: "ward-1", after: start, limit: 100, catalog: catalog, nodeCatalogVersion: nil)
        let cursors = final.changes.map(\.cursor)
        #expect(final.changes.map(\.provinceNo) == numbers, "the slow transaction's change comes first: commit order is cursor order")
        #expect(observed.contains { $0.isEmpty }, "the pull ran while A's transaction was open")
        for seen in observed {
            // What a node saw is a prefix of the final order: it never saw a later change
            // without the earlier one, so a cursor it stored can skip nothing.
            #expect(Array(cursors.prefix(seen.count)) == seen, "observed \(seen) of \(cursors)")
        }
    }

    @Test("two processes take the same batches at once: each entry applied once, seqs kept, numbers unique, nothing skipped by pulls")
    func pushesDecisionsAndPullsAtOnce() async throws {
        let (a, b, catalog) = try await twoProcesses()
        let nodes = ["ward-1", "ward-2", "ward-3"]
        for node in nodes { _ = try await a.addNode(node) }
        let batches = 5
        let perBatch = 3
        let time = self.time

        // Each node sends each batch through both processes at once (a node retrying through
        // a load balancer), one batch after the other.
        let results = try await withThrowingTaskGroup(of: (String, [PushResult]).self) { group in
            for (index, node) in nodes.enumerated() {
                group.addTask {
                    var all: [PushResult] = []
                    for batch in 0..<batches {
                        let entries = try (1...perBatch).map { offset in
                            let seq = Int64(batch * perBatch + offset)
                            return try SyntheticEntries.entry(
                                seq: seq,
                                payload: SyntheticEntries.payload(applicationId: SyntheticEntries.applicationID(index * 100 + Int(seq))))
                        }
                        async let viaA = a.push(node: node, entries: entries, catalog: catalog, at: TestMoment.filing)
                        async let viaB = b.push(node: node, entries: entries, catalog: catalog, at: TestMoment.filing)
                        all += try await viaA.results + viaB.results
                    }
                    return (node, all)
                }
            }
            // An officer decides through B meanwhile (changes of other transactions).
            group.addTask {
                var decided: [PushResult] = []
                for _ in 0..<10 {
                    for item in try await b.itemsInProgress().filter({ $0.item == "birth-certificate" }).prefix(3) {
                        _ = try await b.decide(provinceNo: item.provinceNo, item: item.item, DecisionRequest(decision: .approve), at: time)
                        decided.append(PushResult(seq: 0, idempotencyKey: "", status: .accepted, provinceNo: item.provinceNo))
                    }
                    try await Task.sleep(for: .milliseconds(15))
                }
                return ("officer", decided)
            }
            var collected: [(String, [PushResult])] = []
            for try await result in group { collected.append(result) }
            return collected
        }

        var accepted: [String: [PushResult]] = [:]
        for (node, answers) in results where node != "officer" {
            accepted[node] = answers.filter { $0.status == .accepted }
            let seqs = answers.filter { $0.status == .accepted }.map(\.seq).sorted()
            #expect(seqs == Array(1...Int64(batches * perBatch)), "\(node): every seq applied exactly once")
            #expect(answers.allSatisfy { $0.status == .accepted || $0.status == .alreadyApplied }, "\(node): \(answers.map(\.status))")
        }
        let numbers = accepted.values.flatMap { $0.compactMap(\.provinceNo) }
        #expect(numbers.count == nodes.count * batches * perBatch)
        #expect(Set(numbers).count == numbers.count, "province numbers are unique")
        #expect(try await a.applications().count == numbers.count, "nothing applied twice")
        for info in try await b.nodes() { #expect(info.lastSeq == Int64(batches * perBatch)) }
    }

    @Test("pulls running while both processes commit never skip a change")
    func pullsWhileCommitting() async throws {
        let (a, b, catalog) = try await twoProcesses()
        _ = try await a.addNode("ward-1")
        let total = 24
        // The node's pushes through both processes in turn (its seqs go in order).
        let writer = Task {
            for seq in 1...total {
                let store = seq % 2 == 0 ? a : b
                _ = try await store.push(
                    node: "ward-1", entries: [try SyntheticEntries.newApplication(seq: Int64(seq))], catalog: catalog, at: TestMoment.filing)
            }
        }
        // Officers decide through both processes at once: transactions that append changes
        // concurrently with the pushes.
        let officers = Task {
            var decisions = 0
            while decisions < total {
                let items = try await a.itemsInProgress().filter { $0.item == "birth-certificate" }
                if items.isEmpty {
                    try await Task.sleep(for: .milliseconds(5))
                    continue
                }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (index, item) in items.enumerated() {
                        let store = index % 2 == 0 ? a : b
                        group.addTask {
                            _ = try await store.decide(
                                provinceNo: item.provinceNo, item: item.item, DecisionRequest(decision: .approve),
                                at: TestMoment.filing.description)
                        }
                    }
                    try await group.waitForAll()
                }
                decisions += items.count
            }
        }
        // The node pulls all the while, through both processes in turn, three changes a page.
        let done = Flag()
        let puller = Task { () -> (Int64, [String: ApplicationChange]) in
            var cursor: Int64 = 0
            var newest: [String: ApplicationChange] = [:]
            var turn = 0
            while await !done.isSet {
                let store = turn % 2 == 0 ? a : b
                turn += 1
                let page = try await store.changes(node: "ward-1", after: cursor, limit: 3, catalog: catalog, nodeCatalogVersion: nil)
                for change in page.changes { newest[change.provinceNo] = change }
                cursor = page.nextCursor
                if !page.hasMore { try await Task.sleep(for: .milliseconds(3)) }
            }
            return (cursor, newest)
        }
        try await writer.value
        try await officers.value
        await done.set()
        var (cursor, newest) = try await puller.value
        // A last pull: whatever committed after the loop's last page.
        while true {
            let page = try await a.changes(node: "ward-1", after: cursor, limit: 3, catalog: catalog, nodeCatalogVersion: nil)
            for change in page.changes { newest[change.provinceNo] = change }
            cursor = page.nextCursor
            if !page.hasMore { break }
        }
        // What the node holds is what the hub holds: every application, each with every
        // decision (a skipped change would leave one behind).
        let held = try await a.applications()
        #expect(held.count == total)
        for application in held {
            let seen = try #require(newest[application.provinceNo], "\(application.provinceNo) never reached the node")
            #expect(seen.hubRevision == application.hubRevision)
            // (The admin view adds when and by whom; a node pulls the decision itself.)
            #expect(
                seen.items.map { "\($0.item) \($0.state) \($0.reason ?? "")" }
                    == application.items.map { "\($0.item) \($0.state) \($0.reason ?? "")" }, "\(application.provinceNo)")
        }
    }
}

/// How many times transaction bodies ran.
private final class Runs: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

/// Set once, read by another task.
private actor Flag {
    private(set) var isSet = false
    func set() { isSet = true }
}
