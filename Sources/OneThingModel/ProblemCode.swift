/// Which rule a value or an application broke, such as `value.id_number_check_character`:
/// the key of a problem's message in the message tables. The model's codes are here; the
/// store, the hub and the command-line tools add theirs in extensions, each with its own
/// area (`store.`, `hub.`, `cli.`).
package struct ProblemCode: ErrorCode, Codable {
    package let rawValue: String

    package init(_ rawValue: String) { self.rawValue = rawValue }

    package init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// A sentence that has no code of its own (see `FieldProblem.init(field:message:)`).
    package static let unclassified = ProblemCode("unclassified")
}

// MARK: - Text (InputText)
extension ProblemCode {
    package static let controlCharacter = ProblemCode("value.control_character")
    package static let lineSeparator = ProblemCode("value.line_separator")
    package static let directionControl = ProblemCode("value.direction_control")
    package static let byteOrderMark = ProblemCode("value.byte_order_mark")
    package static let replacementCharacter = ProblemCode("value.replacement_character")
}

// MARK: - Resident ID numbers
extension ProblemCode {
    package static let idNumberOldFormat = ProblemCode("value.id_number_old_format")
    package static let idNumberLength = ProblemCode("value.id_number_length")
    package static let idNumberNotDigits = ProblemCode("value.id_number_not_digits")
    package static let idNumberLastCharacter = ProblemCode("value.id_number_last_character")
    package static let idNumberProvince = ProblemCode("value.id_number_province")
    package static let idNumberBirthDate = ProblemCode("value.id_number_birth_date")
    /// Arguments: `year`, the earliest birth year accepted.
    package static let idNumberBirthTooEarly = ProblemCode("value.id_number_birth_too_early")
    package static let idNumberBirthInFuture = ProblemCode("value.id_number_birth_in_future")
    package static let idNumberCheckCharacter = ProblemCode("value.id_number_check_character")
}

// MARK: - Other document numbers
extension ProblemCode {
    package static let bankCardCharacters = ProblemCode("value.bank_card_characters")
    package static let bankCardLength = ProblemCode("value.bank_card_length")
    package static let bankCardCheckDigit = ProblemCode("value.bank_card_check_digit")
    package static let mobileCharacters = ProblemCode("value.mobile_characters")
    package static let mobileLength = ProblemCode("value.mobile_length")
    package static let mobilePrefix = ProblemCode("value.mobile_prefix")
    package static let birthCertificateLength = ProblemCode("value.birth_certificate_length")
    package static let birthCertificateLetter = ProblemCode("value.birth_certificate_letter")
    package static let birthCertificateDigits = ProblemCode("value.birth_certificate_digits")
}

// MARK: - Names
extension ProblemCode {
    /// Arguments: `min`, `max` (characters).
    package static let nameLength = ProblemCode("value.name_length")
    package static let nameDigits = ProblemCode("value.name_digits")
    package static let nameMixedScripts = ProblemCode("value.name_mixed_scripts")
    package static let nameCharacters = ProblemCode("value.name_characters")
    package static let nameChineseSeparators = ProblemCode("value.name_chinese_separators")
    package static let nameLatinDot = ProblemCode("value.name_latin_dot")
    package static let nameDotPlacement = ProblemCode("value.name_dot_placement")
    package static let nameLatinSeparators = ProblemCode("value.name_latin_separators")
}

// MARK: - A field's type and constraints (FieldValueValidator)
extension ProblemCode {
    package static let numberForText = ProblemCode("value.number_for_text")
    package static let numberNotFinite = ProblemCode("value.number_not_finite")
    /// Arguments: `expected` (a number, true or false, a string), `given` (the JSON kind).
    package static let wrongKind = ProblemCode("value.wrong_kind")
    package static let empty = ProblemCode("value.empty")
    package static let notADate = ProblemCode("value.not_a_date")
    package static let notADateTime = ProblemCode("value.not_a_date_time")
    package static let notAnInteger = ProblemCode("value.not_an_integer")
    package static let notADecimal = ProblemCode("value.not_a_decimal")
    /// Arguments: `allowed`, the option values separated by ", ".
    package static let notAnOption = ProblemCode("value.not_an_option")
    package static let consentRequired = ProblemCode("value.consent_required")
    package static let notABoolean = ProblemCode("value.not_a_boolean")
    /// Arguments: `min`, `max` (characters).
    package static let length = ProblemCode("value.length")
    package static let pattern = ProblemCode("value.pattern")
    /// Arguments: `min`, and `max` when the field has both bounds.
    package static let belowMinimum = ProblemCode("value.below_minimum")
    /// Arguments: `max`, and `min` when the field has both bounds.
    package static let aboveMaximum = ProblemCode("value.above_maximum")
    package static let dateInFuture = ProblemCode("value.date_in_future")
    /// Arguments: `days`.
    package static let dateTooOld = ProblemCode("value.date_too_old")
}

// MARK: - The application as a whole (FormValidator)
extension ProblemCode {
    /// Arguments: `bundle`, `bundles`.
    package static let noSuchBundle = ProblemCode("form.no_such_bundle")
    /// Arguments: `bundle`.
    package static let unknownField = ProblemCode("form.unknown_field")
    /// Arguments: `items`, the items that ask for the field.
    package static let notAskedForItems = ProblemCode("form.not_asked_for_items")
    package static let notAskedInSituation = ProblemCode("form.not_asked_in_situation")
    /// Arguments: `items`, the selected items that need the field.
    package static let required = ProblemCode("form.required")
    package static let noItems = ProblemCode("form.no_items")
    /// Arguments: `bundle`, `item`, `items`.
    package static let noSuchItem = ProblemCode("form.no_such_item")
    /// Arguments: `item`, `region`, `items` (what the region offers).
    package static let itemNotOffered = ProblemCode("form.item_not_offered")
    /// Arguments: `item`.
    package static let itemTwice = ProblemCode("form.item_twice")
    /// Arguments: `item`, `missing` (the items it needs).
    package static let itemNeedsOthers = ProblemCode("form.item_needs_others")
    /// A field the system sets (at filing, or by a decision), given in a change.
    package static let systemField = ProblemCode("form.system_field")
    /// A change that names no field.
    package static let noChanges = ProblemCode("form.no_changes")
}

// MARK: - Cross-field rules (CrossFieldRule.Kind)
extension ProblemCode {
    /// Arguments: `parent_field`, and `min` or `max` (years).
    package static let parentAgeAtBirth = ProblemCode("rule.parent_age_at_birth")
    /// Arguments: `cutoff`, `age`, `min`, `max`.
    package static let schoolAgeAtCutoff = ProblemCode("rule.school_age_at_cutoff")
    /// Arguments: `id_field`.
    package static let sexMatchesIdNumber = ProblemCode("rule.sex_matches_id_number")
    /// Arguments: `other_field`.
    package static let distinct = ProblemCode("rule.distinct")
    /// Arguments: `sex`, the sex the number must encode.
    package static let idNumberOfSex = ProblemCode("rule.id_number_of_sex")

    /// The code of a problem found by a rule of this kind.
    package static func rule(_ kind: CrossFieldRule.Kind) -> ProblemCode {
        switch kind {
        case .parentAgeAtBirth: .parentAgeAtBirth
        case .schoolAgeAtCutoff: .schoolAgeAtCutoff
        case .sexMatchesIdNumber: .sexMatchesIdNumber
        case .distinct: .distinct
        case .idNumberOfSex: .idNumberOfSex
        }
    }
}

extension ProblemCode {
    /// Every code of the model, for tables and their tests (the store, the hub and the
    /// command-line tools list theirs beside their extensions).
    package static let model: [ProblemCode] = [
        .unclassified,
        .controlCharacter, .lineSeparator, .directionControl, .byteOrderMark, .replacementCharacter,
        .idNumberOldFormat, .idNumberLength, .idNumberNotDigits, .idNumberLastCharacter, .idNumberProvince,
        .idNumberBirthDate, .idNumberBirthTooEarly, .idNumberBirthInFuture, .idNumberCheckCharacter,
        .bankCardCharacters, .bankCardLength, .bankCardCheckDigit, .mobileCharacters, .mobileLength, .mobilePrefix,
        .birthCertificateLength, .birthCertificateLetter, .birthCertificateDigits,
        .nameLength, .nameDigits, .nameMixedScripts, .nameCharacters, .nameChineseSeparators, .nameLatinDot,
        .nameDotPlacement, .nameLatinSeparators,
        .numberForText, .numberNotFinite, .wrongKind, .empty, .notADate, .notADateTime, .notAnInteger, .notADecimal,
        .notAnOption, .consentRequired, .notABoolean, .length, .pattern, .belowMinimum, .aboveMaximum, .dateInFuture,
        .dateTooOld,
        .noSuchBundle, .unknownField, .notAskedForItems, .notAskedInSituation, .required, .noItems, .noSuchItem,
        .itemNotOffered, .itemTwice, .itemNeedsOthers, .systemField, .noChanges,
        .parentAgeAtBirth, .schoolAgeAtCutoff, .sexMatchesIdNumber, .distinct, .idNumberOfSex,
    ]
}
