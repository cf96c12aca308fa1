/// A small, fast writer of canonical JSON: object keys sorted, no insignificant spaces,
/// strings escaped minimally (quote, backslash, control characters), everything else raw
/// UTF-8. Used for frozen outbox payloads and stored field maps, whose bytes are hashed:
/// the same value always gives the same bytes. Faster than JSONEncoder, which matters on
/// the filing path.
public enum CanonicalJSON {
    public static func string(_ s: String, into out: inout String) {
        out.append("\"")
        var plainStart = s.unicodeScalars.startIndex
        var index = plainStart
        let scalars = s.unicodeScalars
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escape = nil
                }
            }
            if let escape {
                out.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                out.append(escape)
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        out.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        out.append("\"")
    }

    public static func object(_ values: [String: String]) -> String {
        var out = ""
        object(values, into: &out)
        return out
    }

    public static func object(_ values: [String: String], into out: inout String) {
        out.append("{")
        for (n, key) in values.keys.sorted().enumerated() {
            if n > 0 { out.append(",") }
            string(key, into: &out)
            out.append(":")
            string(values[key] ?? "", into: &out)
        }
        out.append("}")
    }

    public static func array(_ values: [String]) -> String {
        var out = ""
        array(values, into: &out)
        return out
    }

    public static func array(_ values: [String], into out: inout String) {
        out.append("[")
        for (n, value) in values.enumerated() {
            if n > 0 { out.append(",") }
            string(value, into: &out)
        }
        out.append("]")
    }
}

extension ApplicationPayload {
    /// The canonical JSON text of this payload (keys in sorted order, as JSONEncoder's
    /// `.sortedKeys` would give them; nil values as null).
    public var canonicalJSON: String {
        var out = "{\"application_id\":"
        CanonicalJSON.string(applicationId, into: &out)
        out.append(",\"base_revision\":")
        out.append(baseRevision.map(String.init) ?? "null")
        out.append(",\"bundle\":")
        CanonicalJSON.string(bundle, into: &out)
        out.append(",\"catalog_version\":")
        CanonicalJSON.string(catalogVersion, into: &out)
        out.append(",\"fields\":")
        CanonicalJSON.object(fields, into: &out)
        out.append(",\"items\":")
        CanonicalJSON.array(items, into: &out)
        out.append(",\"operator\":")
        if let operatorId { CanonicalJSON.string(operatorId, into: &out) } else { out.append("null") }
        out.append(",\"region\":")
        CanonicalJSON.string(region, into: &out)
        out.append(",\"revision\":")
        out.append(String(revision))
        out.append(",\"situations\":")
        CanonicalJSON.array(situations, into: &out)
        out.append("}")
        return out
    }
}
