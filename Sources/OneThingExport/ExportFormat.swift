package import OneThingModel

/// The formats an export is written in.
package enum ExportFormat: String, Sendable, CaseIterable {
    case csv
    case ndjson
}

/// A whole export as text: CSV (byte order mark, header, one row per application) or NDJSON
/// (one line per application). Rows are written in the order given.
package enum ExportDocument {
    /// `bundles`: the bundles exported, in catalogue order (they decide the CSV's columns).
    package static func render(_ rows: [ExportedApplication], format: ExportFormat, bundles: [BundleDefinition]) -> String {
        switch format {
        case .ndjson:
            return rows.map(NDJSONFormat.line).joined()
        case .csv:
            let columns = ExportColumns.plan(bundles: bundles, rows: rows)
            var text = CSVFormat.byteOrderMark + CSVFormat.row(columns.header)
            for row in rows { text += CSVFormat.row(columns.cells(row)) }
            return text
        }
    }
}
