import Testing
import OneThingTerminal

/// One row of the decoding table: what the terminal sends, and the keys it means.
struct KeyCase: Sendable, CustomTestStringConvertible {
    let bytes: [UInt8]
    let keys: [Key]
    let name: String

    init(_ name: String, _ bytes: [UInt8], _ keys: [Key]) {
        self.name = name
        self.bytes = bytes
        self.keys = keys
    }

    init(_ name: String, _ text: String, _ keys: [Key]) {
        self.init(name, Array(text.utf8), keys)
    }

    var testDescription: String { name }
}

@Suite("KeyDecoder")
struct KeyDecoderTests {
    static let table: [KeyCase] = [
        // Arrows: CSI (normal cursor mode), SS3 (application mode), modified, rxvt
        KeyCase("CSI up", "\u{1B}[A", [.up]),
        KeyCase("CSI down", "\u{1B}[B", [.down]),
        KeyCase("CSI right", "\u{1B}[C", [.right]),
        KeyCase("CSI left", "\u{1B}[D", [.left]),
        KeyCase("SS3 up", "\u{1B}OA", [.up]),
        KeyCase("SS3 down", "\u{1B}OB", [.down]),
        KeyCase("SS3 right", "\u{1B}OC", [.right]),
        KeyCase("SS3 left", "\u{1B}OD", [.left]),
        KeyCase("xterm Ctrl-Up", "\u{1B}[1;5A", [.up]),
        KeyCase("rxvt Shift-Up", "\u{1B}[a", [.up]),
        KeyCase("rxvt Ctrl-Left", "\u{1B}Od", [.left]),
        // Home / End in every variant
        KeyCase("vt220 Home", "\u{1B}[1~", [.home]),
        KeyCase("vt220 End", "\u{1B}[4~", [.end]),
        KeyCase("xterm Home", "\u{1B}[H", [.home]),
        KeyCase("xterm End", "\u{1B}[F", [.end]),
        KeyCase("rxvt Home", "\u{1B}[7~", [.home]),
        KeyCase("rxvt End", "\u{1B}[8~", [.end]),
        KeyCase("SS3 Home", "\u{1B}OH", [.home]),
        KeyCase("SS3 End", "\u{1B}OF", [.end]),
        KeyCase("rxvt Shift-Home", "\u{1B}[7$", [.home]),
        // Editing and paging
        KeyCase("Delete", "\u{1B}[3~", [.delete]),
        KeyCase("rxvt Ctrl-Delete", "\u{1B}[3^", [.delete]),
        KeyCase("Page Up", "\u{1B}[5~", [.pageUp]),
        KeyCase("Page Down", "\u{1B}[6~", [.pageDown]),
        KeyCase("Insert is not mapped", "\u{1B}[2~", [.unknown]),
        KeyCase("Shift-Tab", "\u{1B}[Z", [.backTab]),
        // Function keys
        KeyCase("SS3 F1", "\u{1B}OP", [.function(1)]),
        KeyCase("SS3 F2", "\u{1B}OQ", [.function(2)]),
        KeyCase("SS3 F3", "\u{1B}OR", [.function(3)]),
        KeyCase("SS3 F4", "\u{1B}OS", [.function(4)]),
        KeyCase("vt220 F1", "\u{1B}[11~", [.function(1)]),
        KeyCase("vt220 F2", "\u{1B}[12~", [.function(2)]),
        KeyCase("vt220 F3", "\u{1B}[13~", [.function(3)]),
        KeyCase("vt220 F4", "\u{1B}[14~", [.function(4)]),
        KeyCase("F5", "\u{1B}[15~", [.function(5)]),
        KeyCase("F6", "\u{1B}[17~", [.function(6)]),
        KeyCase("F7", "\u{1B}[18~", [.function(7)]),
        KeyCase("F8", "\u{1B}[19~", [.function(8)]),
        KeyCase("F9", "\u{1B}[20~", [.function(9)]),
        KeyCase("F10", "\u{1B}[21~", [.function(10)]),
        KeyCase("F11", "\u{1B}[23~", [.function(11)]),
        KeyCase("F12", "\u{1B}[24~", [.function(12)]),
        KeyCase("xterm Shift-F1", "\u{1B}[1;2P", [.function(1)]),
        KeyCase("Linux console F1", "\u{1B}[[A", [.function(1)]),
        KeyCase("Linux console F5", "\u{1B}[[E", [.function(5)]),
        // Control bytes
        KeyCase("Ctrl-C", [3], [.control("c")]),
        KeyCase("Ctrl-A", [1], [.control("a")]),
        KeyCase("Ctrl-S (no flow control)", [0x13], [.control("s")]),
        KeyCase("Ctrl-Z", [0x1A], [.control("z")]),
        KeyCase("Ctrl-I is Tab", [9], [.tab]),
        KeyCase("Ctrl-M is Enter", [13], [.enter]),
        KeyCase("Ctrl-H is Backspace", [8], [.backspace]),
        KeyCase("DEL is Backspace", [0x7F], [.backspace]),
        KeyCase("LF is Enter", [10], [.enter]),
        KeyCase("CR LF is one Enter", [13, 10], [.enter]),
        KeyCase("two Enters", [13, 13], [.enter, .enter]),
        KeyCase("NUL", [0], [.unknown]),
        // Text
        KeyCase("ASCII", "ab 1", [.character("a"), .character("b"), .character(" "), .character("1")]),
        KeyCase("Chinese from an input method", "陈小测", [.character("陈"), .character("小"), .character("测")]),
        KeyCase("combining mark joins its letter", "e\u{301}!", [.character("e\u{301}"), .character("!")]),
        KeyCase("fullwidth punctuation", "，。", [.character("，"), .character("。")]),
        KeyCase("Alt-x is Escape then x", "\u{1B}x", [.escape, .character("x")]),
        KeyCase("Escape pressed twice then Up", "\u{1B}\u{1B}[A", [.escape, .up]),
        KeyCase("text around a sequence", "a\u{1B}[Db", [.character("a"), .left, .character("b")]),
        KeyCase("invalid UTF-8 is dropped", [0x61, 0xFF, 0xC0, 0x80, 0x62], [.character("a"), .character("b")]),
        KeyCase("a C1 control in UTF-8 is not text", [0xC2, 0x9B], [.unknown]),
        KeyCase("a bidi override is not text", "\u{202E}", [.unknown]),
        KeyCase("mouse report", "\u{1B}[<0;10;5M", [.unknown]),
        KeyCase("stray paste end", "\u{1B}[201~a", [.character("a")]),
        // Bracketed paste
        KeyCase("paste", "\u{1B}[200~陈小测 13800138000\u{1B}[201~", [.paste("陈小测 13800138000")]),
        KeyCase("paste with an escape sequence inside", "\u{1B}[200~a\u{1B}[2Jb\u{1B}]0;x\u{7}\u{1B}[201~",
                [.paste("a\u{FFFD}[2Jb\u{FFFD}]0;x\u{FFFD}")]),
        KeyCase("paste with a newline", "\u{1B}[200~a\r\nb\u{1B}[201~\r", [.paste("a\u{FFFD}\u{FFFD}b"), .enter]),
        KeyCase("keys after a paste", "\u{1B}[200~x\u{1B}[201~\u{1B}[A", [.paste("x"), .up]),
        KeyCase("empty paste", "\u{1B}[200~\u{1B}[201~", []),
    ]

    @Test("byte sequences decode to keys", arguments: table)
    func decodes(_ row: KeyCase) {
        var decoder = KeyDecoder()
        let keys = decoder.feed(row.bytes)
        #expect(keys == row.keys)
        #expect(!decoder.hasPendingInput)
        #expect(decoder.flush() == [])
    }

    @Test("every table row also decodes when fed one byte at a time", arguments: table)
    func decodesBytewise(_ row: KeyCase) {
        var decoder = KeyDecoder()
        var keys: [Key] = []
        for byte in row.bytes {
            keys += decoder.feed([byte])
        }
        if row.bytes.last == 0x1B { keys += decoder.flush() }
        // A combining mark read on its own is a key of its own; the text is the same.
        #expect(Self.joiningText(keys) == Self.joiningText(row.keys))
    }

    /// The keys with each run of characters as one string, e.g. ["ab", "up", "c"].
    static func joiningText(_ keys: [Key]) -> [String] {
        var result: [String] = []
        var text: String?
        for key in keys {
            if case .character(let character) = key {
                text = (text ?? "") + String(character)
                continue
            }
            if let run = text { result.append("text:" + run) }
            text = nil
            result.append(String(describing: key))
        }
        if let run = text { result.append("text:" + run) }
        return result
    }

    @Test("a Chinese character split across two reads")
    func splitUTF8() {
        var decoder = KeyDecoder()
        let bytes = Array("陈小".utf8)  // E9 99 88 E5 B0 8F
        #expect(decoder.feed(Array(bytes[0..<2])) == [])
        #expect(decoder.hasPendingInput)
        #expect(decoder.feed(Array(bytes[2..<4])) == [.character("陈")])
        #expect(decoder.feed(Array(bytes[4...])) == [.character("小")])
        #expect(!decoder.hasPendingInput)
    }

    @Test("a CSI sequence split across reads")
    func splitCSI() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.feed(Array("[".utf8)) == [])
        #expect(decoder.feed(Array("1".utf8)) == [])
        #expect(decoder.feed(Array("5~x".utf8)) == [.function(5), .character("x")])
        #expect(decoder.feed(Array("\u{1B}O".utf8)) == [])
        #expect(decoder.feed(Array("P".utf8)) == [.function(1)])
    }

    @Test("a lone ESC waits, and flush makes it the Escape key")
    func loneEscape() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.hasPendingInput)
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.hasPendingInput)
        #expect(decoder.feed(Array("[A".utf8)) == [.character("["), .character("A")])
    }

    @Test("flush drops an incomplete sequence or character")
    func flushDropsInvalid() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B, UInt8(ascii: "["), UInt8(ascii: "1")]) == [])
        #expect(decoder.flush() == [])
        #expect(decoder.feed([0xE9, 0x99]) == [])
        #expect(decoder.flush() == [])
        #expect(decoder.feed(Array("a".utf8)) == [.character("a")])
    }

    @Test("a paste split across reads, with the end marker and a character split too")
    func splitPaste() {
        var decoder = KeyDecoder()
        let start = Array("\u{1B}[200~张".utf8)
        #expect(decoder.feed(Array(start.dropLast())) == [])
        #expect(decoder.feed([start[start.count - 1]] + Array("三\u{1B}[2".utf8)) == [])
        #expect(decoder.hasPendingInput)
        #expect(decoder.feed(Array("01~".utf8)) == [.paste("张三")])
        #expect(!decoder.hasPendingInput)
    }

    @Test("something that only looks like the end marker stays inside the paste")
    func almostEndMarker() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(Array("\u{1B}[200~a\u{1B}[20".utf8)) == [])
        #expect(decoder.feed(Array("0~b\u{1B}[201~".utf8)) == [.paste("a\u{FFFD}[200~b")])
    }

    @Test("flush during a long paste hands on what arrived and keeps waiting for the end")
    func flushDuringPaste() {
        var decoder = KeyDecoder()
        let bytes = Array("\u{1B}[200~王五".utf8)
        #expect(decoder.feed(Array(bytes.dropLast())) == [])
        #expect(decoder.flush() == [.paste("王")])  // the half-arrived 五 waits
        #expect(decoder.hasPendingInput)
        #expect(decoder.feed([bytes[bytes.count - 1]] + Array("六\u{1B}[201~".utf8)) == [.paste("五六")])
        #expect(!decoder.hasPendingInput)
    }

    @Test("a very long paste comes out in parts that add up to all of it")
    func longPaste() {
        var decoder = KeyDecoder()
        let content = String(repeating: "陈小测abc", count: 20_000)
        var keys = decoder.feed(Array("\u{1B}[200~".utf8))
        let bytes = Array(content.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + 4093)
            keys += decoder.feed(Array(bytes[offset..<end]))
            offset = end
        }
        keys += decoder.feed(Array("\u{1B}[201~".utf8))
        var pasted = ""
        for key in keys {
            guard case .paste(let part) = key else {
                Issue.record("unexpected key \(key)")
                continue
            }
            pasted += part
        }
        #expect(keys.count > 1)
        #expect(pasted == content)
    }

    @Test("an overlong unfinished sequence is dropped instead of waited for")
    func overlongSequence() {
        var decoder = KeyDecoder()
        let keys = decoder.feed([0x1B, UInt8(ascii: "[")] + Array(repeating: UInt8(ascii: "1"), count: 40))
        #expect(keys.first == .unknown)
        #expect(!decoder.hasPendingInput)
    }
}
