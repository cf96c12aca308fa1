#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
package import OneThingModel

/// What went wrong with the terminal, said so that the clerk or the technician can act on it:
/// a `code` and the facts its message needs.
package struct TerminalError: CodedError, Hashable {
    package struct Code: ErrorCode {
        package let rawValue: String

        init(_ rawValue: String) { self.rawValue = rawValue }

        /// Standard input or output is not a terminal (a pipe, a file, a service without a tty).
        package static let notATerminal = Code("terminal.not_a_terminal")
        /// This process already holds the terminal in raw mode.
        package static let alreadyInUse = Code("terminal.already_in_use")
        /// tcgetattr/tcsetattr or installing the signal handlers failed: `operation`, `errorNumber`.
        package static let settingsFailed = Code("terminal.settings_failed")
        /// The window is smaller than the screens need: `width`, `height`.
        package static let tooSmall = Code("terminal.too_small")

        /// Every code above, for tables and their tests.
        package static let all: [Code] = [.notATerminal, .alreadyInUse, .settingsFailed, .tooSmall]
    }

    package let code: Code
    /// What could not be done, in words ("switch the terminal to raw mode").
    package var operation: String?
    /// The C library's error number of `settingsFailed`.
    package var errorNumber: Int32?
    package var width: Int?
    package var height: Int?

    init(_ code: Code, operation: String? = nil, errorNumber: Int32? = nil, width: Int? = nil, height: Int? = nil) {
        self.code = code
        self.operation = operation
        self.errorNumber = errorNumber
        self.width = width
        self.height = height
    }

    package static let notATerminal = TerminalError(.notATerminal)

    package static let alreadyInUse = TerminalError(.alreadyInUse)

    package static func settingsFailed(_ operation: String, errorNumber: Int32) -> TerminalError {
        TerminalError(.settingsFailed, operation: operation, errorNumber: errorNumber)
    }

    package static func tooSmall(width: Int, height: Int) -> TerminalError {
        TerminalError(.tooSmall, width: width, height: height)
    }

    package var message: String {
        switch code {
        case .notATerminal:
            "not a terminal: run `onething kiosk` on a terminal (80x24 at least)"
        case .alreadyInUse:
            "the terminal is already in use by this program: restore the open screen before opening another"
        case .settingsFailed:
            "could not \(operation ?? "set up the terminal") (\(String(cString: strerror(errorNumber ?? 0)))): run `onething kiosk` directly on a terminal; if it still fails, run `stty sane` and try again"
        default:
            "the terminal is \(width ?? 0)x\(height ?? 0) but the kiosk needs at least \(ANSITerminal.minimumSize.width)x\(ANSITerminal.minimumSize.height): enlarge the window or use a smaller font, then start again"
        }
    }
}
