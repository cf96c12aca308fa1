import CZlib
import Foundation
@testable import OneThingCurl
import Testing

@Suite("Gzip")
struct GzipTests {
    @Test(arguments: [0, 1, 1000, 200_000])
    func roundTrips(count: Int) throws {
        let data = binaryBody(count: count)
        let compressed = try Gzip.compress(data)
        #expect(compressed.prefix(2) == Data([0x1F, 0x8B]))
        #expect(try Gzip.decompress(compressed) == data)
    }

    @Test func compressesRepetitiveData() throws {
        let data = Data(repeating: 65, count: 1_000_000)
        let compressed = try Gzip.compress(data)
        #expect(compressed.count < 10_000)
        #expect(try Gzip.decompress(compressed) == data)
    }

    @Test func corruptInputIsAnError() throws {
        #expect(throws: GzipError.self) { try Gzip.decompress(Data("not gzip at all".utf8)) }
    }

    @Test func truncatedInputIsAnError() throws {
        let compressed = try Gzip.compress(binaryBody(count: 10_000))
        #expect(throws: GzipError.self) { try Gzip.decompress(compressed.prefix(compressed.count / 2)) }
    }

    @Test func decompressionStopsAtTheLimit() throws {
        let compressed = try Gzip.compress(Data(count: 1_000_000))
        let error = try #require(throws: GzipError.self) { try Gzip.decompress(compressed, limit: 1000) }
        #expect(error.description.contains("1000"))
    }
}
