/// A screenful of cells, drawn into by the kiosk and diffed by `FrameDiff`.
///
/// Invariants kept by every way of changing it: each cell holds one sanitised grapheme
/// cluster of width 1, or of width 2 followed by a continuation cell ("", same style); a
/// continuation cell never stands alone.
package struct Buffer: Sendable, Hashable {
    package let width: Int
    package let height: Int
    private(set) var cells: [Cell]

    package init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    package var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`. Out of range: get returns `.blank`, set is ignored.
    /// Setting sanitises the text and keeps its first grapheme; a wide character also takes
    /// the cell to its right (a space when it would not fit); setting over half of a wide
    /// character blanks its other half; setting "" keeps the right half of a wide character
    /// as it is and is a space anywhere else.
    package subscript(x: Int, y: Int) -> Cell {
        get {
            guard contains(x: x, y: y) else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard contains(x: x, y: y) else { return }
            if newValue.text.isEmpty {
                if cells[y * width + x].isContinuation { return }
                place(" ", columns: 1, style: newValue.style, x: x, y: y)
                return
            }
            let sanitised = DisplayWidth.sanitise(newValue.text)
            guard let first = sanitised.first else { return }
            var columns = DisplayWidth.columns(of: first)
            var text = String(first)
            if columns == 0 || (columns == 2 && x + 1 >= width) {
                text = " "
                columns = 1
            }
            place(text, columns: columns, style: newValue.style, x: x, y: y)
        }
    }

    /// Writes `text` (sanitised first) from (x, y) on one row, at most `maxWidth` columns
    /// (default: to the right edge); a wide character that would not fit is replaced by
    /// spaces; returns the columns used. Writing over half of a wide character blanks its
    /// other half. Zero-width graphemes on their own are skipped.
    @discardableResult
    package mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = maxWidth.map { x + min(max(0, $0), width) }.map { min($0, width) } ?? width
        let start = max(x, 0)
        var column = x
        for character in DisplayWidth.sanitise(text) {
            guard column < limit else { break }
            let columns = DisplayWidth.columns(of: character)
            if columns == 0 { continue }
            if column + columns > limit {
                while column < limit {
                    if column >= 0 { place(" ", columns: 1, style: style, x: column, y: y) }
                    column += 1
                }
                break
            }
            if column >= 0 {
                place(String(character), columns: columns, style: style, x: column, y: y)
            } else if column + columns > 0 {
                place(" ", columns: 1, style: style, x: 0, y: y)  // a wide character cut by the left edge
            }
            column += columns
        }
        return max(0, column - start)
    }

    /// Blanks every cell of `rect` (clipped to the buffer) with `style`.
    package mutating func fill(_ rect: Rect, style: Style = .plain) {
        let area = rect.intersection(self.area)
        guard !area.isEmpty else { return }
        for y in area.y..<area.bottom {
            for x in area.x..<area.right {
                place(" ", columns: 1, style: style, x: x, y: y)
            }
        }
    }

    /// The row as plain text: wide characters once, trailing spaces kept; "" out of range.
    package func rowText(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        for cell in cells[(y * width)..<((y + 1) * width)] where !cell.isContinuation {
            text += cell.text
        }
        return text
    }

    /// Every `rowText`, top to bottom.
    package var lines: [String] { (0..<height).map(rowText) }

    func contains(x: Int, y: Int) -> Bool {
        x >= 0 && x < width && y >= 0 && y < height
    }

    /// Whether the cell at (x, y) is the left half of a wide character.
    func isWide(x: Int, y: Int) -> Bool {
        x + 1 < width && cells[y * width + x + 1].isContinuation
    }

    /// Puts one grapheme of `columns` (1 or 2, already known to fit) at (x, y), blanking the
    /// other half of any wide character it partly covers. The caller has sanitised `text`.
    mutating func place(_ text: String, columns: Int, style: Style, x: Int, y: Int) {
        let row = y * width
        let last = x + columns - 1
        if cells[row + x].isContinuation, x > 0 {
            cells[row + x - 1] = Cell(text: " ", style: cells[row + x - 1].style)
        }
        if last + 1 < width, cells[row + last + 1].isContinuation {
            cells[row + last + 1] = Cell(text: " ", style: cells[row + last + 1].style)
        }
        cells[row + x] = Cell(text: text, style: style)
        if columns == 2 {
            cells[row + x + 1] = Cell(text: "", style: style)
        }
    }

    /// Adds a zero-width scalar (a combining mark sent on its own) to the cell at (x, y), as a
    /// terminal does; used by `MemoryTerminal`.
    mutating func append(_ scalar: Unicode.Scalar, x: Int, y: Int) {
        guard contains(x: x, y: y), !cells[y * width + x].isContinuation else { return }
        cells[y * width + x].text.unicodeScalars.append(scalar)
    }
}

extension Buffer {
    /// Copies the cell at (x, y) of `source` to (x, toY), keeping wide characters whole when
    /// copied left to right (a wide character that no longer fits becomes a space).
    mutating func copyCell(from source: Buffer, x: Int, y: Int, toY: Int) {
        guard source.contains(x: x, y: y), contains(x: x, y: toY) else { return }
        self[x, toY] = source[x, y]
    }
}
