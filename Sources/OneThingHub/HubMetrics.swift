import Foundation
package import OneThingModel
package import OneThingWire
package import Prometheus
import Synchronization

/// What `GET /metrics` answers, one per server (never a global bootstrap: tests run several
/// hubs in one process): counters and request-time histograms in the server's own
/// Prometheus registry, and at each scrape the gauges computed from the store (nodes by
/// when they were last seen). Names and labels carry node ids, route templates and codes;
/// never an applicant's data or a token. `factory` lets code written against swift-metrics
/// record into the same registry.
package final class HubMetrics: Sendable {
    package let registry: PrometheusCollectorRegistry
    package let factory: PrometheusMetricsFactory
    /// When each node last made an authenticated request to this process.
    private let seen = Mutex<[String: Timestamp]>([:])

    private let pushes: Counter
    private let busy: Counter

    /// Buckets of request time: 5 ms to 10 s.
    static let latencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    package init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.latencyBuckets
        self.factory = factory
        pushes = registry.makeCounter(name: Name.pushes, help: Help.pushes)
        busy = registry.makeCounter(name: Name.admissionRefusals, labels: [("reason", "busy")], help: Help.admissionRefusals)
        // Every series an alert or a rate may look at exists from the start, at 0.
        for status in Self.entryStatuses { _ = entries(status) }
        for code in Self.rejectionCodes { _ = rejections(code) }
        for reason in ["address_full", "table_full"] { _ = connectionRefusals(reason) }
        _ = registry.makeCounter(name: Name.connectionsClosedForRoom, help: Help.connectionsClosedForRoom)
    }

    // MARK: recording

    /// A push batch the store answered.
    package func pushAnswered(_ response: PushResponse) {
        pushes.increment()
        for result in response.results {
            entries(result.status.rawValue).increment()
            if result.status == .rejected { rejections(result.reasonCode?.rawValue ?? "unknown").increment() }
        }
    }

    /// A push answered 503 at once: `PushAdmission` had no place.
    package func pushRefusedBusy() {
        busy.increment()
    }

    /// A connection closed at accept: every connection (of its address: `addressFull`) was
    /// answering a request (`ConnectionTable`).
    package func connectionRefused(addressFull: Bool) {
        connectionRefusals(addressFull ? "address_full" : "table_full").increment()
    }

    /// An open connection closed to make room for a new one.
    package func connectionClosedForRoom() {
        registry.makeCounter(name: Name.connectionsClosedForRoom, help: Help.connectionsClosedForRoom).increment()
    }

    /// One request answered: its route template (`/v1/nodes/{node_id}/push`, `unmatched`),
    /// method and status.
    package func requestAnswered(route: String, method: String, status: Int, duration: Duration) {
        registry.makeDurationHistogram(
            name: Name.requestDuration, labels: [("route", route), ("method", method), ("status", String(status))],
            buckets: Self.latencyBuckets, help: Help.requestDuration
        ).record(duration)
    }

    /// A node's token was accepted at `time`.
    package func nodeSeen(_ node: String, at time: Timestamp) {
        seen.withLock { seen in
            if seen[node].map({ $0 < time }) ?? true { seen[node] = time }
        }
    }

    // MARK: scrape

    /// The text exposition: the registry's series, then the gauges computed now from
    /// `nodes` (what the store knows of each node's last visit, or this process's memory
    /// of it when later) and the open connections.
    package func exposition(nodes: [NodeInfo], now: Timestamp, openConnections: Int?) -> String {
        let scrape = PrometheusCollectorRegistry()
        let remembered = seen.withLock { $0 }
        var buckets = Dictionary(uniqueKeysWithValues: NodeSeenBucket.allCases.map { ($0, 0) })
        var revoked = 0
        for node in nodes {
            guard !node.revoked else {
                revoked += 1
                continue
            }
            let last = [node.lastSeen, remembered[node.nodeId]].compactMap { $0 }.max()
            let bucket = NodeSeenBucket(lastSeen: last, now: now)
            buckets[bucket, default: 0] += 1
            if let last {
                scrape.makeGauge(name: Name.nodeLastSeenAge, labels: [("node", node.nodeId)], help: Help.nodeLastSeenAge)
                    .set(Double(max(0, now.epochSeconds - last.epochSeconds)))
            }
        }
        for bucket in NodeSeenBucket.allCases {
            scrape.makeGauge(name: Name.nodes, labels: [("last_seen", bucket.rawValue)], help: Help.nodes)
                .set(Double(buckets[bucket] ?? 0))
        }
        scrape.makeGauge(name: Name.nodesRevoked, help: Help.nodesRevoked).set(Double(revoked))
        if let openConnections {
            scrape.makeGauge(name: Name.openConnections, help: Help.openConnections).set(Double(openConnections))
        }
        return registry.emitToString() + scrape.emitToString()
    }

    /// The content type of the exposition (Prometheus text format 0.0.4).
    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    // MARK: series

    private func entries(_ status: String) -> Counter {
        registry.makeCounter(name: Name.entries, labels: [("result", status)], help: Help.entries)
    }

    private func rejections(_ code: String) -> Counter {
        registry.makeCounter(name: Name.rejections, labels: [("reason", code)], help: Help.rejections)
    }

    private func connectionRefusals(_ reason: String) -> Counter {
        registry.makeCounter(name: Name.connectionRefusals, labels: [("reason", reason)], help: Help.connectionRefusals)
    }

    static let entryStatuses = ["accepted", "already_applied", "rejected", "gap"]
    static let rejectionCodes = [
        "payload_hash_mismatch", "key_reused", "seq_reused", "invalid_payload", "unknown_bundle", "unknown_application",
    ]

    enum Name {
        static let pushes = "onething_hub_pushes_total"
        static let entries = "onething_hub_push_entries_total"
        static let rejections = "onething_hub_push_rejections_total"
        static let admissionRefusals = "onething_hub_push_refusals_total"
        static let connectionRefusals = "onething_hub_connection_refusals_total"
        static let connectionsClosedForRoom = "onething_hub_connections_closed_for_room_total"
        static let requestDuration = "onething_hub_request_duration_seconds"
        static let nodes = "onething_hub_nodes"
        static let nodesRevoked = "onething_hub_nodes_revoked"
        static let nodeLastSeenAge = "onething_hub_node_last_seen_age_seconds"
        static let openConnections = "onething_hub_open_connections"
    }

    enum Help {
        static let pushes = "Push batches the hub answered."
        static let entries = "Pushed outbox entries by the hub's answer."
        static let rejections = "Rejected entries by reason code."
        static let admissionRefusals = "Pushes answered 503 at once because the hub works on its maximum of pushes."
        static let connectionRefusals = "Connections closed at accept: every connection (of the address) was answering a request."
        static let connectionsClosedForRoom = "Open connections closed to make room for a new one."
        static let requestDuration = "Time to answer a request, by route template, method and status."
        static let nodes = "Registered, not revoked nodes by when they were last seen (within 5m, 1h, 1d, older, never)."
        static let nodesRevoked = "Registered nodes whose token is revoked."
        static let nodeLastSeenAge = "Seconds since the node last made an authenticated request."
        static let openConnections = "Connections open now."
    }
}

/// When a node was last seen, as the `last_seen` label of `onething_hub_nodes`: each bucket
/// holds the nodes seen after the bound before it and at most its own bound ago.
package enum NodeSeenBucket: String, CaseIterable, Sendable {
    case fiveMinutes = "5m"
    case hour = "1h"
    case day = "1d"
    case older
    case never

    package init(lastSeen: Timestamp?, now: Timestamp) {
        guard let lastSeen else {
            self = .never
            return
        }
        let age = now.epochSeconds - lastSeen.epochSeconds
        switch age {
        case ...300: self = .fiveMinutes
        case ...3600: self = .hour
        case ...86_400: self = .day
        default: self = .older
        }
    }
}
