import OneThingModel
import Testing

private func problem(_ raw: String, minLength: Int = 2, maxLength: Int = 30) -> ValueProblem? {
    if case .failure(let problem) = PersonName.normalise(raw, minLength: minLength, maxLength: maxLength) {
        return problem
    }
    return nil
}

@Suite struct PersonNameTests {
    @Test(arguments: [
        ("张三", "张三"), ("欧阳娜娜", "欧阳娜娜"), ("买买提·艾力", "买买提·艾力"),
        ("\u{3000}李四\u{3000}", "李四"),  // trimmed by InputText
        ("㐀㐁", "㐀㐁"),  // extension A, U+3400
        ("\u{20000}\u{20001}", "\u{20000}\u{20001}"),  // extension B, outside the BMP
        ("\u{30000}\u{3134A}", "\u{30000}\u{3134A}"),  // extension G, top of the range
        ("王\u{FA10}", "王\u{FA10}"),  // compatibility ideograph left unchanged by NFKC
        ("李\u{F900}", "李\u{8C48}"),  // compatibility ideograph that NFKC maps to a unified one
        ("阿卜杜·热合曼·艾买提", "阿卜杜·热合曼·艾买提"),
    ])
    func chineseNamesAreAccepted(raw: String, expected: String) throws {
        #expect(try PersonName.normalise(raw).get() == expected)
    }

    @Test(arguments: ["\u{00B7}", "\u{30FB}", "\u{2022}", "\u{2027}", "\u{FF65}", "\u{2219}"])
    func middleDotVariantsBecomeU00B7(dot: String) throws {
        #expect(try PersonName.normalise("买买提" + dot + "艾力").get() == "买买提\u{00B7}艾力")
    }

    @Test(arguments: ["·张三", "张三·", "张··三", "张・•三", "·", "··", "张三\u{30FB}"])
    func misplacedDotsAreRefused(raw: String) throws {
        let message = try #require(problem(raw)).message
        // A name made only of dots is refused as having no letters; its
        // message mentions the dot itself, so it is not checked for echoes.
        if raw.contains(where: { $0 != "·" && $0 != "\u{30FB}" && $0 != "•" }) {
            #expect(message.contains("middle dot"))
            #expect(!message.contains(raw))
        }
    }

    @Test(arguments: ["张三1", "张三１", "张3三", "John2", "李四①", "王\u{0663}"])
    func digitsAreRefused(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("digits"))
        #expect(!message.contains(raw))
    }

    @Test(arguments: ["张John", "John张", "张三 Smith", "李a", "Wang·伟"])
    func mixedScriptsAreRefused(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("not a mixture"))
        #expect(!message.contains(raw))
    }

    @Test(arguments: ["张 三", "张-三", "张'三", "欧阳 娜娜"])
    func chineseNamesHaveNoLatinSeparators(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("Chinese name"))
    }

    @Test(arguments: [
        ("John Smith", "John Smith"), ("Mary-Jane O'Brien", "Mary-Jane O'Brien"), ("José Álvarez", "José Álvarez"),
        ("Zoë", "Zoë"), ("Łukasz Żółć", "Łukasz Żółć"), ("Søren Kierkegaard", "Søren Kierkegaard"),
        ("John    Smith", "John Smith"), ("Jean \u{3000} Paul", "Jean Paul"), ("O’Brien", "O'Brien"),
        ("Ｊｏｈｎ", "John"), ("Jose\u{0301}", "José"), ("ÿß", "ÿß"), ("Al", "Al"),
    ])
    func latinNamesAreAccepted(raw: String, expected: String) throws {
        #expect(try PersonName.normalise(raw).get() == expected)
    }

    @Test(arguments: ["-John", "John-", "'John", "John'", "John--Smith", "John -Smith", "John- Smith", "John ' Smith", "O''Brien"])
    func latinSeparatorsMustSitBetweenLetters(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("start and end with a letter"))
        #expect(!message.contains(raw))
    }

    @Test(arguments: ["Иван", "Ali Ə", "Ελένη", "John.Smith", "John_Smith", "山田さん", "김철수", "John😀", "Li\u{200B}Lei", "王\u{FE00}"])
    func otherCharactersAreRefused(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("may contain only"))
        #expect(!message.contains(raw))
    }

    @Test func dotInLatinNameIsRefused() throws {
        let message = try #require(problem("John·Smith")).message
        #expect(message.contains("not by a middle dot"))
    }

    @Test(arguments: ["John\tSmith", "张\n三", "\u{1B}[31m张三", "\u{202E}张三", "张三\u{85}"])
    func controlCharactersAreRefusedByInputText(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(!message.contains("张三"))
        #expect(!message.contains("Smith"))
    }

    @Test func lengthBoundsAreInCharactersAndStatedInTheMessage() throws {
        #expect(problem("张三") == nil)
        let short = try #require(problem("张")).message
        #expect(short == "A name must be between 2 and 30 characters long.")
        #expect(problem(String(repeating: "张", count: 30)) == nil)
        #expect(problem(String(repeating: "张", count: 31))?.message == short)
        #expect(problem(String(repeating: "a", count: 31)) != nil)
        // Characters outside the BMP count once each.
        #expect(problem(String(repeating: "\u{20000}", count: 30)) == nil)
        // The dot counts as a character.
        #expect(problem("张·三", minLength: 3, maxLength: 3) == nil)
        // Collapsed spaces are counted after collapsing.
        #expect(problem("Ab    Cd", minLength: 5, maxLength: 5) == nil)

        let custom = try #require(problem("张三", minLength: 3, maxLength: 4)).message
        #expect(custom == "A name must be between 3 and 4 characters long.")
        #expect(problem("张三丰", minLength: 3, maxLength: 4) == nil)
        #expect(problem("张三丰丰丰", minLength: 3, maxLength: 4) != nil)
    }

    @Test(arguments: ["", "   ", "\u{3000}"])
    func emptyNameIsRefused(raw: String) throws {
        let message = try #require(problem(raw)).message
        #expect(message.contains("between 2 and 30"))
    }

    @Test func messagesNeverContainTheInput() {
        for raw in ["张三1", "·张三", "张John", "Иван", "-John", "John·Smith", "张", "张 三"] {
            let message = problem(raw)?.message ?? ""
            #expect(!message.isEmpty)
            #expect(!message.contains(raw))
            #expect(!message.contains("张"))
            #expect(!message.contains("John"))
        }
    }
}
