import Testing
import OneThingTerminal

@Suite("Renderer and MemoryTerminal")
struct RendererTests {
    @Test("the first draw is full, an identical draw writes nothing, a change writes a little")
    func drawsDifferences() {
        let terminal = MemoryTerminal(width: 80, height: 24)
        let renderer = Renderer(backend: terminal)
        var frame = Buffer(width: 80, height: 24)
        frame.put("母亲姓名 陈小测", x: 2, y: 2)
        let first = renderer.draw(frame, cursor: (x: 17, y: 2))
        #expect(first > 0)
        #expect(terminal.bytesWritten == first)
        #expect(terminal.screen == frame)
        #expect(terminal.cursor?.x == 17 && terminal.cursor?.y == 2)

        #expect(renderer.draw(frame, cursor: nil) == 0)
        #expect(terminal.bytesWritten == first)
        #expect(terminal.cursor == nil)

        frame.put("晓", x: 13, y: 2)
        let change = renderer.draw(frame, cursor: (x: 15, y: 2))
        #expect(change > 0 && change < 20)
        #expect(terminal.screen == frame)
        #expect(terminal.bytesWritten == first + change)
    }

    @Test("after invalidate the next draw is a full redraw, repairing whatever the screen shows")
    func invalidate() {
        let terminal = MemoryTerminal(width: 20, height: 3)
        let renderer = Renderer(backend: terminal)
        var frame = Buffer(width: 20, height: 3)
        frame.put("陈小测", x: 0, y: 0)
        renderer.draw(frame, cursor: nil)
        terminal.write(Array("\u{1B}[2;1Hnoise".utf8))
        #expect(renderer.draw(frame, cursor: nil) == 0)
        #expect(terminal.screen != frame)
        renderer.invalidate()
        #expect(renderer.draw(frame, cursor: nil) > 0)
        #expect(terminal.screen == frame)
    }

    @Test("a resized terminal keeps what fits; a new frame of the new size is drawn in full")
    func resize() {
        let terminal = MemoryTerminal(width: 10, height: 2)
        let renderer = Renderer(backend: terminal)
        var frame = Buffer(width: 10, height: 2)
        frame.put("abc陈小测", x: 0, y: 1)
        renderer.draw(frame, cursor: nil)
        terminal.resize(width: 6, height: 3)
        #expect(terminal.size.width == 6 && terminal.size.height == 3)
        #expect(terminal.screen.lines == ["      ", "abc陈 ", "      "])
        var smaller = Buffer(width: 6, height: 3)
        smaller.put("测", x: 4, y: 2)
        renderer.draw(smaller, cursor: nil)
        #expect(terminal.screen == smaller)
    }

    @Test("the memory terminal wraps at the right edge and puts combining marks on their letter")
    func memoryTerminalText() {
        let terminal = MemoryTerminal(width: 4, height: 2)
        terminal.write(Array("\u{1B}[1;3H陈".utf8))  // fits in columns 2-3
        terminal.write(Array("e\u{301}".utf8))  // wraps to the next row
        #expect(terminal.screen.lines == ["  陈", "e\u{301}   "])
        terminal.write(Array("\u{1B}[1;4H小".utf8))  // wide at the last column: wraps first
        #expect(terminal.screen.lines[1] == "小  ")
        terminal.write(Array("\u{1B}[1;1H\u{1B}[1;4;31;44mx\u{1B}[22;24;39my".utf8))
        #expect(terminal.screen[0, 0].style == Style(foreground: .red, background: .blue, bold: true, underline: true))
        #expect(terminal.screen[1, 0].style == Style(background: .blue))
    }
}
