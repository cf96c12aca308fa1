import Foundation
import OneThingModel
import Testing
import TestSupport

/// The `onething` binary built by this package.
let onething = BuiltBinary("onething")

/// Application ids as the contract promises them: `^OT-[0-9A-Z]{10}$`.
func isApplicationID(_ text: String) -> Bool {
    text.wholeMatch(of: /OT-[0-9A-Z]{10}/) != nil
}

/// One node under test: its own temporary directory and database file. Every command run
/// through it gets `--db DIR/node.sqlite`, never the default path.
final class TestNode: @unchecked Sendable {
    let dir: TemporaryDirectory
    let db: String

    init(_ label: String = "onething-cli") {
        dir = TemporaryDirectory(label)
        db = dir.file("node.sqlite")
    }

    func file(_ name: String) -> String { dir.file(name) }

    /// Runs `onething ARGS --db DB`.
    @discardableResult
    func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> BuiltBinary.Run {
        try onething.run(arguments + ["--db", db], stdin: stdin, environment: environment)
    }

    /// `apply --bundle B [--items ...] --data -` with `body` on stdin.
    @discardableResult
    func apply(
        _ bundle: String = "birth", items: [String]? = nil, data: Data, json: Bool = false
    ) throws -> BuiltBinary.Run {
        var args = ["apply", "--bundle", bundle]
        if let items { args += ["--items", items.joined(separator: ",")] }
        args += ["--data", "-"]
        if json { args.append("--json") }
        return try run(args, stdin: data)
    }

    /// Files the application and returns its id, failing the test if it was refused.
    func fileValid(
        _ bundle: String = "birth", items: [String]? = nil, values: [String: Any],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let result = try apply(bundle, items: items, data: try jsonData(values))
        #expect(result.code == 0, "apply refused a valid application: \(result.stderr)", sourceLocation: sourceLocation)
        let id = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(isApplicationID(id), "not an application id: \(id)", sourceLocation: sourceLocation)
        return id
    }

    /// The applications `list --json` reports.
    func listed(sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let result = try run(["list", "--json"])
        #expect(result.code == 0, "list failed: \(result.stderr)", sourceLocation: sourceLocation)
        let object = try #require(result.json() as? [String: Any], sourceLocation: sourceLocation)
        return try #require(object["applications"] as? [[String: Any]], sourceLocation: sourceLocation)
    }

    func listedIDs(sourceLocation: SourceLocation = #_sourceLocation) throws -> Set<String> {
        Set(try listed(sourceLocation: sourceLocation).compactMap { $0["id"] as? String })
    }

    /// `show ID --json` as an object.
    func shown(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try run(["show", id, "--json"])
        #expect(result.code == 0, "show failed: \(result.stderr)", sourceLocation: sourceLocation)
        return try #require(result.json() as? [String: Any], sourceLocation: sourceLocation)
    }

    /// `status --json` as an object.
    func status(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try run(["status", "--json"])
        #expect(result.code == 0, "status failed: \(result.stderr)", sourceLocation: sourceLocation)
        return try #require(result.json() as? [String: Any], sourceLocation: sourceLocation)
    }

    /// `catalog example BUNDLE [--items ...] [--region R]` parsed as a JSON object.
    func example(
        _ bundle: String = "birth", items: [String]? = nil, region: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: Any] {
        var args = ["catalog", "example", bundle]
        if let items { args += ["--items", items.joined(separator: ",")] }
        if let region { args += ["--region", region] }
        let result = try run(args)
        #expect(result.code == 0, "catalog example failed: \(result.stderr)", sourceLocation: sourceLocation)
        return try #require(result.json() as? [String: Any], sourceLocation: sourceLocation)
    }

    /// Runs one SQL statement on the node's database through python3's sqlite3 module (no
    /// sqlite3 shell needed) and returns the rows, `|`-separated, one a line.
    func sql(_ statement: String) throws -> String {
        let script = "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1])\nr=c.execute(sys.argv[2]).fetchall()\nc.commit()\nprint('\\n'.join('|'.join(str(v) for v in row) for row in r))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, db, statement]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `text` to a file in the node's directory with the given permissions.
    @discardableResult
    func write(_ name: String, _ data: Data, mode: Int = 0o600) throws -> String {
        let path = file(name)
        try data.write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }
}

/// The embedded example of `bundle` as plain JSON values (strings), from TestSupport, dated
/// by the binary's clock (the machine's), as the binary will check it.
func exampleValues(_ bundle: String = "birth", items: [String]? = nil) throws -> [String: Any] {
    var values: [String: Any] = [:]
    for (field, input) in try Examples.inputs(bundle, items: items, today: TestMoment.machine.today()) {
        guard case .text(let text) = input else {
            Issue.record("example field \(field) is not text")
            continue
        }
        values[field] = text
    }
    return values
}

/// One-line JSON for a `{field: value}` object.
func jsonData(_ object: Any) throws -> Data {
    try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
}

func jsonLine(_ object: Any) throws -> String {
    String(decoding: try jsonData(object), as: UTF8.self)
}

/// Parses one JSON value from text.
func parseJSON(_ text: String) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// Non-empty lines of a command's output.
func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}

/// POSIX permission bits of a file.
func permissions(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// The JSON error object a command prints on stderr with `--json`:
/// `{"error":{"code":N,"problems":[{"field":...,"message":...}]}}`.
struct JSONFailure {
    var code: Int
    var problems: [[String: Any]]

    init?(_ stderr: String) {
        guard let object = parseJSON(stderr.trimmingCharacters(in: .whitespacesAndNewlines)) as? [String: Any],
            let error = object["error"] as? [String: Any], let code = error["code"] as? Int,
            let problems = error["problems"] as? [[String: Any]]
        else { return nil }
        self.code = code
        self.problems = problems
    }

    var fields: [String] { problems.compactMap { $0["field"] as? String } }
}
