/// One column of one row of a `Buffer`.
public struct Cell: Sendable, Hashable {
    /// One grapheme cluster, or "" for the right half of a wide character.
    public var text: String
    public var style: Style

    public init(text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// A plain space.
    public static let blank = Cell(text: " ", style: .plain)

    /// Whether this is the right half of a wide character.
    var isContinuation: Bool { text.isEmpty }
}
