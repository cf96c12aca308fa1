/// How a cell is drawn: colours and the attributes every supported terminal renders.
package struct Style: Sendable, Hashable {
    package var foreground: Color
    package var background: Color
    package var bold: Bool
    package var reverse: Bool
    package var underline: Bool
    package var dim: Bool

    package init(
        foreground: Color = .default,
        background: Color = .default,
        bold: Bool = false,
        reverse: Bool = false,
        underline: Bool = false,
        dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    /// The terminal's default colours, no attributes (what SGR 0 gives).
    package static let plain = Style()
}
