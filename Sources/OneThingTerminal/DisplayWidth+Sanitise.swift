import OneThingModel
extension DisplayWidth {
    /// `text` with every scalar that could act on the terminal instead of being shown replaced
    /// by U+FFFD: C0 controls (including ESC, CR, LF, TAB), DEL, C1 controls, the bidi marks,
    /// embeddings, overrides and isolates (U+061C, U+200E-200F, U+202A-202E, U+2066-2069),
    /// the other deprecated format controls U+206A-206F, the line and paragraph separators
    /// (U+2028-2029) and the interlinear annotation controls (U+FFF9-FFFB).
    package static func sanitise(_ text: String) -> String {
        DisplayText.clean(text)
    }

    static let replacement = DisplayText.replacement

    static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        DisplayText.isUnsafe(scalar)
    }
}
