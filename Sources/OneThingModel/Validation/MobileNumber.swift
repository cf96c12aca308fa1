/// A mainland China mobile telephone number.
package enum MobileNumber: Sendable {
    /// Removes spaces and hyphens and an optional `+86`, `0086` or `86`
    /// country prefix (only when exactly 11 digits remain), then requires 11
    /// digits starting with 1 and a second digit 3–9. Returns the 11 digits.
    package static func normalise(_ raw: String) -> Result<String, ValueProblem> {
        var number = raw.filter { $0 != " " && $0 != "-" }
        for prefix in ["+86", "0086", "86"] where number.hasPrefix(prefix) && number.count == prefix.count + 11 {
            number.removeFirst(prefix.count)
            break
        }
        guard number.allSatisfy(\.isASCIIDigit) else {
            return .failure(ValueProblem(
                .mobileCharacters,
                "A mobile number may contain only digits, optionally preceded by +86; write it as 11 digits such as 139 1234 5678."
            ))
        }
        guard number.count == 11 else {
            return .failure(ValueProblem(
                .mobileLength,
                "A mainland China mobile number has exactly 11 digits, such as 139 1234 5678."
            ))
        }
        let digits = Array(number.utf8)
        guard digits[0] == UInt8(ascii: "1"), (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(digits[1]) else {
            return .failure(ValueProblem(
                .mobilePrefix,
                "A mainland China mobile number starts with 1 followed by a digit from 3 to 9, such as 139 1234 5678."
            ))
        }
        return .success(number)
    }
}
