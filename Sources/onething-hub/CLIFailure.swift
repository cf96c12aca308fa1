import ArgumentParser
import OneThingHub
import OneThingWire

/// A command's failure: its sysexits code and the sentences for stderr (or, with --json, one
/// JSON error object). Never holds an applicant's data.
struct CLIFailure: Error {
    var code: ExitCode
    var errorCode: String
    var lines: [String]

    init(code: ExitCode, errorCode: String, lines: [String]) {
        self.code = code
        self.errorCode = errorCode
        self.lines = lines
    }

    static func data(_ line: String) -> CLIFailure { CLIFailure(code: .dataError, errorCode: "bad_data", lines: [line]) }
    static func io(_ line: String) -> CLIFailure { CLIFailure(code: .ioError, errorCode: "io", lines: [line]) }
    static func config(_ line: String) -> CLIFailure { CLIFailure(code: .config, errorCode: "config", lines: [line]) }

    init(_ error: HubError) {
        var lines = error.description.split(separator: "\n").map(String.init)
        if let advice = Self.advice(error), !lines.isEmpty { lines[lines.count - 1] += " " + advice }
        switch error {
        case _ where error.isDatabaseFailure:
            self.init(code: .ioError, errorCode: "io", lines: lines)
        case .invalidCatalog, .adminTokenUnusable, .tlsFileUnusable, .plainHTTPOnNetwork:
            self.init(code: .config, errorCode: "config", lines: lines)
        case .noSuchApplication, .noSuchItem, .noSuchNode:
            self.init(code: .dataError, errorCode: "not_found", lines: lines)
        case .notDecidable, .nodeExists:
            self.init(code: .dataError, errorCode: "conflict", lines: lines)
        default:
            self.init(code: .dataError, errorCode: "bad_data", lines: lines)
        }
    }

    /// What the operator can do next with this program's flags, after the store's sentence
    /// (which names none).
    static func advice(_ error: HubError) -> String? {
        switch error {
        case .missingReason: return "Give it with --reason TEXT."
        case .missingDocument(_, let document, _): return "Give it with --document \(document)=VALUE."
        default: break
        }
        return switch error.databaseCode {
        case .cannotOpen: "Check that the folder exists and is writable, or choose another file with --db."
        case .readOnly, .permissionDenied: "Or choose another file with --db."
        case .missingFile: "Check the file name (or --db, $ONETHING_HUB_DB)."
        case .notADatabase: "Point --db at the hub's database, or restore it from a backup with `onething-hub restore`."
        case .corrupt: "Stop the hub before copying it; `onething-hub restore FILE` puts a backup back."
        default: nil
        }
    }

    var body: ErrorBody { ErrorBody(error: errorCode, message: lines.joined(separator: "\n")) }
}

extension ExitCode {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let ioError = ExitCode(74)
    static let config = ExitCode(78)
}
