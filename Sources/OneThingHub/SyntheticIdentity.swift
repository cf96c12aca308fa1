import OneThingModel

/// The values a demo hub (`--auto-decide`) issues by an item's `autoIssue` rule: synthetic,
/// but valid for their field. A resident ID number (GB 11643-1999) agrees with the
/// application as the field's `agreesWith` says: the region's code, the birth date, a
/// sequence odd for a man and even for a woman.
enum SyntheticIdentity {
    static func value(_ rule: AutoIssue, for field: SystemField, of application: ItemInProgress) -> String? {
        switch rule.kind {
        case .serial:
            return rule.prefix.map { AutoIssue.serial(prefix: $0, provinceNo: application.provinceNo) }
        case .residentIdNumber:
            guard let identity = field.agreesWith, let birthField = identity.birthField, let sexField = identity.sexField,
                let raw = application.fields[birthField], let sex = application.fields[sexField].flatMap(Sex.init(rawValue:)),
                let born = CivilDateTime.parse(raw)?.date ?? CivilDate.parse(raw)
            else { return nil }
            return residentIDNumber(
                region: application.region, born: born, sex: sex, serial: Int(application.provinceNo.dropFirst(2)) ?? 0)
        }
    }

    static func residentIDNumber(region: String, born: CivilDate, sex: Sex, serial: Int) -> String? {
        let address = String(region.prefix(6))
        guard address.count == 6, address.allSatisfy(\.isASCIIDigit) else { return nil }
        let sequence = 100 + (abs(serial) % 450) * 2 + (sex == .male ? 1 : 0)  // 100...999
        let date = born.description.filter { $0 != "-" }
        let first17 = address + date + String(sequence)
        guard let check = ResidentIDNumber.checkCharacter(for: first17) else { return nil }
        return first17 + String(check)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
