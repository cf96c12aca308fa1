/// A payment card number (PAN), as printed on a bank card.
package enum BankCardNumber: Sendable {
    /// Removes spaces and hyphens, then requires 12 to 19 digits that pass
    /// the Luhn check. Returns the digits only.
    package static func normalise(_ raw: String) -> Result<String, ValueProblem> {
        let digits = raw.filter { $0 != " " && $0 != "-" }
        guard digits.allSatisfy(\.isASCIIDigit) else {
            return .failure(ValueProblem(
                .bankCardCharacters,
                "A bank card number may contain only digits, optionally grouped with spaces or hyphens."
            ))
        }
        guard (12...19).contains(digits.count) else {
            return .failure(ValueProblem(
                .bankCardLength,
                "A bank card number has between 12 and 19 digits; copy every digit printed on the front of the card."
            ))
        }
        guard luhnValid(digits) else {
            return .failure(ValueProblem(
                .bankCardCheckDigit,
                "The bank card number fails its check digit test, so at least one digit is wrong; re-read the number from the card."
            ))
        }
        return .success(digits)
    }

    /// The Luhn (mod 10) check over a non-empty string of ASCII digits; false
    /// if the string is empty or contains anything other than ASCII digits.
    package static func luhnValid(_ digits: String) -> Bool {
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return false }
        var sum = 0
        for (position, byte) in digits.utf8.reversed().enumerated() {
            var digit = Int(byte - UInt8(ascii: "0"))
            if position % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }
}
