/// CSV as WPS and Excel open it without asking (RFC 4180): UTF-8 with a byte order mark
/// (without it Excel reads Chinese as mojibake), CRLF after every row, a field quoted when
/// it holds a comma, a double quote, CR or LF (a quote inside doubled).
///
/// Formula injection (OWASP, "CSV Injection"): a cell that starts with `=`, `+`, `-` or
/// `@`, or with a tab or CR (which some spreadsheets skip before such a character), would be
/// run as a formula by the spreadsheet; it is written with a single quote before it, so the
/// spreadsheet shows it as text. The cost: such a value (a negative number, an address
/// starting with `-`) reads back with the quote, which a person sees and a script must
/// strip. The catalogue's values rarely start so, and a name or address never should.
package enum CSVFormat {
    /// U+FEFF as UTF-8, written once before the header.
    package static let byteOrderMark = "\u{FEFF}"
    package static let lineEnd = "\r\n"

    /// One row: its cells guarded, quoted where needed, joined by commas, then CRLF.
    package static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + lineEnd
    }

    /// One cell as written.
    package static func cell(_ value: String) -> String {
        quoted(guarded(value))
    }

    /// The value with a single quote before it when a spreadsheet would take it for a
    /// formula.
    package static func guarded(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return value }
        return "'" + value
    }

    /// RFC 4180: in double quotes (a quote inside doubled) when the value holds a comma, a
    /// double quote, CR or LF; as it is otherwise.
    package static func quoted(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { needsQuotes.contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
    private static let needsQuotes: Set<Unicode.Scalar> = [",", "\"", "\r", "\n"]
}
