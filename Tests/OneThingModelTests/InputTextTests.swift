import OneThingModel
import Testing

@Suite struct InputTextTests {
    @Test(arguments: [
        ("１２３４５", "12345"),  // full-width digits
        ("ＡＢＣｘｙｚ", "ABCxyz"),  // full-width letters
        ("\u{3000}张三\u{3000}", "张三"),  // ideographic spaces trimmed
        ("  Li Lei \u{00A0}", "Li Lei"),  // ASCII and no-break spaces trimmed
        ("张\u{3000}三", "张 三"),  // inner ideographic space becomes a plain space
        ("\u{2003}x\u{2009}", "x"),  // em space and thin space
        ("ﬁ", "fi"),  // ligature
        ("e\u{0301}", "\u{00E9}"),  // composed
        ("－", "-"),  // full-width hyphen-minus
        ("", ""),
        ("   ", ""),
        ("\u{3000}\u{3000}", ""),
        ("plain", "plain"),
    ])
    func normalisesWithNFKCAndTrims(raw: String, expected: String) throws {
        #expect(try InputText.normalise(raw).get() == expected)
    }

    @Test(arguments: [
        "\u{0}", "\u{1}", "\t", "\n", "\r", "\r\n", "\u{B}", "\u{C}", "\u{1F}",  // C0
        "\u{1B}[31m", "\u{1B}]0;title\u{7}", "\u{1B}c",  // ESC sequences
        "\u{7F}",  // DEL
        "\u{80}", "\u{85}", "\u{9B}31m", "\u{9D}0;x\u{9C}", "\u{9F}",  // C1, including CSI/OSC
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",  // bidi embeddings and overrides
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",  // bidi isolates
        "\u{FEFF}",  // byte-order mark
        "\u{FFFD}",  // replacement character
        "\u{2028}", "\u{2029}",  // line and paragraph separators
    ])
    func refusesControlAndInvisibleCharacters(bad: String) throws {
        for raw in [bad, "abc" + bad + "def", "  " + bad, bad + "  "] {
            let problem = try #require(InputText.normalise(raw).failure)
            #expect(!problem.message.isEmpty)
            #expect(!problem.message.contains("abc"))
            #expect(!problem.message.contains(raw))
        }
    }

    @Test(arguments: ["\u{20}", "\u{A0}", "\u{A1}", "\u{2027}", "\u{202F}", "\u{2065}", "\u{206A}", "\u{FEFE}", "\u{FFFC}"])
    func acceptsTheNeighboursOfRefusedRanges(raw: String) {
        #expect(InputText.normalise("a" + raw + "b").failure == nil)
    }

    @Test func bidiOverrideMessageDoesNotEchoTheInput() throws {
        let raw = "3501022015\u{202E}0601123X"
        let problem = try #require(InputText.normalise(raw).failure)
        #expect(!problem.message.contains("3501022015"))
        #expect(problem.message.contains("text-direction"))
    }

    @Test func validUTF8DecodesWellFormedBytes() {
        #expect(InputText.validUTF8([]) == "")
        #expect(InputText.validUTF8(Array("张三 abc".utf8)) == "张三 abc")
        #expect(InputText.validUTF8([0xF0, 0x9F, 0x98, 0x80]) == "\u{1F600}")
        #expect(InputText.validUTF8([0xEF, 0xBF, 0xBD]) == "\u{FFFD}")  // a literal U+FFFD is valid UTF-8
    }

    @Test(arguments: [
        [0xFF] as [UInt8], [0xFE], [0x80], [0xBF],  // invalid bytes and lone continuation bytes
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80],  // overlong forms
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],  // UTF-16 surrogates
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],  // above U+10FFFF
        [0xE4, 0xB8], [0x61, 0xC3], [0xF0, 0x9F, 0x98],  // truncated sequences
        [0x61, 0x80, 0x62],  // stray continuation in the middle
    ])
    func validUTF8RefusesIllFormedBytes(bytes: [UInt8]) {
        #expect(InputText.validUTF8(bytes) == nil)
    }

    @Test func validUTF8AcceptsAnySequence() {
        let bytes: ArraySlice<UInt8> = Array("xyz".utf8)[1...]
        #expect(InputText.validUTF8(bytes) == "yz")
        #expect(InputText.validUTF8("abc".utf8) == "abc")
    }
}

extension Result {
    /// The failure, or nil on success (test helper).
    fileprivate var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
