import OneThingModel
import Testing

/// Appends the Luhn check digit (independent of the code under test).
private func withLuhnDigit(_ payload: String) -> String {
    var sum = 0
    for (index, character) in payload.reversed().enumerated() {
        var digit = character.wholeNumberValue ?? 0
        if index % 2 == 0 {
            digit *= 2
            if digit > 9 { digit -= 9 }
        }
        sum += digit
    }
    return payload + String((10 - sum % 10) % 10)
}

private func problem(_ raw: String) -> ValueProblem? {
    if case .failure(let problem) = BankCardNumber.normalise(raw) { return problem }
    return nil
}

@Suite struct BankCardNumberTests {
    @Test(arguments: [
        ("4111111111111111", true), ("4111111111111112", false), ("79927398713", true), ("79927398710", false),
        ("5555555555554444", true), ("378282246310005", true), ("6011111111111117", true),
        ("6200000000000005", true), ("6200000000000006", false), ("0", true), ("00", true), ("18", true), ("81", false),
        ("", false), ("4111 1111 1111 1111", false), ("12a", false), ("４１１１１１１１１１１１１１１１", false),
    ])
    func luhnCheck(digits: String, valid: Bool) {
        #expect(BankCardNumber.luhnValid(digits) == valid)
    }

    @Test(arguments: [12, 13, 15, 16, 17, 18, 19])
    func everyAllowedLengthIsAccepted(length: Int) throws {
        let number = withLuhnDigit("6" + String(repeating: "2", count: length - 2))
        #expect(number.count == length)
        #expect(try BankCardNumber.normalise(number).get() == number)
    }

    @Test(arguments: [1, 11, 20, 23])
    func otherLengthsAreRefused(length: Int) throws {
        let number = withLuhnDigit(String(repeating: "6", count: length - 1))
        let message = try #require(problem(number)).message
        #expect(message.contains("between 12 and 19 digits"))
        #expect(!message.contains(number))
    }

    @Test(arguments: ["6222 0212 3456 7890 128", "6222-0212-3456-7890-128", " 6222 0212-3456 7890 128 "])
    func spacesAndHyphensAreRemoved(raw: String) throws {
        let digits = withLuhnDigit("622202123456789012")
        #expect(digits == "6222021234567890128")
        #expect(try BankCardNumber.normalise(raw).get() == digits)
    }

    @Test func changingAnyOneDigitFailsTheCheck() throws {
        let valid = withLuhnDigit("622202123456789012")
        for position in 0..<valid.count {
            var characters = Array(valid)
            characters[position] = Character(String(((characters[position].wholeNumberValue ?? 0) + 1) % 10))
            let changed = String(characters)
            let message = try #require(problem(changed)).message
            #expect(message.contains("check digit"))
            #expect(!message.contains(changed))
        }
    }

    @Test(arguments: ["6222.0212.3456.7890", "6222O21234567890128", "６２２２０２１２３４５６７８９０１２８", "+6222021234567890128", ""])
    func nonDigitsAreRefused(raw: String) throws {
        let message = try #require(problem(raw)).message
        if raw.isEmpty {
            #expect(message.contains("between 12 and 19"))
        } else {
            #expect(message.contains("only digits"))
            #expect(!message.contains(raw))
        }
    }
}
