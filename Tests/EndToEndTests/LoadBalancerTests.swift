import Foundation
import Synchronization
import TestSupport
import Testing

/// Two `onething-hub serve` processes on one database behind nginx, as the province runs
/// several stateless hub processes: nodes sync through the balancer while one process is
/// killed (SIGKILL, mid-request for all it knows) and started again. Nothing filed is lost,
/// nothing is applied twice, and every node ends in agreement with the hub.
@Suite("Hub processes behind a load balancer", .serialized, .enabled(if: NginxBalancer.isAvailable, "nginx is not installed (scripts/install-deps.sh installs it)"))
struct LoadBalancerTests {
    static let nodes = ["lb-ward-1", "lb-ward-2", "lb-school-3"]

    @Test(
        "nodes sync through nginx while one of two hub processes is killed and restarted: nothing lost, nothing applied twice",
        arguments: HubDatabaseKind.available)
    func killOneProcess(_ kind: HubDatabaseKind) throws {
        var setUp = Loop()
        if kind == .postgres { setUp.hubDatabase = try PostgresHubTests.freshDatabase() }
        let loop = setUp
        let ports = [ClosedPort.find(), ClosedPort.find()]
        // The database is created (and its migrations run) before two processes share it.
        #expect(try loop.hub(["nodes", "list", "--json"]).code == 0)
        var hubs = try ports.map { try HubProcess(database: loop.hubDB, directory: loop.dir, port: $0) }
        let balancer = try NginxBalancer(upstreams: ports, directory: loop.dir)
        defer {
            balancer.stop()
            hubs.forEach { $0.stop() }
        }
        let databases = Self.nodes.map { loop.dir.file("\($0).sqlite") }
        for (node, db) in zip(Self.nodes, databases) {
            _ = try loop.setUpNode(node, url: balancer.url, db: db)
        }

        var filed: [String: [String]] = [:]  // node database -> application ids
        var exits: [Int32] = []
        for round in 0..<8 {
            for db in databases { filed[db, default: []] += try loop.file(count: 2, db: db) }
            if round == 2 { hubs[0].kill() }  // crashed: nginx finds it refusing connections
            if round == 5 { hubs[0] = try HubProcess(database: loop.hubDB, directory: loop.dir, port: ports[0]) }
            exits += try Self.syncAll(loop, databases)
        }
        // As cron would: more runs until every node has drained (each run makes progress).
        for _ in 0..<5 where try databases.contains(where: { try Self.unsent(loop, $0) > 0 }) {
            exits += try Self.syncAll(loop, databases)
        }
        #expect(exits.allSatisfy { $0 == 0 || $0 == 75 }, "sync exit codes: \(exits)")

        let held = try loop.hubApplications()
        let ids = held.compactMap { $0["application_id"] as? String }
        let allFiled = filed.values.flatMap { $0 }
        #expect(Set(ids) == Set(allFiled), "every application filed is at the hub")
        #expect(ids.count == allFiled.count, "and each once")
        let numbers = held.compactMap { $0["province_no"] as? String }
        #expect(Set(numbers).count == numbers.count, "no province number names two applications")
        for db in databases {
            #expect(try Self.unsent(loop, db) == 0)
            for id in filed[db] ?? [] {
                let shown = try loop.nodeShow(id, db: db)
                #expect(shown["state"] as? String == "accepted", "\(id)")
                #expect(numbers.contains(shown["province_no"] as? String ?? "-"))
            }
        }
        let nodesList = try loop.hub(["nodes", "list", "--json"])
        #expect(nodesList.code == 0)
    }

    /// Every node's `onething sync` at once; their exit codes.
    static func syncAll(_ loop: Loop, _ databases: [String]) throws -> [Int32] {
        let codes = Mutex([Int32](repeating: -1, count: databases.count))
        DispatchQueue.concurrentPerform(iterations: databases.count) { index in
            let code = (try? loop.node(["sync"], db: databases[index]).code) ?? -2
            codes.withLock { $0[index] = code }
        }
        return codes.withLock { $0 }
    }

    /// Entries of the node's outbox the hub has not acknowledged.
    static func unsent(_ loop: Loop, _ db: String) throws -> Int {
        Int(try loop.sql("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'in_flight')", db: db)) ?? -1
    }
}
