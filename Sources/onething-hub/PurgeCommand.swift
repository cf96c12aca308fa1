import ArgumentParser
import OneThingCLI
import OneThingHub

/// `onething-hub purge --retention-days N`: the hub's own retention.
struct PurgeCommand: HubSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove the personal data of applications decided more than --retention-days ago.",
        discussion: """
            Keeps what the reform's figures need (province number, node, bundle, items and their states,
            ratings) and removes fields, every revision's fields, conflict values, issued documents and
            return reasons. Applications with an open conflict are left alone. A purged application takes
            no new revision or amendment. Safe to run from cron daily, while the hub serves.
            """)

    @OptionGroup var options: HubOptions
    @OptionGroup var output: JSONOption
    @Option(name: .customLong("retention-days"), help: ArgumentHelp("Days after the last decision to keep personal data.", valueName: "days"))
    var retentionDays: Int

    var printsJSON: Bool { output.json }

    func validate() throws {
        guard (1...36_500).contains(retentionDays) else { throw ValidationError("--retention-days must be from 1 to 36500.") }
    }

    func perform() async throws(CLIFailure) {
        let store = try await options.openStore()
        let now = hubClock.now()
        let report: HubPurgeReport
        do {
            report = try await store.purge(decidedBefore: now.adding(days: -retentionDays).description, at: now.description)
        } catch {
            throw CLIFailure(error)
        }
        if output.json {
            try Output.json(report)
        } else {
            Output.line("purged the personal data of \(report.applications) applications")
        }
    }
}
