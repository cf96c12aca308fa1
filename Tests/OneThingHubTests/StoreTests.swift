import Foundation
@testable import OneThingHub
import OneThingDatabase
import OneThingModel
import OneThingWire
import TestSupport
import Testing

@Suite("Hub store")
struct StoreTests {
    @Test("the database is WAL with synchronous=FULL, created 0600")
    func durability() async throws {
        let directory = TemporaryDirectory("onething-hub-store")
        let path = directory.file("nested/hub.sqlite")
        let store = try HubStore.open(path: path)
        #expect(try await store.pragma("journal_mode") == "wal")
        #expect(try await store.pragma("synchronous") == "2")
        #expect(try await store.pragma("foreign_keys") == "1")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        // reopening keeps the data and the settings
        _ = try await store.addNode("ward-1")
        let again = try HubStore.open(path: path)
        #expect(try await again.nodes().map(\.nodeId) == ["ward-1"])
        #expect(try await again.pragma("synchronous") == "2")
    }

    @Test("a file that is not a database is refused and left untouched")
    func notADatabase() throws {
        let directory = TemporaryDirectory("onething-hub-store")
        let path = directory.file("hub.sqlite")
        let junk = Data(repeating: 0x41, count: 8192)
        try junk.write(to: URL(fileURLWithPath: path))
        #expect(throws: HubError.database(DatabaseFailure(.notADatabase, path: path))) { try HubStore.open(path: path) }
        #expect(FileManager.default.contents(atPath: path) == junk)
    }

    @Test("nodes: ids are checked, tokens are long and URL-safe, a node is registered once")
    func nodes() async throws {
        let directory = TemporaryDirectory("onething-hub-store")
        let store = try HubStore.open(path: directory.file("hub.sqlite"))
        let token = try await store.addNode("ward-1.fz")
        #expect(token.count >= 32)
        #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        #expect(try await store.authenticate(node: "ward-1.fz", token: token))
        #expect(try await !store.authenticate(node: "ward-1.fz", token: token + "x"))
        await #expect(throws: HubError.nodeExists("ward-1.fz")) { _ = try await store.addNode("ward-1.fz") }
        await #expect(throws: HubError.invalidNodeId("Ward")) { _ = try await store.addNode("Ward") }
        await #expect(throws: HubError.noSuchNode("nobody")) { try await store.revokeNode("nobody") }
        try await store.revokeNode("ward-1.fz")
        #expect(try await !store.authenticate(node: "ward-1.fz", token: token))
        #expect(try await store.nodes().first?.revoked == true)
    }

    @Test("province numbers are FJ and ten digits")
    func provinceNumbers() {
        #expect(ProvinceNumber.format(1) == "FJ0000000001")
        #expect(ProvinceNumber.format(1_234_567_890) == "FJ1234567890")
        #expect(ProvinceNumber.isValid("FJ0000000001"))
        #expect(!ProvinceNumber.isValid("FJ000000001"))
        #expect(!ProvinceNumber.isValid("XJ0000000001"))
    }

    @Test("synthetic resident ID numbers are valid and carry the birth date and sex")
    func syntheticIdentity() throws {
        let born = try #require(CivilDate(year: 2026, month: 5, day: 10))
        for (sex, serial) in [(Sex.male, 1), (.female, 2), (.male, 449), (.female, 1_000_000)] {
            let id = try #require(SyntheticIdentity.residentIDNumber(region: "350100", born: born, sex: sex, serial: serial))
            let parsed = try ResidentIDNumber.parse(id, today: CivilDate(year: 2026, month: 12, day: 31) ?? TestMoment.filing.date).get()
            #expect(parsed.sex == sex)
            #expect(parsed.birthDate == born)
            #expect(id.hasPrefix("350100"))
        }
        #expect(SyntheticIdentity.residentIDNumber(region: "35", born: born, sex: .male, serial: 1) == nil)
    }

    @Test("gzip round trip")
    func gzipRoundTrip() throws {
        let text = Data(String(repeating: "一件事 OneThing ", count: 500).utf8)
        let compressed = try Gzip.compress(text)
        #expect(compressed.count < text.count)
        #expect(try Gzip.decompress(compressed) == text)
        #expect(try Gzip.decompress(Data(StoredGzip.wrap([UInt8](text)))) == text)
        #expect(throws: Gzip.Failure.tooLarge) { try Gzip.decompress(compressed, limit: 100) }
    }
}
