import Foundation
import OneThingSync

/// A secret on disk (the client key) must be a regular file that only its owner can read:
/// anyone who can read it can speak to the hub as this node.
enum PrivateFile {
    /// Whether a PEM file holds a private key block (a certificate and its key in one file).
    static func holdsPrivateKey(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return String(decoding: data, as: UTF8.self).contains("PRIVATE KEY-----")
    }

    static func check(_ path: String, what: String) throws(TransportError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .configuration("The \(what) \(path) does not exist; check the path.")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .configuration("The \(what) \(path) is not a regular file.")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw .configuration(
                "The \(what) \(path) can be read by other users; run `chmod 600 \(path)` and try again.")
        }
    }
}
