/// A JSON object type described once: `jsonMembers` lists every member (key, how it may be
/// absent, how it is written when nil or default) in key order, and that one function is
/// run by the strict reader, the canonical writer and the Codable bridge alike, each a
/// `JSONMemberCoder`, so they cannot disagree. (The role GRDB's `init(row:)` and
/// `encode(to:)` play for rows, as one function.)
///
///     extension Rating: JSONRecord {
///         package static let jsonShape = JSONShape("a rating", blank: Rating(applicationId: "", score: 0))
///         package static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ v: inout Rating) throws(C.Failure) {
///             try c.required("application_id", &v.applicationId)
///             try c.required("score", &v.score)
///         }
///     }
package protocol JSONRecord: JSONReadable, JSONWritable, Codable, Sendable {
    /// The keys and a blank value to read into, made from `jsonMembers` once.
    static var jsonShape: JSONShape<Self> { get }
    /// Every member, in key order.
    static func jsonMembers<C: JSONMemberCoder>(_ c: inout C, _ value: inout Self) throws(C.Failure)
}

/// What a record's description is run with: the reader, the writer, the Codable bridge, and
/// the collectors that make its `JSONShape`.
package protocol JSONMemberCoder {
    associatedtype Failure: Error
    /// A member that must be present and not null.
    mutating func required<V: JSONValue>(_ key: StaticString, _ value: inout V) throws(Failure)
    /// A member that may be absent or null (both read as nil); nil is left out.
    mutating func optional<V: JSONValue>(_ key: StaticString, _ value: inout V?) throws(Failure)
    /// A member that may be absent or null (both read as nil); nil is written as null.
    mutating func nullable<V: JSONValue>(_ key: StaticString, _ value: inout V?) throws(Failure)
    /// A member that may be absent or null (both read as `default`); written always, or
    /// only when it is not the default (`omitDefault`).
    mutating func defaulted<V: JSONValue & Equatable>(_ key: StaticString, _ value: inout V, _ default: V, omitDefault: Bool)
        throws(Failure)
}

/// What reading a record needs besides its description: its keys in order, which must be
/// present, its name for messages, and a value with every member that may be absent
/// already set as absent (nil or its default), to read into.
package struct JSONShape<Root: JSONRecord>: Sendable {
    let name: String
    let keys: JSONKeyTable
    let requiredMask: UInt64
    let blank: Root

    /// `name` says what the object is in messages ("a push entry"); `blank` is any value
    /// of the type (members that must be present are always read over it).
    package init(_ name: String, blank: Root) {
        var collector = KeyCollector()
        var scratch = blank
        Root.jsonMembers(&collector, &scratch)
        precondition(collector.keys.count <= 64, "\(name): a record has at most 64 members")
        for (a, b) in zip(collector.keys, collector.keys.dropFirst()) {
            precondition(a.lexicographicallyPrecedes(b), "\(name): members must be listed once each, in key order")
        }
        var filler = AbsentFiller()
        var absent = blank
        Root.jsonMembers(&filler, &absent)
        self.name = name
        self.keys = JSONKeyTable(collector.keys)
        self.requiredMask = collector.requiredMask
        self.blank = absent
    }

    func read(_ r: inout JSONReader) throws(WireDecodingError) -> Root {
        var value = blank
        var seen: UInt64 = 0
        let start = r.offset
        try JSONReader.object(&r, keys: keys) { (r: inout JSONReader, index: Int?) throws(WireDecodingError) in
            guard let index else { return try r.skipValue() }
            let bit: UInt64 = 1 << UInt64(index)
            guard seen & bit == 0 else { throw r.error("\(name) has the key \(keys.name(index)) twice") }
            seen |= bit
            var member = MemberReader(reader: r, target: index)
            do throws(WireDecodingError) {
                try Root.jsonMembers(&member, &value)
            } catch {
                throw error.inside(key: keys.name(index))
            }
            r = member.reader
        }
        guard seen & requiredMask == requiredMask else {
            let missing = (0..<keys.count).filter { requiredMask & (1 << UInt64($0)) != 0 && seen & (1 << UInt64($0)) == 0 }
            throw WireDecodingError(message: "\(name) lacks \(missing.map(keys.name).joined(separator: ", "))", offset: start)
        }
        return value
    }
}

extension JSONRecord {
    package static func readJSON(_ r: inout JSONReader) throws(WireDecodingError) -> Self { try jsonShape.read(&r) }

    package func writeJSON(_ w: inout JSONWriter) {
        var member = MemberWriter()
        swap(&member.writer, &w)
        member.writer.byte(UInt8(ascii: "{"))
        // The description takes its value inout (the reader assigns through it); the writer
        // runs it on a copy. Writing through a pointer to `self` saved ~4% of writing a page
        // but is undefined behaviour, so the copy stays.
        var copy = self
        Self.jsonMembers(&member, &copy)
        member.writer.byte(UInt8(ascii: "}"))
        swap(&member.writer, &w)
    }
}

extension JSONMemberCoder {
    /// A member that may be absent or null (both read as `default`), always written.
    package mutating func defaulted<V: JSONValue & Equatable>(_ key: StaticString, _ value: inout V, _ default: V)
        throws(Failure)
    {
        try defaulted(key, &value, `default`, omitDefault: false)
    }
}
