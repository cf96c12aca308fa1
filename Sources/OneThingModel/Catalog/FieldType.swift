/// What kind of value a form field takes; each type has its own normalisation and checks
/// (see `FieldValueValidator`).
package enum FieldType: String, Codable, Sendable, CaseIterable {
    /// A person's name: Chinese characters with the middle dot, or Latin letters.
    case name
    /// Free single-line text (addresses, branch names).
    case text
    /// An 18-character resident identity number (GB 11643-1999).
    case idNumber
    /// A mainland China mobile number.
    case mobile
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// A date and time of day, `YYYY-MM-DDTHH:MM` (China Standard Time).
    case datetime
    /// A whole number within `min`...`max`.
    case integer
    /// A decimal number within `min`...`max`.
    case decimal
    /// One of the field's `options`.
    case choice
    /// A bank card number (12 to 19 digits, Luhn check).
    case bankCard
    /// A birth medical certificate number: one letter and nine digits.
    case birthCertificateNo
    /// Yes or no (`true` / `false`).
    case boolean
    /// A document number matching the field's `pattern` (marriage, property certificates).
    case code
}
