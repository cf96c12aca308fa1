import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOEmbedded
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

@Suite("Hub metrics")
struct MetricsTests {
    /// The value of the series written exactly `series` (name and labels), nil when absent.
    static func value(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test(
        "GET /metrics over a live loopback server: pushes, entries by result, rejections by reason, latency per route, nodes seen",
        arguments: HubBackend.available)
    func live(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        _ = try await hub.store.addNode("ward-never")
        try await hub.app().test(.live) { client in
            let batch = try (1...2).map { try SyntheticEntries.newApplication(seq: Int64($0)) }
            _ = try await client.push(batch, fixture: hub)
            _ = try await client.push(batch, fixture: hub)
            // The first entry's key with another payload: refused.
            let changed = try SyntheticEntries.entry(
                seq: 3, key: batch[0].idempotencyKey, payload: SyntheticEntries.payload(applicationId: SyntheticEntries.applicationID(3)))
            let refused = try await client.push([changed], fixture: hub)
            let reason = try #require(refused.results.first?.reasonCode?.rawValue)

            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = String(buffer: response.body)
            #expect(Self.value(text, "onething_hub_pushes_total") == 3)
            #expect(Self.value(text, #"onething_hub_push_entries_total{result="accepted"}"#) == 2)
            #expect(Self.value(text, #"onething_hub_push_entries_total{result="already_applied"}"#) == 2)
            #expect(Self.value(text, #"onething_hub_push_entries_total{result="rejected"}"#) == 1)
            #expect(Self.value(text, #"onething_hub_push_entries_total{result="gap"}"#) == 0)
            #expect(Self.value(text, "onething_hub_push_rejections_total{reason=\"\(reason)\"}") == 1)
            #expect(Self.value(text, #"onething_hub_push_refusals_total{reason="busy"}"#) == 0)
            #expect(text.contains("# TYPE onething_hub_request_duration_seconds histogram"))
            #expect(
                Self.value(
                    text, #"onething_hub_request_duration_seconds_count{route="/v1/nodes/{node_id}/push",method="POST",status="200"}"#)
                    == 3)
            // Seen at the fixture's clock (the same minute): within 5 minutes; the other never.
            #expect(Self.value(text, #"onething_hub_nodes{last_seen="5m"}"#) == 1)
            #expect(Self.value(text, #"onething_hub_nodes{last_seen="never"}"#) == 1)
            #expect(Self.value(text, #"onething_hub_node_last_seen_age_seconds{node="ward-1"}"#) == 0)
            #expect(!text.contains("ward-never\""))
            #expect(Self.value(text, "onething_hub_open_connections").map { $0 >= 1 } == true)
            // No token, no path parameter's value as a route, no applicant's value.
            #expect(!text.contains(hub.token))
            #expect(!text.contains("/v1/nodes/ward-1"))
            #expect(!text.contains(SyntheticEntries.applicationID(1)))

            // A path the hub does not serve counts under one route, whatever was asked.
            _ = try await client.execute(uri: "/no/such/path-12345", method: .get)
            let again = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(Self.value(again, #"onething_hub_request_duration_seconds_count{route="unmatched",method="GET",status="404"}"#) == 1)
            #expect(!again.contains("path-12345"))
        }
    }

    @Test("each server has its own registry: two hubs in one process do not add up")
    func perServerRegistry() async throws {
        let first = try await HubFixture()
        let second = try await HubFixture()
        try await first.app().test(.router) { client in
            _ = try await client.push([try SyntheticEntries.newApplication(seq: 1)], fixture: first)
        }
        try await second.app().test(.router) { client in
            let text = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(Self.value(text, "onething_hub_pushes_total") == 0)
            #expect(Self.value(text, #"onething_hub_push_entries_total{result="accepted"}"#) == 0)
        }
    }

    @Test("with a metrics token, /metrics needs exactly that bearer token (not the node's, not the admin's)")
    func token() async throws {
        let hub = try await HubFixture()
        var configuration = hub.configuration()
        configuration.metricsToken = "metrics-token-for-tests-0123456789"
        let app = HubServer.application(store: hub.store, configuration: configuration)
        try await app.test(.router) { client in
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized)
            for wrong in [hub.token, HubFixture.defaultAdminToken, "metrics-token-for-tests-012345678"] {
                let response = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(wrong)"])
                #expect(response.status == .unauthorized)
            }
            let response = try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "Bearer metrics-token-for-tests-0123456789"])
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("onething_hub_pushes_total"))
        }
    }

    @Test("nodes by last seen: each bucket's bound belongs to it, a minute more to the next; revoked nodes apart")
    func seenBuckets() {
        let now = TestMoment.filing
        let cases: [(Int?, NodeSeenBucket)] = [
            (0, .fiveMinutes), (5, .fiveMinutes), (6, .hour), (60, .hour), (61, .day), (1440, .day), (1441, .older), (nil, .never),
        ]
        for (minutes, bucket) in cases {
            #expect(NodeSeenBucket(lastSeen: minutes.map { now.adding(minutes: -$0) }, now: now) == bucket, "\(String(describing: minutes))")
        }
        let metrics = HubMetrics()
        let nodes = [
            NodeInfo(nodeId: "a", revoked: false, lastSeq: 0, lastSeen: now.adding(minutes: -61)),
            NodeInfo(nodeId: "b", revoked: false, lastSeq: 0, lastSeen: now.adding(minutes: -1441)),
            NodeInfo(nodeId: "c", revoked: true, lastSeq: 0, lastSeen: now),
            NodeInfo(nodeId: "d", revoked: false, lastSeq: 0),
        ]
        // What this process saw is later than the store's record for b.
        metrics.nodeSeen("b", at: now.adding(minutes: -2))
        let text = metrics.exposition(nodes: nodes, now: now, openConnections: nil)
        #expect(Self.value(text, #"onething_hub_nodes{last_seen="1d"}"#) == 1)
        #expect(Self.value(text, #"onething_hub_nodes{last_seen="5m"}"#) == 1)
        #expect(Self.value(text, #"onething_hub_nodes{last_seen="older"}"#) == 0)
        #expect(Self.value(text, #"onething_hub_nodes{last_seen="never"}"#) == 1)
        #expect(Self.value(text, "onething_hub_nodes_revoked") == 1)
        #expect(Self.value(text, #"onething_hub_node_last_seen_age_seconds{node="a"}"#) == 3660)
        #expect(Self.value(text, #"onething_hub_node_last_seen_age_seconds{node="b"}"#) == 120)
        #expect(!text.contains(#"node="c""#) && !text.contains(#"node="d""#))
        #expect(Self.value(text, "onething_hub_open_connections") == nil)
    }

    @Test("refusals: a busy push and connections refused or closed to make room are counted")
    func refusals() {
        let metrics = HubMetrics()
        let table = ConnectionTable(limits: ConnectionLimits(maxConnections: 1, maxConnectionsPerAddress: 1), metrics: metrics)
        let at = NIODeadline.uptimeNanoseconds(0)
        guard case .admitted(let first) = table.admit(EmbeddedChannel(), address: "10.0.0.1", at: at).0 else {
            Issue.record("the first connection was refused")
            return
        }
        // Quiet: it gives way to the next from the same address.
        let (second, closing) = table.admit(EmbeddedChannel(), address: "10.0.0.1", at: at)
        #expect(closing.count == 1)
        guard case .admitted(let answering) = second else {
            Issue.record("the second connection was refused")
            return
        }
        _ = first
        table.update(answering, standing: nil)
        // Answering a request: the next is refused, for its address first.
        guard case .refused(addressFull: true) = table.admit(EmbeddedChannel(), address: "10.0.0.1", at: at).0 else {
            Issue.record("expected a refusal")
            return
        }
        guard case .refused(addressFull: false) = table.admit(EmbeddedChannel(), address: "10.0.0.2", at: at).0 else {
            Issue.record("expected a refusal")
            return
        }
        metrics.pushRefusedBusy()
        let text = metrics.exposition(nodes: [], now: TestMoment.filing, openConnections: table.openCount)
        #expect(Self.value(text, "onething_hub_connections_closed_for_room_total") == 1)
        #expect(Self.value(text, #"onething_hub_connection_refusals_total{reason="address_full"}"#) == 1)
        #expect(Self.value(text, #"onething_hub_connection_refusals_total{reason="table_full"}"#) == 1)
        #expect(Self.value(text, #"onething_hub_push_refusals_total{reason="busy"}"#) == 1)
        #expect(Self.value(text, "onething_hub_open_connections") == 1)
    }
}
