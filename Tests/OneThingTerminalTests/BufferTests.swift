import Testing
@testable import OneThingTerminal

@Suite("Buffer")
struct BufferTests {
    @Test("a wide character takes two cells: the right one is empty, and the row shows it once")
    func wideCharacters() {
        var buffer = Buffer(width: 10, height: 1)
        let used = buffer.put("陈小测", x: 1, y: 0)
        #expect(used == 6)
        #expect(buffer[1, 0].text == "陈")
        #expect(buffer[2, 0].text == "")
        #expect(buffer[3, 0].text == "小")
        #expect(buffer.rowText(0) == " 陈小测   ")
        #expect(DisplayWidth.of(buffer.rowText(0)) == 10)
    }

    @Test("a long Chinese name at the right edge of an 80-column row stops at the edge")
    func longNameAtRightEdge() {
        var buffer = Buffer(width: 80, height: 24)
        let name = "欧阳娜娜娜娜"  // 12 columns
        let used = buffer.put(name, x: 75, y: 3)
        #expect(used == 5)
        // 欧阳 take four columns; the third character would need 79-80 and becomes a space.
        #expect(buffer[75, 3].text == "欧")
        #expect(buffer[76, 3].text == "")
        #expect(buffer[77, 3].text == "阳")
        #expect(buffer[78, 3].text == "")
        #expect(buffer[79, 3].text == " ")
        #expect(buffer.rowText(3).hasSuffix("欧阳 "))
        #expect(DisplayWidth.of(buffer.rowText(3)) == 80)
        #expect(buffer.rowText(4) == String(repeating: " ", count: 80))
    }

    @Test("maxWidth cuts a wide character that does not fit to spaces")
    func maxWidth() {
        var buffer = Buffer(width: 20, height: 2)
        buffer.put("##########", x: 0, y: 0)
        let used = buffer.put("陈小测", x: 2, y: 0, maxWidth: 5)
        #expect(used == 5)
        #expect(buffer.rowText(0) == "##陈小 ###" + String(repeating: " ", count: 10))
        #expect(buffer.put("abc", x: 0, y: 1, maxWidth: 0) == 0)
        #expect(buffer.rowText(1) == String(repeating: " ", count: 20))
    }

    @Test("writing over the right half of a wide character blanks its left half")
    func overwriteRightHalf() {
        var buffer = Buffer(width: 8, height: 1)
        buffer.put("陈小测", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)
        #expect(buffer[0, 0].text == " ")
        #expect(buffer[1, 0].text == "x")
        #expect(buffer.rowText(0) == " x小测  ")
    }

    @Test("writing over the left half of a wide character blanks its right half")
    func overwriteLeftHalf() {
        var buffer = Buffer(width: 8, height: 1)
        buffer.put("陈小测", x: 0, y: 0)
        buffer.put("y", x: 2, y: 0)
        #expect(buffer.rowText(0) == "陈y 测  ")
        #expect(buffer[3, 0].text == " ")
    }

    @Test("a wide character over the halves of two others blanks both outer halves")
    func wideOverTwoWide() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.put("陈小", x: 0, y: 0)
        buffer.put("测", x: 1, y: 0)
        #expect(buffer.rowText(0) == " 测   ")
        #expect(buffer[1, 0].text == "测")
        #expect(buffer[2, 0].text == "")
        #expect(buffer[3, 0].text == " ")
    }

    @Test("text is sanitised before it is written")
    func sanitised() {
        var buffer = Buffer(width: 10, height: 1)
        buffer.put("\u{1B}[2J\r", x: 0, y: 0)
        #expect(buffer.rowText(0) == "\u{FFFD}[2J\u{FFFD}     ")
        buffer[0, 0] = Cell(text: "\u{1B}")
        #expect(buffer[0, 0].text == "\u{FFFD}")
    }

    @Test("style is kept per cell; combining marks stay with their letter")
    func styleAndCombining() {
        var buffer = Buffer(width: 6, height: 1)
        let warning = Style(foreground: .red, bold: true)
        #expect(buffer.put("Rene\u{301}e", x: 0, y: 0, style: warning) == 5)
        #expect(buffer[3, 0].text == "e\u{301}")
        #expect(buffer[3, 0].style == warning)
        #expect(buffer[5, 0] == .blank)
    }

    @Test("text starting left of the row is clipped; a wide character cut by the edge is a space")
    func negativeX() {
        var buffer = Buffer(width: 6, height: 1)
        #expect(buffer.put("陈小", x: -1, y: 0) == 3)
        #expect(buffer.rowText(0) == " 小   ")
        #expect(buffer.put("abc", x: 6, y: 0) == 0)
        #expect(buffer.put("abc", x: 0, y: 1) == 0)
    }

    @Test("fill blanks a rectangle with a style, clipped, breaking wide characters at its edges")
    func fill() {
        var buffer = Buffer(width: 8, height: 3)
        buffer.put("陈小测试", x: 0, y: 1)
        let highlight = Style(background: .blue)
        buffer.fill(Rect(x: 3, y: 1, width: 2, height: 5), style: highlight)
        #expect(buffer.rowText(1) == "陈    试")
        #expect(buffer[2, 1] == Cell(text: " ", style: .plain))  // left half of 小 blanked, its style kept
        #expect(buffer[3, 1] == Cell(text: " ", style: highlight))
        #expect(buffer[4, 1] == Cell(text: " ", style: highlight))
        #expect(buffer[5, 1].text == " ")  // right half of 测 blanked
        #expect(buffer[3, 2].style == highlight)
        #expect(buffer[3, 0].style == .plain)
    }

    @Test("the subscript ignores cells out of range and keeps wide characters whole")
    func subscriptSet() {
        var buffer = Buffer(width: 4, height: 2)
        #expect(buffer[-1, 0] == .blank)
        #expect(buffer[4, 0] == .blank)
        #expect(buffer[0, 2] == .blank)
        buffer[9, 9] = Cell(text: "x")
        #expect(buffer == Buffer(width: 4, height: 2))

        buffer[1, 0] = Cell(text: "陈")
        #expect(buffer[2, 0].text == "")
        #expect(buffer.rowText(0) == " 陈 ")
        buffer[3, 0] = Cell(text: "测")  // would not fit in the last column
        #expect(buffer[3, 0].text == " ")
        buffer[2, 0] = Cell(text: "")  // already the right half: unchanged
        #expect(buffer.rowText(0) == " 陈 ")
        buffer[0, 1] = Cell(text: "")  // not the right half of anything: a space
        #expect(buffer[0, 1].text == " ")
        buffer[2, 0] = Cell(text: "z")
        #expect(buffer.rowText(0) == "  z ")
        #expect(buffer.lines == ["  z ", "    "])
    }
}
