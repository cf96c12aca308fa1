import CCurl
import OneThingSync

/// The one place that turns a failed `curl_easy_perform` into a `TransportError`.
/// `detail` is `curl_easy_strerror` plus libcurl's error buffer; it names hosts and ports,
/// never request or response bodies.
func transportError(
    for code: CURLcode,
    detail: String,
    authority: String,
    timeoutSeconds: Double,
    limitBytes: Int
) -> TransportError {
    switch code {
    case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
         CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
        return .unreachable(host: authority, detail: detail)
    case CURLE_OPERATION_TIMEDOUT:
        return .timedOut(host: authority, seconds: timeoutSeconds)
    case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM,
         CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR,
         CURLE_SSL_CRL_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return .tls(host: authority, detail: detail)
    case CURLE_FILESIZE_EXCEEDED:
        // libcurl saw a Content-Length above CURLOPT_MAXFILESIZE_LARGE before reading the body.
        return .responseTooLarge(host: authority, limitBytes: limitBytes)
    default:
        return .failed(host: authority, detail: detail)
    }
}
