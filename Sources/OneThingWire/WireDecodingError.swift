/// A JSON document that is not what it should be: what, where (the path of keys and
/// indexes from the top, such as `entries[3].payload_sha256`) and at which byte. Never
/// the value that was found: it may be an applicant's data.
package struct WireDecodingError: Error, CustomStringConvertible, Sendable, Hashable {
    package let message: String
    package let offset: Int
    /// The members and elements leading to the value, outermost first ("" at the top).
    package private(set) var path: String = ""

    package init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    package var description: String {
        path.isEmpty ? "\(message) (at byte \(offset))" : "\(path): \(message) (at byte \(offset))"
    }

    /// The same problem, one level down from the member `key`.
    func inside(key: String) -> WireDecodingError {
        var error = self
        let name = key.unicodeScalars.count > 40 ? String(key.unicodeScalars.prefix(40)) + "…" : key
        error.path = path.isEmpty ? name : (path.hasPrefix("[") ? name + path : name + "." + path)
        return error
    }

    /// The same problem, one level down from the element `index`.
    func inside(index: Int) -> WireDecodingError {
        var error = self
        error.path = path.isEmpty || path.hasPrefix("[") ? "[\(index)]" + path : "[\(index)]." + path
        return error
    }
}
