/// Node ids as the protocol allows them: `^[a-z0-9][a-z0-9._-]{0,63}$`.
package enum NodeID {
    package static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        func lowerOrDigit(_ b: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
        }
        guard lowerOrDigit(bytes[0]) else { return false }
        return bytes.dropFirst().allSatisfy { lowerOrDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }
}
