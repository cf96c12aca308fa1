import OneThingModel
import Testing

/// A revision the hub holds, made again in another form, as a table: each row is one field's
/// base, first form, this form and hub value (`nil`: absent; `unknown`: no base or no record
/// of the first form) and whether the field is a conflict. Never is this form's value taken.
@Suite("A held revision made again: per field")
struct RevisionMadeAgainTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var base: String??
        var first: String??
        var again: String?
        var hub: String?
        var conflict: Bool
        var testDescription: String { name }
    }

    static let unknown: String?? = .none

    static let rows: [Row] = [
        Row(name: "agrees with the hub", base: "a", first: "b", again: "c", hub: "c", conflict: false),
        Row(name: "left as its base had it; the first form changed it", base: "a", first: "b", again: "a", hub: "b", conflict: false),
        Row(name: "gives the first form's value; changed on the hub since", base: "a", first: "b", again: "b", hub: "c", conflict: false),
        Row(name: "changed otherwise than the first form", base: "a", first: "b", again: "c", hub: "b", conflict: true),
        Row(name: "changed; the first form left it, the hub changed it since", base: "a", first: "a", again: "c", hub: "d", conflict: true),
        Row(name: "removed; the first form kept it", base: "a", first: "a", again: nil, hub: "a", conflict: true),
        Row(name: "given; absent from base, first form and hub", base: .some(nil), first: .some(nil), again: "c", hub: nil, conflict: true),
        Row(name: "revision 1 (no base): differs from the first form and the hub", base: unknown, first: "b", again: "c", hub: "b", conflict: true),
        Row(name: "revision 1 (no base): as the first form gave it", base: unknown, first: "b", again: "b", hub: "d", conflict: false),
        Row(name: "no record of the first form: changed from base", base: "a", first: unknown, again: "c", hub: "b", conflict: true),
        Row(name: "no record of the first form: left as base", base: "a", first: unknown, again: "a", hub: "b", conflict: false),
        Row(name: "nothing known: differs from the hub", base: unknown, first: unknown, again: "c", hub: "b", conflict: true),
    ]

    static func dictionary(_ value: String??) -> [String: String]? {
        switch value {
        case .none: nil
        case .some(.none): [:]
        case .some(.some(let text)): ["f": text]
        }
    }

    @Test(arguments: rows)
    func oneField(_ row: Row) {
        let conflicts = RevisionMadeAgain.conflicts(
            base: Self.dictionary(row.base), first: Self.dictionary(row.first),
            again: row.again.map { ["f": $0] } ?? [:], hub: row.hub.map { ["f": $0] } ?? [:])
        if row.conflict {
            let base: String? = row.base ?? nil
            #expect(conflicts == [FieldConflict(field: "f", base: base, local: row.again, hub: row.hub)])
        } else {
            #expect(conflicts.isEmpty)
        }
    }

    @Test("only the fields it says differently are conflicts, sorted by field")
    func severalFields() {
        let conflicts = RevisionMadeAgain.conflicts(
            base: ["a": "1", "b": "1", "c": "1"], first: ["a": "2", "b": "1", "c": "1"],
            again: ["a": "3", "b": "1", "c": "4"], hub: ["a": "2", "b": "5", "c": "1"])
        #expect(conflicts.map(\.field) == ["a", "c"])
    }
}
