import Foundation
import TestSupport
import Testing

/// A token file saved by a Windows editor: a UTF-8 byte order mark and CRLF around the token.
/// `init` accepted it before and every `sync` was then refused by the hub (69): now both read
/// the token without them.
@Suite("A token file with a byte order mark")
struct TokenByteOrderMarkTests {
    @Test("init and sync against the real hub with a BOM'd CRLF token file")
    func initAndSync() throws {
        let loop = Loop()
        let hub = try loop.startHub()
        let added = try loop.hub(["nodes", "add", "ward-bom"])
        #expect(added.code == 0, "nodes add: \(added.stderr)")
        let token = try #require(added.stdout.split(whereSeparator: \.isWhitespace).map(String.init).last { $0.count >= 32 })
        let tokenFile = loop.dir.file("token-bom")
        _ = FileManager.default.createFile(
            atPath: tokenFile, contents: Data([0xEF, 0xBB, 0xBF]) + Data((token + "\r\n").utf8),
            attributes: [.posixPermissions: 0o600])
        let initRun = try loop.node(["init", "--hub", hub.url, "--node-id", "ward-bom", "--token-file", tokenFile])
        #expect(initRun.code == 0, "init: \(initRun.stderr)")
        let ids = try loop.file(count: 2)
        let sync = try loop.node(["sync"])
        #expect(sync.code == 0, "sync: \(sync.stderr)")
        #expect(Set(try loop.hubApplications().compactMap { $0["application_id"] as? String }) == Set(ids))
        #expect(!sync.stderr.contains(token) && !initRun.stderr.contains(token) && !initRun.stdout.contains(token))
    }

    @Test("a token file saved as UTF-16 is refused by init (78), not by every sync")
    func utf16TokenFile() throws {
        let loop = Loop()
        let tokenFile = loop.dir.file("token-utf16")
        var bytes = Data([0xFF, 0xFE])
        for unit in "utf16-token-0123456789abcdefghij".utf16 { bytes += Data([UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        _ = FileManager.default.createFile(atPath: tokenFile, contents: bytes, attributes: [.posixPermissions: 0o600])
        let run = try loop.node(["init", "--hub", "http://127.0.0.1:9", "--node-id", "ward-utf16", "--token-file", tokenFile])
        #expect(run.code == 78, "\(run.stderr)")
        #expect(run.stderr.contains("plain text"), "\(run.stderr)")
    }
}
