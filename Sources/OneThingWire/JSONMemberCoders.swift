/// Runs a description once to learn its keys (in order) and which must be present.
struct KeyCollector: JSONMemberCoder {
    typealias Failure = Never
    var keys: [[UInt8]] = []
    var requiredMask: UInt64 = 0

    private mutating func add(_ key: StaticString, required: Bool) {
        let bytes = key.withUTF8Buffer { Array($0) }
        precondition(
            bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F },
            "JSON member keys are lower-case snake_case")
        if required { requiredMask |= 1 << UInt64(keys.count) }
        keys.append(bytes)
    }

    mutating func required<V: JSONValue>(_ key: StaticString, _ value: inout V) { add(key, required: true) }
    mutating func optional<V: JSONValue>(_ key: StaticString, _ value: inout V?) { add(key, required: false) }
    mutating func nullable<V: JSONValue>(_ key: StaticString, _ value: inout V?) { add(key, required: false) }
    mutating func defaulted<V: JSONValue & Equatable>(_ key: StaticString, _ value: inout V, _ default: V, omitDefault: Bool) {
        add(key, required: false)
    }
}

/// Sets every member that may be absent to what its absence reads as.
struct AbsentFiller: JSONMemberCoder {
    typealias Failure = Never

    mutating func required<V: JSONValue>(_ key: StaticString, _ value: inout V) {}
    mutating func optional<V: JSONValue>(_ key: StaticString, _ value: inout V?) { value = nil }
    mutating func nullable<V: JSONValue>(_ key: StaticString, _ value: inout V?) { value = nil }
    mutating func defaulted<V: JSONValue & Equatable>(_ key: StaticString, _ value: inout V, _ default: V, omitDefault: Bool) {
        value = `default`
    }
}

/// Reads the value of one member, the `target`-th of the description.
struct MemberReader: JSONMemberCoder {
    typealias Failure = WireDecodingError
    var reader: JSONReader
    let target: Int
    private var index = 0

    init(reader: JSONReader, target: Int) {
        self.reader = reader
        self.target = target
    }

    mutating func required<V: JSONValue>(_ key: StaticString, _ value: inout V) throws(WireDecodingError) {
        defer { index += 1 }
        guard index == target else { return }
        value = try V.readJSON(&reader)
    }

    mutating func optional<V: JSONValue>(_ key: StaticString, _ value: inout V?) throws(WireDecodingError) {
        defer { index += 1 }
        guard index == target else { return }
        value = reader.null() ? nil : try V.readJSON(&reader)
    }

    mutating func nullable<V: JSONValue>(_ key: StaticString, _ value: inout V?) throws(WireDecodingError) {
        defer { index += 1 }
        guard index == target else { return }
        value = reader.null() ? nil : try V.readJSON(&reader)
    }

    mutating func defaulted<V: JSONValue & Equatable>(_ key: StaticString, _ value: inout V, _ default: V, omitDefault: Bool)
        throws(WireDecodingError)
    {
        defer { index += 1 }
        guard index == target else { return }
        value = reader.null() ? `default` : try V.readJSON(&reader)
    }
}

/// Writes the members of one object (the braces are the caller's). It never assigns to a
/// member: `JSONRecord.writeJSON` runs it on the value in place.
struct MemberWriter: JSONMemberCoder {
    typealias Failure = Never
    var writer = JSONWriter(capacity: 0)
    private var first = true

    mutating func required<V: JSONValue>(_ key: StaticString, _ value: inout V) {
        writer.key(key, first: &first)
        value.writeJSON(&writer)
    }

    mutating func optional<V: JSONValue>(_ key: StaticString, _ value: inout V?) {
        guard let value else { return }
        writer.key(key, first: &first)
        value.writeJSON(&writer)
    }

    mutating func nullable<V: JSONValue>(_ key: StaticString, _ value: inout V?) {
        writer.key(key, first: &first)
        if let value { value.writeJSON(&writer) } else { writer.null() }
    }

    mutating func defaulted<V: JSONValue & Equatable>(_ key: StaticString, _ value: inout V, _ default: V, omitDefault: Bool) {
        if omitDefault && value == `default` { return }
        writer.key(key, first: &first)
        value.writeJSON(&writer)
    }
}
