import Foundation
import OneThingCLI
import OneThingModel

/// Where commands write: data to stdout, diagnostics to stderr. Text for people has control
/// characters and bidi overrides replaced (`DisplayText`), whatever party wrote the values
/// in it; JSON for scripts is written exact (its encoder escapes control characters).
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((DisplayText.clean(text) + "\n").utf8))
    }

    /// A line of JSON, as encoded.
    static func jsonLine(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func diagnostic(_ text: String) {
        CLIProgram.diagnostic(text)
    }

    static func json<T: Encodable>(_ value: T) throws(CLIFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        do {
            jsonLine(String(decoding: try encoder.encode(value), as: UTF8.self))
        } catch {
            throw .io("The output could not be encoded as JSON; please report this.")
        }
    }
}
