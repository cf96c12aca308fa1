extension DisplayWidth {
    /// The width of a scalar when wcwidth cannot say (no UTF-8 locale on the machine):
    /// combining marks 0, East Asian Wide and Fullwidth ranges 2, everything else 1.
    static func fallbackWidth(of scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(scalar.value) { return 0 }  // Hangul medial vowels and final consonants
        for range in wideRanges where range.contains(scalar.value) {
            return 2
        }
        return 1
    }

    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul initial consonants
        0x2E80...0xA4CF,  // CJK radicals, punctuation, kana, CJK ideographs, Yi
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE30...0xFE4F,  // CJK compatibility forms
        0xFF00...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x1F300...0x1F64F,  // pictographs and emoticons
        0x1F900...0x1F9FF,  // supplemental pictographs
        0x20000...0x3FFFD,  // CJK ideographs, extensions B and later
    ]
}
