/// How `CurlTransport` reaches the hub. Validated when the transport is created. Plain
/// `http` is accepted to a loopback address only (a hub on the same machine, for tests and
/// demos): applicants' data never crosses a network unencrypted.
package struct CurlConfiguration: Sendable, Hashable {
    /// Scheme, host, optional port and optional path prefix, e.g. `https://hub.example.gov.cn`
    /// or `http://127.0.0.1:8080`. Request paths are appended to it.
    package var baseURL: String
    /// Seconds allowed to establish the TCP (and TLS) connection.
    package var connectTimeoutSeconds: Double
    /// Seconds allowed for a whole exchange, connection included.
    package var totalTimeoutSeconds: Double
    /// PEM bundle of certificate authorities that sign the hub's certificate;
    /// `nil` uses the system store.
    package var caFile: String?
    /// PEM client certificate, for hubs that authenticate nodes by TLS.
    package var clientCertificate: String?
    /// PEM private key of `clientCertificate`; readable by its owner only.
    package var clientKey: String?
    /// Largest decoded response body accepted; a larger one is abandoned.
    package var maxResponseBytes: Int
    /// Sent as `User-Agent` unless a request sets its own.
    package var userAgent: String

    package init(
        baseURL: String,
        connectTimeoutSeconds: Double = 10,
        totalTimeoutSeconds: Double = 60,
        caFile: String? = nil,
        clientCertificate: String? = nil,
        clientKey: String? = nil,
        maxResponseBytes: Int = 64 * 1024 * 1024,
        userAgent: String = "onething/0.1"
    ) {
        self.baseURL = baseURL
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.totalTimeoutSeconds = totalTimeoutSeconds
        self.caFile = caFile
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }
}
