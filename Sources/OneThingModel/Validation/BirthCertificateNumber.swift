/// The number of a Medical Birth Certificate (出生医学证明): one letter
/// followed by nine digits, for example Q350012345.
package enum BirthCertificateNumber: Sendable {
    /// Requires exactly one ASCII letter then nine ASCII digits; returns the
    /// number with the letter in upper case.
    package static func normalise(_ raw: String) -> Result<String, ValueProblem> {
        let characters = Array(raw)
        guard characters.count == 10 else {
            return .failure(ValueProblem(
                .birthCertificateLength,
                "A birth certificate number has exactly 10 characters: one letter followed by nine digits, such as Q350012345."
            ))
        }
        guard characters[0].isASCIILetter else {
            return .failure(ValueProblem(
                .birthCertificateLetter,
                "A birth certificate number starts with one letter A–Z followed by nine digits, such as Q350012345."
            ))
        }
        guard characters[1...].allSatisfy(\.isASCIIDigit) else {
            return .failure(ValueProblem(
                .birthCertificateDigits,
                "After the first letter, a birth certificate number has nine digits 0–9, such as Q350012345."
            ))
        }
        return .success(characters[0].uppercased() + String(characters[1...]))
    }
}
