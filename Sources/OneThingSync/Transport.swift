public import Foundation

/// How the sync engine talks to the hub. The real one is `CurlTransport` (OneThingCurl);
/// the engine never sees libcurl.
public protocol Transport: Sendable {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}

public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    /// Path and query relative to the hub's base URL, e.g. `/v1/nodes/ward-1/changes?after=0`.
    public var path: String
    /// Header names as sent; `Authorization` is added by the engine.
    public var headers: [String: String]
    public var body: Data?
    /// Send the body gzip-compressed (`Content-Encoding: gzip`).
    public var compressBody: Bool

    public init(method: String, path: String, headers: [String: String] = [:], body: Data? = nil, compressBody: Bool = false) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.compressBody = compressBody
    }
}

public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    /// The body, already decompressed.
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why an exchange with the hub did not produce a response. Messages name the host and
/// what failed; they never contain request bodies (applicants' data).
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// DNS, connection refused, reset: `detail` is the transport's own error text.
    case unreachable(host: String, detail: String)
    case timedOut(host: String, seconds: Double)
    /// Certificate verification or handshake failure: a person must fix the configuration.
    case tls(host: String, problem: TLSProblem, detail: String)
    /// The response grew past the configured limit and was abandoned.
    case responseTooLarge(host: String, limitBytes: Int)
    /// The configuration cannot work (unreadable CA file or client key, plain http to a
    /// remote host).
    case configuration(String)
    /// Anything else the transport reports.
    case failed(host: String, detail: String)

    public var description: String {
        switch self {
        case .unreachable(let host, let detail): "Cannot reach the hub at \(host): \(detail)."
        case .timedOut(let host, let seconds): "The hub at \(host) did not answer within \(Int(seconds)) seconds."
        case .tls(let host, let problem, let detail): problem.sentence(host: host, detail: detail)
        case .responseTooLarge(let host, let limit): "The hub at \(host) sent a response larger than \(limit) bytes; it was refused."
        case .configuration(let text): text
        case .failed(let host, let detail): "The exchange with the hub at \(host) failed: \(detail)."
        }
    }

    /// Worth trying again later (exit 75), as opposed to a configuration problem.
    public var isTemporary: Bool {
        switch self {
        case .configuration, .tls: false
        default: true
        }
    }
}
