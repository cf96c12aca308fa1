import OneThingModel
import Testing

/// A synthetic, checksum-valid identity number (never a real person's).
private func syntheticID(address: String = "350102", birth: String = "20150601", sequence: String = "123") -> String {
    let first17 = address + birth + sequence
    guard let check = ResidentIDNumber.checkCharacter(for: first17) else {
        Issue.record("test data must be 17 digits")
        return first17
    }
    return first17 + String(check)
}

/// A synthetic number whose check character is X (for the lower-case x test).
private func syntheticIDEndingInX() -> String? {
    for n in 0..<1000 {
        let sequence = String(1000 + n).dropFirst()
        let id = syntheticID(sequence: String(sequence))
        if id.hasSuffix("X") { return id }
    }
    return nil
}

private let today = CivilDate(year: 2025, month: 6, day: 1)!

private func problem(_ raw: String, today: CivilDate = today) -> ValueProblem? {
    if case .failure(let problem) = ResidentIDNumber.parse(raw, today: today) { return problem }
    return nil
}

@Suite struct ResidentIDNumberTests {
    @Test(arguments: [
        ("11010519491231002X", "110105", "1949-12-31", 2, Sex.female),
        ("440524188001010014", "440524", "1880-01-01", 1, Sex.male),
        ("34052419800101001X", "340524", "1980-01-01", 1, Sex.male),
    ])
    func publishedExamplesPass(raw: String, address: String, birth: String, sequence: Int, sex: Sex) throws {
        let id = try ResidentIDNumber.parse(raw, today: today).get()
        #expect(id.value == raw)
        #expect(id.addressCode == address)
        #expect(id.birthDate.description == birth)
        #expect(id.sequence == sequence)
        #expect(id.sex == sex)
    }

    @Test func syntheticNumberParsesIntoItsParts() throws {
        let raw = syntheticID(address: "350102", birth: "20150601", sequence: "123")
        let id = try ResidentIDNumber.parse(raw, today: today).get()
        #expect(id.value == raw)
        #expect(id.addressCode == "350102")
        #expect(id.birthDate == CivilDate(year: 2015, month: 6, day: 1))
        #expect(id.sequence == 123)
        #expect(id.sex == .male)
    }

    @Test(arguments: [("000", Sex.female), ("001", .male), ("122", .female), ("123", .male), ("998", .female), ("999", .male)])
    func sexFollowsParityOfSequence(sequence: String, sex: Sex) throws {
        let id = try ResidentIDNumber.parse(syntheticID(sequence: sequence), today: today).get()
        #expect(id.sex == sex)
    }

    @Test func lowerCaseXIsAcceptedAndUpperCased() throws {
        let upper = try #require(syntheticIDEndingInX())
        let lower = String(upper.dropLast()) + "x"
        let id = try ResidentIDNumber.parse(lower, today: today).get()
        #expect(id.value == upper)
        #expect(ResidentIDNumber.parse("11010519491231002x", today: today).map(\.value) == .success("11010519491231002X"))
    }

    @Test(arguments: 0..<18)
    func changingAnyOneCharacterIsRefused(position: Int) {
        var characters = Array(syntheticID())
        let old = characters[position]
        if position == 17 {
            characters[position] = old == "X" ? "0" : (old == "9" ? "X" : Character(String((old.wholeNumberValue ?? 0) + 1)))
        } else {
            characters[position] = Character(String(((old.wholeNumberValue ?? 0) + 1) % 10))
        }
        let changed = String(characters)
        #expect(problem(changed) != nil)
        // In the sequence code and the check character only the checksum can catch it.
        if position >= 14 {
            #expect(problem(changed)?.message.contains("check character") == true)
        }
    }

    @Test func checksumMismatchHasItsOwnMessage() throws {
        let valid = syntheticID()
        let last = try #require(valid.last)
        let wrong = String(valid.dropLast()) + (last == "0" ? "1" : "0")
        let message = try #require(problem(wrong)).message
        #expect(message == "The check character does not match the first 17 digits; re-read the number from the identity card.")
    }

    @Test(arguments: [
        ("20160229", true), ("20150229", false),
        ("20000229", true), ("19000229", false),
        ("21000229", false), ("20240229", true),
        ("20230431", false), ("20231301", false), ("20230001", false), ("20230100", false), ("20231232", false),
    ])
    func birthDateMustBeARealDate(birth: String, valid: Bool) {
        let result = problem(syntheticID(birth: birth), today: CivilDate(year: 2200, month: 1, day: 1)!)
        if valid {
            #expect(result == nil)
        } else {
            #expect(result?.message.contains("real birth date") == true)
        }
    }

    @Test func birthDateAfterTodayIsRefused() throws {
        #expect(problem(syntheticID(birth: "20250601")) == nil)  // born today
        let message = try #require(problem(syntheticID(birth: "20250602"))).message
        #expect(message.contains("in the future"))
        #expect(problem(syntheticID(birth: "20260101"))?.message.contains("in the future") == true)
    }

    @Test func birthDateBefore1800IsRefused() throws {
        #expect(problem(syntheticID(birth: "18000101")) == nil)
        let message = try #require(problem(syntheticID(birth: "17991231"))).message
        #expect(message.contains("1800"))
    }

    @Test func fifteenDigitOldNumberIsRefusedAsking18Digits() throws {
        let message = try #require(problem("350102150601123")).message
        #expect(message.contains("18-digit"))
    }

    @Test(arguments: ["", "3", "35010220150601123", "3501022015060112345", "35010220150601123XX", "35010215060112"])
    func wrongLengthIsRefused(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("exactly 18 characters"))
    }

    @Test(arguments: [
        "35010A20150601123X", "X50102201506011234", "3501022015060112X3",
        "350102 2015060112X", "３５0102201506011234", "350102-20150601123",
    ])
    func nonDigitCharactersAreRefused(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("digits"))
    }

    @Test(arguments: ["35010220150601123Y", "35010220150601123-", "35010220150601123Ｘ"])
    func lastCharacterMustBeDigitOrX(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("last character"))
    }

    @Test(arguments: [
        "000000", "010101", "050102", "100101", "160101", "200101", "240101", "300101", "380101",
        "400101", "470101", "490101", "550101", "600101", "660101", "700101", "720101", "800101",
        "840101", "900101", "920101", "990101",
    ])
    func invalidProvinceCodeIsRefused(address: String) throws {
        let message = try #require(problem(syntheticID(address: address))).message
        #expect(message.contains("province code"))
    }

    @Test(arguments: [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
                      50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91])
    func everyValidProvinceCodeIsAccepted(province: Int) {
        #expect(problem(syntheticID(address: "\(province)0102")) == nil)
    }

    @Test func everyRuleHasADistinctMessage() throws {
        let valid = syntheticID()
        let wrongCheck = String(valid.dropLast()) + (valid.last == "0" ? "1" : "0")
        let inputs = [
            "3501021506011230",  // wrong length
            "35010A20150601123X",  // non-digit
            syntheticID(address: "990101"),  // province
            syntheticID(birth: "20150231"),  // impossible date
            syntheticID(birth: "20300101"),  // future date
            syntheticID(birth: "17000101"),  // before 1800
            wrongCheck,  // check character
            "350102150601123",  // old 15-digit
        ]
        let messages = try inputs.map { try #require(problem($0)).message }
        #expect(Set(messages).count == inputs.count)
    }

    @Test func messagesNeverContainTheInput() {
        let valid = syntheticID(birth: "20150231")
        let inputs = [
            valid, "35010A20150601123X", syntheticID(address: "990101"), syntheticID(birth: "20300101"),
            "350102150601123", "35010220150601123", String(syntheticID().dropLast()) + "Y",
        ]
        for input in inputs {
            let message = problem(input)?.message ?? ""
            #expect(!message.isEmpty)
            #expect(!message.contains(input))
            #expect(!message.contains(String(input.prefix(6))))
            #expect(!message.contains(String(input.dropFirst(6).prefix(8))))
        }
    }

    @Test func fullWidthDigitsAreAcceptedAfterInputTextNormalisation() throws {
        let ascii = syntheticID()
        let fullWidth = String(ascii.unicodeScalars.map { scalar -> Character in
            guard let value = Unicode.Scalar(scalar.value + 0xFEE0) else { return "?" }
            return Character(value)
        })
        #expect(fullWidth != ascii)
        let normalised = try InputText.normalise("\u{3000}" + fullWidth + " ").get()
        #expect(try ResidentIDNumber.parse(normalised, today: today).get().value == ascii)
    }

    @Test func checkCharacterComputesGB11643() {
        #expect(ResidentIDNumber.checkCharacter(for: "11010519491231002") == "X")
        #expect(ResidentIDNumber.checkCharacter(for: "44052418800101001") == "4")
        #expect(ResidentIDNumber.checkCharacter(for: "34052419800101001") == "X")
    }

    @Test(arguments: ["", "1101051949123100", "110105194912310021", "1101051949123100A", "１1010519491231002"])
    func checkCharacterNeeds17AsciiDigits(first17: String) {
        #expect(ResidentIDNumber.checkCharacter(for: first17) == nil)
    }
}
