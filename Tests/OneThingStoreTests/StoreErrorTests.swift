import Testing

import OneThingDatabase
import OneThingModel
@testable import OneThingStore

/// `StoreError`: a code per failure, stable raw values, and the messages as before.
@Suite struct StoreErrorTests {
    static let stable: [(StoreError.Code, String)] = [
        (.database, "store.database"),
        (.noSuchApplication, "store.no_such_application"),
        (.notAmendable, "store.not_amendable"),
        (.noOpenConflict, "store.no_open_conflict"),
        (.operatorExists, "store.operator_exists"),
        (.noSuchOperator, "store.no_such_operator"),
        (.provinceNumberTaken, "store.province_number_taken"),
        (.internalFailure, "store.internal"),
    ]

    @Test func everyCodeIsListedStableAndUnique() {
        #expect(Self.stable.map(\.0) == StoreError.Code.all)
        for (code, raw) in Self.stable { #expect(code.rawValue == raw) }
        #expect(Set(StoreError.Code.all.map(\.rawValue)).count == StoreError.Code.all.count)
        #expect(ProblemCode.store.allSatisfy { $0.rawValue.hasPrefix("store.") })
    }

    @Test func throwSitesBuildTheCodeAndItsArguments() {
        let error = StoreError.noOpenConflict(id: "OT-AAAAAAAAAA", field: "delivery_address")
        #expect(error.code == .noOpenConflict)
        #expect(error.id == "OT-AAAAAAAAAA")
        #expect(error.field == "delivery_address")
        #expect(error == .noOpenConflict(id: "OT-AAAAAAAAAA", field: "delivery_address"))
        #expect(error != .noOpenConflict(id: "OT-AAAAAAAAAA", field: nil))
    }

    @Test(arguments: [
        (StoreError.noSuchApplication(id: "OT-AAAAAAAAAA"), "There is no application OT-AAAAAAAAAA in this database."),
        (.notAmendable(id: "OT-AAAAAAAAAA", reason: "it was purged."), "The application OT-AAAAAAAAAA cannot be changed: it was purged."),
        (.noOpenConflict(id: "OT-AAAAAAAAAA", field: nil), "The application OT-AAAAAAAAAA has no open conflict."),
        (.noOpenConflict(id: "OT-AAAAAAAAAA", field: "mother_phone"), "The application OT-AAAAAAAAAA has no open conflict on mother_phone."),
        (.operatorExists(id: "clerk-1"), "An operator clerk-1 exists already."),
        (.noSuchOperator(id: "clerk-1"), "There is no operator clerk-1."),
        (.provinceNumberTaken(provinceNo: "FJ0000000001", id: "OT-AAAAAAAAAA", holder: "OT-BBBBBBBBBB"),
         "The hub gave the province number FJ0000000001 to OT-AAAAAAAAAA, but this node holds it for OT-BBBBBBBBBB; nothing of that answer was recorded. The hub may have been restored from an older backup: tell its operator."),
        (.internalFailure(what: "a PIN hash"), "OneThing failed to encode a PIN hash; nothing of this operation was stored. Please report this."),
    ])
    func messagesAreUnchanged(_ error: StoreError, _ message: String) {
        #expect(error.message == message)
        #expect(error.description == message)
    }

    @Test func aDatabaseFailureKeepsItsOwnCodeAndSentence() {
        let failure = DatabaseFailure(.corrupt, path: "/srv/node.sqlite")
        let error = StoreError.database(failure)
        #expect(error.code == .database)
        #expect(error.databaseCode == .corrupt)
        #expect(error.description == failure.description)
        #expect(StoreError.damagedRow(table: "applications", key: "OT-AAAAAAAAAA").databaseCode == .damagedRow)
    }
}
