/// A condition on the rest of the form, used to show a field, require it, or name a
/// handling situation. Exactly one form is used:
/// - `{"field": "household_parent", "equals": "father"}`
/// - `{"field": "stage", "in": ["primary", "junior"]}`
/// - `{"item": "maternity-insurance"}` (the item is selected)
/// - `{"situation": "father-household"}` (the named situation of a selected item holds)
/// - `{"not": {...}}`
public struct Condition: Codable, Sendable, Hashable {
    public var field: String?
    public var equals: String?
    public var `in`: [String]?
    public var item: String?
    public var situation: String?
    public var not: Box?

    public init(
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
    public final class Box: Codable, Sendable, Hashable {
        public let condition: Condition
        public init(_ condition: Condition) { self.condition = condition }
        public init(from decoder: any Decoder) throws {
            condition = try Condition(from: decoder)
        }
        public func encode(to encoder: any Encoder) throws {
            try condition.encode(to: encoder)
        }
        public static func == (a: Box, b: Box) -> Bool { a.condition == b.condition }
        public func hash(into hasher: inout Hasher) { condition.hash(into: &hasher) }
    }

    /// The shape of this condition, or nil when it mixes or lacks forms.
    public enum Shape: Sendable {
        case fieldEquals(String, String)
        case fieldIn(String, [String])
        case item(String)
        case situation(String)
        case not(Condition)
    }

    public var shape: Shape? {
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
    /// The field ids this condition reads, directly or through a situation of `bundle`.
    public func referencedFields(in bundle: BundleDefinition, depth: Int = 0) -> Set<String> {
        guard depth < 16, let shape else { return [] }
        switch shape {
        case .fieldEquals(let id, _), .fieldIn(let id, _): return [id]
        case .item: return []
        case .situation(let id):
            return bundle.items.flatMap(\.situations).filter { $0.id == id }
                .reduce(into: Set<String>()) { $0.formUnion($1.when.referencedFields(in: bundle, depth: depth + 1)) }
        case .not(let inner): return inner.referencedFields(in: bundle, depth: depth + 1)
        }
    }
}
