/// Checking UTF-8 byte by byte, for input that may stop in the middle of a character.
enum UTF8Sequence {
    enum Check: Equatable {
        case complete(length: Int)
        case incomplete
        /// `length` bytes (at least 1) can be no valid character: drop them and go on.
        case invalid(length: Int)
    }

    /// Checks the (non-ASCII) sequence that starts at `start`.
    static func check(_ bytes: [UInt8], at start: Int) -> Check {
        let lead = bytes[start]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F  // no surrogates
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return .invalid(length: 1)
        }
        for offset in 1..<length {
            guard start + offset < bytes.count else { return .incomplete }
            let range = offset == 1 ? secondRange : 0x80...0xBF
            guard range.contains(bytes[start + offset]) else { return .invalid(length: offset) }
        }
        return .complete(length: length)
    }

    /// How many leading bytes of `bytes` end on a character boundary (a trailing incomplete
    /// sequence is left out).
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        var start = bytes.count - 1
        while start >= 0, start >= bytes.count - 4 {
            let byte = bytes[start]
            if byte < 0x80 { return bytes.count }
            if byte >= 0xC0 {
                return check(bytes, at: start) == .incomplete ? start : bytes.count
            }
            start -= 1
        }
        return bytes.count
    }
}
