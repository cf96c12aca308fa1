package import ArgumentParser
package import OneThingExport
package import OneThingModel

/// The options both `onething export` and `onething-hub export` take, checked and applied
/// the same way: the format, the filter (a bundle, China Standard Time days, both included)
/// and where the document goes (a file written whole or not at all, 0600, else stdout).
package struct ExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("csv or ndjson.", valueName: "format"))
    package var format: String

    @Option(help: ArgumentHelp("Only this bundle (birth, school-enrolment, ...).", valueName: "bundle"))
    package var bundle: String?

    @Option(
        help: ArgumentHelp(
            "Only applications from this day on (YYYY-MM-DD, China Standard Time): filed at a node, received at the hub.",
            valueName: "date"))
    package var from: String?

    @Option(help: ArgumentHelp("Only applications up to this day, included (YYYY-MM-DD, China Standard Time).", valueName: "date"))
    package var to: String?

    @Option(help: ArgumentHelp("Write to this file (atomically, 0600) instead of stdout.", valueName: "file"))
    package var output: String?

    package init() {}

    package func validate() throws {
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

    package func exportFormat() throws(CLIFailure) -> ExportFormat {
        guard let format = ExportFormat(rawValue: format) else { throw CLIFailure.usage("--format must be csv or ndjson.") }
        return format
    }

    package var filter: ExportFilter {
        ExportFilter(bundle: bundle, from: from.flatMap(CivilDate.parse), to: to.flatMap(CivilDate.parse))
    }

    /// The bundles whose fields become columns: the one asked for, else every bundle; an
    /// unknown bundle is a data error naming the known ones.
    package func bundles(in catalog: Catalog) throws(CLIFailure) -> [BundleDefinition] {
        guard let bundle else { return catalog.bundles }
        guard let definition = catalog.bundles.first(where: { $0.code == bundle }) else {
            throw CLIFailure.data(
                "There is no bundle \"\(bundle)\"; the bundles are: \(catalog.bundles.map(\.code).joined(separator: ", ")).")
        }
        return [definition]
    }

    /// Writes the rendered document to `--output` (whole or not at all) or stdout; a line on
    /// stderr says how many were exported where.
    package func deliver(_ rows: [ExportedApplication], bundles: [BundleDefinition], program: String) throws(CLIFailure) {
        let text = ExportDocument.render(rows, format: try exportFormat(), bundles: bundles)
        if let output {
            try AtomicFile.write(Array(text.utf8), to: output)
            CLIProgram.diagnostic("\(program): exported \(rows.count) application(s) to \(output).")
        } else {
            try FileDescriptorOutput.standardOutput(text)
        }
    }
}
