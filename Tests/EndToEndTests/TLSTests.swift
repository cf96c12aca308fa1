import Foundation
import TestSupport
import Testing

/// The real hub behind TLS with a throwaway test CA, and the real node through libcurl:
/// mutual TLS end to end, and each way a certificate or key can be wrong.
@Suite("TLS and mutual TLS between the real node and the real hub", .serialized, .enabled(if: TestCertificates.isAvailable))
struct TLSTests {
    let pki: TestCertificates

    init() throws {
        pki = try TestCertificates()
    }

    /// The hub with the test CA's server certificate, requiring client certificates.
    private func mutualTLS() -> HubProcess.TLSFiles {
        HubProcess.TLSFiles(certificate: pki.serverCertificate, key: pki.serverKey, clientCA: pki.caCertificate)
    }

    private var clientOptions: [String] {
        ["--ca-file", pki.caCertificate, "--client-cert", pki.clientCertificate, "--client-key", pki.clientKey]
    }

    private func queued(_ loop: Loop) throws -> Int? {
        (try loop.nodeStatus()["applications"] as? [String: Int])?["queued"]
    }

    @Test("file -> sync over mutual TLS -> decision -> sync brings it back")
    func mutualTLSLoop() throws {
        let loop = Loop()
        let hub = try loop.startHub(tls: mutualTLS())
        #expect(hub.url.hasPrefix("https://127.0.0.1:"))
        _ = try loop.setUpNode(url: hub.url)
        let id = try loop.file()[0]
        let sent = try loop.node(["sync"] + clientOptions)
        #expect(sent.code == 0, "sync: \(sent.stderr)")
        #expect(sent.stdout.contains("sent 1"))
        let provinceNo = try #require(try loop.nodeShow(id)["province_no"] as? String)
        #expect(try loop.hub(["decide", provinceNo, "birth-certificate", "approve"]).code == 0)
        // The same options from the environment, as sync/onething-sync.env sets them.
        let pulled = try loop.node.run(
            ["sync", "--db", loop.nodeDB],
            environment: [
                "ONETHING_CA_FILE": pki.caCertificate, "ONETHING_CLIENT_CERT": pki.clientCertificate,
                "ONETHING_CLIENT_KEY": pki.clientKey,
            ])
        #expect(pulled.code == 0, "sync: \(pulled.stderr)")
        #expect(try loop.nodeShow(id).items()["birth-certificate"] == "approved")
    }

    @Test("no client certificate against a mutual-TLS hub: 69, clear message, nothing lost; then delivered once")
    func missingClientCertificate() throws {
        let loop = Loop()
        let hub = try loop.startHub(tls: mutualTLS())
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file()
        let refused = try loop.node(["sync", "--retry-budget", "5", "--ca-file", pki.caCertificate])
        #expect(refused.code == 69, "sync without a client certificate: \(refused.stderr)")
        #expect(refused.stderr.contains("client certificate"))
        #expect(refused.stderr.contains("--client-cert"))
        #expect(refused.stderr.contains("127.0.0.1:\(hub.port)"))
        #expect(try queued(loop) == 1)
        #expect(try loop.hubApplications().isEmpty)

        let delivered = try loop.node(["sync"] + clientOptions)
        #expect(delivered.code == 0, "sync: \(delivered.stderr)")
        #expect(try queued(loop) == 0)
        let again = try loop.node(["sync"] + clientOptions)
        #expect(again.code == 0, "sync: \(again.stderr)")
        #expect(try loop.hubApplications().count == 1)
    }

    @Test("a client certificate from another CA is refused by the hub: 69, names the client certificate")
    func clientCertificateFromAnotherCA() throws {
        let loop = Loop()
        let hub = try loop.startHub(tls: mutualTLS())
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file()
        let run = try loop.node([
            "sync", "--retry-budget", "5", "--ca-file", pki.caCertificate,
            "--client-cert", pki.clientCertificateFromOtherCA, "--client-key", pki.clientKey,
        ])
        #expect(run.code == 69, "sync: \(run.stderr)")
        #expect(run.stderr.contains("refused this node's client certificate"))
        #expect(run.stderr.contains("--client-cert"))
        #expect(try queued(loop) == 1)
    }

    @Test("a hub certificate signed by another CA: 69, names --ca-file")
    func hubCertificateFromAnotherCA() throws {
        let loop = Loop()
        let hub = try loop.startHub(
            tls: HubProcess.TLSFiles(certificate: pki.serverCertificateFromOtherCA, key: pki.serverKey))
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file()
        let run = try loop.node(["sync", "--retry-budget", "5", "--ca-file", pki.caCertificate])
        #expect(run.code == 69, "sync: \(run.stderr)")
        #expect(run.stderr.contains("does not trust"))
        #expect(run.stderr.contains("--ca-file"))
        #expect(try queued(loop) == 1)
        #expect(try loop.hubApplications().isEmpty)
    }

    @Test("an expired hub certificate: 69, says it expired")
    func expiredHubCertificate() throws {
        let loop = Loop()
        let hub = try loop.startHub(tls: HubProcess.TLSFiles(certificate: pki.expiredServerCertificate, key: pki.serverKey))
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file()
        let run = try loop.node(["sync", "--retry-budget", "5", "--ca-file", pki.caCertificate])
        #expect(run.code == 69, "sync: \(run.stderr)")
        #expect(run.stderr.contains("expired"))
        #expect(try queued(loop) == 1)
    }

    @Test("the hub refuses plain http on a non-loopback address: 78, names the TLS options")
    func plainHTTPOnTheNetwork() throws {
        let loop = Loop()
        for host in ["0.0.0.0", "192.0.2.1"] {
            let run = try HubProcess.runToExit(["--db", loop.hubDB, "--port", "0", "--host", host])
            #expect(run.code == 78, "serve --host \(host): \(run.stdout) \(run.stderr)")
            #expect(run.stderr.contains("--tls-cert"))
            #expect(run.stderr.contains("--tls-key"))
            #expect(!run.stdout.contains("listening"))
        }
    }

    @Test("a key file others can read: 78 for the hub and for the node, saying what to chmod")
    func keyFilesOthersCanRead() throws {
        let loop = Loop()
        let hubKey = loop.dir.file("hub-open.key")
        try FileManager.default.copyItem(atPath: pki.serverKey, toPath: hubKey)
        chmod(hubKey, 0o644)
        let keyText = try String(contentsOfFile: pki.serverKey, encoding: .utf8)
        let hubRun = try HubProcess.runToExit([
            "--db", loop.hubDB, "--port", "0", "--tls-cert", pki.serverCertificate, "--tls-key", hubKey,
        ])
        #expect(hubRun.code == 78, "serve: \(hubRun.stdout) \(hubRun.stderr)")
        #expect(hubRun.stderr.contains("chmod 600 \(hubKey)"))
        #expect(!hubRun.stderr.contains("PRIVATE KEY") && !hubRun.stderr.contains(keyText))

        let hub = try loop.startHub(tls: mutualTLS())
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file()
        let nodeKey = loop.dir.file("node-open.key")
        try FileManager.default.copyItem(atPath: pki.clientKey, toPath: nodeKey)
        chmod(nodeKey, 0o644)
        let nodeRun = try loop.node([
            "sync", "--ca-file", pki.caCertificate, "--client-cert", pki.clientCertificate, "--client-key", nodeKey,
        ])
        #expect(nodeRun.code == 78, "sync: \(nodeRun.stderr)")
        #expect(nodeRun.stderr.contains("chmod 600 \(nodeKey)"))
        #expect(!nodeRun.stderr.contains("PRIVATE KEY"))
        #expect(try queued(loop) == 1)
    }

    @Test("bad certificate or key files stop the hub with 78 before it listens")
    func unusableHubFiles() throws {
        let loop = Loop()
        let notPEM = loop.dir.file("not-a-certificate.pem")
        try Data("not a certificate".utf8).write(to: URL(fileURLWithPath: notPEM))
        let cases: [([String], String)] = [
            (["--tls-cert", loop.dir.file("missing.pem"), "--tls-key", pki.serverKey], "missing.pem"),
            (["--tls-cert", notPEM, "--tls-key", pki.serverKey], "not-a-certificate.pem"),
            // The client's key with the server's certificate: they do not belong together.
            (["--tls-cert", pki.serverCertificate, "--tls-key", pki.clientKey], "does not belong"),
            (["--tls-cert", pki.serverCertificate, "--tls-key", pki.serverKey, "--tls-client-ca", notPEM], "--tls-client-ca"),
        ]
        for (arguments, expected) in cases {
            let run = try HubProcess.runToExit(["--db", loop.hubDB, "--port", "0"] + arguments)
            #expect(run.code == 78, "serve \(arguments): \(run.stdout) \(run.stderr)")
            #expect(run.stderr.contains(expected), "\(run.stderr)")
            #expect(!run.stderr.contains("PRIVATE KEY"))
        }
    }

    @Test("the node refuses plain http to another machine: 78")
    func nodePlainHTTPToTheNetwork() throws {
        let loop = Loop()
        let tokenFile = loop.dir.file("token")
        try loop.writeToken("a-token-that-is-long-enough-0000", to: tokenFile)
        let run = try loop.node(["init", "--hub", "http://192.0.2.1:8080", "--node-id", "ward-1", "--token-file", tokenFile])
        #expect(run.code == 78, "init: \(run.stderr)")
        #expect(run.stderr.contains("https"))

        // A database that holds such a URL anyway (set by hand, or by an older version):
        // sync refuses it before sending anything.
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file()
        _ = try loop.sql("UPDATE node_config SET value = 'http://192.0.2.1:\(hub.port)' WHERE key = 'hub_url'")
        let sync = try loop.node(["sync", "--retry-budget", "0"])
        #expect(sync.code == 78, "sync: \(sync.stderr)")
        #expect(sync.stderr.contains("plain http"))
        #expect(try queued(loop) == 1)
    }
}
