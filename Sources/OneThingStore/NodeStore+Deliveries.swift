import GRDB
package import OneThingModel

/// One delivery from the hospital's records, as imported (`RecordSource.delivery`): what a
/// form whose bundle declares a `delivery` prefill (the birth form) can be filled from.
package struct Delivery: Sendable, Hashable, Codable {
    package var id: Int64?
    package var motherName: String
    package var motherIdNumber: String
    package var birthTime: String
    package var newbornSex: String
    package var birthWeightG: String
    package var birthLengthCm: String
    package var gestationalWeeks: String

    package init(
        id: Int64? = nil, motherName: String, motherIdNumber: String, birthTime: String, newbornSex: String,
        birthWeightG: String, birthLengthCm: String, gestationalWeeks: String
    ) {
        self.id = id
        self.motherName = motherName
        self.motherIdNumber = motherIdNumber
        self.birthTime = birthTime
        self.newbornSex = newbornSex
        self.birthWeightG = birthWeightG
        self.birthLengthCm = birthLengthCm
        self.gestationalWeeks = gestationalWeeks
    }

    /// The record's fields (`RecordSource.delivery.fields`) and their values; the bundle's
    /// `prefill` says which form field each fills.
    package var record: [String: String] {
        [
            "mother_name": motherName, "mother_id_number": motherIdNumber, "birth_time": birthTime,
            "newborn_sex": newbornSex, "birth_weight_g": birthWeightG, "birth_length_cm": birthLengthCm,
            "gestational_weeks": gestationalWeeks,
        ]
    }

    /// A delivery from its record's fields (a missing one is empty).
    package init(id: Int64? = nil, record: [String: String]) {
        self.init(
            id: id, motherName: record["mother_name"] ?? "", motherIdNumber: record["mother_id_number"] ?? "",
            birthTime: record["birth_time"] ?? "", newbornSex: record["newborn_sex"] ?? "",
            birthWeightG: record["birth_weight_g"] ?? "", birthLengthCm: record["birth_length_cm"] ?? "",
            gestationalWeeks: record["gestational_weeks"] ?? "")
    }
}

extension NodeStore {
    /// Imports checked delivery records in ONE transaction; a record already known (same
    /// mother and birth time) is updated. Returns how many were new.
    @discardableResult
    package func importDeliveries(_ deliveries: [Delivery], at time: Timestamp) throws(StoreError) -> Int {
        try write { db in
            let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deliveries") ?? 0
            for d in deliveries {
                try db.cachedStatement(sql: """
                        INSERT INTO deliveries (mother_name, mother_id_number, birth_time, newborn_sex, birth_weight_g,
                                                birth_length_cm, gestational_weeks, imported_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (mother_id_number, birth_time) DO UPDATE SET
                            mother_name = excluded.mother_name, newborn_sex = excluded.newborn_sex,
                            birth_weight_g = excluded.birth_weight_g, birth_length_cm = excluded.birth_length_cm,
                            gestational_weeks = excluded.gestational_weeks
                        """).execute(arguments: [
                        d.motherName, d.motherIdNumber, d.birthTime, d.newbornSex, d.birthWeightG, d.birthLengthCm,
                        d.gestationalWeeks, time.description,
                    ])
            }
            return (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deliveries") ?? 0) - before
        }
    }

    /// The latest deliveries, newest birth first.
    package func deliveries(limit: Int = 50) throws(StoreError) -> [Delivery] {
        try read { db in
            try DeliveryRow.fetchAll(db, sql: "SELECT * FROM deliveries ORDER BY birth_time DESC, id DESC LIMIT ?", arguments: [limit])
                .map(\.delivery)
        }
    }

    package func delivery(id: Int64) throws(StoreError) -> Delivery? {
        try read { db in try DeliveryRow.fetchOne(db, sql: "SELECT * FROM deliveries WHERE id = ?", arguments: [id])?.delivery }
    }
}
