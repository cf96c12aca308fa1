/// One question of an application form. A field is defined once per bundle and asked once,
/// however many of the selected items need it.
public struct FieldDefinition: Codable, Sendable, Hashable {
    public var id: String
    public var label: LocalizedText
    /// The person or topic the field belongs to (`newborn`, `mother`, ...): one of the
    /// bundle's `groups`.
    public var group: String
    public var type: FieldType
    /// Required whenever the field is asked.
    public var required: Bool
    /// Required only when this condition holds (a field that a situation requires).
    public var requiredWhen: Condition?
    /// Asked only when this condition holds; otherwise the field must be left out.
    public var shownWhen: Condition?
    public var constraints: Constraints?
    /// The allowed values of a `choice` field.
    public var options: [ChoiceOption]?
    /// A valid value, used as the hint on the screen and in `catalog example`.
    public var example: String
    public var hint: LocalizedText?

    public init(
        id: String, label: LocalizedText, group: String, type: FieldType, required: Bool = true,
        requiredWhen: Condition? = nil, shownWhen: Condition? = nil, constraints: Constraints? = nil,
        options: [ChoiceOption]? = nil, example: String, hint: LocalizedText? = nil
    ) {
        self.id = id
        self.label = label
        self.group = group
        self.type = type
        self.required = required
        self.requiredWhen = requiredWhen
        self.shownWhen = shownWhen
        self.constraints = constraints
        self.options = options
        self.example = example
        self.hint = hint
    }

    enum CodingKeys: String, CodingKey {
        case id, label, group, type, required, requiredWhen, shownWhen, constraints, options, example, hint
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decode(LocalizedText.self, forKey: .label)
        group = try c.decode(String.self, forKey: .group)
        type = try c.decode(FieldType.self, forKey: .type)
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        requiredWhen = try c.decodeIfPresent(Condition.self, forKey: .requiredWhen)
        shownWhen = try c.decodeIfPresent(Condition.self, forKey: .shownWhen)
        constraints = try c.decodeIfPresent(Constraints.self, forKey: .constraints)
        options = try c.decodeIfPresent([ChoiceOption].self, forKey: .options)
        example = try c.decode(String.self, forKey: .example)
        hint = try c.decodeIfPresent(LocalizedText.self, forKey: .hint)
    }
}

/// Limits on a field's value beyond its type.
public struct Constraints: Codable, Sendable, Hashable {
    /// Length bounds in characters (names, text, codes).
    public var minLength: Int?
    public var maxLength: Int?
    /// Bounds of an `integer` or `decimal` value.
    public var min: Double?
    public var max: Double?
    /// A regular expression the whole value must match (`code` fields).
    public var pattern: String?
    /// A `date` or `datetime` that may not lie after the moment of filing.
    public var notFuture: Bool?
    /// A `date` or `datetime` at most this many days before the moment of filing.
    public var maxAgeDays: Int?
    /// A `boolean` that must be `true` to file (a consent the bundle cannot go without).
    public var mustBeTrue: Bool?

    public init(
        minLength: Int? = nil, maxLength: Int? = nil, min: Double? = nil, max: Double? = nil,
        pattern: String? = nil, notFuture: Bool? = nil, maxAgeDays: Int? = nil, mustBeTrue: Bool? = nil
    ) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.min = min
        self.max = max
        self.pattern = pattern
        self.notFuture = notFuture
        self.maxAgeDays = maxAgeDays
        self.mustBeTrue = mustBeTrue
    }
}

public struct ChoiceOption: Codable, Sendable, Hashable {
    public var value: String
    public var label: LocalizedText

    public init(value: String, label: LocalizedText) {
        self.value = value
        self.label = label
    }
}
