import Foundation

/// The one JSON reader of node and hub: strict RFC 8259 over UTF-8 bytes, read straight
/// into the types (`JSONValue.readJSON`), without JSONDecoder's per-value boxing. It accepts
/// exactly JSON (no comments, no trailing commas, no leading zeros, strings of valid UTF-8
/// without raw control characters, surrogate pairs checked) and limits nesting, so that a
/// hostile document is an error, never a crash. Values it is not asked for are checked as
/// strictly as the ones it reads, without being copied.
public struct JSONReader {
    static let maxDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0
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

    private static func members(_ r: inout JSONReader, _ member: (inout JSONReader) throws(WireDecodingError) -> Void)
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

    // MARK: scalars

    /// `null` (consumed) or not (nothing consumed).
    mutating func null() -> Bool {
        guard matchesAhead("null") else { return false }
        offset += 4
        return true
    }

    mutating func bool() throws(WireDecodingError) -> Bool {
        if matches("true") { return true }
        if matches("false") { return false }
        throw error("expected true or false")
    }

    mutating func int64() throws(WireDecodingError) -> Int64 {
        let start = offset
        let negative = peek() == UInt8(ascii: "-")
        if negative { offset += 1 }
        guard let first = peek(), isDigit(first) else { throw error("expected an integer") }
        if first == UInt8(ascii: "0"), let next = peek(at: offset + 1), isDigit(next) {
            throw error("a number has a leading zero")
        }
        // Built on the negative side, where Int64 reaches one further (Int64.min).
        var value: Int64 = 0
        while let digit = peek(), isDigit(digit) {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.subtractingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !o1, !o2 else { offset = start; throw error("an integer is out of range") }
            value = sum
            offset += 1
        }
        if peek() == UInt8(ascii: "."), let exact = zeroFraction() {
            // 12.000: exactly the integer before the point.
            offset = exact
            return try signed(value, negative: negative, start: start)
        }
        if let next = peek(), next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            // 12.0 or 1.2e1: an integer written as a number with a fraction or exponent, which
            // JSON Schema's "integer" and JSONDecoder accept; 1.5 or one too large is not.
            offset = start
            let text = try numberText()
            guard let double = Double(text), double.rounded(.towardZero) == double, abs(double) <= 9_007_199_254_740_992
            else {
                offset = start
                throw error("expected an integer, not a fraction")
            }
            return Int64(double)
        }
        return try signed(value, negative: negative, start: start)
    }

    private mutating func signed(_ value: Int64, negative: Bool, start: Int) throws(WireDecodingError) -> Int64 {
        if negative { return value }
        guard value != .min else { offset = start; throw error("an integer is out of range") }
        return -value
    }

    /// After the point: the offset past a fraction of only zeros that no exponent follows, or nil.
    private func zeroFraction() -> Int? {
        var index = offset + 1
        guard let first = peek(at: index), first == UInt8(ascii: "0") else { return nil }
        while let byte = peek(at: index), byte == UInt8(ascii: "0") { index += 1 }
        if let byte = peek(at: index), isDigit(byte) || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { return nil }
        return index
    }

    mutating func int() throws(WireDecodingError) -> Int {
        let value = try int64()
        guard let int = Int(exactly: value) else { throw error("an integer is out of range") }
        return int
    }

    /// A JSON number of any form, as it is written.
    mutating func numberText() throws(WireDecodingError) -> String {
        let start = offset
        try number()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    /// A JSON number of any form, checked and passed over.
    private mutating func number() throws(WireDecodingError) {
        if peek() == UInt8(ascii: "-") { offset += 1 }
        guard let first = peek(), isDigit(first) else { throw error("expected a value") }
        if first == UInt8(ascii: "0") {
            offset += 1
        } else {
            while let d = peek(), isDigit(d) { offset += 1 }
        }
        if peek() == UInt8(ascii: ".") {
            offset += 1
            guard let d = peek(), isDigit(d) else { throw error("a number ends after its point") }
            while let d = peek(), isDigit(d) { offset += 1 }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            offset += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { offset += 1 }
            guard let d = peek(), isDigit(d) else { throw error("a number's exponent has no digits") }
            while let d = peek(), isDigit(d) { offset += 1 }
        }
    }

    mutating func string() throws(WireDecodingError) -> String {
        let start = offset
        let escaped = try skipString()
        let body = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(offset - 1)])
        // Checked by skipString: valid UTF-8, escapes well formed.
        guard escaped else { return String(decoding: body, as: UTF8.self) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(body.count)
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                buffer.append(byte)
                continue
            }
            let kind = body[index]
            index += 1
            switch kind {
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(Self.hex4(body, at: index))
                index += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(Self.hex4(body, at: index + 2)) - 0xDC00)
                    index += 6
                }
                buffer.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: buffer.append(kind)  // " \ /
            }
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Passes over a string, checking it: valid UTF-8, no raw control characters, escapes
    /// well formed (surrogates in pairs). Returns whether it holds escapes.
    mutating func skipString() throws(WireDecodingError) -> Bool {
        try expect(UInt8(ascii: "\""))
        var escaped = false
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return escaped
            case UInt8(ascii: "\\"):
                escaped = true
                try checkEscape()
            case 0..<0x20:
                throw error("a string holds a raw control character")
            case 0..<0x80:
                offset += 1
            default:
                guard let length = UTF8Check.sequenceLength(bytes, at: offset) else { throw error("a string is not valid UTF-8") }
                offset += length
            }
        }
        throw error("a string is cut off")
    }

    private mutating func checkEscape() throws(WireDecodingError) {
        offset += 1
        guard let kind = take() else { throw error("a string is cut off") }
        switch kind {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
            UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            let unit = try checkedHex4()
            if (0xD800..<0xDC00).contains(unit) {
                guard matches("\\u") else { throw error("a \\u escape has half a surrogate pair") }
                guard (0xDC00..<0xE000).contains(try checkedHex4()) else { throw error("a \\u escape has half a surrogate pair") }
            } else if (0xDC00..<0xE000).contains(unit) {
                throw error("a \\u escape has half a surrogate pair")
            }
        default:
            throw error("a string has an unknown escape", back: 1)
        }
    }

    private mutating func checkedHex4() throws(WireDecodingError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = take() else { throw error("a \\u escape is cut off") }
            guard let digit = Self.hexDigit(byte) else { throw error("a \\u escape needs four hexadecimal digits", back: 1) }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Four hexadecimal digits already checked.
    private static func hex4(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt16 {
        var value: UInt16 = 0
        for i in index..<(index + 4) { value = value << 4 | UInt16(hexDigit(buffer[i]) ?? 0) }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
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

    private mutating func colon() throws(WireDecodingError) {
        skipSpace()
        try expect(UInt8(ascii: ":"))
        skipSpace()
    }

    // MARK: bytes

    func error(_ what: String, back: Int = 0) -> WireDecodingError {
        WireDecodingError(message: what, offset: max(0, offset - back))
    }

    private mutating func open(_ byte: UInt8) throws(WireDecodingError) {
        try expect(byte)
        depth += 1
        guard depth <= Self.maxDepth else { throw error("the JSON is nested deeper than \(Self.maxDepth) levels") }
    }

    private mutating func expect(_ byte: UInt8) throws(WireDecodingError) {
        guard peek() == byte else {
            throw error(peek() == nil ? "the JSON is cut off" : "expected \(Character(Unicode.Scalar(byte)))")
        }
        offset += 1
    }

    private func matchesAhead(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - offset >= count else { return false }
        return word.withUTF8Buffer { w in (0..<count).allSatisfy { bytes[offset + $0] == w[$0] } }
    }

    private mutating func matches(_ word: StaticString) -> Bool {
        guard matchesAhead(word) else { return false }
        offset += word.utf8CodeUnitCount
        return true
    }

    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    private func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
    private func peek(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func take() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
