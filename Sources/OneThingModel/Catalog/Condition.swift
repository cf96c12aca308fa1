/// A condition on the rest of the form, used to show a field, require it, or name a
/// handling situation. Exactly one form is used:
/// - `{"field": "household_parent", "equals": "father"}`
/// - `{"field": "stage", "in": ["primary", "junior"]}`
/// - `{"item": "maternity-insurance"}` (the item is selected)
/// - `{"situation": "father-household"}` (the named situation of a selected item holds)
/// - `{"not": {...}}`
package struct Condition: Codable, Sendable, Hashable {
    package var field: String?
    package var equals: String?
    package var `in`: [String]?
    package var item: String?
    package var situation: String?
    package var not: Box?

    package init(
        field: String? = nil, equals: String? = nil, in values: [String]? = nil,
        item: String? = nil, situation: String? = nil, not: Condition? = nil
    ) {
        self.field = field
        self.equals = equals
        self.in = values
        self.item = item
        self.situation = situation
        self.not = not.map(Box.init)
    }

    /// Indirection so that a condition can hold a condition.
    package final class Box: Codable, Sendable, Hashable {
        package let condition: Condition
        package init(_ condition: Condition) { self.condition = condition }
        package init(from decoder: any Decoder) throws {
            condition = try Condition(from: decoder)
        }
        package func encode(to encoder: any Encoder) throws {
            try condition.encode(to: encoder)
        }
        package static func == (a: Box, b: Box) -> Bool { a.condition == b.condition }
        package func hash(into hasher: inout Hasher) { condition.hash(into: &hasher) }
    }

    /// The shape of this condition, or nil when it mixes or lacks forms.
    package enum Shape: Sendable {
        case fieldEquals(String, String)
        case fieldIn(String, [String])
        case item(String)
        case situation(String)
        case not(Condition)
    }

    package var shape: Shape? {
        let forms = [field != nil, item != nil, situation != nil, not != nil].filter { $0 }.count
        guard forms == 1 else { return nil }
        if let field {
            switch (equals, self.in) {
            case (let value?, nil): return .fieldEquals(field, value)
            case (nil, let values?): return .fieldIn(field, values)
            default: return nil
            }
        }
        guard equals == nil, self.in == nil else { return nil }
        if let item { return .item(item) }
        if let situation { return .situation(situation) }
        if let not { return .not(not.condition) }
        return nil
    }
}

extension Condition {
    /// How deep `referencedFields` follows conditions (`not`, and situations naming
    /// situations), as `FormShape` evaluates them.
    static let referenceDepth = 16

    /// The field ids this condition reads, directly or through a situation of `bundle`.
    ///
    /// A breadth-first walk with its own queue: each situation is followed once, at the
    /// least depth it is reached (where it reaches furthest), so situations that name each
    /// other cost no more than a chain, and no depth uses the call stack.
    package func referencedFields(in bundle: BundleDefinition, depth: Int = 0) -> Set<String> {
        let situations = bundle.items.flatMap(\.situations)
        var fields: Set<String> = []
        var followed: Set<String> = []
        var queue: [(condition: Condition, depth: Int)] = [(self, depth)]
        var next = 0
        while next < queue.count {
            let (condition, depth) = queue[next]
            next += 1
            guard depth < Self.referenceDepth, let shape = condition.shape else { continue }
            switch shape {
            case .fieldEquals(let id, _), .fieldIn(let id, _): fields.insert(id)
            case .item: break
            case .situation(let id):
                guard followed.insert(id).inserted else { continue }
                for situation in situations where situation.id == id {
                    queue.append((situation.when, depth + 1))
                }
            case .not(let inner): queue.append((inner, depth + 1))
            }
        }
        return fields
    }
}
