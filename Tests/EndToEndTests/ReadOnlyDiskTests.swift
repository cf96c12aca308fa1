import Foundation
import OneThingFailpoints
import TestSupport
import Testing

extension DiskFullTests.SmallDisk {
    /// `mount -o remount,ro` (or `rw`): as an ext4 volume remounts itself read-only after an
    /// I/O error.
    func remount(readOnly: Bool) -> Bool {
        Self.run("/bin/mount", ["-o", "remount,\(readOnly ? "ro" : "rw")", path]) == 0
    }
}

/// The node's database on a file system that turned read-only: `list`, `show` and `status`
/// still answer (exit 0, the same output), commands that write exit 74 saying why, nothing
/// is lost, and everything works again once the file system is writable. The faithful
/// version needs a small tmpfs remounted read-only (root); without root, a read-only folder
/// and file stand in for it.
@Suite("A read-only file system", .serialized)
struct ReadOnlyDiskTests {
    static let needsMount = ConditionTrait.enabled(
        if: getuid() == 0 && DiskFullTests.SmallDisk.canMount, "needs permission to mount a small tmpfs")

    /// What a clerk sees: the list, one application in full, the status.
    struct Views: Equatable {
        var list: String
        var show: String
        var applications: [String: Int]
        var outbox: [String: Int]
    }

    func views(_ loop: Loop, db: String, id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Views {
        let list = try loop.node(["list", "--json"], db: db)
        #expect(list.code == 0, "list: \(list.stderr)", sourceLocation: sourceLocation)
        let show = try loop.node(["show", id, "--json"], db: db)
        #expect(show.code == 0, "show: \(show.stderr)", sourceLocation: sourceLocation)
        let status = try loop.node(["status", "--json"], db: db)
        #expect(status.code == 0, "status: \(status.stderr)", sourceLocation: sourceLocation)
        let object = status.json() as? [String: Any]
        return Views(
            list: list.stdout, show: show.stdout, applications: object?["applications"] as? [String: Int] ?? [:],
            outbox: object?["outbox"] as? [String: Int] ?? [:])
    }

    /// Every command that writes: exit 74, the message names the file and says it cannot be written.
    func writesAreRefused(_ loop: Loop, db: String, id: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let example = try loop.node(["catalog", "example", "birth"]).stdout
        let runs = [
            try loop.node(["apply", "--bundle", "birth", "--data", "-"], stdin: example, db: db),
            try loop.node(["apply", "--bundle", "birth", "--ndjson", "-"], stdin: example.replacingOccurrences(of: "\n", with: " "), db: db),
            try loop.node(["amend", id, "--data", "-"], stdin: #"{"mother_phone": "13900000009"}"#, db: db),
            try loop.node(["sync"], db: db),
            try loop.node(["purge", "--retention-days", "365"], db: db),
        ]
        for run in runs {
            #expect(run.code == 74, "\(run.stderr)", sourceLocation: sourceLocation)
            #expect(run.stderr.contains("cannot be written") && run.stderr.contains(db), "\(run.stderr)", sourceLocation: sourceLocation)
            #expect(!run.stdout.contains("OT-"), "nothing filed: \(run.stdout)", sourceLocation: sourceLocation)
        }
    }

    @Test("remounted read-only after a clean shutdown: reads answer as before, writes exit 74, all works once writable", needsMount)
    func afterACleanShutdown() throws {
        let disk = DiskFullTests.SmallDisk(megabytes: 16)
        let loop = Loop()
        let db = disk.path + "/node.sqlite"
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url, db: db)
        let ids = try loop.file(count: 2, db: db)
        let id = try #require(ids.first)
        let before = try views(loop, db: db, id: id)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"), "the last process closed the database")

        try #require(disk.remount(readOnly: true))
        let during = try views(loop, db: db, id: id)
        #expect(during == before)
        let status = try loop.node(["status", "--json"], db: db).json() as? [String: Any]
        #expect(status?["read_only"] as? Bool == true)
        #expect(try loop.node(["status"], db: db).stdout.contains("read-only"))
        let list = try loop.node(["list"], db: db)
        #expect(list.code == 0 && ids.allSatisfy { list.stdout.contains($0) }, "\(list.stdout)\(list.stderr)")
        let show = try loop.node(["show", id], db: db)
        #expect(show.code == 0, "\(show.stderr)")
        #expect(show.stderr.contains("not recorded in its audit log"), "the unaudited view is told: \(show.stderr)")
        try writesAreRefused(loop, db: db, id: id)

        try #require(disk.remount(readOnly: false))
        #expect(try loop.node(["sync"], db: db).code == 0)
        #expect(Set(try loop.hubApplications().compactMap { $0["application_id"] as? String }) == Set(ids))
        #expect(try loop.file(count: 1, db: db).count == 1)
        #expect(try loop.sql("PRAGMA integrity_check", db: db) == "ok")
        #expect((try loop.nodeStatus(db: db)["read_only"] as? Bool) == false)
    }

    @Test("remounted read-only with a write-ahead log left by a killed sync: its changes are read too", needsMount)
    func withTheLogOfAKilledProcess() throws {
        let disk = DiskFullTests.SmallDisk(megabytes: 16)
        let loop = Loop()
        let db = disk.path + "/node.sqlite"
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url, db: db)
        let ids = try loop.file(count: 2, db: db)
        let id = try #require(ids.first)
        // Killed after marking its batch in flight: that change is in the -wal only.
        let killed = try loop.node.run(
            ["sync", "--db", db], environment: ["ONETHING_FAILPOINT": Failpoint.Name.beforePushRequest.rawValue])
        #expect(killed.code == 9, "\(killed.stderr)")
        #expect(FileManager.default.fileExists(atPath: db + "-wal") && FileManager.default.fileExists(atPath: db + "-shm"))

        try #require(disk.remount(readOnly: true))
        let during = try views(loop, db: db, id: id)
        #expect(during.outbox["in_flight"] == 2, "the change in the log is read: \(during.outbox)")
        #expect(try loop.nodeStatus(db: db)["waiting"] as? Int == 2)
        #expect(during.list.contains(ids[1]))
        try writesAreRefused(loop, db: db, id: id)

        try #require(disk.remount(readOnly: false))
        #expect(try loop.node(["sync"], db: db).code == 0)
        #expect(Set(try loop.hubApplications().compactMap { $0["application_id"] as? String }) == Set(ids))
        #expect(try loop.nodeStatus(db: db)["waiting"] as? Int == 0)
    }

    @Test(
        "without root: a read-only folder and file; reads answer, writes exit 74",
        .enabled(if: getuid() != 0, "root writes whatever the modes say; the tmpfs tests cover root"))
    func readOnlyFolderAndFile() throws {
        let loop = Loop()
        let folder = loop.dir.file("ro")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let db = folder + "/node.sqlite"
        let ids = try loop.file(count: 2, db: db)
        let id = try #require(ids.first)
        let before = try views(loop, db: db, id: id)
        chmod(db, 0o444)
        chmod(folder, 0o555)
        defer {
            chmod(folder, 0o700)
            chmod(db, 0o600)
        }
        #expect(try views(loop, db: db, id: id) == before)
        #expect(try loop.nodeStatus(db: db)["read_only"] as? Bool == true)
        try writesAreRefused(loop, db: db, id: id)
    }
}
