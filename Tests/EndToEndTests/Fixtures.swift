import Foundation
import TestSupport
import Testing

/// One node (the real `onething` binary on its own database) and the hub CLI, with helpers
/// that fail the test with the command's stderr when a step goes wrong.
struct Loop {
    let dir = TemporaryDirectory("onething-e2e")
    let node = BuiltBinary("onething")
    let hubCLI = BuiltBinary("onething-hub")
    var nodeDB: String { dir.file("node.sqlite") }
    /// The hub's `--db`: a file here, unless a PostgreSQL URL is given.
    var hubDatabase: String?
    var hubDB: String { hubDatabase ?? dir.file("hub.sqlite") }

    /// Clock offsets (libfaketime) for the node and hub processes; nil: the real clock.
    var nodeClock: String?
    var hubClock: String?

    func startHub(_ arguments: [String] = [], tls: HubProcess.TLSFiles? = nil) throws -> HubProcess {
        try HubProcess(
            database: hubDB, directory: dir, arguments: arguments, environment: SkewedClock.environment(hubClock),
            launcher: SkewedClock.launcher(hubClock), tls: tls)
    }

    @discardableResult
    func node(_ arguments: [String], stdin: String? = nil, db: String? = nil) throws -> BuiltBinary.Run {
        try node.run(
            arguments + ["--db", db ?? nodeDB], stdin: stdin.map { Data($0.utf8) },
            environment: SkewedClock.environment(nodeClock), launcher: SkewedClock.launcher(nodeClock))
    }

    @discardableResult
    func hub(_ arguments: [String], stdin: String? = nil) throws -> BuiltBinary.Run {
        try hubCLI.run(
            arguments + ["--db", hubDB], stdin: stdin.map { Data($0.utf8) }, environment: SkewedClock.environment(hubClock),
            launcher: SkewedClock.launcher(hubClock))
    }

    func hubShow(_ provinceNo: String) throws -> [String: Any] {
        (try hub(["show", provinceNo, "--json"]).json() as? [String: Any]) ?? [:]
    }

    /// Registers `nodeId` on the hub and runs `onething init` against `url`.
    /// A resident ID number the household registration could issue for `provinceNo`'s newborn,
    /// read from the hub: the birth date and sex on the form, an address in its region.
    func newbornID(_ provinceNo: String, serial: Int = 0) throws -> String {
        try #require(SyntheticPeople.newbornID(of: try hubShow(provinceNo)["fields"] as? [String: String] ?? [:], serial: serial))
    }

    func setUpNode(_ nodeId: String = "ward-1", url: String, db: String? = nil) throws -> String {
        let added = try hub(["nodes", "add", nodeId])
        #expect(added.code == 0, "nodes add: \(added.stderr)")
        let token = added.stdout.split(whereSeparator: \.isWhitespace).map(String.init).last { $0.count >= 32 } ?? ""
        let tokenFile = dir.file("token-\(nodeId)")
        try writeToken(token, to: tokenFile)
        let initRun = try node(["init", "--hub", url, "--node-id", nodeId, "--token-file", tokenFile], db: db)
        #expect(initRun.code == 0, "init: \(initRun.stderr)")
        return token
    }

    func writeToken(_ token: String, to path: String) throws {
        FileManager.default.createFile(atPath: path, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600])
    }

    /// Files the catalogue's example `count` times; returns the ids.
    func file(_ bundle: String = "birth", count: Int = 1, db: String? = nil) throws -> [String] {
        let example = try node(["catalog", "example", bundle], db: db).stdout
        return try (0..<count).map { _ in
            let run = try node(["apply", "--bundle", bundle, "--data", "-"], stdin: example, db: db)
            #expect(run.code == 0, "apply: \(run.stderr)")
            return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    func hubApplications() throws -> [[String: Any]] {
        let run = try hub(["list", "--json"])
        return ((run.json() as? [String: Any])?["applications"] as? [[String: Any]]) ?? []
    }

    func nodeShow(_ id: String, db: String? = nil) throws -> [String: Any] {
        (try node(["show", id, "--json"], db: db).json() as? [String: Any]) ?? [:]
    }

    func nodeStatus(db: String? = nil) throws -> [String: Any] {
        (try node(["status", "--json"], db: db).json() as? [String: Any]) ?? [:]
    }

    /// Runs SQL on the node's database with the sqlite3 shell-free route: a tiny Python
    /// helper (python3's sqlite3 module), to stage crashes and tampering.
    func sql(_ statement: String, db: String? = nil) throws -> String {
        let script = "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1])\nr=c.execute(sys.argv[2]).fetchall()\nc.commit()\nprint('\\n'.join('|'.join(str(v) for v in row) for row in r))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, db ?? nodeDB, statement]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension [String: Any] {
    func items() -> [String: String] {
        var out: [String: String] = [:]
        for item in (self["items"] as? [[String: Any]]) ?? [] {
            if let code = item["item"] as? String, let state = item["state"] as? String { out[code] = state }
        }
        return out
    }
}

/// A POST through the curl command (a client the node's code does not shape): the HTTP
/// status and the answer's body.
func curlPost(_ url: String, body: Data, token: String) throws -> (status: Int, body: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "curl", "-sS", "-w", "\n%{http_code}", "-X", "POST", "-H", "Authorization: Bearer \(token)",
        "-H", "Content-Type: application/json", "--data-binary", "@-", url,
    ]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(body)
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard let newline = data.lastIndex(of: UInt8(ascii: "\n")) else { return (-1, data) }
    return (Int(String(decoding: data[(newline + 1)...], as: UTF8.self)) ?? -1, Data(data[..<newline]))
}
