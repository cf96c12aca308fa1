import OneThingSync

/// The header lines handed to libcurl for one request.
enum RequestHeaders {
    /// Header lines for `request`, or the name of the first invalid header.
    ///
    /// - `Content-Length` is dropped (libcurl computes it from the body actually sent).
    /// - With `gzipped`, the request's own `Content-Encoding` is replaced by `gzip`.
    /// - `Expect:` turns off libcurl's `Expect: 100-continue`, which would stall large
    ///   bodies for a second against servers that do not answer it.
    /// - Without a `Content-Type`, `Content-Type:` stops libcurl from claiming a body is a
    ///   url-encoded form.
    static func lines(for request: HTTPRequest, hasBody: Bool, gzipped: Bool) -> Result<[String], InvalidHeader> {
        var lines: [String] = []
        var sawContentType = false
        var sawExpect = false
        for name in request.headers.keys.sorted() {
            let value = request.headers[name] ?? ""
            guard isToken(name), isFieldValue(value) else {
                return .failure(InvalidHeader(name: isToken(name) ? name : "(unprintable name)"))
            }
            let lowered = name.lowercased()
            if lowered == "content-length" { continue }
            if lowered == "content-encoding", gzipped { continue }
            if lowered == "content-type" { sawContentType = true }
            if lowered == "expect" { sawExpect = true }
            // "Name:" would make libcurl remove the header; "Name;" sends it empty.
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if gzipped { lines.append("Content-Encoding: gzip") }
        if !sawExpect { lines.append("Expect:") }
        if hasBody, !sawContentType { lines.append("Content-Type:") }
        return .success(lines)
    }

    struct InvalidHeader: Error {
        let name: String
    }

    /// RFC 9110 token: method names and header names.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "A")...UInt8(ascii: "Z"):
                true
            default:
                "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }

    /// No CR, LF, NUL or other control characters except tab: nothing that could end the
    /// header line and inject another.
    static func isFieldValue(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
    }
}
