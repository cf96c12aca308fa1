import OneThingModel
import Testing

/// The three-way merge as a table: each row is one field's base, local and hub value and
/// the expected outcome. `nil` is "absent" (deleted, or never given).
@Suite("Three-way field merge")
struct FieldMergeTests {
    enum Outcome: Sendable, CustomStringConvertible {
        case same(String?)       // nothing to merge: both sides agree
        case fromHub(String?)    // only the hub changed it
        case fromLocal(String?)  // only the node changed it
        case conflict            // changed differently on both sides; hub value held

        var description: String {
            switch self {
            case .same(let v): "same(\(v ?? "absent"))"
            case .fromHub(let v): "fromHub(\(v ?? "absent"))"
            case .fromLocal(let v): "fromLocal(\(v ?? "absent"))"
            case .conflict: "conflict"
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var base: String?
        var local: String?
        var hub: String?
        var expected: Outcome
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        // base present
        Row(name: "unchanged / unchanged", base: "a", local: "a", hub: "a", expected: .same("a")),
        Row(name: "changed / unchanged", base: "a", local: "b", hub: "a", expected: .fromLocal("b")),
        Row(name: "unchanged / changed", base: "a", local: "a", hub: "c", expected: .fromHub("c")),
        Row(name: "changed / changed alike", base: "a", local: "b", hub: "b", expected: .same("b")),
        Row(name: "changed / changed differently", base: "a", local: "b", hub: "c", expected: .conflict),
        Row(name: "deleted / unchanged", base: "a", local: nil, hub: "a", expected: .fromLocal(nil)),
        Row(name: "unchanged / deleted", base: "a", local: "a", hub: nil, expected: .fromHub(nil)),
        Row(name: "deleted / deleted", base: "a", local: nil, hub: nil, expected: .same(nil)),
        Row(name: "deleted / changed", base: "a", local: nil, hub: "c", expected: .conflict),
        Row(name: "changed / deleted", base: "a", local: "b", hub: nil, expected: .conflict),
        // base absent
        Row(name: "absent everywhere", base: nil, local: nil, hub: nil, expected: .same(nil)),
        Row(name: "added locally", base: nil, local: "b", hub: nil, expected: .fromLocal("b")),
        Row(name: "added on the hub", base: nil, local: nil, hub: "c", expected: .fromHub("c")),
        Row(name: "added alike", base: nil, local: "b", hub: "b", expected: .same("b")),
        Row(name: "added differently", base: nil, local: "b", hub: "c", expected: .conflict),
    ]

    @Test(arguments: rows)
    func oneField(row: Row) {
        var base: [String: String] = ["other": "x"], local = base, hub = base
        base["f"] = row.base
        local["f"] = row.local
        hub["f"] = row.hub
        let result = FieldMerge.merge(base: base, local: local, hub: hub)
        #expect(result.fields["other"] == "x")
        switch row.expected {
        case .same(let value):
            #expect(result.fields["f"] == value)
            #expect(result.takenFromHub.isEmpty && result.takenFromLocal.isEmpty && result.conflicts.isEmpty)
        case .fromHub(let value):
            #expect(result.fields["f"] == value)
            #expect(result.takenFromHub == ["f"])
            #expect(result.takenFromLocal.isEmpty && result.conflicts.isEmpty)
        case .fromLocal(let value):
            #expect(result.fields["f"] == value)
            #expect(result.takenFromLocal == ["f"])
            #expect(result.takenFromHub.isEmpty && result.conflicts.isEmpty)
        case .conflict:
            #expect(result.conflicts == [FieldConflict(field: "f", base: row.base, local: row.local, hub: row.hub)])
            #expect(result.fields["f"] == row.hub, "the hub's value is held until a person decides")
            #expect(result.takenFromHub.isEmpty && result.takenFromLocal.isEmpty)
        }
    }

    @Test func everyCombinationIsCoveredByTheTable() {
        // Every (base, local, hub) over {absent, a, b, c} is one of the table's shapes once
        // values are renamed by first appearance; checks that the table misses no shape.
        let values: [String?] = [nil, "a", "b", "c"]
        var shapes = Set<String>()
        for b in values { for l in values { for h in values { shapes.insert(Self.shape(b, l, h)) } } }
        let covered = Set(Self.rows.map { Self.shape($0.base, $0.local, $0.hub) })
        #expect(shapes.subtracting(covered).isEmpty, "shapes without a row: \(shapes.subtracting(covered).sorted())")
    }

    /// The equality pattern of three optional values (which are absent, which are equal).
    static func shape(_ b: String?, _ l: String?, _ h: String?) -> String {
        var names: [String: String] = [:]
        func name(_ v: String?) -> String {
            guard let v else { return "-" }
            if let n = names[v] { return n }
            let n = ["x", "y", "z"][names.count]
            names[v] = n
            return n
        }
        return [name(b), name(l), name(h)].joined(separator: ",")
    }

    @Test func differentFieldsMergeAndTheMergeIsReported() {
        let base = ["address": "old street 1", "phone": "13800000000", "name": "张三"]
        let local = ["address": "old street 1", "phone": "13900000000", "name": "张三"]
        let hub = ["address": "new street 2", "phone": "13800000000", "name": "张三"]
        let result = FieldMerge.merge(base: base, local: local, hub: hub)
        #expect(result.fields == ["address": "new street 2", "phone": "13900000000", "name": "张三"])
        #expect(result.takenFromHub == ["address"])
        #expect(result.takenFromLocal == ["phone"])
        #expect(result.isMerge)
        #expect(result.conflicts.isEmpty)
    }

    @Test func conflictsAreSortedAndIndependentOfDictionaryOrder() {
        let base = ["b": "1", "a": "1"]
        let result = FieldMerge.merge(base: base, local: ["b": "2", "a": "2"], hub: ["b": "3", "a": "3"])
        #expect(result.conflicts.map(\.field) == ["a", "b"])
        #expect(result.fields == ["a": "3", "b": "3"])
    }
}
