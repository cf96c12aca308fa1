import Foundation
import Testing
import TestSupport

/// What the node does when its database file is not what it should be. (A database held
/// locked by another writer is covered by the store's own tests.)
@Suite("onething database failures")
struct DatabaseFailureTests {
    static func randomBytes(_ count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        var data = Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
        // Never the SQLite header by chance.
        data[0] = 0x00
        return data
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var stdin: Data? = nil
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let commands: [Case] = [
        Case(arguments: ["list"]),
        Case(arguments: ["list", "--json"]),
        Case(arguments: ["status"]),
        Case(arguments: ["status", "--json"]),
        Case(arguments: ["show", "OT-0000000000"]),
        Case(arguments: ["apply", "--bundle", "birth", "--data", "-"], stdin: try? jsonData(try exampleValues())),
        Case(arguments: ["apply", "--bundle", "birth", "--ndjson", "-"], stdin: (try? jsonLine(try exampleValues())).map { Data($0.utf8) }),
    ]

    @Test(arguments: commands)
    func aFileThatIsNotADatabaseIsAnIOErrorAndLeftUntouched(_ command: Case) throws {
        let node = TestNode()
        let garbage = Self.randomBytes(4096)
        try node.write("node.sqlite", garbage, mode: 0o600)

        let result = try node.run(command.arguments, stdin: command.stdin)
        #expect(result.code == 74, "\(command.testDescription): \(result.stderr)")
        #expect(result.stderr.contains(node.db), "the message names the file: \(result.stderr)")
        #expect(!result.stdout.contains("OT-"), "nothing was filed")

        #expect(try Data(contentsOf: URL(fileURLWithPath: node.db)) == garbage, "the file was changed")
        for suffix in ["-wal", "-shm", "-journal"] {
            #expect(!FileManager.default.fileExists(atPath: node.db + suffix), "\(suffix) was created next to it")
        }
    }

    @Test func theJSONErrorOfABrokenDatabaseIsAnObject() throws {
        let node = TestNode()
        try node.write("node.sqlite", Self.randomBytes(4096))
        let result = try node.run(["status", "--json"])
        #expect(result.code == 74)
        let failure = try #require(JSONFailure(result.stderr), "\(result.stderr)")
        #expect(failure.code == 74)
        #expect(failure.problems.contains { ($0["message"] as? String)?.contains(node.db) == true })
    }

    @Test func theMessageSaysWhatToDoWithTheFlag() throws {
        let node = TestNode()
        try node.write("node.sqlite", Self.randomBytes(4096))
        let result = try node.run(["status"])
        #expect(result.code == 74)
        #expect(result.stderr.contains("not a OneThing database") && result.stderr.contains("--db"), "\(result.stderr)")
    }

    @Test func aTextFileIsNotADatabaseEither() throws {
        let node = TestNode()
        let text = Data(String(repeating: "这不是数据库 not a database\n", count: 200).utf8)
        try node.write("node.sqlite", text)
        let result = try node.run(["list"])
        #expect(result.code == 74, "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: node.db)) == text)
    }

    @Test(arguments: [["list"], ["status"], ["apply", "--bundle", "birth", "--data", "-"]])
    func aDatabaseUnderARegularFileIsAnIOError(arguments: [String]) throws {
        let node = TestNode()
        let plain = try node.write("plain-file", Data("not a folder\n".utf8))
        let db = plain + "/sub/node.sqlite"
        let result = try onething.run(arguments + ["--db", db], stdin: try jsonData(try exampleValues()))
        #expect(result.code == 74, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("plain-file"), "\(result.stderr)")
        #expect(try String(contentsOfFile: plain, encoding: .utf8) == "not a folder\n")
    }

    @Test func aDatabaseThatIsADirectoryIsAnIOError() throws {
        let node = TestNode()
        try FileManager.default.createDirectory(atPath: node.db, withIntermediateDirectories: true)
        let result = try node.run(["status"])
        #expect(result.code == 74, "\(result.stderr)")
    }

    @Test func theDatabaseIsCreatedReadableByItsOwnerOnly() throws {
        let node = TestNode()
        _ = try node.fileValid(values: try exampleValues())
        let mode = try permissions(node.db)
        #expect(mode == 0o600, "mode \(String(mode, radix: 8))")
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: node.db + suffix) {
            let mode = try permissions(node.db + suffix)
            #expect(mode & 0o077 == 0, "\(suffix) is readable by others")
        }
    }

    @Test func aMissingFolderIsCreatedForItsOwnerOnly() throws {
        let node = TestNode()
        let folder = node.file("data/onething")
        let db = folder + "/node.sqlite"
        let result = try onething.run(["status", "--db", db])
        #expect(result.code == 0, "\(result.stderr)")
        let mode = try permissions(folder)
        #expect(mode == 0o700, "mode \(String(mode, radix: 8))")
        #expect(try permissions(db) == 0o600)
    }

    @Test func anExistingDatabaseKeepsWorkingAcrossRuns() throws {
        let node = TestNode()
        let first = try node.fileValid(values: try exampleValues())
        let second = try node.fileValid(values: try exampleValues())
        #expect(try node.listedIDs() == [first, second])
        #expect(try permissions(node.db) == 0o600)
    }

    @Test func aReadOnlyDatabaseRefusesToFile() throws {
        // root writes whatever the mode says
        guard getuid() != 0 else { return }
        let node = TestNode()
        let id = try node.fileValid(values: try exampleValues())
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: node.db)
        let result = try node.apply(data: try jsonData(try exampleValues()))
        #expect(result.code == 74, "\(result.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: node.db)
        #expect(try node.listedIDs() == [id])
    }
}
