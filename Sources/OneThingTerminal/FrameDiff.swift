/// The bytes that bring a terminal from one frame to the next.
package enum FrameDiff {
    /// The bytes that turn the screen showing `previous` (nil: unknown, clear and draw all)
    /// into `next`: cursor moves (CUP), SGR changes only when the style changes, only changed
    /// cells; wide characters written once; ends with SGR reset. Nothing when the frames are
    /// the same. Buffers of different sizes mean a full redraw.
    package static func bytes(from previous: Buffer?, to next: Buffer) -> [UInt8] {
        var output: [UInt8] = []
        let base: Buffer
        if let previous, previous.width == next.width, previous.height == next.height {
            base = previous
        } else {
            output += SGR.reset
            output += ControlSequence.clearScreen
            base = Buffer(width: next.width, height: next.height)  // what the cleared screen shows
        }
        var style = Style.plain
        var cursor: (x: Int, y: Int)?  // nil: unknown (not yet moved, or after a doubtful glyph)
        let width = next.width
        for y in 0..<next.height {
            var x = 0
            while x < width {
                let index = y * width + x
                let cell = next.cells[index]
                if cell.isContinuation {
                    x += 1  // written with its left half
                    continue
                }
                let columns = next.isWide(x: x, y: y) ? 2 : 1
                defer { x += columns }
                if cell == base.cells[index] { continue }
                if cursor == nil || cursor?.x != x || cursor?.y != y {
                    output += ControlSequence.moveCursor(x: x, y: y)
                }
                if cell.style != style {
                    output += SGR.transition(from: style, to: cell.style)
                    style = cell.style
                }
                output += glyphBytes(cell.text)
                // At the right edge the terminal waits to wrap; after a grapheme of several
                // scalars it may disagree about the width: move explicitly next time.
                let reliable = cell.text.unicodeScalars.count == 1 && x + columns < width
                cursor = reliable ? (x + columns, y) : nil
            }
        }
        if !output.isEmpty {
            output += SGR.reset
        }
        return output
    }

    /// The cell's text as UTF-8; sanitised again so that nothing can reach the terminal as a
    /// control even if the buffer's guarantees were broken.
    private static func glyphBytes(_ text: String) -> [UInt8] {
        let utf8 = text.utf8
        if utf8.count == 1, let byte = utf8.first, byte >= 0x20, byte < 0x7F {
            return [byte]
        }
        let safe = DisplayWidth.sanitise(text)
        return safe.isEmpty ? [0x20] : Array(safe.utf8)
    }
}
