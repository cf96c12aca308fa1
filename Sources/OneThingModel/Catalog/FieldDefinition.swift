/// One question of an application form. A field is defined once per bundle and asked once,
/// however many of the selected items need it.
package struct FieldDefinition: Codable, Sendable, Hashable {
    package var id: String
    package var label: LocalizedText
    /// The person or topic the field belongs to (`newborn`, `mother`, ...): one of the
    /// bundle's `groups`.
    package var group: String
    package var type: FieldType
    /// Required whenever the field is asked.
    package var required: Bool
    /// Required only when this condition holds (a field that a situation requires).
    package var requiredWhen: Condition?
    /// Asked only when this condition holds; otherwise the field must be left out.
    package var shownWhen: Condition?
    package var constraints: Constraints?
    /// The allowed values of a `choice` field.
    package var options: [ChoiceOption]?
    /// A valid value, used as the hint on the screen and in `catalog example`.
    package var example: String
    package var hint: LocalizedText?

    package init(
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

    package init(from decoder: any Decoder) throws {
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
package struct Constraints: Codable, Sendable, Hashable {
    /// Length bounds in characters (names, text, codes).
    package var minLength: Int?
    package var maxLength: Int?
    /// Bounds of an `integer` or `decimal` value.
    package var min: Double?
    package var max: Double?
    /// A regular expression the whole value must match (`code` fields).
    package var pattern: String?
    /// A `date` or `datetime` that may not lie after the moment of filing.
    package var notFuture: Bool?
    /// A `date` or `datetime` at most this many days before the moment of filing.
    package var maxAgeDays: Int?
    /// A `boolean` that must be `true` to file (a consent the bundle cannot go without).
    package var mustBeTrue: Bool?

    package init(
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

package struct ChoiceOption: Codable, Sendable, Hashable {
    package var value: String
    package var label: LocalizedText

    package init(value: String, label: LocalizedText) {
        self.value = value
        self.label = label
    }
}
