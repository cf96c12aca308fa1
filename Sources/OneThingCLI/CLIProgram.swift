package import ArgumentParser
import Foundation
package import OneThingDatabase
import OneThingModel

/// One of the two command-line tools: its name (which starts its diagnostics), the shape
/// of its JSON error objects, and the sentences that tell its operator what to do about a
/// database failure with its own flags and commands.
package struct CLIProgram: Sendable {
    /// How `--json` reports a failure on stderr.
    package enum ErrorObject: Sendable {
        /// `{"error":{"code":EXIT,"problems":[{"code","field","message"}]}}` (`onething`).
        case problems
        /// `{"error":KIND,"message":TEXT}`, the hub protocol's error body (`onething-hub`).
        case message
    }

    package let name: String
    package let errorObject: ErrorObject
    /// After a database failure's sentence (which names no flag), per code.
    package let databaseAdvice: [DatabaseFailure.Code: String]

    /// The node.
    package static let node = CLIProgram(
        name: "onething", errorObject: .problems,
        databaseAdvice: [
            .cannotOpen: "Check that the folder exists and is writable, or choose another file with --db.",
            .missingFile: "Check --db (or $ONETHING_DB).",
            .notADatabase: "Point --db at the right file or restore it from a backup.",
            .corrupt: "Stop every OneThing process (the kiosk, the sync timer) before copying it, or call support.",
            .readOnly: "`onething list`, `show` and `status` still read it; --db chooses another file.",
            .permissionDenied: "Or choose another file with --db.",
        ])

    /// The reference hub.
    package static let hub = CLIProgram(
        name: "onething-hub", errorObject: .message,
        databaseAdvice: [
            .cannotOpen: "Check that the folder exists and is writable, or choose another file with --db.",
            .readOnly: "Or choose another file with --db.",
            .permissionDenied: "Or choose another file with --db.",
            .missingFile: "Check the file name (or --db, $ONETHING_HUB_DB).",
            .notADatabase: "Point --db at the hub's database, or restore it from a backup with `onething-hub restore`.",
            .corrupt: "Stop the hub before copying it; `onething-hub restore FILE` puts a backup back.",
        ])

    /// Runs a command's body; a failure is reported (`report`) and becomes the exit status.
    package func run(json: Bool, _ body: () throws(CLIFailure) -> Void) throws(ExitCode) {
        do {
            try body()
        } catch {
            report(error, json: json)
            throw error.exitCode
        }
    }

    package func run(json: Bool, _ body: () async throws(CLIFailure) -> Void) async throws(ExitCode) {
        do {
            try await body()
        } catch {
            report(error, json: json)
            throw error.exitCode
        }
    }

    /// A failure on stderr: one line per sentence after the program's name, or one JSON
    /// error object.
    package func report(_ failure: CLIFailure, json: Bool) {
        guard json else {
            for text in failure.lines { Self.diagnostic("\(name): \(text)") }
            return
        }
        switch errorObject {
        case .problems:
            Self.diagnostic(
                Self.jsonLine(ProblemsObject(error: .init(code: failure.exitCode.rawValue, problems: failure.jsonProblems))))
        case .message:
            Self.diagnostic(Self.jsonLine(MessageObject(error: failure.kind, message: failure.lines.joined(separator: "\n"))))
        }
    }

    /// A diagnostic on stderr, for a terminal: control characters and bidi overrides are
    /// replaced (`DisplayText`), whatever their source.
    package static func diagnostic(_ text: String) {
        FileHandle.standardError.write(Data((DisplayText.clean(text) + "\n").utf8))
    }

    /// `value` as JSON on one line: keys sorted and in snake_case, slashes not escaped.
    package static func jsonLine<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    struct ProblemsObject: Encodable {
        struct Body: Encodable {
            var code: Int32
            var problems: [FieldProblem]
        }
        var error: Body
    }

    struct MessageObject: Encodable {
        var error: String
        var message: String
    }
}
