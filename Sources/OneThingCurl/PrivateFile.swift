import Foundation
import OneThingSync
import OneThingWire

/// A secret on disk (the client key) must be a regular file that only its owner can read:
/// anyone who can read it can speak to the hub as this node.
enum PrivateFile {
    /// Whether a PEM file holds a private key block (a certificate and its key in one file).
    static func holdsPrivateKey(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return String(decoding: data, as: UTF8.self).contains("PRIVATE KEY-----")
    }

    static func check(_ path: String, what: String) throws(TransportError) {
        switch SecretFile.problem(at: path) {
        case .missing: throw .configuration("The \(what) \(path) does not exist; check the path.")
        case .notRegularFile: throw .configuration("The \(what) \(path) is not a regular file.")
        case .readableByOthers:
            throw .configuration("The \(what) \(path) can be read by other users; run `chmod 600 \(path)` and try again.")
        case .unreadable, nil: return  // libcurl says so when it loads it
        }
    }
}
