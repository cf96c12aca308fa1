/// Applies terminal output to a `Buffer` the way an xterm-like terminal would, for the subset
/// of ANSI the terminal layer writes: printable UTF-8 (wide characters, combining marks,
/// autowrap), CR, LF, BS, CUP, cursor moves, ED, EL and SGR. Other sequences are ignored.
struct ScreenInterpreter {
    private(set) var x = 0
    private(set) var y = 0
    private(set) var style = Style.plain
    private(set) var cursorVisible = true
    /// The last cell a character was written to, for combining marks that follow it.
    private var lastWritten: (x: Int, y: Int)?
    private var state = State.ground
    private var utf8: [UInt8] = []
    private var parameters: [UInt8] = []

    private enum State { case ground, escape, csi }

    mutating func apply(_ bytes: [UInt8], to screen: inout Buffer) {
        for byte in bytes {
            switch state {
            case .ground:
                ground(byte, screen: &screen)
            case .escape:
                if byte == UInt8(ascii: "[") {
                    state = .csi
                    parameters = []
                } else {
                    state = .ground  // ESC 7, ESC 8, ESC = ...: not modelled
                }
            case .csi:
                if (0x20...0x3F).contains(byte) {
                    parameters.append(byte)
                } else {
                    state = .ground
                    if (0x40...0x7E).contains(byte) { control(byte, screen: &screen) }
                }
            }
        }
    }

    /// Keeps the cursor inside a screen of a new size.
    mutating func clamp(width: Int, height: Int) {
        x = min(x, max(0, width - 1))
        y = min(y, max(0, height - 1))
        lastWritten = nil
    }

    private mutating func ground(_ byte: UInt8, screen: inout Buffer) {
        if !utf8.isEmpty || byte >= 0x80 {
            utf8.append(byte)
            switch UTF8Sequence.check(utf8, at: 0) {
            case .incomplete:
                return
            case .complete:
                let scalar = String(decoding: utf8, as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
                utf8 = []
                show(scalar, screen: &screen)
            case .invalid:
                utf8 = []
                show("\u{FFFD}", screen: &screen)
            }
            return
        }
        switch byte {
        case 0x1B: state = .escape
        case 0x0D: x = 0
        case 0x0A: lineFeed(screen: &screen)
        case 0x08: x = max(0, min(x, screen.width - 1) - 1)
        case 0x20..<0x7F: show(Unicode.Scalar(byte), screen: &screen)
        default: break
        }
    }

    private mutating func show(_ scalar: Unicode.Scalar, screen: inout Buffer) {
        let columns = DisplayWidth.columns(of: scalar)
        if columns == 0 {
            if let lastWritten { screen.append(scalar, x: lastWritten.x, y: lastWritten.y) }
            return
        }
        guard screen.width >= columns, screen.height > 0 else { return }
        if x + columns > screen.width {  // pending wrap, or a wide character at the last column
            x = 0
            lineFeed(screen: &screen)
        }
        screen.place(String(scalar), columns: columns, style: style, x: x, y: y)
        lastWritten = (x, y)
        x += columns  // may equal the width: the wrap waits for the next character
    }

    private mutating func lineFeed(screen: inout Buffer) {
        if y + 1 < screen.height {
            y += 1
            return
        }
        var scrolled = Buffer(width: screen.width, height: screen.height)
        for row in 1..<max(1, screen.height) {
            for column in 0..<screen.width {
                scrolled.copyCell(from: screen, x: column, y: row, toY: row - 1)
            }
        }
        scrolled.fill(Rect(x: 0, y: screen.height - 1, width: screen.width, height: 1), style: Style(background: style.background))
        screen = scrolled
        lastWritten = nil
    }

    private mutating func control(_ final: UInt8, screen: inout Buffer) {
        let isPrivate = parameters.first == UInt8(ascii: "?")
        let numbers = String(decoding: parameters.drop(while: { $0 == UInt8(ascii: "?") }), as: UTF8.self)
            .split(separator: ";", omittingEmptySubsequences: false)
            .map { Int($0) }
        func number(_ index: Int, default value: Int) -> Int {
            guard index < numbers.count, let number = numbers[index] else { return value }
            return number
        }
        lastWritten = nil
        let blank = Style(background: style.background)
        switch final {
        case UInt8(ascii: "H"), UInt8(ascii: "f"):
            y = min(max(0, number(0, default: 1) - 1), max(0, screen.height - 1))
            x = min(max(0, number(1, default: 1) - 1), max(0, screen.width - 1))
        case UInt8(ascii: "A"): y = max(0, y - max(1, number(0, default: 1)))
        case UInt8(ascii: "B"): y = min(max(0, screen.height - 1), y + max(1, number(0, default: 1)))
        case UInt8(ascii: "C"): x = min(max(0, screen.width - 1), x + max(1, number(0, default: 1)))
        case UInt8(ascii: "D"): x = max(0, min(x, screen.width - 1) - max(1, number(0, default: 1)))
        case UInt8(ascii: "J"):
            switch number(0, default: 0) {
            case 0:
                screen.fill(Rect(x: x, y: y, width: screen.width - x, height: 1), style: blank)
                screen.fill(Rect(x: 0, y: y + 1, width: screen.width, height: screen.height - y - 1), style: blank)
            case 1:
                screen.fill(Rect(x: 0, y: 0, width: screen.width, height: y), style: blank)
                screen.fill(Rect(x: 0, y: y, width: x + 1, height: 1), style: blank)
            default:
                screen.fill(screen.area, style: blank)
            }
        case UInt8(ascii: "K"):
            switch number(0, default: 0) {
            case 0: screen.fill(Rect(x: x, y: y, width: screen.width - x, height: 1), style: blank)
            case 1: screen.fill(Rect(x: 0, y: y, width: x + 1, height: 1), style: blank)
            default: screen.fill(Rect(x: 0, y: y, width: screen.width, height: 1), style: blank)
            }
        case UInt8(ascii: "m") where !isPrivate:
            selectGraphicRendition(numbers.map { $0 ?? 0 })
        case UInt8(ascii: "h") where isPrivate && numbers.contains(25):
            cursorVisible = true
        case UInt8(ascii: "l") where isPrivate && numbers.contains(25):
            cursorVisible = false
        default:
            break
        }
    }

    private mutating func selectGraphicRendition(_ codes: [Int]) {
        for code in codes.isEmpty ? [0] : codes {
            switch code {
            case 0: style = .plain
            case 1: style.bold = true
            case 2: style.dim = true
            case 4: style.underline = true
            case 7: style.reverse = true
            case 22: style.bold = false; style.dim = false
            case 24: style.underline = false
            case 27: style.reverse = false
            default:
                if let color = Color(foregroundCode: code) {
                    style.foreground = color
                } else if let color = Color(backgroundCode: code) {
                    style.background = color
                }
            }
        }
    }
}
