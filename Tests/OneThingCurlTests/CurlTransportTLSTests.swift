import Foundation
import OneThingCurl
import OneThingSync
import Testing

/// Against a local https server with a self-signed certificate for 127.0.0.1: the transport
/// verifies the peer and the host name, and trusts exactly what `caFile` names.
@Suite("CurlTransport TLS", .enabled(if: SelfSignedCertificate.opensslAvailable), .timeLimit(.minutes(1)))
struct CurlTransportTLSTests {
    let certificate: SelfSignedCertificate
    let server: ScriptedServer

    init() throws {
        certificate = try SelfSignedCertificate()
        server = try ScriptedServer(tls: certificate)
    }

    private func transport(host: String = "127.0.0.1", caFile: String?) throws -> CurlTransport {
        try CurlTransport(configuration: CurlConfiguration(
            baseURL: "https://\(host):\(server.port)", connectTimeoutSeconds: 1, totalTimeoutSeconds: 2, caFile: caFile))
    }

    @Test func trustedCertificateFromTheCAFileWorksAndKeepsTheConnection() async throws {
        let transport = try transport(caFile: certificate.certificatePath)
        let body = Data(String(repeating: "payload ", count: 2_000).utf8)
        let first = try echo(try await transport.send(HTTPRequest(method: "POST", path: "/echo", body: body, compressBody: true)))
        let second = try echo(try await transport.send(HTTPRequest(method: "GET", path: "/echo")))
        #expect(first.body == body)
        #expect(first.clientPort == second.clientPort)
    }

    @Test func unknownCertificateIsRefusedAsTLS() async throws {
        let transport = try transport(caFile: nil)
        let error = await sendError(transport, HTTPRequest(method: "GET", path: "/echo"))
        guard let failure = error, failure.code == .tls, let host = failure.host, let problem = failure.tlsProblem,
            let detail = failure.detail
        else {
            Issue.record("expected tls, got \(String(describing: error))")
            return
        }
        #expect(host == "127.0.0.1:\(server.port)")
        #expect(detail.contains("certificate"))
        #expect(problem == .hubCertificateUntrusted)
        #expect(error?.isTemporary == false)
    }

    @Test func certificateForAnotherNameIsRefusedAsTLS() async throws {
        // The certificate names 127.0.0.1 only; "localhost" reaches the same server.
        let transport = try transport(host: "localhost", caFile: certificate.certificatePath)
        let error = await sendError(transport, HTTPRequest(method: "GET", path: "/echo"))
        switch error?.code {
        case .tls?:
            #expect(error?.tlsProblem == .hubCertificateWrongName)
        case .unreachable? where error?.detail?.contains("::1") == true:
            break // localhost resolved to ::1 only, where nothing listens: no verdict possible.
        default:
            Issue.record("expected tls, got \(String(describing: error))")
        }
    }
}
