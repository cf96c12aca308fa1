import Foundation
import OneThingCLI

/// Where output goes: results on stdout, diagnostics on stderr. Nothing here logs values
/// an applicant typed; commands pass only ids, codes and counts to `diagnostic`.
enum Output {
    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Text to stdout as it is (no newline added): output written a piece at a time.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Diagnostics go to a terminal: control characters are replaced, whatever their source.
    static func diagnostic(_ text: String) {
        CLIProgram.diagnostic(text)
    }

    /// Encodes `value` as JSON on one line (snake_case keys, sorted) to stdout.
    static func json<T: Encodable>(_ value: T) {
        line(encode(value))
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        CLIProgram.jsonLine(value)
    }
}
