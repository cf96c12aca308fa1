package import OneThingModel
import Foundation

/// Synthetic, obviously fake personal data for tests: valid in form, belonging to nobody.
/// Names use 测试/示例 ("test"/"example"); ID numbers use the Gulou district code 350102
/// with sequence numbers in the 9xx range.
package enum SyntheticPeople {
    /// A valid 18-character ID number born on `birth`, of the given sex, with a sequence
    /// number that makes it unique among tests (`serial` 0...49).
    package static func idNumber(born birth: CivilDate, sex: Sex, serial: Int = 0) -> String {
        let base = 900 + (serial % 50) * 2
        let sequence = sex == .male ? base + 1 : base
        let first17 = "350102" + birth.description.replacingOccurrences(of: "-", with: "") + String(sequence)
        guard let check = ResidentIDNumber.checkCharacter(for: first17) else { return first17 + "0" }
        return first17 + String(check)
    }

    /// The resident ID number a household registration would issue to the newborn of a birth
    /// application's `fields`: Gulou district (350102, inside the catalogue's Fuzhou 350100),
    /// the date of `birth_time` and the sex of `newborn_sex`. Nil when either is missing.
    package static func newbornID(of fields: [String: String], serial: Int = 0) -> String? {
        guard let born = fields["birth_time"].flatMap(CivilDateTime.parse)?.date,
            let sex = fields["newborn_sex"].flatMap(Sex.init(rawValue:))
        else { return nil }
        return idNumber(born: born, sex: sex, serial: serial)
    }

    package static let names = ["林测试", "陈示例", "王测例", "张样本", "李假名", "欧阳测试", "阿依·测试"]
}
