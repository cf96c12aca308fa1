/// One column of one row of a `Buffer`.
package struct Cell: Sendable, Hashable {
    /// One grapheme cluster, or "" for the right half of a wide character.
    package var text: String
    package var style: Style

    package init(text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// A plain space.
    package static let blank = Cell(text: " ", style: .plain)

    /// Whether this is the right half of a wide character.
    var isContinuation: Bool { text.isEmpty }
}
