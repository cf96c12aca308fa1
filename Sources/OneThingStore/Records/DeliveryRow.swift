import GRDB
import OneThingDatabase

/// One row of `deliveries`: a birth from the ward's records, what the form is filled from.
struct DeliveryRow: Sendable {
    var delivery: Delivery

    enum Columns {
        static let id = Column("id")
        static let motherName = Column("mother_name")
        static let motherIdNumber = Column("mother_id_number")
        static let birthTime = Column("birth_time")
        static let newbornSex = Column("newborn_sex")
        static let birthWeightG = Column("birth_weight_g")
        static let birthLengthCm = Column("birth_length_cm")
        static let gestationalWeeks = Column("gestational_weeks")
    }
}

extension DeliveryRow: StrictRecord {
    static let databaseTableName = "deliveries"

    init(decoding row: Row) throws {
        delivery = Delivery(
            id: try row.value(Columns.id), motherName: try row.value(Columns.motherName),
            motherIdNumber: try row.value(Columns.motherIdNumber), birthTime: try row.value(Columns.birthTime),
            newbornSex: try row.value(Columns.newbornSex), birthWeightG: try row.value(Columns.birthWeightG),
            birthLengthCm: try row.value(Columns.birthLengthCm), gestationalWeeks: try row.value(Columns.gestationalWeeks))
    }

    /// The row's id only: the other columns are an applicant's data.
    static func rowKey(_ row: Row) -> String { row.keyText(Columns.id) }
}
