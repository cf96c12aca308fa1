import Foundation

/// The first step for every piece of text that arrives from outside:
/// refuse invisible or dangerous characters, fold compatibility forms
/// (full-width digits and letters, ideographic space) with Unicode NFKC,
/// and trim surrounding whitespace.
package enum InputText: Sendable {
    /// Returns the NFKC-normalised, trimmed text, or a problem if the text
    /// contains control characters, bidirectional overrides, a byte-order
    /// mark or a replacement character. Text that is empty after trimming is
    /// returned as the empty string; whether a value is required is for the
    /// caller to decide.
    package static func normalise(_ raw: String) -> Result<String, ValueProblem> {
        if let problem = problem(in: raw) {
            return .failure(problem)
        }
        let folded = raw.precomposedStringWithCompatibilityMapping
        // NFKC does not introduce any of the refused characters, but checking
        // again is cheap and keeps the guarantee independent of Foundation.
        if let problem = problem(in: folded) {
            return .failure(problem)
        }
        return .success(trimmingWhitespace(folded))
    }

    /// Decodes strictly valid UTF-8; returns nil for any ill-formed sequence
    /// (overlong forms, surrogates, truncated sequences, stray continuation
    /// bytes) instead of repairing it with replacement characters.
    package static func validUTF8(_ bytes: some Sequence<UInt8>) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    private static func problem(in text: String) -> ValueProblem? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0000...0x001F, 0x007F, 0x0080...0x009F:
                return ValueProblem(
                    .controlCharacter,
                    "The text contains a control character such as a tab, line break or escape; enter it as plain text on a single line."
                )
            case 0x2028, 0x2029:
                return ValueProblem(
                    .lineSeparator,
                    "The text contains a line or paragraph separator; enter it as plain text on a single line."
                )
            case 0x202A...0x202E, 0x2066...0x2069:
                return ValueProblem(
                    .directionControl,
                    "The text contains an invisible text-direction control character; type the value again instead of pasting it from a formatted document."
                )
            case 0xFEFF:
                return ValueProblem(
                    .byteOrderMark,
                    "The text contains an invisible byte-order mark; type the value again instead of pasting it from a file."
                )
            case 0xFFFD:
                return ValueProblem(
                    .replacementCharacter,
                    "The text contains a replacement character, which means it was damaged by a wrong character encoding; send it again as valid UTF-8."
                )
            default:
                continue
            }
        }
        return nil
    }

    private static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else {
            return ""
        }
        return String(scalars[first...last])
    }
}

extension Character {
    /// True only for the ten ASCII digits 0–9 (not other Unicode numerals).
    var isASCIIDigit: Bool {
        guard let ascii = asciiValue else { return false }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(ascii)
    }

    /// True only for the 52 ASCII letters A–Z and a–z.
    var isASCIILetter: Bool {
        guard let ascii = asciiValue else { return false }
        return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(ascii)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(ascii)
    }
}
