/// Plain text tables for human output, measured in display columns so that Chinese text
/// lines up.
enum Table {
    static func render(header: [String], rows: [[String]]) -> String {
        var widths: [Int] = []
        return render(header: header, rows: rows, widths: &widths, withHeader: true)
    }

    /// A table printed in parts (one page at a time): `widths` carries the columns' widths
    /// from part to part, so that later parts line up with the earlier ones (a column only
    /// ever widens).
    static func render(header: [String], rows: [[String]], widths: inout [Int], withHeader: Bool) -> String {
        let all = withHeader ? [header] + rows : rows
        if widths.count != header.count {
            widths = header.map { DisplayWidth.of($0) }
        }
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayWidth.of(cell))
            }
        }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// Terminal columns of a string: East Asian wide characters take two.
enum DisplayWidth {
    static func of(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + width($1) }
    }

    static func width(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) { return 0 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
        ]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }
}
