import OneThingTerminal
import Testing

/// The one table renderer both command lines use: columns measured in display columns, so
/// Chinese (two columns a character) lines up with ASCII; no trailing spaces.
@Suite("Text tables")
struct TextTableTests {
    @Test("a Chinese cell takes two columns a character; the next column starts in one place")
    func chineseLinesUp() {
        let table = TextTable.render(header: ["NAME", "STATE"], rows: [["林测试", "queued"], ["ab", "accepted"]])
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines == ["NAME    STATE", "林测试  queued", "ab      accepted"])
    }

    @Test("an empty last cell leaves no trailing spaces")
    func noTrailingSpaces() {
        let table = TextTable.render(header: ["A", "B"], rows: [["long value", ""]])
        #expect(table == "A           B\nlong value")
    }

    @Test("parts printed one page at a time keep the columns of the earlier parts; a column only widens")
    func partsLineUp() {
        var widths: [Int] = []
        let first = TextTable.render(header: ["ID", "X"], rows: [["测试测试", "1"]], widths: &widths, withHeader: true)
        let second = TextTable.render(header: ["ID", "X"], rows: [["a", "2"]], widths: &widths, withHeader: false)
        #expect(first == "ID        X\n测试测试  1")
        #expect(second == "a         2")
        #expect(widths == [8, 1])
    }
}
