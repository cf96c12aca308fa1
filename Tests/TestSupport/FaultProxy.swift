import Foundation

/// A fault-injecting HTTP/1.1 proxy on a loopback port, in front of `upstreamPort` (the
/// hub): the python3 script of `faultProxyScript`, running for as long as this value lives.
/// Which request gets which fault is drawn from `seed` and `rate`, request by request (see
/// the script); every request's fate is a line in `logPath`.
///
/// The log and anything `keep(_:)` copies live in `keptDirectory`, outside the test's
/// temporary directory, so a failing run can be looked at afterwards; `discardKept()`
/// removes them when the run passed.
package final class FaultProxy: @unchecked Sendable {
    // @unchecked: commands (the pipes and `pending`) go one at a time under `lock`.
    package let port: Int
    package let seed: UInt64
    package let keptDirectory: String
    package var logPath: String { keptDirectory + "/proxy.log" }
    package var url: String { "http://127.0.0.1:\(port)" }
    private let process: Process
    /// The proxy's stdin: commands; closing it makes the proxy exit.
    private let input: Pipe
    private let output: Pipe
    private var pending = Data()
    private let lock = NSLock()

    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    package init(upstreamPort: Int, seed: UInt64, rate: Double, stallSeconds: Double) throws {
        self.seed = seed
        keptDirectory = FileManager.default.temporaryDirectory.path + "/onething-fault-\(seed)-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: keptDirectory, withIntermediateDirectories: true)
        let script = keptDirectory + "/proxy.py"
        try faultProxyScript.write(toFile: script, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: keptDirectory + "/proxy.stderr", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, String(upstreamPort), String(seed), String(rate), keptDirectory + "/proxy.log", String(stallSeconds)]
        input = Pipe()
        output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: keptDirectory + "/proxy.stderr") ?? FileHandle.nullDevice
        try process.run()
        self.process = process
        var buffer = Data()
        let line = FaultProxy.readLine(from: output, buffer: &buffer)
        pending = buffer
        guard let port = line.flatMap({ Int($0) }), port > 0 else {
            try? input.fileHandleForWriting.close()
            if process.isRunning { process.terminate() }
            throw Failure(description: "the fault proxy did not print a port (got \"\(line ?? "")\"); see \(keptDirectory)/proxy.stderr")
        }
        self.port = port
    }

    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// The fault rate from now on (0: every request forwarded unchanged). Applied when this returns.
    package func setRate(_ rate: Double) throws {
        try command("rate \(rate)")
    }

    /// A line in the log (a round boundary), written before this returns.
    package func mark(_ text: String) throws {
        try command("mark " + text.replacingOccurrences(of: "\n", with: " "))
    }

    /// How many requests met each fate so far (`pass` included).
    package func fateCounts() -> [String: Int] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        var counts: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.contains(" conn=") {
            if let range = line.range(of: " -> ") { counts[String(line[range.upperBound...]), default: 0] += 1 }
        }
        return counts
    }

    /// Copies `path` (a database, say) into the kept directory.
    package func keep(_ path: String) {
        let name = URL(fileURLWithPath: path).lastPathComponent
        try? FileManager.default.copyItem(atPath: path, toPath: keptDirectory + "/" + name)
    }

    /// Removes the kept directory (the run passed; nothing to look at).
    package func discardKept() {
        try? FileManager.default.removeItem(atPath: keptDirectory)
    }

    private func command(_ line: String) throws {
        lock.lock()
        defer { lock.unlock() }
        guard process.isRunning else {
            throw Failure(description: "the fault proxy exited (status \(process.terminationStatus)); see \(keptDirectory)")
        }
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
        guard FaultProxy.readLine(from: output, buffer: &pending) == "ok" else {
            throw Failure(description: "the fault proxy did not acknowledge \"\(line)\"; see \(keptDirectory)")
        }
    }

    private static func readLine(from output: Pipe, buffer: inout Data) -> String? {
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
        guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
        buffer = Data(buffer[buffer.index(after: newline)...])
        return line.trimmingCharacters(in: .whitespaces)
    }
}
