import ArgumentParser
import OneThingCLI
import OneThingExport
import OneThingModel
import OneThingStore

struct ExportCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the node's applications with their fields (CSV or NDJSON) for the registrar's or ward's own records.",
        discussion: """
            One row (CSV) or line (NDJSON) per application, oldest filed first: id, province_no, bundle, region,
            filed_at, state, purged, each item's state (CSV column item:CODE), then the fields in catalogue order
            (without --bundle: the union of every bundle's fields). Purged applications have no fields.
            CSV is UTF-8 with a byte order mark and CRLF line ends, for WPS and Excel; a cell starting with
            = + - @ (a spreadsheet formula) gets a ' before it. Dates are China Standard Time civil dates, both
            included. Every export is written to the audit log (who, the filter, how many rows).
            --output writes the file whole or not at all (0600); without it the export goes to stdout.
            Exit codes: 64 a bad date or flag, 65 an unknown bundle, 74 a file that cannot be written.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ExportOptions

    func perform() throws(CLIFailure) {
        let format = try options.exportFormat()
        let context = try NodeContext.open(global)
        let bundles = try options.bundles(in: context.catalog)
        let rows = try context.storeCall { () throws(StoreError) in
            try context.store.export(options.filter, format: format.rawValue, actor: NodeContext.cliActor, at: context.clock.now())
        }
        try options.deliver(rows, bundles: bundles, program: "onething")
    }
}
