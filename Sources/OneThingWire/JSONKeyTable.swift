/// The keys of one record type, as UTF-8 bytes in the order its description lists them,
/// for finding an object's key without making a String of it.
package struct JSONKeyTable: Sendable {
    let keys: [[UInt8]]

    init(_ keys: [[UInt8]]) {
        self.keys = keys
    }

    var count: Int { keys.count }

    func name(_ index: Int) -> String { String(decoding: keys[index], as: UTF8.self) }

    /// The index of `key`, trying `hint` first, or nil when the table does not hold it.
    func index(of key: some Collection<UInt8>, hint: Int = 0) -> Int? {
        if hint < keys.count, keys[hint].elementsEqual(key) { return hint }
        let count = key.count
        for (index, candidate) in keys.enumerated() where candidate.count == count && candidate.elementsEqual(key) {
            return index
        }
        return nil
    }
}
