package import ArgumentParser

/// The exit statuses of both command-line tools, as `contract.md` fixes them (sysexits).
extension ExitCode {
    /// 64: an unknown flag, a missing or malformed argument.
    package static let usage = ExitCode(64)
    /// 65: the input was read but is invalid; nothing was stored.
    package static let dataError = ExitCode(65)
    /// 69: the hub refused the node (authentication, unknown node, TLS).
    package static let hubRefused = ExitCode(69)
    /// 74: the database or a file cannot be read or written.
    package static let ioError = ExitCode(74)
    /// 75: try again later (the hub unreachable or busy, another sync running, the
    /// database locked); all work is kept.
    package static let temporaryFailure = ExitCode(75)
    /// 78: the configuration cannot work.
    package static let config = ExitCode(78)

    /// Every status above, for the tests that hold them to the contract.
    package static let contract: [ExitCode] = [.usage, .dataError, .hubRefused, .ioError, .temporaryFailure, .config]
}
