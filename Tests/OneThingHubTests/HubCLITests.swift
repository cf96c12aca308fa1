import Foundation
import Hummingbird
import HummingbirdTesting
@testable import OneThingHub
import OneThingDatabase
import OneThingWire
import TestSupport
import Testing

/// The built `onething-hub` binary, run as an operator would, on the database of a hub that
/// is serving at the same time.
@Suite("onething-hub CLI", .enabled(if: FileManager.default.isExecutableFile(atPath: BuiltBinary("onething-hub").path)))
struct HubCLITests {
    let binary = BuiltBinary("onething-hub")

    @Test("nodes add prints a long URL-safe token once; a second add exits 65")
    func nodesAdd() throws {
        let directory = TemporaryDirectory("onething-hub-cli")
        let db = directory.file("hub.sqlite")
        let added = try binary.run(["nodes", "add", "ward-1", "--db", db])
        #expect(added.code == 0)
        let lines = added.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let token = String(lines.first ?? "")
        #expect(token.count >= 32)
        #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        let again = try binary.run(["nodes", "add", "ward-1", "--db", db])
        #expect(again.code == 65)
        #expect(!again.stderr.contains(token))
        let usage = try binary.run(["nodes", "add", "--db", db])
        #expect(usage.code == 64)
    }

    @Test("a file that is not a database: exit 74, the file named, and the CLI (not the store) says what --db is for")
    func notADatabase() throws {
        let directory = TemporaryDirectory("onething-hub-cli")
        let db = directory.file("hub.sqlite")
        let junk = Data(repeating: 0x41, count: 8192)
        try junk.write(to: URL(fileURLWithPath: db))
        let run = try binary.run(["list", "--db", db])
        #expect(run.code == 74, "\(run.stderr)")
        #expect(run.stderr.contains(db) && run.stderr.contains("--db"), "\(run.stderr)")
        #expect(!HubError.database(.init(.notADatabase, path: db)).description.contains("--db"))
        #expect(FileManager.default.contents(atPath: db) == junk)
    }

    @Test("list, decide, amend and show work while the hub serves the same database")
    func commandsWhileServing() async throws {
        let hub = try await HubFixture()
        let db = try hub.file.path
        let binary = self.binary
        try await hub.app().test(.live) { client in
            let pushed = try await client.push([try SyntheticEntries.newApplication(seq: 1)], fixture: hub)
            let number = try #require(pushed.results.first?.provinceNo)
            let before = try await client.pull(after: 0, fixture: hub)

            let list = try binary.run(["list", "--json", "--db", db])
            #expect(list.code == 0)
            let listed = try JSONCodec.decode(HubApplicationList.self, from: Data(list.stdout.utf8))
            #expect(listed.applications.map(\.provinceNo) == [number])

            let early = try binary.run(["decide", number, "social-security-card", "approve", "--db", db])
            #expect(early.code == 65)
            #expect(early.stderr.contains("waits for household-registration"))

            let decided = try binary.run([
                "decide", number, "household-registration", "approve", "--document", "resident_id_number=\(try await hub.newbornID(number))",
                "--db", db,
            ])
            #expect(decided.code == 0, "\(decided.stderr)")
            let noReason = try binary.run(["decide", number, "birth-certificate", "reject", "--db", db])
            #expect(noReason.code == 65)
            #expect(noReason.stderr.contains("needs a reason") && noReason.stderr.contains("--reason"), "\(noReason.stderr)")
            let badWord = try binary.run(["decide", number, "birth-certificate", "maybe", "--db", db])
            #expect(badWord.code == 64)
            let unknown = try binary.run(["show", "FJ9999999999", "--db", db])
            #expect(unknown.code == 65)

            let amended = try binary.run(
                ["amend", number, "--data", "-", "--db", db],
                stdin: Data(#"{"delivery_address": "福建省福州市鼓楼区测试路3号"}"#.utf8))
            #expect(amended.code == 0, "\(amended.stderr)")
            let refused = try binary.run(
                ["amend", number, "--data", "-", "--db", db], stdin: Data(#"{"mother_phone": "12345"}"#.utf8))
            #expect(refused.code == 65)
            #expect(refused.stderr.contains("mother_phone"))
            #expect(!refused.stderr.contains("12345"))

            let show = try binary.run(["show", number, "--json", "--db", db])
            #expect(show.code == 0)
            let application = try JSONCodec.decode(HubApplication.self, from: Data(show.stdout.utf8))
            #expect(application.hubRevision == 3, "1 accepted, 2 resident ID issued, 3 amended")
            #expect(application.fields["newborn_id_number"] == (try await hub.newbornID(number)))
            #expect(application.state(of: "household-registration") == .issued)
            #expect(application.state(of: "social-security-card") == .inProgress)

            let page = try await client.pull(after: before.nextCursor, fixture: hub)
            #expect(page.changes.count == 1)
            #expect(page.changes.first?.hubRevision == 3)
            #expect(page.changes.first?.fields["delivery_address"] == "福建省福州市鼓楼区测试路3号")
        }
    }

    @Test("serve --port 0 prints one listening line with the real port and stops on SIGTERM")
    func serveAnnouncesAndStops() async throws {
        let directory = TemporaryDirectory("onething-hub-cli")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary.path)
        process.arguments = ["serve", "--db", directory.file("hub.sqlite"), "--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("\n") && Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        let match = line.wholeMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/)
        let port = try #require(match.flatMap { Int($0.1) })
        #expect(port > 0)

        process.terminate()  // SIGTERM
        let stopDeadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < stopDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect((text + rest).split(separator: "\n").count == 1)
    }
}
