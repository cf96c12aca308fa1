/// Turns the bytes a terminal sends into `Key`s: UTF-8 text, control bytes, CSI and SS3
/// sequences (xterm, Linux console and rxvt variants) and bracketed paste.
///
/// Input may stop anywhere (inside a UTF-8 sequence, an escape sequence or a paste): what
/// cannot be decoded yet is kept for the next `feed`. A lone ESC stays pending until `flush`,
/// which the reader calls when no byte arrived for a short while.
package struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []
    private var pasting = false
    private var pasteBytes: [UInt8] = []
    private var afterCarriageReturn = false

    /// Escape sequences longer than this are dropped as `.unknown` rather than waited for.
    static let longestSequence = 32
    /// A paste longer than this is handed on in parts (`.paste` several times).
    static let pasteChunkBytes = 64 * 1024
    static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    package init() {}

    /// Whether bytes are waiting for more input (part of a sequence, or an unfinished paste).
    package var hasPendingInput: Bool { !pending.isEmpty || pasting }

    /// Feeds bytes as they arrive; returns the keys they complete.
    package mutating func feed(_ bytes: [UInt8]) -> [Key] {
        pending.append(contentsOf: bytes)
        var keys: [Key] = []
        var text: [UInt8] = []
        var index = 0
        parsing: while index < pending.count {
            if pasting {
                index = consumePaste(from: index, into: &keys)
                if pasting { break parsing }
                continue
            }
            let byte = pending[index]
            let wasCarriageReturn = afterCarriageReturn
            afterCarriageReturn = false
            switch byte {
            case 0x1B:
                emitText(&text, into: &keys)
                switch Self.decodeEscape(pending, at: index) {
                case .incomplete:
                    break parsing
                case .key(let key, let length):
                    if let key { keys.append(key) }
                    index += length
                case .pasteStart(let length):
                    pasting = true
                    pasteBytes = []
                    index += length
                }
            case 0x0A where wasCarriageReturn, 0x00 where wasCarriageReturn:
                index += 1  // CR LF or CR NUL from one Enter
            case 0x00..<0x20, 0x7F:
                emitText(&text, into: &keys)
                keys.append(Self.controlKey(byte))
                afterCarriageReturn = byte == 0x0D
                index += 1
            case 0x20..<0x7F:
                text.append(byte)
                index += 1
            default:
                switch UTF8Sequence.check(pending, at: index) {
                case .complete(let length):
                    text.append(contentsOf: pending[index..<(index + length)])
                    index += length
                case .incomplete:
                    break parsing
                case .invalid(let length):
                    index += length  // dropped
                }
            }
        }
        emitText(&text, into: &keys)
        pending.removeFirst(index)
        return keys
    }

    /// Called when no byte arrived for a short while: a lone pending ESC becomes `.escape`,
    /// other incomplete bytes are dropped; an unfinished paste hands on what it has so far and
    /// goes on waiting for its end.
    package mutating func flush() -> [Key] {
        if pasting {
            var keys: [Key] = []
            emitPaste(upToCompleteUTF8: true, into: &keys)
            return keys
        }
        defer { pending = [] }
        return pending == [0x1B] ? [.escape] : []
    }

    static func controlKey(_ byte: UInt8) -> Key {
        switch byte {
        case 0x08, 0x7F: .backspace
        case 0x09: .tab
        case 0x0A, 0x0D: .enter
        case 0x01...0x1A: .control(Character(Unicode.Scalar(byte + 0x60)))
        default: .unknown  // NUL, Ctrl-\ ] ^ _
        }
    }

    /// Printable text as one key per grapheme; anything that is not printable is `.unknown`.
    private func emitText(_ text: inout [UInt8], into keys: inout [Key]) {
        guard !text.isEmpty else { return }
        for character in String(decoding: text, as: UTF8.self) {
            let isPrintable = !character.unicodeScalars.contains(where: DisplayWidth.needsReplacement)
            keys.append(isPrintable ? .character(character) : .unknown)
        }
        text = []
    }

    /// Inside a paste: takes bytes up to the end marker (or all but what could be the start of
    /// one); returns the index to go on from.
    private mutating func consumePaste(from start: Int, into keys: inout [Key]) -> Int {
        let end = Self.pasteEnd
        var index = start
        while index < pending.count {
            if pending[index] == end[0] {
                let available = min(end.count, pending.count - index)
                if pending[index..<(index + available)].elementsEqual(end[0..<available]) {
                    if available < end.count {
                        return index  // maybe the end marker: wait for the rest
                    }
                    pasting = false
                    emitPaste(upToCompleteUTF8: false, into: &keys)
                    return index + end.count
                }
            }
            pasteBytes.append(pending[index])
            index += 1
            if pasteBytes.count >= Self.pasteChunkBytes {
                emitPaste(upToCompleteUTF8: true, into: &keys)
            }
        }
        return index
    }

    private mutating func emitPaste(upToCompleteUTF8: Bool, into keys: inout [Key]) {
        let length = upToCompleteUTF8 ? UTF8Sequence.completePrefixLength(pasteBytes) : pasteBytes.count
        guard length > 0 else { return }
        let content = String(decoding: pasteBytes[0..<length], as: UTF8.self)
        pasteBytes.removeFirst(length)
        keys.append(.paste(DisplayWidth.sanitise(content)))
    }
}
