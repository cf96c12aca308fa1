/// What a department's issued resident ID number must agree with: the person the
/// application is about, as the catalogue declares it on the issued field
/// (`"agreesWith": { "birthDate": "birth_time", "sex": "newborn_sex", "inRegion": true }`).
/// The household registration of a birth issues the newborn's number, so it carries the
/// newborn's birth date (digits 7–14) and sex (the 17th digit's parity), and its address code
/// (the first six digits) lies in the region whose household registration office issued it:
/// the application's region.
package struct IssuedIdentity: Codable, Sendable, Hashable {
    /// The form field holding the person's birth date or birth time (nil: not compared).
    package var birthField: String?
    /// The form field holding the person's sex, `male` or `female` (nil: not compared).
    package var sexField: String?
    /// Whether the address code must lie in the application's region.
    package var inRegion: Bool

    package init(birthField: String?, sexField: String?, inRegion: Bool = false) {
        self.birthField = birthField
        self.sexField = sexField
        self.inRegion = inRegion
    }

    enum CodingKeys: String, CodingKey {
        case birthField = "birthDate", sexField = "sex", inRegion
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        birthField = try c.decodeIfPresent(String.self, forKey: .birthField)
        sexField = try c.decodeIfPresent(String.self, forKey: .sexField)
        inRegion = try c.decodeIfPresent(Bool.self, forKey: .inRegion) ?? false
    }

    /// The problems with `number` for an application with these `fields` in `region`; empty
    /// when it agrees. The messages name fields, never the values (personal data). A field the application lacks is not compared (the form requires it).
    package func problems(_ number: ResidentIDNumber, fields: [String: String], region: String) -> [String] {
        var problems: [String] = []
        if let birthField, let raw = fields[birthField] {
            let born = CivilDateTime.parse(raw)?.date ?? CivilDate.parse(raw)
            if let born, born != number.birthDate {
                problems.append("its birth date (digits 7 to 14) is not the date in the application's \(birthField)")
            }
        }
        if let sexField, let raw = fields[sexField], let sex = Sex(rawValue: raw), sex != number.sex {
            problems.append("its sex (the 17th digit, odd for male, even for female) is not the application's \(sexField)")
        }
        if inRegion, !Self.region(region, contains: number.addressCode) {
            problems.append(
                "its address code (digits 1 to 6) is not in the application's region \(region), whose household registration office issues it")
        }
        return problems
    }

    /// Whether a six-digit administrative division code lies in `region`: a province
    /// (`350000`) holds every code starting `35`, a city (`350100`) every code starting
    /// `3501`, a county (`350102`) only itself.
    package static func region(_ region: String, contains addressCode: String) -> Bool {
        var prefix = Substring(region)
        while prefix.count > 2, prefix.hasSuffix("00") { prefix = prefix.dropLast(2) }
        return !prefix.isEmpty && addressCode.hasPrefix(prefix)
    }
}
