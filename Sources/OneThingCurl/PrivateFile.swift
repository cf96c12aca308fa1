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
        case .missing: throw .secretFileMissing(what: what, path: path)
        case .notRegularFile: throw .secretFileNotRegular(what: what, path: path)
        case .readableByOthers: throw .secretFileReadableByOthers(what: what, path: path)
        case .unreadable, nil: return  // libcurl says so when it loads it
        }
    }
}
