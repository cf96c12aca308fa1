package import Foundation

/// Runs a built executable of this package (`onething`, later `onething-hub`) the way an
/// operator or cron would: a separate process with arguments, stdin and environment.
package struct BuiltBinary: Sendable {
    package let path: String

    /// Finds the executable next to the test bundle (`.build/debug/`), or in
    /// $ONETHING_BIN_DIR.
    package init(_ name: String) {
        let env = ProcessInfo.processInfo.environment["ONETHING_BIN_DIR"]
        let candidates: [String?] = [
            env.map { $0 + "/" + name },
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent(name).path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name).path,
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
                .appendingPathComponent(name).path,
        ]
        let paths = candidates.compactMap { $0 }
        path = paths.first { FileManager.default.isExecutableFile(atPath: $0) } ?? paths.last ?? name
    }

    package struct Run: Sendable {
        package var code: Int32
        package var stdout: String
        package var stderr: String

        /// stdout parsed as one JSON value.
        package func json() -> Any? {
            try? JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
        }
    }

    @discardableResult
    package func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], launcher: [String] = []
    ) throws -> Run {
        let process = Process()
        if let first = launcher.first {
            // Run through a launcher such as `faketime -f +1d` (see SkewedClock).
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = Array(launcher.dropFirst()) + [path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env.removeValue(forKey: "ONETHING_DB")
        env.removeValue(forKey: "ONETHING_CATALOG")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        if let stdin { inPipe.fileHandleForWriting.write(stdin) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(
            code: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    private final class DataBox: @unchecked Sendable {
        var data = Data()
    }
}
