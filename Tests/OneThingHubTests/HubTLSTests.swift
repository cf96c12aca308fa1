import Foundation
import OneThingHub
import OneThingWire
import TestSupport
import Testing

@Suite("Hub TLS set-up and the loopback rule")
struct HubTLSTests {
    @Test(arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("LOCALHOST", true), ("::1", true), ("[::1]", true),
        ("0.0.0.0", false), ("::", false), ("192.0.2.1", false), ("127.0.0.1.example.org", false), ("128.0.0.1", false),
        ("hub.example.gov.cn", false), ("127.0.0", false),
    ])
    func loopbackHosts(host: String, loopback: Bool) {
        #expect(LoopbackHost.contains(host) == loopback)
    }

    @Test(.enabled(if: TestCertificates.isAvailable))
    func loadsAServerCertificateWithAndWithoutClientCA() throws {
        let pki = try TestCertificates()
        let plain = try HubTLS.load(certificate: pki.serverCertificate, key: pki.serverKey, clientCA: nil)
        #expect(plain.requiresClientCertificates == false)
        let mutual = try HubTLS.load(certificate: pki.serverCertificate, key: pki.serverKey, clientCA: pki.caCertificate)
        #expect(mutual.requiresClientCertificates == true)
    }

    @Test(.enabled(if: TestCertificates.isAvailable))
    func refusesAKeyOthersCanReadAndAKeyOfAnotherCertificate() throws {
        let pki = try TestCertificates()
        chmod(pki.serverKey, 0o640)
        #expect(throws: HubError.tlsFileUnusable(
            option: "--tls-key", path: pki.serverKey, reason: "other users can read it; run `chmod 600 \(pki.serverKey)`")
        ) {
            try HubTLS.load(certificate: pki.serverCertificate, key: pki.serverKey, clientCA: nil)
        }
        chmod(pki.serverKey, 0o600)
        do {
            _ = try HubTLS.load(certificate: pki.serverCertificate, key: pki.clientKey, clientCA: nil)
            Issue.record("a key of another certificate was accepted")
        } catch {
            guard error.code == .tlsFileUnusable, let option = error.option, let reason = error.reason else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(option == "--tls-key")
            #expect(reason.contains("does not belong"))
        }
    }
}
