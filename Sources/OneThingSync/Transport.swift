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
