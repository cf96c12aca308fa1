import OneThingTerminal

/// Random screens like the kiosk's: ASCII labels, Chinese names, digits, accents, styles.
struct RandomFrames {
    var generator: SeededGenerator

    static let pieces = [
        "姓名", "陈小测", "欧阳娜娜", "林", "出生日期", "2024-05-01", "13800138000", "Zhang San", "F4 查询",
        "身份证号", "350102199001011234", "一件事", "，", "。", "ok", "Rene\u{301}e", "#", " ", "[ ]", "张三丰",
    ]
    static let colors: [Color] = [.default, .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white, .brightBlack]

    mutating func style() -> Style {
        if Int.random(in: 0..<3, using: &generator) == 0 { return .plain }
        return Style(
            foreground: Self.colors.randomElement(using: &generator) ?? .default,
            background: Self.colors.randomElement(using: &generator) ?? .default,
            bold: Bool.random(using: &generator),
            reverse: Int.random(in: 0..<4, using: &generator) == 0,
            underline: Int.random(in: 0..<4, using: &generator) == 0,
            dim: Int.random(in: 0..<4, using: &generator) == 0
        )
    }

    mutating func text() -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            text += Self.pieces.randomElement(using: &generator) ?? ""
        }
        return text
    }

    /// A few edits on `frame`: text anywhere (often across wide characters), fills, single cells.
    mutating func edit(_ frame: inout Buffer) {
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            let x = Int.random(in: -2..<frame.width + 2, using: &generator)
            let y = Int.random(in: 0..<frame.height, using: &generator)
            switch Int.random(in: 0..<10, using: &generator) {
            case 0:
                let rect = Rect(
                    x: x, y: y,
                    width: Int.random(in: 0...20, using: &generator),
                    height: Int.random(in: 0...5, using: &generator)
                )
                frame.fill(rect, style: style())
            case 1:
                frame[x, y] = Cell(text: Self.pieces.randomElement(using: &generator) ?? "x", style: style())
            default:
                let maxWidth: Int? = Bool.random(using: &generator) ? Int.random(in: 0...30, using: &generator) : nil
                frame.put(text(), x: x, y: y, style: style(), maxWidth: maxWidth)
            }
        }
    }

    /// A whole new screen.
    mutating func frame(width: Int, height: Int) -> Buffer {
        var frame = Buffer(width: width, height: height)
        for y in 0..<height where Int.random(in: 0..<3, using: &generator) > 0 {
            frame.put(text(), x: Int.random(in: 0..<width, using: &generator), y: y, style: style())
        }
        return frame
    }
}
