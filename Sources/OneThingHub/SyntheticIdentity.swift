import OneThingModel

/// The newborn's resident ID number that a demo hub issues with the household
/// registration: synthetic, but valid (GB 11643-1999) and consistent with the application:
/// the region's code, the birth date, a sequence odd for a boy and even for a girl.
enum SyntheticIdentity {
    static func residentIDNumber(region: String, birthTime: String, sex: String, serial: Int) -> String? {
        let address = String(region.prefix(6))
        guard address.count == 6, address.allSatisfy(\.isASCIIDigit) else { return nil }
        guard let moment = CivilDateTime.parse(birthTime) else { return nil }
        let male: Bool
        switch sex {
        case "male": male = true
        case "female": male = false
        default: return nil
        }
        let sequence = 100 + (abs(serial) % 450) * 2 + (male ? 1 : 0)  // 100...999
        let date = moment.date.description.filter { $0 != "-" }
        let first17 = address + date + String(sequence)
        guard let check = ResidentIDNumber.checkCharacter(for: first17) else { return nil }
        return first17 + String(check)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
