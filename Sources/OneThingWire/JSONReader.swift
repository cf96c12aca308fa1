import Foundation

/// A strict, small JSON reader over UTF-8 bytes, for the wire types the node reads in
/// bulk (`ChangesPage`): values are read straight into the types, without JSONDecoder's
/// per-value boxing. It accepts exactly RFC 8259 JSON (no comments, no trailing commas, no
/// leading zeros, strings of valid UTF-8 without raw control characters, surrogate pairs
/// checked) and limits nesting, so that a hostile answer is an error, never a crash.
struct JSONReader {
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

    // MARK: documents

    /// Reads one whole JSON document from `data` with `body`: nothing but white space may
    /// follow the value `body` reads.
    static func document<T>(_ data: Data, _ body: (inout JSONReader) throws(WireDecodingError) -> T)
        throws(WireDecodingError) -> T
    {
        let result: Result<T, WireDecodingError> = data.withUnsafeBytes { raw in
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

    // MARK: structure

    /// Reads an object, calling `member` with each key; `member` must read the value.
    static func object(_ r: inout JSONReader, _ member: (inout JSONReader, String) throws(WireDecodingError) -> Void)
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
            let key = try r.string()
            r.skipSpace()
            try r.expect(UInt8(ascii: ":"))
            r.skipSpace()
            try member(&r, key)
            r.skipSpace()
            guard let next = r.take() else { throw r.error("the object is cut off") }
            if next == UInt8(ascii: "}") { break }
            guard next == UInt8(ascii: ",") else { throw r.error("expected , or } in an object", back: 1) }
        }
        r.depth -= 1
    }

    /// Reads an array, calling `element` for each element; `element` must read it.
    static func array(_ r: inout JSONReader, _ element: (inout JSONReader) throws(WireDecodingError) -> Void)
        throws(WireDecodingError)
    {
        try r.open(UInt8(ascii: "["))
        r.skipSpace()
        if r.peek() == UInt8(ascii: "]") {
            r.offset += 1
            r.depth -= 1
            return
        }
        while true {
            r.skipSpace()
            try element(&r)
            r.skipSpace()
            guard let next = r.take() else { throw r.error("the array is cut off") }
            if next == UInt8(ascii: "]") { break }
            guard next == UInt8(ascii: ",") else { throw r.error("expected , or ] in an array", back: 1) }
        }
        r.depth -= 1
    }

    /// An object of string values.
    static func stringMap(_ r: inout JSONReader) throws(WireDecodingError) -> [String: String] {
        var map: [String: String] = [:]
        try object(&r) { (r: inout JSONReader, key: String) throws(WireDecodingError) in map[key] = try r.string() }
        return map
    }

    /// Reads and drops any value (unknown keys of a newer hub).
    static func skipValue(_ r: inout JSONReader) throws(WireDecodingError) {
        switch r.peek() {
        case UInt8(ascii: "{"): try object(&r) { (r: inout JSONReader, _: String) throws(WireDecodingError) in try skipValue(&r) }
        case UInt8(ascii: "["): try array(&r) { (r: inout JSONReader) throws(WireDecodingError) in try skipValue(&r) }
        case UInt8(ascii: "\""): _ = try r.string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try r.bool()
        case UInt8(ascii: "n"):
            guard r.null() else { throw r.error("expected a value") }
        default: try r.number()
        }
    }

    /// After the top-level value: only white space may follow.
    mutating func end() throws(WireDecodingError) {
        skipSpace()
        guard offset == bytes.count else { throw error("unexpected bytes after the JSON value") }
    }

    // MARK: scalars

    /// `null` (consumed) or not (nothing consumed).
    mutating func null() -> Bool {
        guard bytes.count - offset >= 4, bytes[offset] == UInt8(ascii: "n"), bytes[offset + 1] == UInt8(ascii: "u"),
            bytes[offset + 2] == UInt8(ascii: "l"), bytes[offset + 3] == UInt8(ascii: "l")
        else { return false }
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
            try number()
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
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

    /// A JSON number of any form, checked and dropped.
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
        try expect(UInt8(ascii: "\""))
        let start = offset
        // Fast path: no escapes.
        while let byte = peek() {
            if byte == UInt8(ascii: "\"") {
                let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                guard let text else { throw error("a string is not valid UTF-8") }
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw error("a string holds a raw control character") }
            offset += 1
        }
        guard peek() != nil else { throw error("a string is cut off") }
        var buffer = Array(bytes[start..<offset])
        while let byte = take() {
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: buffer, as: UTF8.self) else { throw error("a string is not valid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &buffer)
            case 0..<0x20:
                throw error("a string holds a raw control character", back: 1)
            default:
                buffer.append(byte)
            }
        }
        throw error("a string is cut off")
    }

    private mutating func escape(into buffer: inout [UInt8]) throws(WireDecodingError) {
        guard let kind = take() else { throw error("a string is cut off") }
        switch kind {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(kind)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try hex4())
            if (0xD800..<0xDC00).contains(scalar) {
                guard matches("\\u") else { throw error("a \\u escape has half a surrogate pair") }
                let low = UInt32(try hex4())
                guard (0xDC00..<0xE000).contains(low) else { throw error("a \\u escape has half a surrogate pair") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("a \\u escape has half a surrogate pair")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("a \\u escape is not a character") }
            buffer.append(contentsOf: String(Character(unicode)).utf8)
        default:
            throw error("a string has an unknown escape", back: 1)
        }
    }

    private mutating func hex4() throws(WireDecodingError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = take() else { throw error("a \\u escape is cut off") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hexadecimal digits", back: 1)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
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

    private mutating func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - offset >= count else { return false }
        let equal = word.withUTF8Buffer { w in (0..<count).allSatisfy { bytes[offset + $0] == w[$0] } }
        if equal { offset += count }
        return equal
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

    /// The bytes from `start` to the current offset (a value read over, to hand elsewhere).
    func slice(from start: Int) -> [UInt8] { Array(bytes[start..<offset]) }
}

/// A wire document that is not what it should be: what, and at which byte.
public struct WireDecodingError: Error, CustomStringConvertible, Sendable, Hashable {
    public let message: String
    public let offset: Int

    public var description: String { "\(message) (at byte \(offset))" }
}
