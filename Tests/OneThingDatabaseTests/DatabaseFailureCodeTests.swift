import Testing

import OneThingModel
@testable import OneThingDatabase

/// The database's codes among the other modules': `database.` and the code's name, stable.
@Suite struct DatabaseFailureCodeTests {
    @Test func rawValuesAreStableAndUnique() {
        let expected = [
            "database.cannot_open", "database.missing_file", "database.not_a_database", "database.corrupt",
            "database.disk_full", "database.read_only", "database.permission_denied", "database.busy",
            "database.newer_schema", "database.io", "database.damaged_row", "database.unavailable", "database.contention",
            "database.refused", "database.internal",
        ]
        #expect(DatabaseFailure.Code.all.map(\.rawValue) == expected)
        #expect(Set(expected).count == expected.count)
    }

    @Test func theMessageIsTheDescription() {
        let failure = DatabaseFailure(.diskFull, path: "/srv/x.sqlite")
        #expect(failure.message == failure.description)
        #expect(failure.message.hasPrefix("The disk holding /srv/x.sqlite is full"))
    }
}
