import OneThingModel
import Testing

private func problem(_ raw: String) -> ValueProblem? {
    if case .failure(let problem) = MobileNumber.normalise(raw) { return problem }
    return nil
}

@Suite struct MobileNumberTests {
    @Test(arguments: [
        "13912345678", "139 1234 5678", "139-1234-5678", " 139  1234-5678 ", "+8613912345678",
        "+86 139 1234 5678", "+86-139-1234-5678", "008613912345678", "0086 139 1234 5678", "8613912345678",
        "86 139 1234 5678",
    ])
    func acceptedFormsGiveTheElevenDigits(raw: String) throws {
        #expect(try MobileNumber.normalise(raw).get() == "13912345678")
    }

    @Test(arguments: 3...9)
    func secondDigitThreeToNineIsAccepted(second: Int) throws {
        let number = "1\(second)012345678"
        #expect(try MobileNumber.normalise(number).get() == number)
    }

    @Test(arguments: ["10012345678", "11012345678", "12012345678", "23912345678", "03912345678", "8623912345678"])
    func wrongLeadingDigitsAreRefused(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("starts with 1"))
        #expect(!message.contains(raw))
    }

    @Test(arguments: [
        "", "1391234567", "139123456789", "861391234567", "86861391234567", "00861391234567", "0013912345678",
        "008613912345678 9",
    ])
    func wrongLengthIsRefused(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("exactly 11 digits"))
        #expect(raw.isEmpty || !message.contains(raw))
    }

    @Test(arguments: [
        "139a2345678", "+8713912345678", "+86 139 1234 567", "(139)12345678", "139.1234.5678",
        "139_1234_5678", "+1 139 1234 5678", "１３９１２３４５６７８", "13912345678+86", "139+8612345678",
    ])
    func otherCharactersAreRefused(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("only digits"))
        #expect(!message.contains(raw))
    }

    @Test func prefixIsOnlyStrippedWhenElevenDigitsRemain() {
        // 86 followed by 11 digits is a prefix; an 11-digit number starting 86 is not.
        #expect(MobileNumber.normalise("8613912345678") == .success("13912345678"))
        #expect(problem("86139123456") != nil)
    }

    @Test func fullWidthDigitsPassAfterInputText() throws {
        let normalised = try InputText.normalise("＋８６\u{3000}１３９１２３４５６７８").get()
        #expect(try MobileNumber.normalise(normalised).get() == "13912345678")
    }
}
