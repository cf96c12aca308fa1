import Foundation
import OneThingWire
import TestSupport
import Testing

/// The reader's own checks, below the records.
@Suite("The strict reader")
struct JSONReaderTests {
    @Test("100,000 random byte strings: read as a string exactly when they are valid UTF-8 (as the standard library decides), to the same text")
    func utf8AsTheStandardLibrary() throws {
        var g = SplitMix64(seed: 0x07F8)
        let lead: [UInt8] = [0x61, 0x7A, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xC0, 0xC1, 0xFF]
        var valid = 0
        for _ in 0..<100_000 {
            let body: [UInt8] = (0..<Int(1 + g.next() % 6)).map { _ in
                g.next() % 2 == 0 ? lead[Int(g.next() % UInt64(lead.count))] : UInt8(0x80 + g.next() % 0x40)
            }
            let expected = String(validating: body, as: UTF8.self)
            let read = try? JSONCodec.decode(String.self, from: [UInt8(ascii: "\"")] + body + [UInt8(ascii: "\"")])
            #expect(read == expected, "\(body)")
            if expected != nil { valid += 1 }
            // The same, passed over as an unknown member's value.
            let skipped = try? JSONCodec.member("k", as: String.self, in: Array(#"{"x":""#.utf8) + body + Array(#"","k":"v"}"#.utf8))
            #expect((skipped != nil) == (expected != nil), "\(body)")
        }
        #expect(valid > 1000)
    }

    @Test("escapes: each one's character, surrogate pairs joined, halves refused")
    func escapes() throws {
        #expect(try JSONCodec.decode(String.self, from: #""\"\\\/\b\f\n\r\t\u00e9\u9648\ud83d\ude00""#) == "\"\\/\u{8}\u{C}\n\r\té陈😀")
        for bad in [#""\ud83d""#, #""\ude00""#, #""\ud83dx""#, #""\ud83d\u0041""#, #""\x""#, #""\u12""#, #""\u12g4""#] {
            #expect(throws: WireDecodingError.self, "\(bad)") { try JSONCodec.decode(String.self, from: bad) }
        }
    }

    @Test("a document is one value: nothing but white space after it; nesting deeper than 64 refused")
    func documents() throws {
        #expect(throws: WireDecodingError.self) { try JSONCodec.decode([String].self, from: #"[] []"#) }
        #expect(try JSONCodec.decode([[String]].self, from: "\u{FEFF} [[\"a\"]] \n") == [["a"]])
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: WireDecodingError.self) { try JSONCodec.member("k", as: String.self, in: Array(#"{"x":\#(deep),"k":"v"}"#.utf8)) }
    }
}
