import OneThingTerminal

/// One line of text being typed, with a cursor between grapheme clusters. Input is
/// sanitised as it arrives (no control character can be typed or pasted), and its width
/// is measured in terminal columns so that Chinese never breaks the layout.
struct TextField: Sendable, Hashable {
    private(set) var characters: [Character] = []
    private(set) var cursor = 0
    var maxLength = 200

    init(_ text: String = "") {
        characters = Array(DisplayWidth.sanitise(text).filter { $0 != "\u{FFFD}" })
        cursor = characters.count
    }

    var text: String { String(characters) }

    /// Applies an editing key; false when the key is not an editing key.
    mutating func apply(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            insert(String(c))
        case .paste(let text):
            insert(text.replacingOccurrences(of: "\n", with: " "))
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .control("u"):
            characters.removeAll()
            cursor = 0
        default:
            return false
        }
        return true
    }

    private mutating func insert(_ text: String) {
        let clean = DisplayWidth.sanitise(text).filter { $0 != "\u{FFFD}" }
        for c in clean where characters.count < maxLength {
            characters.insert(c, at: cursor)
            cursor += 1
        }
    }

    /// The part to show in `width` columns, scrolled so the cursor is visible, and the
    /// cursor's column within it. `masked` shows one `*` per character (PINs).
    func visible(width: Int, masked: Bool = false) -> (text: String, cursorColumn: Int) {
        let shown = masked ? characters.map { _ in Character("*") } : characters
        guard width > 0 else { return ("", 0) }
        var start = 0
        func columns(_ range: Range<Int>) -> Int { DisplayWidth.of(String(shown[range])) }
        while columns(start..<cursor) > width - 1 { start += 1 }
        var end = start
        while end < shown.count, columns(start..<(end + 1)) <= width { end += 1 }
        return (String(shown[start..<end]), columns(start..<cursor))
    }
}
