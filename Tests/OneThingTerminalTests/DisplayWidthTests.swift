import Testing
@testable import OneThingTerminal

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test("columns of ASCII, CJK, mixed, combining marks and emoji", arguments: [
        ("", 0),
        ("abc", 3),
        ("Chen Xiaoce 2024-05-01", 22),
        ("陈小测", 6),
        ("陈a小b测c", 9),
        ("林 ABC，", 8),  // fullwidth comma is wide
        ("한국", 4),
        ("e\u{301}", 1),  // e + combining acute: one grapheme, one column
        ("Rene\u{301}e", 5),
        ("\u{301}", 0),  // a combining mark alone
        ("👍", 2),
        ("👍🏽", 2),  // with a skin tone modifier: still one grapheme
        ("ok👍", 4),
    ])
    func widths(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
    }

    @Test("control characters count as one column each (they are shown as U+FFFD)")
    func controls() {
        #expect(DisplayWidth.of("\u{1B}[2J") == 4)
        #expect(DisplayWidth.of("a\tb") == 3)
    }

    @Test("truncate never splits a wide character or a grapheme", arguments: [
        ("陈小测", 5, "陈小"),
        ("陈小测", 6, "陈小测"),
        ("陈小测", 7, "陈小测"),
        ("陈小测", 1, ""),
        ("陈小测", 0, ""),
        ("陈小测", -3, ""),
        ("a陈b", 2, "a"),
        ("a陈b", 3, "a陈"),
        ("e\u{301}xyz", 1, "e\u{301}"),
        ("👍🏽ok", 3, "👍🏽o"),
    ])
    func truncate(text: String, columns: Int, expected: String) {
        let truncated = DisplayWidth.truncate(text, toColumns: columns)
        #expect(truncated == expected)
        #expect(truncated.unicodeScalars.elementsEqual(expected.unicodeScalars))
        #expect(DisplayWidth.of(truncated) <= max(0, columns))
    }

    @Test("sanitise replaces what could act on the terminal with U+FFFD", arguments: [
        ("\u{1B}", "\u{FFFD}"),
        ("\u{1B}[2J", "\u{FFFD}[2J"),
        ("陈\r小", "陈\u{FFFD}小"),
        ("a\nb\tc", "a\u{FFFD}b\u{FFFD}c"),
        ("\u{7F}\u{9B}31m", "\u{FFFD}\u{FFFD}31m"),  // DEL, C1 CSI
        ("\u{202E}fdp.exe", "\u{FFFD}fdp.exe"),  // right-to-left override
        ("\u{202A}x\u{202C}", "\u{FFFD}x\u{FFFD}"),
        ("\u{2066}y\u{2069}", "\u{FFFD}y\u{FFFD}"),
        ("\u{200F}z\u{200E}", "\u{FFFD}z\u{FFFD}"),
        ("a\u{2028}b", "a\u{FFFD}b"),
    ])
    func sanitise(text: String, expected: String) {
        #expect(DisplayWidth.sanitise(text).unicodeScalars.elementsEqual(expected.unicodeScalars))
    }

    @Test("sanitise keeps ordinary text, CJK, combining marks and emoji sequences as they are", arguments: [
        "陈小测", "Zhang San", "e\u{301}", "👨‍👩‍👧", "林，测试。", "",
    ])
    func sanitiseKeeps(text: String) {
        #expect(DisplayWidth.sanitise(text).unicodeScalars.elementsEqual(text.unicodeScalars))
    }

    @Test("the built-in table used without a UTF-8 locale", arguments: [
        (Unicode.Scalar(0x9648), 2),  // 陈
        (Unicode.Scalar(0x41), 1),
        (Unicode.Scalar(0x301), 0),  // combining acute
        (Unicode.Scalar(0x20DD), 0),  // enclosing circle
        (Unicode.Scalar(0x1100), 2),  // Hangul initial
        (Unicode.Scalar(0xAC00), 2),  // Hangul syllable
        (Unicode.Scalar(0xFF0C), 2),  // fullwidth comma
        (Unicode.Scalar(0xFFE5), 2),  // fullwidth yen
        (Unicode.Scalar(0x20000), 2),  // CJK extension B
        (Unicode.Scalar(0xFF61), 1),  // halfwidth ideographic full stop
        (Unicode.Scalar(0x00E9), 1),
    ] as [(Unicode.Scalar?, Int)])
    func fallback(scalar: Unicode.Scalar?, expected: Int) throws {
        let scalar = try #require(scalar)
        #expect(DisplayWidth.fallbackWidth(of: scalar) == expected)
    }
}
