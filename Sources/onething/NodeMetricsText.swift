import OneThingModel
import OneThingStore
import Prometheus

/// The node's state as Prometheus text exposition, for node_exporter's textfile collector
/// (`onething metrics`), written through swift-prometheus's registry (one per run). Labels
/// carry states, bundle codes and error codes; never an applicant's data.
enum NodeMetricsText {
    /// `bundles`: the catalogue's, so that each bundle has every state's series (0 included).
    static func render(_ metrics: NodeMetrics, now: Timestamp, bundles: [String]) -> String {
        let registry = PrometheusCollectorRegistry()
        for (state, count) in metrics.outbox.sorted(by: { $0.key < $1.key }) {
            registry.makeGauge(name: "onething_outbox_entries", labels: [("state", state)], help: "Outbox entries by state.")
                .set(Double(count))
        }
        registry.makeGauge(
            name: "onething_outbox_oldest_pending_age_seconds",
            help: "Seconds since the oldest entry still to send (queued or in flight) was queued; 0 when none is."
        ).set(Double(metrics.oldestPendingAgeSeconds))
        registry.makeGauge(
            name: "onething_sync_last_success_timestamp_seconds",
            help: "Unix time of the last successful sync run; 0: never."
        ).set(Double(metrics.lastSuccessAt?.epochSeconds ?? 0))
        if let success = metrics.lastSuccessAt {
            registry.makeGauge(
                name: "onething_sync_last_success_age_seconds", help: "Seconds since the last successful sync run (absent: never)."
            ).set(Double(max(0, now.epochSeconds - success.epochSeconds)))
        }
        registry.makeGauge(
            name: "onething_sync_last_run_failed", help: "1 when the last sync run ended with an error, else 0."
        ).set(metrics.lastErrorCode == nil ? 0.0 : 1.0)
        if let code = metrics.lastErrorCode {
            registry.makeGauge(
                name: "onething_sync_last_error_info", labels: [("code", code)], help: "The code of the last sync run's error."
            ).set(1.0)
        }
        registry.makeGauge(name: "onething_conflicts_open", help: "Conflicts waiting for a person's decision.")
            .set(Double(metrics.openConflicts))
        var byBundle = metrics.applications
        for bundle in bundles where byBundle[bundle] == nil { byBundle[bundle] = [:] }
        for (bundle, states) in byBundle.sorted(by: { $0.key < $1.key }) {
            let known = ApplicationState.allCases.map(\.rawValue)
            for state in known + states.keys.sorted().filter({ !known.contains($0) }) {
                registry.makeGauge(
                    name: "onething_applications", labels: [("bundle", bundle), ("state", state)],
                    help: "Applications by bundle and state."
                ).set(Double(states[state] ?? 0))
            }
        }
        registry.makeGauge(name: "onething_metrics_timestamp_seconds", help: "Unix time these figures were taken.")
            .set(Double(now.epochSeconds))
        return registry.emitToString()
    }
}
