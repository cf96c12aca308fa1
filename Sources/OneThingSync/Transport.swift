package import Foundation

/// How the sync engine talks to the hub. The real one is `CurlTransport` (OneThingCurl);
/// the engine never sees libcurl.
package protocol Transport: Sendable {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}

package struct HTTPRequest: Sendable, Hashable {
    package var method: String
    /// Path and query relative to the hub's base URL, e.g. `/v1/nodes/ward-1/changes?after=0`.
    package var path: String
    /// Header names as sent; `Authorization` is added by the engine.
    package var headers: [String: String]
    package var body: Data?
    /// Send the body gzip-compressed (`Content-Encoding: gzip`).
    package var compressBody: Bool

    package init(method: String, path: String, headers: [String: String] = [:], body: Data? = nil, compressBody: Bool = false) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.compressBody = compressBody
    }
}

package struct HTTPResponse: Sendable, Hashable {
    package var status: Int
    /// Header names lower-cased.
    package var headers: [String: String]
    /// The body, already decompressed.
    package var body: Data

    package init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
