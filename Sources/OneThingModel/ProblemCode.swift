/// Which rule a value or an application broke, such as `value.id_number_check_character`:
/// the key of a problem's message in the message tables. The model's codes are here; the
/// store, the hub and the command-line tools add theirs in extensions, each with its own
/// area (`store.`, `hub.`, `cli.`).
public struct ProblemCode: ErrorCode, Codable {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// A sentence that has no code of its own (see `FieldProblem.init(field:message:)`).
    public static let unclassified = ProblemCode("unclassified")
}

// MARK: - Text (InputText)
extension ProblemCode {
    public static let controlCharacter = ProblemCode("value.control_character")
    public static let lineSeparator = ProblemCode("value.line_separator")
    public static let directionControl = ProblemCode("value.direction_control")
    public static let byteOrderMark = ProblemCode("value.byte_order_mark")
    public static let replacementCharacter = ProblemCode("value.replacement_character")
}

// MARK: - Resident ID numbers
extension ProblemCode {
    public static let idNumberOldFormat = ProblemCode("value.id_number_old_format")
    public static let idNumberLength = ProblemCode("value.id_number_length")
    public static let idNumberNotDigits = ProblemCode("value.id_number_not_digits")
    public static let idNumberLastCharacter = ProblemCode("value.id_number_last_character")
    public static let idNumberProvince = ProblemCode("value.id_number_province")
    public static let idNumberBirthDate = ProblemCode("value.id_number_birth_date")
    /// Arguments: `year`, the earliest birth year accepted.
    public static let idNumberBirthTooEarly = ProblemCode("value.id_number_birth_too_early")
    public static let idNumberBirthInFuture = ProblemCode("value.id_number_birth_in_future")
    public static let idNumberCheckCharacter = ProblemCode("value.id_number_check_character")
}

// MARK: - Other document numbers
extension ProblemCode {
    public static let bankCardCharacters = ProblemCode("value.bank_card_characters")
    public static let bankCardLength = ProblemCode("value.bank_card_length")
    public static let bankCardCheckDigit = ProblemCode("value.bank_card_check_digit")
    public static let mobileCharacters = ProblemCode("value.mobile_characters")
    public static let mobileLength = ProblemCode("value.mobile_length")
    public static let mobilePrefix = ProblemCode("value.mobile_prefix")
    public static let birthCertificateLength = ProblemCode("value.birth_certificate_length")
    public static let birthCertificateLetter = ProblemCode("value.birth_certificate_letter")
    public static let birthCertificateDigits = ProblemCode("value.birth_certificate_digits")
}

// MARK: - Names
extension ProblemCode {
    /// Arguments: `min`, `max` (characters).
    public static let nameLength = ProblemCode("value.name_length")
    public static let nameDigits = ProblemCode("value.name_digits")
    public static let nameMixedScripts = ProblemCode("value.name_mixed_scripts")
    public static let nameCharacters = ProblemCode("value.name_characters")
    public static let nameChineseSeparators = ProblemCode("value.name_chinese_separators")
    public static let nameLatinDot = ProblemCode("value.name_latin_dot")
    public static let nameDotPlacement = ProblemCode("value.name_dot_placement")
    public static let nameLatinSeparators = ProblemCode("value.name_latin_separators")
}

// MARK: - A field's type and constraints (FieldValueValidator)
extension ProblemCode {
    public static let numberForText = ProblemCode("value.number_for_text")
    public static let numberNotFinite = ProblemCode("value.number_not_finite")
    /// Arguments: `expected` (a number, true or false, a string), `given` (the JSON kind).
    public static let wrongKind = ProblemCode("value.wrong_kind")
    public static let empty = ProblemCode("value.empty")
    public static let notADate = ProblemCode("value.not_a_date")
    public static let notADateTime = ProblemCode("value.not_a_date_time")
    public static let notAnInteger = ProblemCode("value.not_an_integer")
    public static let notADecimal = ProblemCode("value.not_a_decimal")
    /// Arguments: `allowed`, the option values separated by ", ".
    public static let notAnOption = ProblemCode("value.not_an_option")
    public static let consentRequired = ProblemCode("value.consent_required")
    public static let notABoolean = ProblemCode("value.not_a_boolean")
    /// Arguments: `min`, `max` (characters).
    public static let length = ProblemCode("value.length")
    public static let pattern = ProblemCode("value.pattern")
    /// Arguments: `min`, and `max` when the field has both bounds.
    public static let belowMinimum = ProblemCode("value.below_minimum")
    /// Arguments: `max`, and `min` when the field has both bounds.
    public static let aboveMaximum = ProblemCode("value.above_maximum")
    public static let dateInFuture = ProblemCode("value.date_in_future")
    /// Arguments: `days`.
    public static let dateTooOld = ProblemCode("value.date_too_old")
}

// MARK: - The application as a whole (FormValidator)
extension ProblemCode {
    /// Arguments: `bundle`, `bundles`.
    public static let noSuchBundle = ProblemCode("form.no_such_bundle")
    /// Arguments: `bundle`.
    public static let unknownField = ProblemCode("form.unknown_field")
    /// Arguments: `items`, the items that ask for the field.
    public static let notAskedForItems = ProblemCode("form.not_asked_for_items")
    public static let notAskedInSituation = ProblemCode("form.not_asked_in_situation")
    /// Arguments: `items`, the selected items that need the field.
    public static let required = ProblemCode("form.required")
    public static let noItems = ProblemCode("form.no_items")
    /// Arguments: `bundle`, `item`, `items`.
    public static let noSuchItem = ProblemCode("form.no_such_item")
    /// Arguments: `item`, `region`, `items` (what the region offers).
    public static let itemNotOffered = ProblemCode("form.item_not_offered")
    /// Arguments: `item`.
    public static let itemTwice = ProblemCode("form.item_twice")
    /// Arguments: `item`, `missing` (the items it needs).
    public static let itemNeedsOthers = ProblemCode("form.item_needs_others")
    /// A field the system sets (at filing, or by a decision), given in a change.
    public static let systemField = ProblemCode("form.system_field")
    /// A change that names no field.
    public static let noChanges = ProblemCode("form.no_changes")
}

// MARK: - Cross-field rules (CrossFieldRule.Kind)
extension ProblemCode {
    /// Arguments: `parent_field`, and `min` or `max` (years).
    public static let parentAgeAtBirth = ProblemCode("rule.parent_age_at_birth")
    /// Arguments: `cutoff`, `age`, `min`, `max`.
    public static let schoolAgeAtCutoff = ProblemCode("rule.school_age_at_cutoff")
    /// Arguments: `id_field`.
    public static let sexMatchesIdNumber = ProblemCode("rule.sex_matches_id_number")
    /// Arguments: `other_field`.
    public static let distinct = ProblemCode("rule.distinct")
    /// Arguments: `sex`, the sex the number must encode.
    public static let idNumberOfSex = ProblemCode("rule.id_number_of_sex")

    /// The code of a problem found by a rule of this kind.
    public static func rule(_ kind: CrossFieldRule.Kind) -> ProblemCode {
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
    public static let model: [ProblemCode] = [
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
