import Foundation

/// The real `onething-hub serve` on a loopback port, for end-to-end tests. Started with
/// `--port 0`; the URL (http, or https with `tls`) comes from its `listening on` line.
/// Stopped (SIGTERM) on `stop()` or when the value goes away.
package final class HubProcess: @unchecked Sendable {
    package let url: String
    package let database: String
    package let adminToken: String
    private let process: Process
    private let launched: Bool

    package init(
        database: String, directory: TemporaryDirectory, arguments: [String] = [], environment: [String: String] = [:],
        launcher: [String] = [], logFile: String? = nil, tls: TLSFiles? = nil, port: Int = 0
    ) throws {
        self.database = database
        adminToken = "admin-" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let tokenFile = directory.file("admin-token-\(UUID().uuidString.prefix(6))")
        try Data(adminToken.utf8).write(to: URL(fileURLWithPath: tokenFile))
        chmod(tokenFile, 0o600)
        let process = Process()
        launched = !launcher.isEmpty
        let serve = ["serve", "--db", database, "--port", String(port), "--admin-token-file", tokenFile] + (tls?.arguments ?? []) + arguments
        if let first = launcher.first {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = Array(launcher.dropFirst()) + [BuiltBinary("onething-hub").path] + serve
        } else {
            process.executableURL = URL(fileURLWithPath: BuiltBinary("onething-hub").path)
            process.arguments = serve
        }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe()
        process.standardOutput = out
        if let logFile, FileManager.default.createFile(atPath: logFile, contents: nil),
            let handle = FileHandle(forWritingAtPath: logFile)
        {
            process.standardError = handle
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        self.process = process
        var buffer = Data()
        let deadline = Date().addingTimeInterval(60)
        var found: String?
        while found == nil && Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            if let range = text.range(of: #"listening on (https?://127\.0\.0\.1:\d+)"#, options: .regularExpression) {
                found = String(text[range].dropFirst("listening on ".count))
            }
        }
        guard let found else {
            process.terminate()
            throw HubProcessError.didNotStart(String(decoding: buffer, as: UTF8.self))
        }
        url = found
        // Keep draining stdout so the hub never blocks on a full pipe.
        DispatchQueue.global().async {
            while !out.fileHandleForReading.availableData.isEmpty {}
        }
    }

    package var port: Int { Int(url.split(separator: ":").last ?? "0") ?? 0 }

    /// The hub's certificate and key, and the CA whose client certificates it requires.
    package struct TLSFiles: Sendable {
        package var certificate: String
        package var key: String
        package var clientCA: String?

        package init(certificate: String, key: String, clientCA: String? = nil) {
            self.certificate = certificate
            self.key = key
            self.clientCA = clientCA
        }

        package var arguments: [String] {
            ["--tls-cert", certificate, "--tls-key", key] + (clientCA.map { ["--tls-client-ca", $0] } ?? [])
        }
    }

    /// Runs `onething-hub serve ARGUMENTS` that is expected to refuse to start: waits for it
    /// to exit, or stops it after `seconds` (a hub that serves when it should not) and
    /// returns what it printed with code -1.
    package static func runToExit(_ arguments: [String], within seconds: Double = 30) throws -> BuiltBinary.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltBinary("onething-hub").path)
        process.arguments = ["serve"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let stoppedByUs = process.isRunning
        if stoppedByUs { process.terminate() }
        process.waitUntilExit()
        return BuiltBinary.Run(
            code: stoppedByUs ? -1 : process.terminationStatus,
            stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    package func stop() {
        guard process.isRunning else { return }
        if launched {
            // A launcher (faketime) waits for the hub without passing SIGTERM on: stop the
            // hub, its child, and the launcher follows.
            let pkill = Process()
            pkill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
            pkill.arguments = ["-TERM", "-P", String(process.processIdentifier)]
            try? pkill.run()
            pkill.waitUntilExit()
        } else {
            process.terminate()
        }
        process.waitUntilExit()
    }

    /// Kills the hub at once (SIGKILL), as a crash or an operator's `kill -9` would: no
    /// request it is working on gets an answer.
    package func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }

    package enum HubProcessError: Error {
        case didNotStart(String)
    }
}

/// A loopback port that nothing listens on (for "hub down" tests).
package enum ClosedPort {
    package static func find() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
