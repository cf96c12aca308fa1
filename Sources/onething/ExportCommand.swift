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

    @Option(help: ArgumentHelp("csv or ndjson.", valueName: "format"))
    var format: String

    @Option(help: ArgumentHelp("Only this bundle (birth, school-enrolment, ...).", valueName: "bundle"))
    var bundle: String?

    @Option(help: ArgumentHelp("Only applications filed on or after this date (YYYY-MM-DD, China Standard Time).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only applications filed on or before this date (YYYY-MM-DD, China Standard Time).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Write to this file (atomically, 0600) instead of stdout.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard ExportFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be csv or ndjson.")
        }
        let start = try Self.date(from, flag: "--from")
        let end = try Self.date(to, flag: "--to")
        if let start, let end, end < start {
            throw ValidationError("--to (\(end)) is before --from (\(start)): no day would be exported.")
        }
        if let output, output.isEmpty { throw ValidationError("--output needs a file name.") }
    }

    static func date(_ text: String?, flag: String) throws -> CivilDate? {
        guard let text else { return nil }
        guard let date = CivilDate.parse(text) else {
            throw ValidationError("\(flag) must be a date written YYYY-MM-DD (China Standard Time), such as 2026-11-26.")
        }
        return date
    }

    func perform() throws(CLIFailure) {
        guard let format = ExportFormat(rawValue: format) else { throw CLIFailure.usage("--format must be csv or ndjson.") }
        let context = try NodeContext.open(global)
        let bundles: [BundleDefinition]
        if let bundle {
            guard let definition = context.catalog.bundles.first(where: { $0.code == bundle }) else {
                throw CLIFailure.data(
                    "There is no bundle \"\(bundle)\"; the bundles are: \(context.catalog.bundles.map(\.code).joined(separator: ", ")).")
            }
            bundles = [definition]
        } else {
            bundles = context.catalog.bundles
        }
        let filter = ExportFilter(bundle: bundle, from: from.flatMap(CivilDate.parse), to: to.flatMap(CivilDate.parse))
        let rows = try context.storeCall { () throws(StoreError) in
            try context.store.export(filter, format: format.rawValue, actor: NodeContext.cliActor, at: context.clock.now())
        }
        let text = ExportDocument.render(rows, format: format, bundles: bundles)
        if let output {
            try AtomicFile.write(Array(text.utf8), to: output)
            Output.diagnostic("onething: exported \(rows.count) application(s) to \(output).")
        } else {
            try FileDescriptorOutput.standardOutput(text)
        }
    }
}
