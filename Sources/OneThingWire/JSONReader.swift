import Foundation

/// The one JSON reader of node and hub: strict RFC 8259 over UTF-8 bytes, read straight
/// into the types (`JSONValue.readJSON`), without JSONDecoder's per-value boxing. It accepts
/// exactly JSON (no comments, no trailing commas, no leading zeros, strings of valid UTF-8
/// without raw control characters, surrogate pairs checked) and limits nesting, so that a
/// hostile document is an error, never a crash. Values it is not asked for are checked as
/// strictly as the ones it reads, without being copied.
package struct JSONReader {
    static let maxDepth = 64

    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0
    private var depth = 0

    /// A reader at the start of `bytes`, past a UTF-8 byte order mark and white space
    /// (both allowed before a JSON text).
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
        skipSpace()
    }

    /// The kinds of JSON value, told by their first byte.
    enum Kind {
        case object, array, string, number, bool, null
    }

    // MARK: documents

    /// Reads one whole JSON document from `bytes` with `body`: nothing but white space may
    /// follow the value `body` reads.
    static func document<T>(_ bytes: some ContiguousBytes, _ body: (inout JSONReader) throws(WireDecodingError) -> T)
        throws(WireDecodingError) -> T
    {
        let result: Result<T, WireDecodingError> = bytes.withUnsafeBytes { raw in
            read(raw.bindMemory(to: UInt8.self), body)
        }
        return try result.get()
    }

    /// The same for a document held as text.
    static func document<T>(_ text: String, _ body: (inout JSONReader) throws(WireDecodingError) -> T)
        throws(WireDecodingError) -> T
    {
        var text = text
        let result: Result<T, WireDecodingError> = text.withUTF8 { bytes in read(bytes, body) }
        return try result.get()
    }

    private static func read<T>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (inout JSONReader) throws(WireDecodingError) -> T)
        -> Result<T, WireDecodingError>
    {
        var r = JSONReader(bytes)
        do throws(WireDecodingError) {
            let value = try body(&r)
            try r.end()
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    /// After the top-level value: only white space may follow.
    mutating func end() throws(WireDecodingError) {
        skipSpace()
        guard offset == bytes.count else { throw error("unexpected bytes after the JSON value") }
    }

    // MARK: structure

    /// Reads an object, calling `member` with each key; `member` must read the value (and
    /// refuse a key it has seen).
    static func object(_ r: inout JSONReader, _ member: (inout JSONReader, String) throws(WireDecodingError) -> Void)
        throws(WireDecodingError)
    {
        try members(&r) { (r: inout JSONReader) throws(WireDecodingError) in
            let key = try r.string()
            try r.colon()
            do throws(WireDecodingError) {
                try member(&r, key)
            } catch {
                throw error.inside(key: key)
            }
        }
    }

    /// Reads an object whose keys are looked up in `keys`: `member` gets the key's index
    /// (nil for a key not in the table, whose value it must read or skip).
    static func object(_ r: inout JSONReader, keys: JSONKeyTable, _ member: (inout JSONReader, Int?) throws(WireDecodingError) -> Void)
        throws(WireDecodingError)
    {
        var hint = 0
        try members(&r) { (r: inout JSONReader) throws(WireDecodingError) in
            let index = try r.key(in: keys, hint: hint)
            try r.colon()
            if let index { hint = index + 1 }
            try member(&r, index)
        }
    }

    static func members(_ r: inout JSONReader, _ member: (inout JSONReader) throws(WireDecodingError) -> Void)
        throws(WireDecodingError)
    {
        try r.open(UInt8(ascii: "{"))
        r.skipSpace()
        if r.peek() == UInt8(ascii: "}") {
            r.offset += 1
            r.depth -= 1
            return
        }
        while true {
            r.skipSpace()
            try member(&r)
            r.skipSpace()
            guard let next = r.take() else { throw r.error("the object is cut off") }
            if next == UInt8(ascii: "}") { break }
            guard next == UInt8(ascii: ",") else { throw r.error("expected , or } in an object", back: 1) }
        }
        r.depth -= 1
    }

    /// Reads an array, calling `element` with each element's index; `element` must read it.
    static func array(_ r: inout JSONReader, _ element: (inout JSONReader, Int) throws(WireDecodingError) -> Void)
        throws(WireDecodingError)
    {
        try r.open(UInt8(ascii: "["))
        r.skipSpace()
        if r.peek() == UInt8(ascii: "]") {
            r.offset += 1
            r.depth -= 1
            return
        }
        var index = 0
        while true {
            r.skipSpace()
            do throws(WireDecodingError) {
                try element(&r, index)
            } catch {
                throw error.inside(index: index)
            }
            index += 1
            r.skipSpace()
            guard let next = r.take() else { throw r.error("the array is cut off") }
            if next == UInt8(ascii: "]") { break }
            guard next == UInt8(ascii: ",") else { throw r.error("expected , or ] in an array", back: 1) }
        }
        r.depth -= 1
    }

    /// Reads and drops any value (unknown keys of a newer peer), checking it as strictly as
    /// a value that is kept, without copying its strings.
    mutating func skipValue() throws(WireDecodingError) {
        switch kind() {
        case .object:
            try Self.members(&self) { (r: inout JSONReader) throws(WireDecodingError) in
                _ = try r.skipString()
                try r.colon()
                try r.skipValue()
            }
        case .array: try Self.array(&self) { (r: inout JSONReader, _: Int) throws(WireDecodingError) in try r.skipValue() }
        case .string: _ = try skipString()
        case .bool: _ = try bool()
        case .null: offset += 4
        case .number: try number()
        case nil: throw error(peek() == nil ? "the JSON is cut off" : "expected a value")
        }
    }

    /// The bytes of the next value, checked (a value read over, to keep as it was sent).
    mutating func rawValue() throws(WireDecodingError) -> [UInt8] {
        let start = offset
        try skipValue()
        return Array(bytes[start..<offset])
    }

    /// The kind of the next value, or nil when no value starts here.
    func kind() -> Kind? {
        guard let byte = peek() else { return nil }
        let kind: Kind?
        switch byte {
        case UInt8(ascii: "{"): kind = .object
        case UInt8(ascii: "["): kind = .array
        case UInt8(ascii: "\""): kind = .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): kind = .bool
        case UInt8(ascii: "n"): kind = matchesAhead("null") ? .null : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = .number
        default: kind = nil
        }
        return kind
    }

    // MARK: keys

    /// Reads an object's key and finds it in `keys` (trying `hint` first: documents written
    /// by `JSONWriter` list their keys in the table's order). Nil for another key.
    private mutating func key(in keys: JSONKeyTable, hint: Int) throws(WireDecodingError) -> Int? {
        let start = offset
        if try skipString() {
            // Escapes in a key: compare what they stand for.
            offset = start
            let text = try string()
            return keys.index(of: Array(text.utf8)[...])
        }
        return keys.index(of: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(offset - 1)]), hint: hint)
    }

    mutating func colon() throws(WireDecodingError) {
        skipSpace()
        try expect(UInt8(ascii: ":"))
        skipSpace()
    }

    // MARK: bytes

    func error(_ what: String, back: Int = 0) -> WireDecodingError {
        WireDecodingError(message: what, offset: max(0, offset - back))
    }

    mutating func open(_ byte: UInt8) throws(WireDecodingError) {
        try expect(byte)
        depth += 1
        guard depth <= Self.maxDepth else { throw error("the JSON is nested deeper than \(Self.maxDepth) levels") }
    }

    mutating func expect(_ byte: UInt8) throws(WireDecodingError) {
        guard peek() == byte else {
            throw error(peek() == nil ? "the JSON is cut off" : "expected \(Character(Unicode.Scalar(byte)))")
        }
        offset += 1
    }

    func matchesAhead(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - offset >= count else { return false }
        return word.withUTF8Buffer { w in (0..<count).allSatisfy { bytes[offset + $0] == w[$0] } }
    }

    mutating func matches(_ word: StaticString) -> Bool {
        guard matchesAhead(word) else { return false }
        offset += word.utf8CodeUnitCount
        return true
    }

    mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
    func peek(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func take() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
