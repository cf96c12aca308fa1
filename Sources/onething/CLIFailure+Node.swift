import ArgumentParser
import OneThingCLI
import OneThingModel
import OneThingStore
import OneThingSync

/// The node's errors as exit statuses (contract.md), each with what the operator can do
/// next with `onething`'s commands and flags, after the module's sentence (which names none).
extension CLIFailure {
    init(_ error: StoreError) {
        if let failure = error.database {
            self.init(failure, program: .node)
            return
        }
        self.init(error, exitCode: Self.exitCode(for: error.code), advice: Self.advice(error))
    }

    static func exitCode(for code: StoreError.Code) -> ExitCode {
        switch code {
        case .noSuchApplication, .notAmendable, .noOpenConflict, .operatorExists, .noSuchOperator: .dataError
        default: .ioError
        }
    }

    static func advice(_ error: StoreError) -> String? {
        switch error.code {
        case .noSuchApplication: "`onething list` shows the ids."
        case .noOpenConflict:
            error.field == nil
                ? "`onething conflicts list` lists those that wait for a decision."
                : "`onething conflicts show \(error.id ?? "ID")` lists its conflicts."
        case .operatorExists: "`onething operators reset-pin \(error.id ?? "ID")` gives a new PIN."
        case .noSuchOperator: "`onething operators list` shows them."
        default: nil
        }
    }

    init(_ error: SyncError) {
        if let store = error.store, error.code == .store {
            self.init(store)
            return
        }
        self.init(error, exitCode: Self.exitCode(for: error.code))
    }

    static func exitCode(for code: SyncError.Code) -> ExitCode {
        switch code {
        case .hubRefused, .secureConnection: .hubRefused
        case .temporary, .protocolViolation, .locked: .temporaryFailure
        case .store: .ioError
        default: .config
        }
    }

    /// A transport that cannot be set up: its configuration (78), or TLS (69).
    init(_ error: TransportError) {
        self.init(error, exitCode: Self.exitCode(for: error))
    }

    static func exitCode(for error: TransportError) -> ExitCode {
        if error.isConfiguration { return .config }
        return error.code == .tls ? .hubRefused : .temporaryFailure
    }
}
