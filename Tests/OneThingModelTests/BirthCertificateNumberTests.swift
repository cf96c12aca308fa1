import OneThingModel
import Testing

private func problem(_ raw: String) -> ValueProblem? {
    if case .failure(let problem) = BirthCertificateNumber.normalise(raw) { return problem }
    return nil
}

@Suite struct BirthCertificateNumberTests {
    @Test(arguments: [("Q350012345", "Q350012345"), ("q350012345", "Q350012345"), ("A000000000", "A000000000"), ("z999999999", "Z999999999")])
    func oneLetterThenNineDigits(raw: String, expected: String) throws {
        #expect(try BirthCertificateNumber.normalise(raw).get() == expected)
    }

    // Test values differ from the example in the messages, so that "the
    // message does not echo the input" is a meaningful check.
    @Test(arguments: ["", "B", "B20240001", "B2024000123", "B 202400012", "202400012"])
    func wrongLengthIsRefused(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("exactly 10 characters"))
        #expect(raw.isEmpty || !message.contains(raw))
    }

    @Test(arguments: ["1202400012", "É202400012", "-202400012", "Ｂ202400012", "中202400012"])
    func firstCharacterMustBeAnAsciiLetter(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("starts with one letter"))
        #expect(!message.contains(raw))
    }

    @Test(arguments: ["BB02400012", "B20240001X", "B20240 012", "B２02400012", "B20-400012"])
    func restMustBeNineAsciiDigits(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("nine digits"))
        #expect(!message.contains(raw))
    }

    @Test func fullWidthInputPassesAfterInputText() throws {
        let normalised = try InputText.normalise(" Ｑ３５００１２３４５ ").get()
        #expect(try BirthCertificateNumber.normalise(normalised).get() == "Q350012345")
    }

    @Test func eachRuleHasItsOwnMessage() throws {
        let messages = try ["B20240001", "1202400012", "B20240001X"].map { try #require(problem($0)).message }
        #expect(Set(messages).count == 3)
    }
}
