package import OneThingModel

/// Why an exchange with the hub did not produce a response: a `code` and the facts its
/// message needs. Messages name the host and what failed; they never contain request
/// bodies (applicants' data).
package struct TransportError: CodedError, Hashable {
    package struct Code: ErrorCode {
        package let rawValue: String

        init(_ rawValue: String) { self.rawValue = rawValue }

        /// DNS, connection refused, reset: `host`, `detail` (the transport's own words).
        package static let unreachable = Code("transport.unreachable")
        /// `host`, `seconds`.
        package static let timedOut = Code("transport.timed_out")
        /// Certificate verification or handshake failure (`host`, `tlsProblem`, `detail`): a
        /// person must fix the configuration.
        package static let tls = Code("transport.tls")
        /// The response grew past the configured limit and was abandoned: `host`, `limitBytes`.
        package static let responseTooLarge = Code("transport.response_too_large")
        /// Anything else the transport reports: `host`, `detail`.
        package static let failed = Code("transport.failed")
        /// The configuration cannot work, said in `detail` (a sentence).
        package static let configuration = Code("transport.configuration")
        /// The hub URL is not one the node can use (`detail` says why).
        package static let invalidHubURL = Code("transport.invalid_hub_url")
        /// The client certificate or key cannot be loaded (`detail`).
        package static let clientCertificateUnusable = Code("transport.client_certificate_unusable")
        /// The CA file cannot be loaded (`detail`).
        package static let caFileUnusable = Code("transport.ca_file_unusable")
        /// A secret file (`what`, `path`) that does not exist.
        package static let secretFileMissing = Code("transport.secret_file_missing")
        /// A secret file (`what`, `path`) that is not a regular file.
        package static let secretFileNotRegular = Code("transport.secret_file_not_regular")
        /// A secret file (`what`, `path`) that other users can read.
        package static let secretFileReadableByOthers = Code("transport.secret_file_readable_by_others")

        /// Every code above, for tables and their tests.
        package static let all: [Code] = [
            .unreachable, .timedOut, .tls, .responseTooLarge, .failed, .configuration, .invalidHubURL,
            .clientCertificateUnusable, .caFileUnusable, .secretFileMissing, .secretFileNotRegular,
            .secretFileReadableByOthers,
        ]
    }

    package var code: Code
    /// The hub's host (and port), as the transport names it.
    package var host: String?
    /// The transport's own words (libcurl's; hosts and alerts, never keys or bodies), or the
    /// sentence of a `configuration` problem.
    package var detail: String?
    package var seconds: Double?
    package var limitBytes: Int?
    package var tlsProblem: TLSProblem?
    /// A secret file: its path and what it is for ("client key").
    package var path: String?
    package var what: String?

    init(
        _ code: Code, host: String? = nil, detail: String? = nil, seconds: Double? = nil, limitBytes: Int? = nil,
        tlsProblem: TLSProblem? = nil, path: String? = nil, what: String? = nil
    ) {
        self.code = code
        self.host = host
        self.detail = detail
        self.seconds = seconds
        self.limitBytes = limitBytes
        self.tlsProblem = tlsProblem
        self.path = path
        self.what = what
    }

    package static func unreachable(host: String, detail: String) -> TransportError {
        TransportError(.unreachable, host: host, detail: detail)
    }
    package static func timedOut(host: String, seconds: Double) -> TransportError {
        TransportError(.timedOut, host: host, seconds: seconds)
    }
    package static func tls(host: String, problem: TLSProblem, detail: String) -> TransportError {
        TransportError(.tls, host: host, detail: detail, tlsProblem: problem)
    }
    package static func responseTooLarge(host: String, limitBytes: Int) -> TransportError {
        TransportError(.responseTooLarge, host: host, limitBytes: limitBytes)
    }
    package static func failed(host: String, detail: String) -> TransportError {
        TransportError(.failed, host: host, detail: detail)
    }
    package static func configuration(_ sentence: String) -> TransportError {
        TransportError(.configuration, detail: sentence)
    }
    package static func invalidHubURL(_ sentence: String) -> TransportError {
        TransportError(.invalidHubURL, detail: sentence)
    }
    package static func clientCertificateUnusable(detail: String) -> TransportError {
        TransportError(.clientCertificateUnusable, detail: detail)
    }
    package static func caFileUnusable(detail: String) -> TransportError {
        TransportError(.caFileUnusable, detail: detail)
    }
    package static func secretFileMissing(what: String, path: String) -> TransportError {
        TransportError(.secretFileMissing, path: path, what: what)
    }
    package static func secretFileNotRegular(what: String, path: String) -> TransportError {
        TransportError(.secretFileNotRegular, path: path, what: what)
    }
    package static func secretFileReadableByOthers(what: String, path: String) -> TransportError {
        TransportError(.secretFileReadableByOthers, path: path, what: what)
    }

    package var message: String {
        let host = host ?? "?"
        let detail = detail ?? ""
        let path = path ?? "?"
        let what = what ?? "file"
        return switch code {
        case .unreachable: "Cannot reach the hub at \(host): \(detail)."
        case .timedOut: "The hub at \(host) did not answer within \(Int(seconds ?? 0)) seconds."
        case .tls: (tlsProblem ?? .other).sentence(host: host, detail: detail)
        case .responseTooLarge: "The hub at \(host) sent a response larger than \(limitBytes ?? 0) bytes; it was refused."
        case .clientCertificateUnusable:
            "The client certificate or key cannot be used (\(detail)). Check that --client-cert and --client-key (or ONETHING_CLIENT_CERT and ONETHING_CLIENT_KEY) name PEM files and that the key belongs to the certificate."
        case .caFileUnusable:
            "The CA file cannot be used (\(detail)). Check that --ca-file (or ONETHING_CA_FILE) names a PEM file of certificate authorities."
        case .secretFileMissing: "The \(what) \(path) does not exist; check the path."
        case .secretFileNotRegular: "The \(what) \(path) is not a regular file."
        case .secretFileReadableByOthers: "The \(what) \(path) can be read by other users; run `chmod 600 \(path)` and try again."
        case .failed: "The exchange with the hub at \(host) failed: \(detail)."
        default: detail
        }
    }

    /// A problem of the node's configuration (files, the hub URL): a person must fix it;
    /// retrying does not help.
    package var isConfiguration: Bool {
        [.configuration, .invalidHubURL, .clientCertificateUnusable, .caFileUnusable, .secretFileMissing,
         .secretFileNotRegular, .secretFileReadableByOthers].contains(code)
    }

    /// Worth trying again later (exit 75), as opposed to a configuration or TLS problem.
    package var isTemporary: Bool { !isConfiguration && code != .tls }
}
