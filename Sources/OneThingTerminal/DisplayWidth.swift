import CTerminal

/// How many terminal columns text takes, the way the terminal will draw it: per grapheme
/// cluster, the width of its first scalar (wcwidth under a UTF-8 locale; CJK is 2 columns).
package enum DisplayWidth {
    /// Whether a UTF-8 LC_CTYPE could be set, so that wcwidth knows non-ASCII characters.
    /// Set up once, on first use. Without it the built-in table in `fallbackWidth` is used.
    package static let hasUTF8Locale: Bool = ct_use_utf8_ctype() == 1

    /// The columns `text` takes once sanitised: per grapheme, max(0, wcwidth of its first
    /// scalar), with every control character (shown as U+FFFD) counted as 1.
    package static func of(_ text: String) -> Int {
        var total = 0
        for character in sanitise(text) {
            total += columns(of: character)
        }
        return total
    }

    /// The longest prefix of `text` (whole grapheme clusters, unchanged) that fits in
    /// `toColumns` columns; never splits a wide character.
    package static func truncate(_ text: String, toColumns columns: Int) -> String {
        guard columns > 0 else { return "" }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = of(String(text[index]))
            if used + width > columns { break }
            used += width
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// The columns of one grapheme cluster of sanitised text: 0, 1 or 2.
    static func columns(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if first.value >= 0x20 && first.value < 0x7F { return 1 }
        if needsReplacement(first) { return 1 }
        return columns(of: first)
    }

    /// The columns of one printable scalar: wcwidth, or the built-in table when wcwidth does
    /// not know it (no UTF-8 locale, or a scalar newer than the C library).
    static func columns(of scalar: Unicode.Scalar) -> Int {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return 1 }
        _ = hasUTF8Locale
        let width = Int(ct_wcwidth(scalar.value))
        if width >= 0 { return min(width, 2) }
        return fallbackWidth(of: scalar)
    }
}
