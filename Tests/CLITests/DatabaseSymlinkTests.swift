import Foundation
import Testing
import TestSupport

/// `--db` naming a symbolic link whose target does not exist yet: the database is created
/// at the target, 0600 like any other, and so are its -wal and -shm, whatever the umask.
@Suite("A database created through a dangling symbolic link")
struct DatabaseSymlinkTests {
    /// Runs the binary under `umask 022`, the usual default that gives new files 0644.
    static let umask022 = ["/bin/sh", "-c", "umask 022; exec \"$0\" \"$@\""]

    @Test(arguments: [true, false])
    func theDatabaseAndItsLogFilesAreCreatedForTheOwnerOnly(relativeLink: Bool) throws {
        let node = TestNode()
        try FileManager.default.createDirectory(atPath: node.file("data"), withIntermediateDirectories: true)
        let target = node.file("data/node.sqlite")
        let link = node.file("link.sqlite")
        try FileManager.default.createSymbolicLink(
            atPath: link, withDestinationPath: relativeLink ? "data/node.sqlite" : target)
        #expect(!FileManager.default.fileExists(atPath: link), "the link dangles")

        // Killed inside the first filing's transaction: the -wal and -shm stay behind to check.
        let killed = try onething.run(
            ["apply", "--bundle", "birth", "--data", "-", "--db", link], stdin: try jsonData(try exampleValues()),
            environment: ["ONETHING_FAILPOINT": "store.inside-filing"], launcher: Self.umask022)
        #expect(killed.code != 0)
        let mode = try permissions(target)
        #expect(mode == 0o600, "mode \(String(mode, radix: 8))")
        #expect(FileManager.default.fileExists(atPath: target + "-wal"))
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: target + suffix) {
            let mode = try permissions(target + suffix)
            #expect(mode == 0o600, "\(suffix): mode \(String(mode, radix: 8))")
        }
        // The link is still a link, and the node works through it.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link).hasSuffix("data/node.sqlite"))
        let filed = try onething.run(
            ["apply", "--bundle", "birth", "--data", "-", "--db", link], stdin: try jsonData(try exampleValues()),
            launcher: Self.umask022)
        #expect(filed.code == 0, "\(filed.stderr)")
        #expect(try permissions(target) == 0o600)
        let listed = try onething.run(["list", "--json", "--db", link])
        #expect(listed.stdout.contains(filed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func aLinkToAMissingFolderGetsTheFolderForTheOwnerOnly() throws {
        let node = TestNode()
        let link = node.file("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: node.file("volume/onething/node.sqlite"))
        let result = try onething.run(["status", "--db", link], launcher: Self.umask022)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try permissions(node.file("volume/onething/node.sqlite")) == 0o600)
        #expect(try permissions(node.file("volume/onething")) == 0o700)
    }
}
