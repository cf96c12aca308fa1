extension DisplayWidth {
    /// `text` with every scalar that could act on the terminal instead of being shown replaced
    /// by U+FFFD: C0 controls (including ESC, CR, LF, TAB), DEL, C1 controls, the bidi marks,
    /// embeddings, overrides and isolates (U+061C, U+200E-200F, U+202A-202E, U+2066-2069),
    /// the other deprecated format controls U+206A-206F, the line and paragraph separators
    /// (U+2028-2029) and the interlinear annotation controls (U+FFF9-FFFB).
    public static func sanitise(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsReplacement) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(needsReplacement(scalar) ? replacement : scalar)
        }
        return String(scalars)
    }

    static let replacement: Unicode.Scalar = "\u{FFFD}"

    static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029: true
        case 0x202A...0x202E, 0x2066...0x206F: true
        case 0xFFF9...0xFFFB: true
        default: false
        }
    }
}
