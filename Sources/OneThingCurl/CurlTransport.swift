import Dispatch
import Foundation
package import OneThingSync

/// The node's `Transport` over libcurl.
///
/// One easy handle, created here and reused for every request so that the connection to
/// the hub is kept alive. `curl_easy_perform` blocks, so it runs on a private serial
/// `DispatchQueue`, never on Swift's cooperative thread pool; concurrent `send` calls
/// queue up and run one at a time. libcurl may re-send a request on a kept-alive
/// connection that died, so everything sent through it must be idempotent on the hub.
///
/// Proxies come from `http_proxy`/`https_proxy`/`no_proxy` in the environment (libcurl's
/// default). Redirects are not followed. TLS peer and host verification are always on.
package final class CurlTransport: Transport, @unchecked Sendable {
    // @unchecked Sendable: the stored properties are immutable; the only mutable state is
    // `handle` (a libcurl easy handle, which must not be used from two threads at once),
    // and it is touched only from closures running on `queue`, a serial queue. `deinit`
    // can only run once no such closure holds `self` any more.

    package let configuration: CurlConfiguration
    let address: HubAddress
    let queue: DispatchQueue
    /// Confined to `queue`.
    let handle: CurlHandle

    /// Validates the configuration and creates the handle. Throws `.configuration` for a
    /// malformed URL, plain http to a non-loopback host, unreadable certificate files, a
    /// client key that other users can read, or non-positive limits. Sends nothing.
    package init(configuration: CurlConfiguration) throws(TransportError) {
        let address = try HubAddress(configuration)
        try CurlTransport.validateLimits(configuration)
        try CurlTransport.validateFiles(configuration)
        if let failure = CurlGlobal.failure {
            throw .configuration("libcurl could not be initialised (\(failure)); the node cannot reach the hub.")
        }
        guard let handle = CurlHandle() else {
            throw .configuration("libcurl could not create a transfer handle (out of memory?); the node cannot reach the hub.")
        }
        self.configuration = configuration
        self.address = address
        self.handle = handle
        self.queue = DispatchQueue(label: "onething.curl-transport")
    }

    /// Sends one request and returns the hub's response, whatever its status code.
    /// A cancelled task abandons the transfer within about a second and gets `.failed`.
    package func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let cancellation = CancellationFlag()
        let result: Result<HTTPResponse, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    continuation.resume(returning: self.exchange(request, cancellation: cancellation))
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
        return try result.get()
    }

    private static func validateLimits(_ configuration: CurlConfiguration) throws(TransportError) {
        for (name, seconds) in [("connect", configuration.connectTimeoutSeconds), ("total", configuration.totalTimeoutSeconds)] {
            guard seconds.isFinite, seconds > 0, seconds <= 86_400 else {
                throw .configuration("The \(name) timeout must be between 0 and 86400 seconds; it is \(seconds).")
            }
        }
        guard configuration.maxResponseBytes > 0 else {
            throw .configuration("The largest accepted response must be at least 1 byte; it is \(configuration.maxResponseBytes).")
        }
        guard !configuration.userAgent.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .configuration("The user agent must not contain control characters.")
        }
    }

    private static func validateFiles(_ configuration: CurlConfiguration) throws(TransportError) {
        let files = [
            ("CA file", configuration.caFile),
            ("client certificate", configuration.clientCertificate),
            ("client key", configuration.clientKey),
        ]
        for case let (name, path?) in files {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw .configuration("The \(name) \(path) cannot be read; check the path and its permissions.")
            }
        }
        if configuration.clientKey != nil, configuration.clientCertificate == nil {
            throw .configuration("A client key is set without a client certificate; set both or neither.")
        }
        if let key = configuration.clientKey {
            try PrivateFile.check(key, what: "client key")
        } else if let certificate = configuration.clientCertificate, PrivateFile.holdsPrivateKey(certificate) {
            // Without --client-key libcurl takes the key from the certificate file.
            try PrivateFile.check(certificate, what: "client certificate (which holds its key)")
        }
    }
}
