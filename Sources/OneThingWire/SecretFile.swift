import Foundation

/// Secrets on disk (the node's token, the hub's admin token, TLS private keys): a regular
/// file that only its owner can read, since whoever reads it can act as its owner. One
/// check for every caller; each turns the problem into its own error and exit code.
package enum SecretFile {
    package enum Problem: Sendable, Hashable {
        case missing
        case notRegularFile
        case readableByOthers
        case unreadable
    }

    /// What is wrong with the file at `path`, or nil when it is fit to hold a secret.
    package static func problem(at path: String) -> Problem? {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .notRegularFile }
        guard info.st_mode & 0o077 == 0 else { return .readableByOthers }
        guard FileManager.default.isReadableFile(atPath: path) else { return .unreadable }
        return nil
    }

    /// The sentence for a problem, for messages that name the file before it: "… <path>: it …".
    package static func reason(_ problem: Problem, path: String) -> String {
        switch problem {
        case .missing: "it does not exist"
        case .notRegularFile: "it is not a regular file"
        case .readableByOthers: "other users can read it; run `chmod 600 \(path)`"
        case .unreadable: "it cannot be read by this user"
        }
    }
}
