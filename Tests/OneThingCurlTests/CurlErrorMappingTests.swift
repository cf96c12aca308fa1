import CCurl
@testable import OneThingCurl
import OneThingSync
import Testing

/// What libcurl (OpenSSL backend) reports for each TLS failure, and what the node makes of
/// it. The texts are the ones curl 7.88 / OpenSSL 3.0 print; the end-to-end TLS tests check
/// the same against the real hub.
@Suite("libcurl TLS errors to TransportError")
struct CurlErrorMappingTests {
    private func map(_ code: CURLcode, _ detail: String, sentClientCertificate: Bool = false) -> TransportError {
        transportError(
            for: code, detail: detail, authority: "127.0.0.1:8443", timeoutSeconds: 10, limitBytes: 1,
            sentClientCertificate: sentClientCertificate)
    }

    @Test(arguments: [
        ("SSL certificate problem: unable to get local issuer certificate", TLSProblem.hubCertificateUntrusted),
        ("SSL certificate problem: self-signed certificate in certificate chain", .hubCertificateUntrusted),
        ("SSL certificate problem: certificate has expired", .hubCertificateExpired),
        ("SSL certificate problem: certificate is not yet valid", .hubCertificateExpired),
        ("SSL: no alternative certificate subject name matches target host name 'localhost'", .hubCertificateWrongName),
    ])
    func hubCertificateProblems(detail: String, problem: TLSProblem) {
        let error = map(CURLE_PEER_FAILED_VERIFICATION, detail)
        #expect(error == .tls(host: "127.0.0.1:8443", problem: problem, detail: detail))
        #expect(error.isTemporary == false)
        #expect(error.description.contains("127.0.0.1:8443"))
    }

    @Test func anUntrustedHubNamesTheCAFileOption() {
        let text = map(CURLE_PEER_FAILED_VERIFICATION, "SSL certificate problem: unable to get local issuer certificate").description
        #expect(text.contains("--ca-file"))
        #expect(text.contains("ONETHING_CA_FILE"))
    }

    @Test func anExpiredHubCertificateSaysSo() {
        #expect(map(CURLE_PEER_FAILED_VERIFICATION, "SSL certificate problem: certificate has expired").description.contains("expired"))
    }

    /// TLS 1.3: the hub's refusal arrives after the handshake, on the first read.
    @Test(arguments: [CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_SSL_CONNECT_ERROR])
    func aMissingClientCertificateSeenOnTheFirstReadIsNotTemporary(code: CURLcode) {
        let detail = "OpenSSL SSL_read: OpenSSL/3.0.19: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0"
        let error = map(code, detail)
        #expect(error == .tls(host: "127.0.0.1:8443", problem: .clientCertificateRequired, detail: detail))
        #expect(error.isTemporary == false)
        #expect(error.description.contains("--client-cert"))
        #expect(error.description.contains("--client-key"))
    }

    @Test(arguments: [
        "OpenSSL SSL_read: error:0A000418:SSL routines::tlsv1 alert unknown ca, errno 0",
        "OpenSSL SSL_read: error:0A000412:SSL routines::sslv3 alert bad certificate, errno 0",
        "error:0A000416:SSL routines::sslv3 alert certificate unknown",
    ])
    func aRefusedClientCertificate(detail: String) {
        let sent = map(CURLE_RECV_ERROR, detail, sentClientCertificate: true)
        #expect(sent == .tls(host: "127.0.0.1:8443", problem: .clientCertificateRefused, detail: detail))
        #expect(sent.description.contains("--client-cert"))
        // Without a certificate the same alert means none was sent.
        #expect(map(CURLE_RECV_ERROR, detail) == .tls(host: "127.0.0.1:8443", problem: .clientCertificateRequired, detail: detail))
    }

    @Test func anExpiredClientCertificate() {
        let detail = "OpenSSL SSL_read: error:0A000415:SSL routines::sslv3 alert certificate expired, errno 0"
        let error = map(CURLE_RECV_ERROR, detail, sentClientCertificate: true)
        #expect(error == .tls(host: "127.0.0.1:8443", problem: .clientCertificateExpired, detail: detail))
        #expect(error.description.contains("expired"))
    }

    @Test func anUnusableClientKeyIsConfiguration() {
        let error = map(CURLE_SSL_CERTPROBLEM, "unable to set private key file: '/etc/onething/client.key' type PEM")
        #expect(error.isConfiguration, "expected configuration, got \(error)")
        #expect(error.description.contains("--client-key"))
    }

    @Test func resetsAndRefusalsWithoutATLSAlertStayTemporary() {
        #expect(map(CURLE_RECV_ERROR, "Recv failure: Connection reset by peer").isTemporary)
        #expect(map(CURLE_COULDNT_CONNECT, "Failed to connect to 127.0.0.1 port 9: Connection refused").isTemporary)
        #expect(map(CURLE_OPERATION_TIMEDOUT, "Operation timed out").isTemporary)
    }
}
