/// A person's name as written on identity documents: either Chinese
/// characters (with the middle dot · between parts of transliterated or
/// minority names) or Latin letters (with single spaces, hyphens and
/// apostrophes). Mixed scripts are refused.
package enum PersonName: Sendable {
    /// Runs `InputText.normalise`, then validates and normalises the name:
    /// middle-dot look-alikes become U+00B7 ·, the right single quotation
    /// mark becomes an apostrophe, and runs of spaces in a Latin name become
    /// one space. `minLength` and `maxLength` count characters (grapheme
    /// clusters) of the result.
    package static func normalise(
        _ raw: String,
        minLength: Int = 2,
        maxLength: Int = 30
    ) -> Result<String, ValueProblem> {
        let text: String
        switch InputText.normalise(raw) {
        case .failure(let problem): return .failure(problem)
        case .success(let normalised): text = normalised
        }

        let lengthProblem = ValueProblem(
            .nameLength, "A name must be between \(minLength) and \(maxLength) characters long.",
            arguments: ["min": String(minLength), "max": String(maxLength)])
        guard !text.isEmpty else {
            return .failure(lengthProblem)
        }

        var hasHan = false
        var hasLatin = false
        var hasDigit = false
        var hasOther = false
        var hasDot = false
        var hasLatinSeparator = false
        for scalar in text.unicodeScalars {
            switch kind(of: scalar) {
            case .han: hasHan = true
            case .latinLetter: hasLatin = true
            case .dot: hasDot = true
            case .space, .hyphen, .apostrophe: hasLatinSeparator = true
            case .other:
                if isNumber(scalar) { hasDigit = true } else { hasOther = true }
            }
        }

        let result: String
        if hasDigit {
            return .failure(ValueProblem(.nameDigits, "A name must not contain digits; write the name exactly as on the identity document."))
        } else if hasHan && hasLatin {
            return .failure(ValueProblem(
                .nameMixedScripts,
                "A name must be written either entirely in Chinese characters or entirely in Latin letters, not a mixture of both."
            ))
        } else if hasOther || !(hasHan || hasLatin) {
            return .failure(ValueProblem(
                .nameCharacters,
                "A name may contain only Chinese characters (with the middle dot · between parts), or Latin letters with single spaces, hyphens and apostrophes."
            ))
        } else if hasHan {
            if hasLatinSeparator {
                return .failure(ValueProblem(
                    .nameChineseSeparators,
                    "A Chinese name may contain only Chinese characters and the middle dot ·; remove spaces, hyphens and apostrophes."
                ))
            }
            switch chineseName(text) {
            case .failure(let problem): return .failure(problem)
            case .success(let name): result = name
            }
        } else {
            if hasDot {
                return .failure(ValueProblem(
                    .nameLatinDot,
                    "A name in Latin letters may be separated only by spaces, hyphens and apostrophes, not by a middle dot."
                ))
            }
            switch latinName(text) {
            case .failure(let problem): return .failure(problem)
            case .success(let name): result = name
            }
        }

        guard (minLength...max(minLength, maxLength)).contains(result.count) else {
            return .failure(lengthProblem)
        }
        return .success(result)
    }

    private enum Kind {
        case han, latinLetter, dot, space, hyphen, apostrophe, other
    }

    private static func kind(of scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F:
            return .han
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x17F:
            return .latinLetter
        case 0xB7, 0x30FB, 0x2022, 0x2027, 0xFF65, 0x2219:
            return .dot
        case 0x20:
            return .space
        case 0x2D:
            return .hyphen
        case 0x27, 0x2019:
            return .apostrophe
        default:
            return .other
        }
    }

    private static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }

    /// Text contains only Han characters and dots.
    private static func chineseName(_ text: String) -> Result<String, ValueProblem> {
        var name = String.UnicodeScalarView()
        var previousWasDot = true  // so that a leading dot is refused
        for scalar in text.unicodeScalars {
            if kind(of: scalar) == .dot {
                if previousWasDot {
                    return .failure(dotProblem)
                }
                name.append("\u{00B7}")
                previousWasDot = true
            } else {
                name.append(scalar)
                previousWasDot = false
            }
        }
        if previousWasDot {
            return .failure(dotProblem)
        }
        return .success(String(name))
    }

    private static let dotProblem = ValueProblem(
        .nameDotPlacement,
        "A middle dot · may appear only between two parts of a Chinese name, once each time, never at the start or end."
    )

    /// Text contains only Latin letters, spaces, hyphens and apostrophes.
    private static func latinName(_ text: String) -> Result<String, ValueProblem> {
        var name = String.UnicodeScalarView()
        var previous = Kind.hyphen  // so that a leading separator is refused
        for scalar in text.unicodeScalars {
            let current = kind(of: scalar)
            if current == .space && previous == .space {
                continue  // collapse runs of spaces
            }
            if current != .latinLetter && previous != .latinLetter {
                return .failure(separatorProblem)
            }
            switch current {
            case .apostrophe: name.append("'")
            default: name.append(scalar)
            }
            previous = current
        }
        if previous != .latinLetter {
            return .failure(separatorProblem)
        }
        return .success(String(name))
    }

    private static let separatorProblem = ValueProblem(
        .nameLatinSeparators,
        "A name in Latin letters must start and end with a letter, and a hyphen or apostrophe must sit directly between two letters."
    )
}
