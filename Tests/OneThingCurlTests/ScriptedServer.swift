import Foundation
import TestSupport

struct ScriptedServerError: Error, CustomStringConvertible {
    let description: String
}

/// The Python server of `serverScript`, running for as long as this value lives.
final class ScriptedServer: @unchecked Sendable {
    // @unchecked: `process` and `input` are only touched in init and deinit.
    let port: Int
    private let process: Process
    /// The server's stdin; closing it makes the server exit.
    private let input: Pipe
    private let directory: TemporaryDirectory

    init(arguments: [String] = []) throws {
        directory = TemporaryDirectory("onething-curl")
        input = Pipe()
        (process, port) = try ScriptedServer.launch(directory: directory, arguments: arguments, input: input)
    }

    /// An https server with `certificate` (see `SelfSignedCertificate`).
    convenience init(tls certificate: SelfSignedCertificate) throws {
        try self.init(arguments: ["tls", certificate.certificatePath, certificate.keyPath])
    }

    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning {
            process.terminate()
        }
        process.waitUntilExit()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// A loopback port nothing listens on: bound and released by a short-lived python3.
    static func freePort() throws -> Int {
        let directory = TemporaryDirectory("onething-curl")
        let (process, port) = try launch(directory: directory, arguments: ["freeport"], input: Pipe())
        process.waitUntilExit()
        return port
    }

    private static func launch(directory: TemporaryDirectory, arguments: [String], input: Pipe) throws -> (Process, Int) {
        let script = directory.file("server.py")
        try serverScript.write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = input
        try process.run()
        var buffer = Data()
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let line = String(decoding: buffer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(line), port > 0 else {
            try? input.fileHandleForWriting.close()
            if process.isRunning { process.terminate() }
            throw ScriptedServerError(description: "the scripted python3 server did not print a port (got \"\(line)\")")
        }
        return (process, port)
    }
}

/// `/echo`'s JSON.
struct Echo: Decodable {
    let method: String
    let path: String
    let headers: [String: String]
    let rawLength: Int
    let gzipMagic: Bool
    let bodyLength: Int
    let sha256: String
    let bodyBase64: String
    let clientPort: Int

    var body: Data { Data(base64Encoded: bodyBase64) ?? Data() }
}

/// `/stats`' JSON.
struct ServerStats: Decodable {
    let connections: Int
    let ports: [Int]
    let maxInFlight: Int
}

/// A throwaway certificate for 127.0.0.1 (and only that), made with the openssl tool.
struct SelfSignedCertificate {
    let directory: TemporaryDirectory
    var certificatePath: String { directory.file("cert.pem") }
    var keyPath: String { directory.file("key.pem") }

    static var opensslAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")
            || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/openssl")
    }

    init() throws {
        directory = TemporaryDirectory("onething-curl-tls")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", directory.file("key.pem"), "-out", directory.file("cert.pem"),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ScriptedServerError(description: "openssl could not make a test certificate (status \(process.terminationStatus))")
        }
    }
}
