public import OneThingModel

/// Why an exchange with the hub did not produce a response: a `code` and the facts its
/// message needs. Messages name the host and what failed; they never contain request
/// bodies (applicants' data).
public struct TransportError: CodedError, Hashable {
    public struct Code: ErrorCode {
        public let rawValue: String

        init(_ rawValue: String) { self.rawValue = rawValue }

        /// DNS, connection refused, reset: `host`, `detail` (the transport's own words).
        public static let unreachable = Code("transport.unreachable")
        /// `host`, `seconds`.
        public static let timedOut = Code("transport.timed_out")
        /// Certificate verification or handshake failure (`host`, `tlsProblem`, `detail`): a
        /// person must fix the configuration.
        public static let tls = Code("transport.tls")
        /// The response grew past the configured limit and was abandoned: `host`, `limitBytes`.
        public static let responseTooLarge = Code("transport.response_too_large")
        /// Anything else the transport reports: `host`, `detail`.
        public static let failed = Code("transport.failed")
        /// The configuration cannot work, said in `detail` (a sentence).
        public static let configuration = Code("transport.configuration")
        /// The hub URL is not one the node can use (`detail` says why).
        public static let invalidHubURL = Code("transport.invalid_hub_url")
        /// The client certificate or key cannot be loaded (`detail`).
        public static let clientCertificateUnusable = Code("transport.client_certificate_unusable")
        /// The CA file cannot be loaded (`detail`).
        public static let caFileUnusable = Code("transport.ca_file_unusable")
        /// A secret file (`what`, `path`) that does not exist.
        public static let secretFileMissing = Code("transport.secret_file_missing")
        /// A secret file (`what`, `path`) that is not a regular file.
        public static let secretFileNotRegular = Code("transport.secret_file_not_regular")
        /// A secret file (`what`, `path`) that other users can read.
        public static let secretFileReadableByOthers = Code("transport.secret_file_readable_by_others")

        /// Every code above, for tables and their tests.
        public static let all: [Code] = [
            .unreachable, .timedOut, .tls, .responseTooLarge, .failed, .configuration, .invalidHubURL,
            .clientCertificateUnusable, .caFileUnusable, .secretFileMissing, .secretFileNotRegular,
            .secretFileReadableByOthers,
        ]
    }

    public var code: Code
    /// The hub's host (and port), as the transport names it.
    public var host: String?
    /// The transport's own words (libcurl's; hosts and alerts, never keys or bodies), or the
    /// sentence of a `configuration` problem.
    public var detail: String?
    public var seconds: Double?
    public var limitBytes: Int?
    public var tlsProblem: TLSProblem?
    /// A secret file: its path and what it is for ("client key").
    public var path: String?
    public var what: String?

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

    public static func unreachable(host: String, detail: String) -> TransportError {
        TransportError(.unreachable, host: host, detail: detail)
    }
    public static func timedOut(host: String, seconds: Double) -> TransportError {
        TransportError(.timedOut, host: host, seconds: seconds)
    }
    public static func tls(host: String, problem: TLSProblem, detail: String) -> TransportError {
        TransportError(.tls, host: host, detail: detail, tlsProblem: problem)
    }
    public static func responseTooLarge(host: String, limitBytes: Int) -> TransportError {
        TransportError(.responseTooLarge, host: host, limitBytes: limitBytes)
    }
    public static func failed(host: String, detail: String) -> TransportError {
        TransportError(.failed, host: host, detail: detail)
    }
    public static func configuration(_ sentence: String) -> TransportError {
        TransportError(.configuration, detail: sentence)
    }
    public static func invalidHubURL(_ sentence: String) -> TransportError {
        TransportError(.invalidHubURL, detail: sentence)
    }
    public static func clientCertificateUnusable(detail: String) -> TransportError {
        TransportError(.clientCertificateUnusable, detail: detail)
    }
    public static func caFileUnusable(detail: String) -> TransportError {
        TransportError(.caFileUnusable, detail: detail)
    }
    public static func secretFileMissing(what: String, path: String) -> TransportError {
        TransportError(.secretFileMissing, path: path, what: what)
    }
    public static func secretFileNotRegular(what: String, path: String) -> TransportError {
        TransportError(.secretFileNotRegular, path: path, what: what)
    }
    public static func secretFileReadableByOthers(what: String, path: String) -> TransportError {
        TransportError(.secretFileReadableByOthers, path: path, what: what)
    }

    public var message: String {
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
    public var isConfiguration: Bool {
        [.configuration, .invalidHubURL, .clientCertificateUnusable, .caFileUnusable, .secretFileMissing,
         .secretFileNotRegular, .secretFileReadableByOthers].contains(code)
    }

    /// Worth trying again later (exit 75), as opposed to a configuration or TLS problem.
    public var isTemporary: Bool { !isConfiguration && code != .tls }
}
