import ArgumentParser
import OneThingCLI
import OneThingExport
import OneThingHub

/// `onething-hub export --format csv|ndjson [--bundle B] [--from DATE] [--to DATE]`: the
/// applications the hub holds, for a statistics office or a department's own records.
struct ExportCommand: HubSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the applications the hub holds with their fields (CSV or NDJSON), audited.",
        discussion: """
            One row (CSV) or line (NDJSON) per application, oldest received first: id, province_no, bundle, \
            region, filed_at (when the hub received it), state (in_progress, decided, purged), purged, each \
            item's state (CSV column item:CODE), then the fields in catalogue order (without --bundle: the \
            union of every bundle's fields). Purged applications have no fields. CSV is UTF-8 with a byte \
            order mark and CRLF line ends, for WPS and Excel; a cell starting with = + - @ gets a ' before \
            it. --from and --to are China Standard Time days, both included, of when the hub received the \
            application (one received before the hub recorded times is only in an export without them). \
            Every export is written to the hub's audit log (who, the filter, how many rows).
            Exit codes: 64 a bad date or flag, 65 an unknown bundle, 74 a file that cannot be written.
            """)

    @OptionGroup var hub: HubOptions
    @OptionGroup var catalogOption: CatalogOption
    @OptionGroup var options: ExportOptions
    @OptionGroup var officerOption: OfficerOption

    func perform() async throws(CLIFailure) {
        let format = try options.exportFormat()
        let catalog = try catalogOption.load()
        let bundles = try options.bundles(in: catalog.catalog)
        let store = try await hub.openStore()
        let rows: [ExportedApplication]
        do {
            rows = try await store.export(options.filter, format: format.rawValue, actor: officerOption.recorded, at: hubClock.now())
        } catch {
            throw CLIFailure(error)
        }
        try options.deliver(rows, bundles: bundles, program: "onething-hub")
    }
}
