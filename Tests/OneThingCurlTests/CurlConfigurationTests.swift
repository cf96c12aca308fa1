import Foundation
@testable import OneThingCurl
import OneThingSync
import OneThingWire
import TestSupport
import Testing

/// Configuration checks happen in `CurlTransport.init`, which sends nothing: the remote
/// addresses below (192.0.2.0/24 is TEST-NET-1) are never contacted.
@Suite("CurlConfiguration validation")
struct CurlConfigurationTests {
    private func configurationError(_ configuration: CurlConfiguration) -> String? {
        do {
            _ = try CurlTransport(configuration: configuration)
            return nil
        } catch {
            guard error.isConfiguration else { return "unexpected \(error)" }
            return error.description
        }
    }

    @Test(arguments: ["http://192.0.2.1", "http://192.0.2.1:8080/api", "http://hub.example.gov.cn", "HTTP://10.0.0.1", "http://127.0.0.1.example.com"])
    func plainHTTPToRemoteHostsIsRefused(url: String) throws {
        let text = try #require(configurationError(CurlConfiguration(baseURL: url)))
        #expect(text.contains("plain http"))
        #expect(text.contains("https"))
    }

    @Test(arguments: ["http://127.0.0.1:8080", "http://127.4.5.6", "http://localhost:9", "http://LOCALHOST", "http://[::1]:8080", "https://192.0.2.1", "https://hub.example.gov.cn/prefix/"])
    func loopbackHTTPAndAnyHTTPSAreAccepted(url: String) {
        #expect(configurationError(CurlConfiguration(baseURL: url)) == nil)
    }

    @Test func aClientKeyOthersCanReadIsRefusedWithTheChmodToRun() throws {
        let directory = TemporaryDirectory("onething-curl-config")
        let certificate = directory.file("client.pem")
        let key = directory.file("client.key")
        _ = FileManager.default.createFile(atPath: certificate, contents: Data("not read here".utf8), attributes: [.posixPermissions: 0o644])
        _ = FileManager.default.createFile(atPath: key, contents: Data("SECRET-KEY-MATERIAL".utf8), attributes: [.posixPermissions: 0o644])
        let text = try #require(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", clientCertificate: certificate, clientKey: key)))
        #expect(text.contains("chmod 600 \(key)"))
        #expect(!text.contains("SECRET-KEY-MATERIAL"))
        chmod(key, 0o640)
        #expect(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", clientCertificate: certificate, clientKey: key)) != nil)
        chmod(key, 0o600)
        #expect(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", clientCertificate: certificate, clientKey: key)) == nil)
    }

    /// Without --client-key libcurl reads the key from the certificate file: the same rule.
    @Test func aCertificateFileHoldingItsKeyMustBePrivateToo() throws {
        let directory = TemporaryDirectory("onething-curl-config")
        let combined = directory.file("client-and-key.pem")
        let text = "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nSECRET\n-----END PRIVATE KEY-----\n"
        _ = FileManager.default.createFile(atPath: combined, contents: Data(text.utf8), attributes: [.posixPermissions: 0o644])
        let refused = try #require(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", clientCertificate: combined)))
        #expect(refused.contains("chmod 600 \(combined)"))
        chmod(combined, 0o600)
        #expect(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", clientCertificate: combined)) == nil)
        let certificateOnly = directory.file("client.pem")
        _ = FileManager.default.createFile(atPath: certificateOnly, contents: Data("-----BEGIN CERTIFICATE-----\n".utf8), attributes: [.posixPermissions: 0o644])
        #expect(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", clientCertificate: certificateOnly)) == nil)
    }

    @Test(arguments: ["", "hub.example.gov.cn", "ftp://hub.example.gov.cn", "file:///etc/passwd", "https://user:pw@hub.example.gov.cn", "https://hub.example.gov.cn/?x=1"])
    func malformedURLsAreRefused(url: String) {
        #expect(configurationError(CurlConfiguration(baseURL: url)) != nil)
    }

    @Test func unreadableCertificateFilesAreRefused() {
        let directory = TemporaryDirectory("onething-curl-config")
        let missing = directory.file("missing.pem")
        let ca = configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", caFile: missing))
        #expect(ca?.contains(missing) == true)
        #expect(ca?.contains("CA file") == true)
        #expect(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", clientCertificate: missing)) != nil)
        #expect(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", clientKey: missing)) != nil)
    }

    @Test func badLimitsAreRefused() {
        #expect(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", connectTimeoutSeconds: 0)) != nil)
        #expect(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", totalTimeoutSeconds: -1)) != nil)
        #expect(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", totalTimeoutSeconds: .nan)) != nil)
        #expect(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", maxResponseBytes: 0)) != nil)
        #expect(configurationError(CurlConfiguration(baseURL: "https://192.0.2.1", userAgent: "a\r\nb")) != nil)
    }

    @Test func defaults() {
        let configuration = CurlConfiguration(baseURL: "https://hub.example.gov.cn")
        #expect(configuration.connectTimeoutSeconds == 10)
        #expect(configuration.totalTimeoutSeconds == 60)
        #expect(configuration.maxResponseBytes == 64 * 1024 * 1024)
        #expect(configuration.userAgent == "onething/0.1")
    }

    @Test func errorsNameTheHostWithItsPort() throws {
        let address = try HubAddress(CurlConfiguration(baseURL: "http://[::1]:8080/"))
        #expect(address.authority == "[::1]:8080")
        #expect(address.url(for: "/v1/x") == "http://[::1]:8080/v1/x")
        let plain = try HubAddress(CurlConfiguration(baseURL: "https://hub.example.gov.cn"))
        #expect(plain.authority == "hub.example.gov.cn")
    }

    @Test(arguments: [
        ("127.0.0.1", true), ("127.255.255.254", true), ("localhost", true), ("::1", true),
        ("128.0.0.1", false), ("127.0.0", false), ("127.0.0.256", false), ("127.0.0.+1", false),
        ("localhost.example", false), ("0.0.0.0", false), ("::", false),
    ])
    func loopbackDetection(host: String, loopback: Bool) {
        #expect(LoopbackHost.contains(host) == loopback)
    }
}
