import ArgumentParser
import OneThingCLI
import OneThingHub

/// The hub's errors as exit statuses, with the kind its JSON error objects name and what the
/// operator can do next with `onething-hub`'s flags, after the hub's sentence (which names
/// none).
extension CLIFailure {
    init(_ error: HubError) {
        if let failure = error.database {
            self.init(failure, program: .hub)
            return
        }
        self.init(error, exitCode: Self.exitCode(for: error.code), advice: Self.advice(error), kind: Self.kind(of: error.code))
    }

    static func exitCode(for code: HubError.Code) -> ExitCode {
        switch code {
        case .database, .internalFailure: .ioError
        case .invalidCatalog, .adminTokenUnusable, .tlsFileUnusable, .plainHTTPOnNetwork, .invalidDatabaseURL, .notOnPostgreSQL: .config
        default: .dataError
        }
    }

    /// The JSON error object's kind where it says more than the exit status.
    static func kind(of code: HubError.Code) -> String? {
        switch code {
        case .noSuchApplication, .noSuchItem, .noSuchNode: "not_found"
        case .notDecidable, .nodeExists: "conflict"
        default: nil
        }
    }

    static func advice(_ error: HubError) -> String? {
        switch error.code {
        case .missingReason: "Give it with --reason TEXT."
        case .missingDocument: "Give it with --document \(error.document ?? "NAME")=VALUE."
        default: nil
        }
    }
}
