import Foundation

/// What libcurl's callbacks gather during one transfer: the decoded body (bounded), the
/// headers of the final response (names lower-cased), and whether the task was cancelled.
/// Lives on the transport's queue for the duration of one `curl_easy_perform`.
final class ResponseCollector {
    let limit: Int
    let cancellation: CancellationFlag
    private(set) var body = Data()
    private(set) var headers: [String: String] = [:]
    /// The body grew past `limit`; the write callback aborted the transfer.
    private(set) var exceededLimit = false
    private var lastHeaderName: String?

    init(limit: Int, cancellation: CancellationFlag) {
        self.limit = limit
        self.cancellation = cancellation
    }

    /// Appends decoded body bytes; `false` (abort) once the body would exceed `limit`.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count <= limit - body.count else {
            exceededLimit = true
            body = Data()
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// One header line as libcurl delivers it, CRLF included. A status line starts a new
    /// response (after `100 Continue` or a proxy's `CONNECT` reply), so headers collected
    /// so far are dropped. Repeated names are joined with ", ".
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = [:]
            lastHeaderName = nil
            return
        }
        let trimmed = line.trimmingCharacters(in: .newlines)
        guard !trimmed.isEmpty else { return }
        if let first = trimmed.first, first == " " || first == "\t" {
            // Obsolete line folding: continues the previous header's value.
            if let name = lastHeaderName, let value = headers[name] {
                headers[name] = value + " " + trimmed.trimmingCharacters(in: .whitespaces)
            }
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        let name = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return }
        if let existing = headers[name] {
            headers[name] = existing + ", " + value
        } else {
            headers[name] = value
        }
        lastHeaderName = name
    }
}

@available(*, unavailable)
extension ResponseCollector: Sendable {}
