/// The scalars of JSON: null, true and false, numbers (integers exact to Int64), and strings
/// (checked without copying when they are passed over).
extension JSONReader {
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
    mutating func number() throws(WireDecodingError) {
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
}
