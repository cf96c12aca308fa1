import Foundation
import TestSupport

struct ScriptedServerError: Error, CustomStringConvertible {
    let description: String
}

/// The Python server of `serverScript`, running for as long as this value lives.
final class ScriptedServer: @unchecked Sendable {
    // @unchecked: `process` is only touched in init and deinit.
    let port: Int
    private let process: Process
    private let directory: TemporaryDirectory

    init() throws {
        directory = TemporaryDirectory("onething-curl")
        (process, port) = try ScriptedServer.launch(directory: directory, arguments: [])
    }

    deinit {
        if process.isRunning {
            process.terminate()
        }
        process.waitUntilExit()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// A loopback port nothing listens on: bound and released by a short-lived python3.
    static func freePort() throws -> Int {
        let directory = TemporaryDirectory("onething-curl")
        let (process, port) = try launch(directory: directory, arguments: ["freeport"])
        process.waitUntilExit()
        return port
    }

    private static func launch(directory: TemporaryDirectory, arguments: [String]) throws -> (Process, Int) {
        let script = directory.file("server.py")
        try serverScript.write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let line = String(decoding: buffer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(line), port > 0 else {
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
