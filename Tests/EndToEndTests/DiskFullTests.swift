import Foundation
import TestSupport
import Testing

/// A full disk (a small tmpfs mounted for the test) while filing and syncing: exit 74 with
/// a clear message, and nothing already stored is lost. Needs permission to mount (root in
/// a container or on a CI machine); skipped otherwise.
@Suite("A full disk", .serialized)
struct DiskFullTests {
    /// A tmpfs of `megabytes`, unmounted when released.
    final class SmallDisk {
        let path: String
        let mounted: Bool

        init(megabytes: Int) {
            path = NSTemporaryDirectory() + "onething-full-\(UUID().uuidString.prefix(8))"
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            mounted = Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path]) == 0
        }

        func grow(megabytes: Int) -> Bool {
            Self.run("/bin/mount", ["-o", "remount,size=\(megabytes)m", path]) == 0
        }

        deinit {
            if mounted { _ = Self.run("/bin/umount", ["-l", path]) }
            try? FileManager.default.removeItem(atPath: path)
        }

        @discardableResult
        static func run(_ tool: String, _ arguments: [String]) -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { return -1 }
            process.waitUntilExit()
            return process.terminationStatus
        }

        static var canMount: Bool {
            let probe = SmallDisk(megabytes: 1)
            return probe.mounted
        }
    }

    @Test(
        "filing until the disk is full: exit 74 with a clear message, everything filed before kept; sync once there is room",
        .enabled(if: getuid() == 0 && SmallDisk.canMount, "needs permission to mount a small tmpfs"))
    func fullWhileFilingAndSyncing() throws {
        let disk = SmallDisk(megabytes: 1)
        let loop = Loop()
        let db = disk.path + "/node.sqlite"
        let hub = try loop.startHub()
        _ = try loop.setUpNode(url: hub.url, db: db)
        let example = try loop.node(["catalog", "example", "birth"]).stdout
        var filed: [String] = []
        var refusal: BuiltBinary.Run?
        for _ in 0..<400 {
            let run = try loop.node(["apply", "--bundle", "birth", "--data", "-"], stdin: example, db: db)
            if run.code != 0 {
                refusal = run
                break
            }
            filed.append(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let full = try #require(refusal, "the 1 MB disk never filled up")
        #expect(full.code == 74, "\(full.stderr)")
        #expect(full.stderr.contains("full"), "\(full.stderr)")
        #expect(!full.stderr.contains("350102"), "no applicant data in the message")
        #expect(!filed.isEmpty)
        // Everything filed before is there and the file is sound.
        let listed = (try loop.node(["list", "--all", "--json"], db: db).json() as? [String: Any])?["applications"] as? [[String: Any]]
        #expect(Set(listed?.compactMap { $0["id"] as? String } ?? []) == Set(filed))
        #expect(try loop.sql("PRAGMA integrity_check", db: db) == "ok")

        // Sync while still full: done, or a clear failure (74, or 75 for the lock), nothing lost.
        let syncFull = try loop.node(["sync"], db: db)
        #expect([0, 74, 75].contains(syncFull.code), "\(syncFull.stderr)")
        // Room again: the next sync completes and the hub has each application once.
        #expect(disk.grow(megabytes: 16))
        let synced = try loop.node(["sync"], db: db)
        #expect(synced.code == 0, "\(synced.stderr)")
        let atHub = try loop.hubApplications().compactMap { $0["application_id"] as? String }
        #expect(atHub.count == filed.count)
        #expect(Set(atHub) == Set(filed), "the hub holds exactly the applications filed")
        #expect(try loop.sql("PRAGMA integrity_check", db: db) == "ok")
    }
}
