/// The colours a kiosk screen uses: the eight basic ANSI colours, bright black (grey) and the
/// terminal's own default. Every terminal the kiosk runs on (Linux console, xterm, VTE) has them.
package enum Color: Sendable, Hashable, CaseIterable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white, brightBlack

    /// The SGR parameter that sets this colour as the foreground.
    var foregroundCode: Int {
        switch self {
        case .default: 39
        case .black: 30
        case .red: 31
        case .green: 32
        case .yellow: 33
        case .blue: 34
        case .magenta: 35
        case .cyan: 36
        case .white: 37
        case .brightBlack: 90
        }
    }

    /// The SGR parameter that sets this colour as the background.
    var backgroundCode: Int { foregroundCode + 10 }

    /// The colour an SGR foreground (30...37, 39, 90) or background (40...47, 49, 100) parameter sets.
    init?(foregroundCode code: Int) {
        guard let color = Color.allCases.first(where: { $0.foregroundCode == code }) else { return nil }
        self = color
    }

    init?(backgroundCode code: Int) {
        self.init(foregroundCode: code - 10)
    }
}
