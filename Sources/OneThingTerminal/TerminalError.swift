#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What went wrong with the terminal, said so that the clerk or the technician can act on it.
public struct TerminalError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        case notATerminal
        case alreadyInUse
        case settingsFailed
        case tooSmall
    }

    public let reason: Reason
    public let description: String

    public init(reason: Reason, description: String) {
        self.reason = reason
        self.description = description
    }

    /// Standard input or output is not a terminal (a pipe, a file, a service without a tty).
    public static let notATerminal = TerminalError(
        reason: .notATerminal,
        description: "not a terminal: run `onething kiosk` on a terminal (80x24 at least)"
    )

    /// This process already holds the terminal in raw mode.
    public static let alreadyInUse = TerminalError(
        reason: .alreadyInUse,
        description: "the terminal is already in use by this program: restore the open screen before opening another"
    )

    /// tcgetattr/tcsetattr or installing the signal handlers failed.
    public static func settingsFailed(_ operation: String, errorNumber: Int32) -> TerminalError {
        TerminalError(
            reason: .settingsFailed,
            description: "could not \(operation) (\(String(cString: strerror(errorNumber)))): run `onething kiosk` directly on a terminal; if it still fails, run `stty sane` and try again"
        )
    }

    /// The window is smaller than the screens need.
    public static func tooSmall(width: Int, height: Int) -> TerminalError {
        TerminalError(
            reason: .tooSmall,
            description: "the terminal is \(width)x\(height) but the kiosk needs at least \(ANSITerminal.minimumSize.width)x\(ANSITerminal.minimumSize.height): enlarge the window or use a smaller font, then start again"
        )
    }
}
