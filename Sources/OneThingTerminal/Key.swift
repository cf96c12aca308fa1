/// One key press (or one paste) read from the terminal.
package enum Key: Sendable, Hashable {
    /// Printable text, including CJK committed by an input method (one grapheme per key).
    case character(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown
    /// Ctrl+letter as a lower-case letter, e.g. `.control("c")`; Ctrl-I, Ctrl-M and Ctrl-H
    /// arrive as `.tab`, `.enter` and `.backspace` (the terminal sends the same bytes).
    case control(Character)
    /// F1...F12.
    case function(Int)
    /// Bracketed paste content, sanitised (newlines and escape sequences come out as U+FFFD).
    case paste(String)
    /// A sequence the decoder recognised as one key but does not map (Insert, F13, mouse...).
    case unknown
}
