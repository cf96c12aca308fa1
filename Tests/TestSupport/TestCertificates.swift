import Foundation

/// A throwaway public-key infrastructure for the TLS tests, made with the `openssl` command
/// (installed by scripts/install-deps.sh) in its own temporary folder: a test CA; a server
/// certificate for 127.0.0.1 and localhost signed by it; a client certificate (node
/// `ward-1`) signed by it; an unrelated second CA with a server and a client certificate
/// of its own; and an expired server certificate from the test CA (signed under
/// `faketime` in 2020). Every private key file is mode 0600.
package final class TestCertificates: @unchecked Sendable {
    package let directory: TemporaryDirectory

    /// The test CA: what nodes trust (`--ca-file`) and what the hub requires of clients.
    package var caCertificate: String { directory.file("ca.pem") }
    package var serverCertificate: String { directory.file("server.pem") }
    package var serverKey: String { directory.file("server.key") }
    package var clientCertificate: String { directory.file("client.pem") }
    package var clientKey: String { directory.file("client.key") }
    /// The unrelated CA, trusted by nobody in the tests.
    package var otherCACertificate: String { directory.file("other-ca.pem") }
    /// The server's key, certified by the unrelated CA.
    package var serverCertificateFromOtherCA: String { directory.file("server-other.pem") }
    /// The client's key, certified by the unrelated CA.
    package var clientCertificateFromOtherCA: String { directory.file("client-other.pem") }
    /// The server's key, certified by the test CA for two days in January 2020.
    package var expiredServerCertificate: String { directory.file("server-expired.pem") }

    package static let opensslPath = "/usr/bin/openssl"

    /// Whether `openssl` and `faketime` are installed.
    package static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: opensslPath) && SkewedClock.isAvailable
    }

    package init() throws {
        directory = TemporaryDirectory("onething-pki")
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        let caExtensions = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]
        for (name, subject) in [("ca", "/CN=OneThing Test CA"), ("other-ca", "/CN=Unrelated Test CA")] {
            try openssl(["req", "-x509"] + ec + [
                "-keyout", "\(name).key", "-out", "\(name).pem", "-days", "30", "-subj", subject,
            ] + caExtensions)
        }
        try write("server.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n")
        try write("client.ext", "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n")
        try openssl(["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"])
        try openssl(["req"] + ec + ["-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=ward-1"])
        try sign("server.csr", by: "ca", as: "server.pem", extensions: "server.ext")
        try sign("server.csr", by: "other-ca", as: "server-other.pem", extensions: "server.ext")
        try sign("client.csr", by: "ca", as: "client.pem", extensions: "client.ext")
        try sign("client.csr", by: "other-ca", as: "client-other.pem", extensions: "client.ext")
        try sign("server.csr", by: "ca", as: "server-expired.pem", extensions: "server.ext", days: 2, at: "2020-01-01 00:00:00")
        for key in ["ca.key", "other-ca.key", "server.key", "client.key"] {
            chmod(directory.file(key), 0o600)
        }
    }

    private func sign(_ request: String, by ca: String, as output: String, extensions: String, days: Int = 30, at time: String? = nil) throws {
        try openssl([
            "x509", "-req", "-in", request, "-CA", "\(ca).pem", "-CAkey", "\(ca).key", "-CAcreateserial",
            "-out", output, "-days", String(days), "-extfile", extensions,
        ], at: time)
    }

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory.file(name)))
    }

    /// Runs openssl in the folder; `time` runs it under faketime at that wall-clock time.
    private func openssl(_ arguments: [String], at time: String? = nil) throws {
        let process = Process()
        if let time {
            process.executableURL = URL(fileURLWithPath: SkewedClock.launcherPath)
            process.arguments = [time, Self.opensslPath] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: Self.opensslPath)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.openssl(arguments.prefix(2).joined(separator: " "), String(decoding: text, as: UTF8.self))
        }
    }

    package enum Failure: Error {
        case openssl(String, String)
    }
}
