extension KeyDecoder {
    enum EscapeResult {
        case incomplete
        /// `length` bytes make one key, or none (`nil`: a stray paste end).
        case key(Key?, length: Int)
        case pasteStart(length: Int)
    }

    /// Decodes the escape sequence starting with the ESC at `start`.
    static func decodeEscape(_ bytes: [UInt8], at start: Int) -> EscapeResult {
        guard start + 1 < bytes.count else { return .incomplete }
        switch bytes[start + 1] {
        case UInt8(ascii: "["):
            return decodeCSI(bytes, start: start)
        case UInt8(ascii: "O"):
            return decodeSS3(bytes, start: start)
        default:
            // ESC then something that starts no sequence: the Escape key, then that byte.
            return .key(.escape, length: 1)
        }
    }

    private static func decodeCSI(_ bytes: [UInt8], start: Int) -> EscapeResult {
        var index = start + 2
        // Linux console F1-F5: ESC [ [ A ... ESC [ [ E
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
            guard index + 1 < bytes.count else { return .incomplete }
            let final = bytes[index + 1]
            let key: Key = (UInt8(ascii: "A")...UInt8(ascii: "E")).contains(final)
                ? .function(Int(final - UInt8(ascii: "A")) + 1) : .unknown
            return .key(key, length: index + 2 - start)
        }
        let parametersStart = index
        while index < bytes.count, (0x30...0x3F).contains(bytes[index]) { index += 1 }
        let parametersEnd = index
        while index < bytes.count, (0x20...0x2F).contains(bytes[index]), bytes[index] != UInt8(ascii: "$") {
            index += 1
        }
        guard index < bytes.count else {
            return index - start > Self.longestSequence ? .key(.unknown, length: index - start) : .incomplete
        }
        let final = bytes[index]
        guard (0x40...0x7E).contains(final) || final == UInt8(ascii: "$") else {
            return .key(.unknown, length: index - start)  // broken sequence: the byte is read again
        }
        let parameters = CSIParameters(bytes[parametersStart..<parametersEnd])
        if final == UInt8(ascii: "~"), parameters.first == 200, !parameters.isPrivate {
            return .pasteStart(length: index + 1 - start)
        }
        if final == UInt8(ascii: "~"), parameters.first == 201, !parameters.isPrivate {
            return .key(nil, length: index + 1 - start)
        }
        let intermediates = index > parametersEnd
        let key = intermediates || parameters.isPrivate ? .unknown : Self.csiKey(final: final, parameters: parameters)
        return .key(key, length: index + 1 - start)
    }

    private static func decodeSS3(_ bytes: [UInt8], start: Int) -> EscapeResult {
        var index = start + 2
        while index < bytes.count, (0x30...0x3F).contains(bytes[index]) { index += 1 }  // xterm modifiers
        guard index < bytes.count else {
            return index - start > Self.longestSequence ? .key(.unknown, length: index - start) : .incomplete
        }
        let final = bytes[index]
        guard (0x40...0x7E).contains(final) else { return .key(.unknown, length: index - start) }
        return .key(Self.ss3Key(final: final), length: index + 1 - start)
    }

    static func csiKey(final: UInt8, parameters: CSIParameters) -> Key {
        switch final {
        case UInt8(ascii: "A"), UInt8(ascii: "a"): return .up
        case UInt8(ascii: "B"), UInt8(ascii: "b"): return .down
        case UInt8(ascii: "C"), UInt8(ascii: "c"): return .right
        case UInt8(ascii: "D"), UInt8(ascii: "d"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "P"): return .function(1)  // xterm modified F1-F4: ESC [ 1 ; 2 P
        case UInt8(ascii: "Q"): return .function(2)
        case UInt8(ascii: "R"): return .function(3)
        case UInt8(ascii: "S"): return .function(4)
        case UInt8(ascii: "~"), UInt8(ascii: "$"), UInt8(ascii: "^"), UInt8(ascii: "@"):
            // vt220 / rxvt numbered keys; rxvt marks Shift with $, Ctrl with ^, both with @.
            return numberedKey(parameters.first ?? 1)
        default:
            return .unknown
        }
    }

    static func numberedKey(_ number: Int) -> Key {
        switch number {
        case 1, 7: .home
        case 3: .delete
        case 4, 8: .end
        case 5: .pageUp
        case 6: .pageDown
        case 11...15: .function(number - 10)
        case 17...21: .function(number - 11)
        case 23, 24: .function(number - 12)
        default: .unknown  // 2 Insert, F13 and later
        }
    }

    static func ss3Key(final: UInt8) -> Key {
        switch final {
        case UInt8(ascii: "A"), UInt8(ascii: "a"): .up
        case UInt8(ascii: "B"), UInt8(ascii: "b"): .down
        case UInt8(ascii: "C"), UInt8(ascii: "c"): .right
        case UInt8(ascii: "D"), UInt8(ascii: "d"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "P"): .function(1)
        case UInt8(ascii: "Q"): .function(2)
        case UInt8(ascii: "R"): .function(3)
        case UInt8(ascii: "S"): .function(4)
        case UInt8(ascii: "M"): .enter  // keypad Enter in application mode
        case UInt8(ascii: "p")...UInt8(ascii: "y"): .character(Character(Unicode.Scalar(final - 0x40)))  // keypad 0-9
        case UInt8(ascii: "j"): .character("*")
        case UInt8(ascii: "k"): .character("+")
        case UInt8(ascii: "l"): .character(",")
        case UInt8(ascii: "m"): .character("-")
        case UInt8(ascii: "n"): .character(".")
        case UInt8(ascii: "o"): .character("/")
        default: .unknown
        }
    }
}

/// The parameter bytes of a CSI sequence: numbers separated by ";", maybe led by a private
/// marker ("<", "=", ">", "?") as in mouse reports, which the kiosk does not use.
struct CSIParameters {
    let isPrivate: Bool
    /// The first number, nil when absent.
    let first: Int?

    init(_ bytes: ArraySlice<UInt8>) {
        isPrivate = bytes.first.map { (0x3C...0x3F).contains($0) } ?? false
        var number: Int?
        for byte in bytes {
            guard (0x30...0x39).contains(byte) else { break }
            number = min((number ?? 0) * 10 + Int(byte - 0x30), 100_000)
        }
        first = number
    }
}
