import Foundation
package import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import OneThingWire

/// TLS for `onething-hub serve`: the hub's certificate chain and key, and optionally the
/// certificate authority whose client certificates it requires (mutual TLS). Loaded and
/// checked once at start-up, so that a bad file stops the hub with a clear message before
/// it listens. Messages name files and options, never what a key file holds.
package struct HubTLS: Sendable {
    /// Hummingbird's server builder: HTTP/1.1 inside TLS.
    package let server: HTTPServerBuilder
    /// Whether a client must present a certificate signed by the client CA.
    package let requiresClientCertificates: Bool

    package static func load(certificate: String, key: String, clientCA: String?) throws(HubError) -> HubTLS {
        try PrivateKeyFile.check(key, option: "--tls-key")
        let chain = try certificates(certificate, option: "--tls-cert", what: "the hub's certificate")
        let privateKey: NIOSSLPrivateKey
        do {
            privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        } catch {
            throw .tlsFileUnusable(
                option: "--tls-key", path: key, reason: "it does not hold a PEM private key (unencrypted)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        if let clientCA {
            let authorities = try certificates(clientCA, option: "--tls-client-ca", what: "certificate authorities")
            configuration.trustRoots = .certificates(authorities)
            // Client certificates are required and verified against the client CA; a node
            // is not a host name, so there is no name to check.
            configuration.certificateVerification = .noHostnameVerification
        } else {
            configuration.certificateVerification = .none
        }
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .tlsFileUnusable(
                option: "--tls-key", path: key,
                reason: "it does not belong to the certificate in \(certificate) (or a file is damaged)")
        }
        let server: HTTPServerBuilder
        do {
            server = try .tls(.http1(), tlsConfiguration: configuration)
        } catch {
            throw .tlsFileUnusable(option: "--tls-cert", path: certificate, reason: "TLS cannot be set up with it")
        }
        return HubTLS(server: server, requiresClientCertificates: clientCA != nil)
    }

    private static func certificates(_ path: String, option: String, what: String) throws(HubError) -> [NIOSSLCertificate] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .tlsFileUnusable(option: option, path: path, reason: "it does not exist or cannot be read by this user")
        }
        let loaded: [NIOSSLCertificate]
        do {
            loaded = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw .tlsFileUnusable(option: option, path: path, reason: "it does not hold \(what) in PEM form")
        }
        guard !loaded.isEmpty else {
            throw .tlsFileUnusable(option: option, path: path, reason: "it holds no certificate")
        }
        return loaded
    }
}

/// A private key on disk must be a regular file that only its owner can read.
enum PrivateKeyFile {
    static func check(_ path: String, option: String) throws(HubError) {
        if let problem = SecretFile.problem(at: path) {
            throw .tlsFileUnusable(option: option, path: path, reason: SecretFile.reason(problem, path: path))
        }
    }
}
