import Foundation
import TestSupport
import Testing

@Suite("The hub against sync/openapi.yaml")
struct ConformanceTests {
    @Test("every operation answers with the status and body schema the document gives")
    func conformance() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        let added = try loop.hub(["nodes", "add", "conformance-1"])
        let token = try #require(added.stdout.split(whereSeparator: \.isWhitespace).map(String.init).last { $0.count >= 32 })
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", root.appendingPathComponent("scripts/check-hub-conformance.py").path, hub.url, "conformance-1", token,
            hub.adminToken,
        ]
        var env = ProcessInfo.processInfo.environment
        env["ONETHING_BIN"] = BuiltBinary("onething").path
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("conform"))
    }
}
