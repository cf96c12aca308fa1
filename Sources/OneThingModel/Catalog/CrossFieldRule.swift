/// A check that involves several fields, declared in the catalogue and implemented by
/// `CrossFieldChecks`. `fields` maps each role of the rule to a field id.
package struct CrossFieldRule: Codable, Sendable, Hashable {
    package enum Kind: String, Codable, Sendable, CaseIterable {
        /// Roles `parentId` (idNumber) and `birth` (date or datetime); `min`/`max` years.
        /// The parent's age at the birth, from the birth date inside the ID number.
        case parentAgeAtBirth
        /// Roles `childId` (idNumber), `stage` (choice), `schoolYear` (integer); `stages`
        /// maps each stage to its [min, max] age at the region's school cut-off date.
        case schoolAgeAtCutoff
        /// Roles `id` (idNumber) and `sex` (choice of `male` / `female`).
        case sexMatchesIdNumber
        /// Roles `a` and `b`: the two values may not be equal (mother and father ID).
        case distinct
        /// Role `id` (idNumber) and `sex` (`male` / `female`, a parameter): the ID number's
        /// sex digit (the 17th) must say that sex (a mother's is a woman's, a father's a
        /// man's), so that parents swapped or mistyped are caught.
        case idNumberOfSex
    }

    package var kind: Kind
    package var fields: [String: String]
    package var min: Int?
    package var max: Int?
    package var stages: [String: [Int]]?
    package var message: LocalizedText?
    /// For `idNumberOfSex`: the sex the ID number must carry.
    package var sex: Sex?

    package init(
        kind: Kind, fields: [String: String], min: Int? = nil, max: Int? = nil,
        stages: [String: [Int]]? = nil, message: LocalizedText? = nil, sex: Sex? = nil
    ) {
        self.sex = sex
        self.kind = kind
        self.fields = fields
        self.min = min
        self.max = max
        self.stages = stages
        self.message = message
    }

    /// The roles each kind needs in `fields`.
    package static func roles(of kind: Kind) -> [String] {
        switch kind {
        case .parentAgeAtBirth: ["parentId", "birth"]
        case .schoolAgeAtCutoff: ["childId", "stage", "schoolYear"]
        case .sexMatchesIdNumber: ["id", "sex"]
        case .distinct: ["a", "b"]
        case .idNumberOfSex: ["id"]
        }
    }
}
