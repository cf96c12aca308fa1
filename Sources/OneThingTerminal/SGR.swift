/// Select Graphic Rendition: the escape sequences that set a `Style`.
enum SGR {
    /// ESC [ 0 m
    static let reset: [UInt8] = Array("\u{1B}[0m".utf8)

    /// The shortest sequence that turns the terminal's style `from` into `to`: either the
    /// changes alone, or a reset followed by everything `to` sets.
    static func transition(from: Style, to: Style) -> [UInt8] {
        if to == .plain { return reset }
        let full = [0] + parameters(of: to)
        let changes = changes(from: from, to: to)
        return sequence(encodedLength(changes) < encodedLength(full) ? changes : full)
    }

    /// The parameters that set `style` on top of a reset terminal.
    static func parameters(of style: Style) -> [Int] {
        var codes: [Int] = []
        if style.bold { codes.append(1) }
        if style.dim { codes.append(2) }
        if style.underline { codes.append(4) }
        if style.reverse { codes.append(7) }
        if style.foreground != .default { codes.append(style.foreground.foregroundCode) }
        if style.background != .default { codes.append(style.background.backgroundCode) }
        return codes
    }

    static func changes(from: Style, to: Style) -> [Int] {
        var codes: [Int] = []
        if (from.bold && !to.bold) || (from.dim && !to.dim) {
            codes.append(22)  // normal intensity: turns off both bold and dim
            if to.bold { codes.append(1) }
            if to.dim { codes.append(2) }
        } else {
            if to.bold && !from.bold { codes.append(1) }
            if to.dim && !from.dim { codes.append(2) }
        }
        if from.underline != to.underline { codes.append(to.underline ? 4 : 24) }
        if from.reverse != to.reverse { codes.append(to.reverse ? 7 : 27) }
        if from.foreground != to.foreground { codes.append(to.foreground.foregroundCode) }
        if from.background != to.background { codes.append(to.background.backgroundCode) }
        return codes
    }

    static func sequence(_ codes: [Int]) -> [UInt8] {
        Array("\u{1B}[\(codes.map(String.init).joined(separator: ";"))m".utf8)
    }

    private static func encodedLength(_ codes: [Int]) -> Int {
        codes.reduce(codes.count) { $0 + String($1).utf8.count }
    }
}
