import CCurl
import OneThingSync

/// The one place that turns a failed `curl_easy_perform` into a `TransportError`.
/// `detail` is `curl_easy_strerror` plus libcurl's error buffer; it names hosts and ports,
/// never request or response bodies. `sentClientCertificate` tells a missing client
/// certificate from a refused one.
func transportError(
    for code: CURLcode,
    detail: String,
    authority: String,
    timeoutSeconds: Double,
    limitBytes: Int,
    sentClientCertificate: Bool = false
) -> TransportError {
    // With TLS 1.3 the hub checks the client certificate after the client considers the
    // handshake done, so its refusal (an alert) is seen on the first read or write:
    // CURLE_RECV_ERROR or CURLE_SEND_ERROR, not a handshake error. The alert decides.
    if let problem = TLSAlert.clientCertificateProblem(in: detail, sentClientCertificate: sentClientCertificate) {
        return .tls(host: authority, problem: problem, detail: detail)
    }
    switch code {
    case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
         CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
        return .unreachable(host: authority, detail: detail)
    case CURLE_OPERATION_TIMEDOUT:
        return .timedOut(host: authority, seconds: timeoutSeconds)
    case CURLE_PEER_FAILED_VERIFICATION:
        return .tls(host: authority, problem: TLSAlert.hubCertificateProblem(in: detail), detail: detail)
    case CURLE_SSL_CERTPROBLEM:
        // The node's own certificate or key could not be loaded: nothing reached the hub.
        return .clientCertificateUnusable(detail: detail)
    case CURLE_SSL_CACERT_BADFILE:
        return .caFileUnusable(detail: detail)
    case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR,
         CURLE_SSL_CRL_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return .tls(host: authority, problem: .other, detail: detail)
    case CURLE_FILESIZE_EXCEEDED:
        // libcurl saw a Content-Length above CURLOPT_MAXFILESIZE_LARGE before reading the body.
        return .responseTooLarge(host: authority, limitBytes: limitBytes)
    default:
        return .failed(host: authority, detail: detail)
    }
}

/// Reads libcurl's (OpenSSL's) error text for what a person has to fix.
enum TLSAlert {
    /// Alerts a TLS server sends when it refuses the client's certificate, as OpenSSL
    /// words them ("tlsv13 alert certificate required", "tlsv1 alert unknown ca", ...).
    private static let refusals = [
        "alert unknown ca", "alert bad certificate", "alert certificate unknown",
        "alert unsupported certificate", "alert certificate revoked", "alert access denied",
    ]

    static func clientCertificateProblem(in detail: String, sentClientCertificate: Bool) -> TLSProblem? {
        let text = detail.lowercased()
        if text.contains("alert certificate required") {
            return .clientCertificateRequired
        }
        if text.contains("alert certificate expired") {
            return sentClientCertificate ? .clientCertificateExpired : .clientCertificateRequired
        }
        if refusals.contains(where: text.contains) {
            return sentClientCertificate ? .clientCertificateRefused : .clientCertificateRequired
        }
        return nil
    }

    /// CURLE_PEER_FAILED_VERIFICATION: which check on the hub's certificate failed.
    static func hubCertificateProblem(in detail: String) -> TLSProblem {
        let text = detail.lowercased()
        if text.contains("expired") || text.contains("not yet valid") {
            return .hubCertificateExpired
        }
        if text.contains("subject name") || text.contains("does not match") || text.contains("hostname mismatch") {
            return .hubCertificateWrongName
        }
        return .hubCertificateUntrusted
    }
}
