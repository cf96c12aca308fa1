public import OneThingModel

extension ChangesPage {
    /// The page as JSON bytes, written directly: the same document `WireCoding.encode`
    /// gives (keys sorted, absent optionals left out), at a fraction of JSONEncoder's cost.
    /// A page of 500 changes is ~700 KB of field maps; the hub writes one per pull request.
    /// The rare catalogue update is encoded by `WireCoding` and spliced in.
    public func jsonBytes() throws -> [UInt8] {
        var w = CanonicalJSON.Writer(capacity: 1024 + changes.count * 1600)
        w.raw("{")
        if let catalog {
            w.raw("\"catalog\":")
            w.rawBytes(try WireCoding.encode(catalog))
            w.raw(",")
        }
        w.raw("\"changes\":[")
        for (n, change) in changes.enumerated() {
            if n > 0 { w.raw(",") }
            change.write(into: &w)
        }
        w.raw("],\"has_more\":")
        w.raw(hasMore ? "true" : "false")
        w.raw(",\"next_cursor\":")
        w.raw(String(nextCursor))
        w.raw("}")
        return w.bytes
    }
}

extension ApplicationChange {
    func write(into w: inout CanonicalJSON.Writer) {
        w.raw("{\"application_id\":")
        w.string(applicationId)
        w.raw(",\"conflicts\":[")
        for (n, conflict) in conflicts.enumerated() {
            if n > 0 { w.raw(",") }
            w.raw("{")
            var first = true
            w.optionalMember("base", conflict.base, first: &first)
            w.optionalMember("field", conflict.field, first: &first)
            w.optionalMember("hub", conflict.hub, first: &first)
            w.optionalMember("local", conflict.local, first: &first)
            w.raw("}")
        }
        w.raw("],\"cursor\":")
        w.raw(String(cursor))
        if let duplicate {
            w.raw(",\"duplicate\":{\"application_id\":")
            w.string(duplicate.applicationId)
            w.raw(",\"kind\":")
            w.string(duplicate.kind.rawValue)
            w.raw(",\"node_id\":")
            w.string(duplicate.nodeId)
            w.raw(",\"province_no\":")
            w.string(duplicate.provinceNo)
            w.raw("}")
        }
        w.raw(",\"fields\":")
        w.object(fields)
        w.raw(",\"hub_revision\":")
        w.raw(String(hubRevision))
        w.raw(",\"items\":[")
        for (n, item) in items.enumerated() {
            if n > 0 { w.raw(",") }
            w.raw("{")
            if let documents = item.documents {
                w.raw("\"documents\":")
                w.object(documents)
                w.raw(",")
            }
            w.raw("\"item\":")
            w.string(item.item)
            if let reason = item.reason {
                w.raw(",\"reason\":")
                w.string(reason)
            }
            w.raw(",\"state\":")
            w.string(item.state.rawValue)
            w.raw("}")
        }
        w.raw("],\"province_no\":")
        w.string(provinceNo)
        if purged { w.raw(",\"purged\":true") }
        w.raw(",\"revision\":")
        w.raw(String(revision))
        w.raw("}")
    }
}

extension CanonicalJSON.Writer {
    /// `"name":"value"` when the value is present, with a comma before all but the first.
    mutating func optionalMember(_ name: StaticString, _ value: String?, first: inout Bool) {
        guard let value else { return }
        if !first { raw(",") }
        first = false
        raw("\"")
        raw(name)
        raw("\":")
        string(value)
    }
}
