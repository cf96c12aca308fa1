import Foundation
import OneThingModel

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
        FileHandle.standardError.write(Data((TerminalSafe.text(text) + "\n").utf8))
    }

    /// Encodes `value` as JSON on one line (snake_case keys, sorted) to stdout.
    static func json<T: Encodable>(_ value: T) {
        line(encode(value))
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func failure(_ failure: CLIFailure, json: Bool) {
        if json {
            let problems = failure.problems.isEmpty
                ? failure.lines.map { FieldProblem(field: nil, message: $0) } : failure.problems
            diagnostic(encode(ErrorObject(error: .init(code: failure.code.rawValue, problems: problems))))
        } else {
            for text in failure.lines { diagnostic("onething: \(text)") }
        }
    }

    struct ErrorObject: Encodable {
        struct Body: Encodable {
            var code: Int32
            var problems: [FieldProblem]
        }
        var error: Body
    }
}
