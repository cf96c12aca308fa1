import Testing
@testable import OneThingTerminal

@Suite("FrameDiff")
struct FrameDiffTests {
    static let reset = Array("\u{1B}[0m".utf8)

    static func form() -> Buffer {
        var frame = Buffer(width: 80, height: 24)
        frame.put("一件事 · 出生登记", x: 2, y: 0, style: Style(bold: true))
        frame.put("母亲姓名", x: 2, y: 2)
        frame.put("陈小测", x: 12, y: 2, style: Style(underline: true))
        frame.put("身份证号", x: 2, y: 3)
        frame.put("350102199001011234", x: 12, y: 3, style: Style(underline: true))
        frame.put("F4 查询  Esc 取消", x: 0, y: 23, style: Style(foreground: .black, background: .cyan))
        return frame
    }

    /// A memory terminal showing `frame` after a full redraw.
    static func showing(_ frame: Buffer) -> MemoryTerminal {
        let terminal = MemoryTerminal(width: frame.width, height: frame.height)
        terminal.write(FrameDiff.bytes(from: nil, to: frame))
        return terminal
    }

    @Test("a full redraw clears and draws everything")
    func fullRedraw() {
        let frame = Self.form()
        let terminal = MemoryTerminal(width: 80, height: 24)
        terminal.write(Array("garbage \u{1B}[31m left by someone".utf8))
        let bytes = FrameDiff.bytes(from: nil, to: frame)
        #expect(bytes.starts(with: Self.reset + Array("\u{1B}[H\u{1B}[2J".utf8)))
        #expect(Array(bytes.suffix(4)) == Self.reset)
        terminal.write(bytes)
        #expect(terminal.screen == frame)
    }

    @Test("identical frames produce nothing")
    func identical() {
        let frame = Self.form()
        let bytes = FrameDiff.bytes(from: frame, to: frame)
        #expect(bytes.isEmpty || bytes == Self.reset)
        #expect(FrameDiff.bytes(from: Buffer(width: 80, height: 24), to: Buffer(width: 80, height: 24)).isEmpty)
    }

    @Test("changing one cell writes a few bytes that turn the old screen into the new one")
    func oneCell() {
        let previous = Self.form()
        var next = previous
        next.put("9", x: 29, y: 3, style: Style(underline: true))
        let bytes = FrameDiff.bytes(from: previous, to: next)
        #expect(bytes.count < 20)
        #expect(bytes.count > 0)
        let terminal = Self.showing(previous)
        terminal.write(bytes)
        #expect(terminal.screen == next)
    }

    @Test("changing one wide character writes it once, and a few bytes only")
    func oneWideCharacter() {
        let previous = Self.form()
        var next = previous
        next.put("晓", x: 14, y: 2, style: Style(underline: true))
        let bytes = FrameDiff.bytes(from: previous, to: next)
        #expect(bytes.count < 20)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.filter { $0 == "晓" }.count == 1)
        #expect(!text.contains("陈"))
        let terminal = Self.showing(previous)
        terminal.write(bytes)
        #expect(terminal.screen == next)
    }

    @Test("a run of wide characters needs one cursor move and one SGR")
    func wideRun() {
        var next = Buffer(width: 20, height: 2)
        let style = Style(foreground: .red, bold: true)
        next.put("陈小测欧阳", x: 3, y: 1, style: style)
        let bytes = FrameDiff.bytes(from: Buffer(width: 20, height: 2), to: next)
        let expected = Array("\u{1B}[2;4H\u{1B}[1;31m陈小测欧阳\u{1B}[0m".utf8)
        #expect(bytes == expected)
    }

    @Test("SGR is written only when the style changes, as the shorter of a change or a reset")
    func styleChanges() {
        var next = Buffer(width: 10, height: 1)
        next.put("ab", x: 0, y: 0, style: Style(bold: true))
        next.put("cd", x: 2, y: 0, style: Style(dim: true))
        next.put("ef", x: 4, y: 0, style: Style(dim: true))
        next.put("gh", x: 6, y: 0)
        let text = String(decoding: FrameDiff.bytes(from: Buffer(width: 10, height: 1), to: next), as: UTF8.self)
        #expect(text == "\u{1B}[1;1H\u{1B}[1mab\u{1B}[0;2mcdef\u{1B}[0mgh\u{1B}[0m")
        #expect(SGR.transition(from: Style(foreground: .red, background: .blue, bold: true, underline: true), to: Style(foreground: .green))
            == Array("\u{1B}[0;32m".utf8))
        #expect(SGR.transition(from: Style(underline: true), to: Style(reverse: true))
            == Array("\u{1B}[0;7m".utf8))
        #expect(SGR.transition(from: Style(foreground: .red, background: .blue, bold: true), to: Style(foreground: .red, background: .blue, bold: true, underline: true))
            == Array("\u{1B}[4m".utf8))
        #expect(SGR.transition(from: Style(bold: true, underline: true, dim: true), to: Style(underline: true, dim: true))
            == Array("\u{1B}[22;2m".utf8))
    }

    @Test("unchanged cells are skipped with a cursor move")
    func skipsUnchanged() {
        var previous = Buffer(width: 20, height: 1)
        previous.put("abcdefghij", x: 0, y: 0)
        var next = previous
        next.put("X", x: 1, y: 0)
        next.put("Y", x: 8, y: 0)
        let text = String(decoding: FrameDiff.bytes(from: previous, to: next), as: UTF8.self)
        #expect(text == "\u{1B}[1;2HX\u{1B}[1;9HY\u{1B}[0m")
    }

    @Test("a wide character replaced by two narrow ones, and the reverse, round-trip")
    func wideAndNarrow() {
        var previous = Buffer(width: 10, height: 1)
        previous.put("陈小测", x: 0, y: 0)
        var next = previous
        next.put("ab", x: 2, y: 0)
        next.put("欧", x: 5, y: 0)  // over the right half of 测 and a blank
        let terminal = Self.showing(previous)
        terminal.write(FrameDiff.bytes(from: previous, to: next))
        #expect(terminal.screen == next)
        #expect(terminal.screen.rowText(0) == "陈ab 欧   ")
        terminal.write(FrameDiff.bytes(from: next, to: previous))
        #expect(terminal.screen == previous)
    }

    @Test("frames of another size are redrawn in full")
    func sizeChange() {
        var next = Buffer(width: 100, height: 30)
        next.put("陈小测", x: 90, y: 29)
        let bytes = FrameDiff.bytes(from: Self.form(), to: next)
        #expect(bytes.starts(with: Self.reset + Array("\u{1B}[H\u{1B}[2J".utf8)))
        let terminal = MemoryTerminal(width: 100, height: 30)
        terminal.write(bytes)
        #expect(terminal.screen == next)
    }

    @Test("typed escape sequences never reach the terminal as escape sequences")
    func noInjection() {
        var next = Self.form()
        next.put("\u{1B}[2J\u{1B}]0;owned\u{7}\u{9B}1m", x: 12, y: 2)
        next[40, 5] = Cell(text: "\u{1B}[H")
        let bytes = FrameDiff.bytes(from: Self.form(), to: next)
        // Every ESC the diff wrote starts a cursor move or an SGR, nothing else.
        var index = 0
        while let escape = bytes[index...].firstIndex(of: 0x1B) {
            #expect(bytes[escape + 1] == UInt8(ascii: "["))
            var end = escape + 2
            while end < bytes.count, (0x30...0x3F).contains(bytes[end]) { end += 1 }
            #expect(end < bytes.count && (bytes[end] == UInt8(ascii: "H") || bytes[end] == UInt8(ascii: "m")))
            index = escape + 1
        }
        #expect(!bytes.contains(0x07))
        #expect(!String(decoding: bytes, as: UTF8.self).unicodeScalars.contains("\u{9B}"))
        let terminal = Self.showing(Self.form())
        terminal.write(bytes)
        #expect(terminal.screen == next)
    }

    @Test("random frames: full redraw, then incremental draws, always show exactly the frame")
    func randomRoundTrip() {
        var random = RandomFrames(generator: SeededGenerator(seed: 20_240_501))
        let terminal = MemoryTerminal(width: 80, height: 24)
        let renderer = Renderer(backend: terminal)
        var frame = random.frame(width: 80, height: 24)
        var fullBytes = 0
        var incrementalBytes = 0
        var incrementalDraws = 0
        for round in 0..<400 {
            switch round % 50 {
            case 0:
                renderer.invalidate()
                fullBytes += renderer.draw(frame, cursor: (x: 12, y: 2))
            case 25:
                let width = Int.random(in: 40...100, using: &random.generator)
                let height = Int.random(in: 10...30, using: &random.generator)
                terminal.resize(width: width, height: height)
                renderer.invalidate()
                frame = random.frame(width: width, height: height)
                renderer.draw(frame, cursor: nil)
            default:
                if round % 7 == 0 {
                    frame = random.frame(width: frame.width, height: frame.height)
                } else {
                    random.edit(&frame)
                }
                incrementalBytes += renderer.draw(frame, cursor: (x: round % frame.width, y: 1))
                incrementalDraws += 1
            }
            #expect(terminal.screen == frame, "round \(round)")
            if terminal.screen != frame { break }
        }
        #expect(incrementalBytes / incrementalDraws < fullBytes / 8)
    }
}
