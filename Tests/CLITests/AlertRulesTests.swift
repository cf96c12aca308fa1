import Foundation
import Testing

/// ops/alerts.yml, checked by scripts/check-alerts.py (YAML shape, expressions, and every
/// metric it names exported by the hub or the node).
@Suite("alert rules")
struct AlertRulesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func check(_ file: String) throws -> (code: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("scripts/check-alerts.py").path, file]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("ops/alerts.yml passes the check; a rule naming a metric nobody exports, or broken YAML, fails it")
    func alertsCheck() throws {
        let path = Self.root.appendingPathComponent("ops/alerts.yml").path
        let good = try check(path)
        #expect(good.code == 0, "\(good.output)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let renamed = dir.appendingPathComponent("renamed.yml").path
        try text.replacingOccurrences(of: "onething_conflicts_open >", with: "onething_conflicts_opened >")
            .write(toFile: renamed, atomically: true, encoding: .utf8)
        let bad = try check(renamed)
        #expect(bad.code == 1)
        #expect(bad.output.contains("onething_conflicts_opened"))
        let broken = dir.appendingPathComponent("broken.yml").path
        try (text + "\n  - name: [unclosed\n").write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(try check(broken).code != 0)
    }
}
