/// An 18-character citizen identity number (公民身份号码) as defined by
/// GB 11643-1999: a six-digit address code, an eight-digit birth date, a
/// three-digit sequence code and a check character (a digit or `X`).
package struct ResidentIDNumber: Sendable, Hashable {
    /// The full number, 18 characters, check character `X` in upper case.
    package let value: String
    /// The first six digits: the administrative division of first registration.
    package let addressCode: String
    /// The birth date written in positions 7–14.
    package let birthDate: CivilDate
    /// Positions 15–17; odd for men, even for women.
    package let sequence: Int

    package var sex: Sex { sequence % 2 == 1 ? .male : .female }

    /// Birth years before this are refused (published examples include 1880).
    private static let earliestBirthYear = 1800

    private init(value: String, addressCode: String, birthDate: CivilDate, sequence: Int) {
        self.value = value
        self.addressCode = addressCode
        self.birthDate = birthDate
        self.sequence = sequence
    }

    /// Validates a number that has already been through `InputText.normalise`.
    /// A lower-case `x` check character is accepted and upper-cased.
    /// `today` is the current date in China, used to refuse birth dates in
    /// the future.
    package static func parse(_ raw: String, today: CivilDate) -> Result<ResidentIDNumber, ValueProblem> {
        let characters = Array(raw)
        if characters.count == 15, characters.allSatisfy(\.isASCIIDigit) {
            return .failure(ValueProblem(
                .idNumberOldFormat,
                "This is an old 15-digit identity number; the 18-digit number on the current resident identity card is needed."
            ))
        }
        guard characters.count == 18 else {
            return .failure(ValueProblem(
                .idNumberLength,
                "An identity number has exactly 18 characters: 17 digits followed by a digit or the letter X."
            ))
        }
        let body = characters[0..<17]
        guard body.allSatisfy(\.isASCIIDigit) else {
            return .failure(ValueProblem(
                .idNumberNotDigits,
                "The first 17 characters of an identity number must all be digits 0–9, and only the last may be the letter X."
            ))
        }
        guard let last = characters.last, last.isASCIIDigit || last == "X" || last == "x" else {
            return .failure(ValueProblem(
                .idNumberLastCharacter,
                "The last character of an identity number must be a digit 0–9 or the letter X."
            ))
        }
        let first17 = String(body)
        let digits = first17.utf8.map { Int($0 - UInt8(ascii: "0")) }

        let province = digits[0] * 10 + digits[1]
        guard digits[0] != 0, validProvinceCodes.contains(province) else {
            return .failure(ValueProblem(
                .idNumberProvince,
                "The first two digits of an identity number must be a valid province code (for example 35 for Fujian); check the start of the number."
            ))
        }

        guard let birthDate = CivilDate.parseCompact(String(body[6..<14])) else {
            return .failure(ValueProblem(
                .idNumberBirthDate,
                "Digits 7 to 14 of an identity number must be a real birth date written as YYYYMMDD; check these digits."
            ))
        }
        guard birthDate.year >= earliestBirthYear else {
            return .failure(ValueProblem(
                .idNumberBirthTooEarly,
                "The birth date in the identity number (digits 7 to 14) is before the year 1800; check these digits.",
                arguments: ["year": String(earliestBirthYear)]
            ))
        }
        guard birthDate <= today else {
            return .failure(ValueProblem(
                .idNumberBirthInFuture,
                "The birth date in the identity number (digits 7 to 14) is in the future; check these digits."
            ))
        }

        guard let expected = checkCharacter(forDigits: digits), expected == last.uppercased().first else {
            return .failure(ValueProblem(
                .idNumberCheckCharacter,
                "The check character does not match the first 17 digits; re-read the number from the identity card."
            ))
        }

        let sequence = digits[14] * 100 + digits[15] * 10 + digits[16]
        return .success(ResidentIDNumber(
            value: first17 + String(expected),
            addressCode: String(body[0..<6]),
            birthDate: birthDate,
            sequence: sequence
        ))
    }

    /// The GB 11643-1999 check character (`0`–`9` or `X`) for 17 ASCII
    /// digits, or nil if the argument is not exactly 17 ASCII digits.
    package static func checkCharacter(for first17: String) -> Character? {
        let characters = Array(first17)
        guard characters.count == 17, characters.allSatisfy(\.isASCIIDigit) else { return nil }
        return checkCharacter(forDigits: first17.utf8.map { Int($0 - UInt8(ascii: "0")) })
    }

    private static func checkCharacter(forDigits digits: [Int]) -> Character? {
        guard digits.count == weights.count else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432")
    private static let validProvinceCodes: Set<Int> = Set(
        Array(11...15) + Array(21...23) + Array(31...37) + Array(41...46)
            + Array(50...54) + Array(61...65) + [71, 81, 82, 83, 91]
    )
}
