import ArgumentParser
import OneThingCLI
import OneThingStore

struct MetricsCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Print the node's state as Prometheus text exposition (for node_exporter's textfile collector).",
        discussion: """
            Outbox entries by state, the age of the oldest entry still to send, the last successful sync, the last
            error's code, open conflicts, and applications by bundle and state. From cron, written whole:
              onething metrics > onething.prom.tmp && mv onething.prom.tmp /var/lib/node_exporter/textfile_collector/onething.prom
            """)

    @OptionGroup var global: GlobalOptions

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global, forReading: true)
        let now = context.clock.now()
        let metrics = try context.storeCall { () throws(StoreError) in try context.store.metrics(at: now) }
        try FileDescriptorOutput.standardOutput(
            NodeMetricsText.render(metrics, now: now, bundles: context.catalog.bundles.map(\.code)))
    }
}
