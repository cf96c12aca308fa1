/// The escape sequences the terminal layer writes, apart from SGR.
enum ControlSequence {
    /// Moves the cursor to zero-based column `x`, row `y` (CUP is one-based).
    static func moveCursor(x: Int, y: Int) -> [UInt8] {
        Array("\u{1B}[\(y + 1);\(x + 1)H".utf8)
    }

    static let clearScreen: [UInt8] = Array("\u{1B}[H\u{1B}[2J".utf8)
    static let hideCursor: [UInt8] = Array("\u{1B}[?25l".utf8)
    static let showCursor: [UInt8] = Array("\u{1B}[?25h".utf8)

    /// Alternate screen (saving the cursor), bracketed paste on, cursor hidden, cleared.
    static let enter: [UInt8] = Array("\u{1B}[?1049h\u{1B}[?2004h\u{1B}[?25l\u{1B}[0m\u{1B}[H\u{1B}[2J".utf8)

    /// Bracketed paste off, SGR reset, the screen cleared (the Linux console has no alternate
    /// screen: an applicant's data must not stay on it), cursor shown, alternate screen left.
    static let restore: [UInt8] = Array("\u{1B}[?2004l\u{1B}[0m\u{1B}[H\u{1B}[2J\u{1B}[?25h\u{1B}[?1049l".utf8)
}
