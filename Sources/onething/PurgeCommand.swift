import ArgumentParser
import Foundation
import OneThingCLI
import OneThingModel
import OneThingStore

struct PurgeCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove the personal data of applications decided more than --retention-days ago.",
        discussion: """
            Keeps the receipt-level record (id, bundle, items and their states, province number, filing
            time, operator, rating) and removes the fields, issued documents, sent payloads and conflict
            values; applications with anything still to send or an open conflict are left alone.
            Delivery records older than the period are deleted. Audited. Safe to run from cron daily.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("retention-days"), help: ArgumentHelp("Days after the last decision to keep personal data.", valueName: "days"))
    var retentionDays: Int

    func validate() throws {
        guard (1...36_500).contains(retentionDays) else { throw ValidationError("--retention-days must be from 1 to 36500.") }
    }

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        let now = context.clock.now()
        let cutoff = now.adding(days: -retentionDays)
        let report = try context.storeCall { () throws(StoreError) in
            try context.store.purge(decidedBefore: cutoff, actor: NodeContext.cliActor, at: now)
        }
        if global.json {
            Output.json(report)
        } else if report.applications + report.deliveries > 0 {
            Output.line("purged the personal data of \(report.applications) applications and \(report.deliveries) delivery records")
        }
    }
}
