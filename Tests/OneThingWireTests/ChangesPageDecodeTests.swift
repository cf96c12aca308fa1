import Foundation
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// `ChangesPage.decode(json:)` (the node's fast reader) against JSONDecoder, the reference.
@Suite("Pages of changes read by the strict reader")
struct ChangesPageDecodeTests {
    /// Every non-ASCII character of a JSON text written as \u escapes (UTF-16, surrogate
    /// pairs for the rest), as other JSON writers do.
    static func escapingNonASCII(_ text: String) -> String {
        var out = ""
        for unit in text.utf16 {
            if unit < 0x80 { out.unicodeScalars.append(Unicode.Scalar(UInt8(unit))) } else { out += String(format: "\\u%04X", unit) }
        }
        return out
    }

    @Test("random pages, written compactly, pretty, with \\u escapes and with unknown keys: the same page as JSONDecoder reads")
    func sameAsJSONDecoder() throws {
        var g = SplitMix64(seed: 0xDEC0DE)
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted]
        for _ in 0..<500 {
            let page = ChangesPageBytesTests.randomPage(&g)
            let compact = try Oracle.encode(page)
            let forms = [
                compact, try pretty.encode(page), Data(Self.escapingNonASCII(String(decoding: compact, as: UTF8.self)).utf8),
                Data(String(decoding: compact, as: UTF8.self)
                    .replacingOccurrences(of: "\"changes\":", with: "\"future\":{\"a\":[1,-2.5e3,true,null,{\"b\":\"c\"}]},\"changes\":").utf8),
            ]
            for form in forms {
                #expect(try ChangesPage.decode(json: form) == page, "\(String(decoding: form, as: UTF8.self))")
                #expect(try Oracle.decode(ChangesPage.self, from: form) == page)
            }
        }
    }

    @Test("a page from an older hub (no revision, no conflicts) and nulls where optionals are absent")
    func olderHubAndNulls() throws {
        let json = #"""
            {"changes":[{"cursor":3,"application_id":"OT-1","province_no":"FJ0000000001","hub_revision":2,
              "items":[{"item":"birth-certificate","state":"approved","reason":null,"documents":null}],
              "fields":{"a":"\u9648\"\\\/\b\f\n\r\t\ud83d\ude00"},"duplicate":null}],
             "next_cursor":3,"has_more":false,"catalog":null}
            """#
        let page = try ChangesPage.decode(json: Data(json.utf8))
        #expect(page == (try Oracle.decode(ChangesPage.self, from: Data(json.utf8))))
        #expect(page.changes.first?.revision == 0)
        #expect(page.changes.first?.conflicts == [])
        #expect(page.changes.first?.fields["a"] == "陈\"\\/\u{08}\u{0C}\n\r\t😀")
    }

    @Test("invalid documents are errors naming what is wrong", arguments: [
        "", "{", "[]", "null", #"{"changes":[],"next_cursor":1}"#, #"{"changes":[],"next_cursor":1,"has_more":false} x"#,
        #"{"changes":[],"next_cursor":01,"has_more":false}"#, #"{"changes":[],"next_cursor":1.5,"has_more":false}"#,
        #"{"changes":[],"next_cursor":99999999999999999999,"has_more":false}"#, #"{"changes":[],"next_cursor":1,"has_more":"no"}"#,
        #"{"changes":[],"next_cursor":1,"has_more":false,}"#, #"{"changes":[{"cursor":1}],"next_cursor":1,"has_more":false}"#,
        #"{"changes":[],"next_cursor":1,"has_more":false,"x":"\ud800"}"#, #"{"changes":[],"next_cursor":1,"has_more":false,"x":"\q"}"#,
        "{\"changes\":[],\"next_cursor\":1,\"has_more\":false,\"x\":\"a\u{01}b\"}",
        #"{"changes":[{"cursor":1,"application_id":"a","province_no":"b","hub_revision":1,"items":[{"item":"x","state":"lost"}],"fields":{}}],"next_cursor":1,"has_more":false}"#,
    ])
    func invalid(_ json: String) {
        #expect(throws: WireDecodingError.self) { try ChangesPage.decode(json: Data(json.utf8)) }
    }

    @Test("integers written with a fraction or exponent (12.0, 1.2e1) are read as JSONDecoder reads them; 1.5 is not an integer")
    func integralNumbers() throws {
        for (text, cursor) in [("12.0", Int64(12)), ("1.2e1", 12), ("120E-1", 12), ("-0.0", 0)] {
            let json = #"{"changes":[],"next_cursor":"# + text + #","has_more":false}"#
            #expect(try ChangesPage.decode(json: Data(json.utf8)).nextCursor == cursor)
            #expect(try Oracle.decode(ChangesPage.self, from: Data(json.utf8)).nextCursor == cursor)
        }
        for (text, cursor) in [("9007199254740993.0", Int64(9_007_199_254_740_993)), ("-9223372036854775808", Int64.min),
                               ("9223372036854775807", Int64.max)] {
            let json = #"{"changes":[],"next_cursor":"# + text + #","has_more":false}"#
            #expect(try ChangesPage.decode(json: Data(json.utf8)).nextCursor == cursor, "\(text)")
        }
        #expect(throws: WireDecodingError.self) {
            try ChangesPage.decode(json: Data(#"{"changes":[],"next_cursor":9223372036854775808,"has_more":false}"#.utf8))
        }
        #expect(throws: WireDecodingError.self) { try ChangesPage.decode(json: Data(#"{"changes":[],"next_cursor":1.5,"has_more":false}"#.utf8)) }
        #expect(throws: WireDecodingError.self) { try ChangesPage.decode(json: Data(#"{"changes":[],"next_cursor":1e400,"has_more":false}"#.utf8)) }
    }

    @Test("white space and a byte order mark before the document are allowed, as JSONDecoder allows them")
    func leadingSpace() throws {
        let page = #"{"changes":[],"next_cursor":2,"has_more":false}"#
        for prefix in ["\n", " \t\r\n", "\u{FEFF}"] {
            let data = Data((prefix + page + "\n").utf8)
            #expect(try ChangesPage.decode(json: data).nextCursor == 2)
            #expect(try Oracle.decode(ChangesPage.self, from: data).nextCursor == 2)
        }
        #expect(try PushRequest.decode(json: Data(" \n{\"entries\":[]}".utf8)).entries.isEmpty)
        #expect(try JSONCodec.decode([String: String].self, from: "\n {\"a\":\"b\"} ") == ["a": "b"])
    }

    @Test("invalid UTF-8 in a string, and nesting deeper than the limit, are errors, not crashes")
    func hostile() {
        var bytes = Array(#"{"changes":[],"next_cursor":1,"has_more":false,"x":"ab"}"#.utf8)
        bytes.insert(0xFF, at: bytes.count - 3)
        #expect(throws: WireDecodingError.self) { try ChangesPage.decode(json: Data(bytes)) }
        let deep = #"{"changes":[],"next_cursor":1,"has_more":false,"x":"# + String(repeating: "[", count: 100_000) + "}"
        #expect(throws: WireDecodingError.self) { try ChangesPage.decode(json: Data(deep.utf8)) }
    }

    static let structural = Array("{}[],:\"\\0-e.tn".utf8)

    @Test("every prefix of a page is an error; 20,000 byte mutations never crash, and what is read is what JSONDecoder reads")
    func truncatedAndMutated() throws {
        var g = SplitMix64(seed: 0xBADB17E)
        var page = ChangesPageBytesTests.randomPage(&g)
        while page.changes.isEmpty { page = ChangesPageBytesTests.randomPage(&g) }
        let valid = Array(try Oracle.encode(page))
        for length in 0..<valid.count {
            #expect(throws: WireDecodingError.self) { try ChangesPage.decode(json: Data(valid[0..<length])) }
        }
        var accepted = 0
        for _ in 0..<20_000 {
            var bytes = valid
            for _ in 0..<Int(1 + g.next() % 3) {
                let at = Int(g.next() % UInt64(bytes.count))
                switch g.next() % 3 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: g.next())
                case 1: bytes.remove(at: at)
                default: bytes.insert(Self.structural[Int(g.next() % UInt64(Self.structural.count))], at: at)
                }
            }
            guard let fast = try? ChangesPage.decode(json: Data(bytes)) else { continue }
            accepted += 1
            #expect(fast == (try? Oracle.decode(ChangesPage.self, from: Data(bytes))), "\(bytes)")
        }
        #expect(accepted > 0, "no mutation was still a valid page: the comparison above never ran")
    }
}
