/// Plain text tables for the command lines' human output, measured in display columns
/// (`DisplayWidth`, the terminal's own wcwidth) so that Chinese text lines up. Cells are
/// shown as given: the callers clean text from others before it reaches a table.
package enum TextTable {
    package static func render(header: [String], rows: [[String]]) -> String {
        var widths: [Int] = []
        return render(header: header, rows: rows, widths: &widths, withHeader: true)
    }

    /// A table printed in parts (one page at a time): `widths` carries the columns' widths
    /// from part to part, so that later parts line up with the earlier ones (a column only
    /// ever widens).
    package static func render(header: [String], rows: [[String]], widths: inout [Int], withHeader: Bool) -> String {
        let all = withHeader ? [header] + rows : rows
        if widths.count != header.count {
            widths = header.map { DisplayWidth.of($0) }
        }
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        let columns = widths
        return all.map { row in
            var line = row.enumerated().map { index, cell in
                index == row.count - 1 || index >= columns.count
                    ? cell : cell + String(repeating: " ", count: max(0, columns[index] - DisplayWidth.of(cell)))
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
