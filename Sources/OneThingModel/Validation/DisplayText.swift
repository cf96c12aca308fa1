/// Text from any party, made safe to show on a terminal: every scalar that could act on the
/// terminal instead of being shown is replaced by U+FFFD: C0 controls (ESC, CR, LF, TAB,
/// BEL...), DEL, C1 controls, the bidi marks, embeddings, overrides and isolates (U+061C,
/// U+200E-200F, U+202A-202E, U+2066-2069), the other deprecated format controls
/// U+206A-206F, the line and paragraph separators (U+2028-2029) and the interlinear
/// annotation controls (U+FFF9-FFFB). Where text enters, `InputText` refuses the same
/// characters; this is the second line, for text stored before or sent by a party that
/// does not check.
package enum DisplayText {
    package static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isUnsafe(scalar) ? replacement : scalar)
        }
        return String(scalars)
    }

    package static let replacement: Unicode.Scalar = "\u{FFFD}"

    package static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029: true
        case 0x202A...0x202E, 0x2066...0x206F: true
        case 0xFFF9...0xFFFB: true
        default: false
        }
    }

    /// Whether `text` holds nothing `clean` would replace: what free text entering the
    /// system (a decision's reason, an issued document, an operator's name) must satisfy.
    package static func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: isUnsafe)
    }
}
