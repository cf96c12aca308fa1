import ArgumentParser
import Testing

import OneThingCLI
import OneThingDatabase
import OneThingStore
import OneThingSync
@testable import onething

/// Every code of the node's errors mapped to its exit status (contract.md), and the
/// sentences `onething` adds that name its commands. (The end-to-end tests check the
/// statuses the binary exits with.)
@Suite struct NodeExitCodeTests {
    @Test func storeCodes() {
        let expected: [StoreError.Code: Int32] = [
            .database: 74, .noSuchApplication: 65, .notAmendable: 65, .noOpenConflict: 65, .operatorExists: 65,
            .noSuchOperator: 65, .provinceNumberTaken: 74, .internalFailure: 74,
        ]
        #expect(Set(expected.keys) == Set(StoreError.Code.all))
        for code in StoreError.Code.all { #expect(CLIFailure.exitCode(for: code).rawValue == expected[code], "\(code)") }
    }

    @Test func syncCodes() {
        let expected: [SyncError.Code: Int32] = [
            .hubRefused: 69, .secureConnection: 69, .temporary: 75, .protocolViolation: 75, .locked: 75,
            .lockUnusable: 78, .store: 74, .configuration: 78,
        ]
        #expect(Set(expected.keys) == Set(SyncError.Code.all))
        for code in SyncError.Code.all { #expect(CLIFailure.exitCode(for: code).rawValue == expected[code], "\(code)") }
    }

    @Test func aStoreFailureDuringSyncIsTheStoresOwn() {
        let locked = CLIFailure(SyncError.store(.database(DatabaseFailure(.busy, path: "/srv/node.sqlite"))))
        #expect(locked.exitCode == .temporaryFailure)
        #expect(locked.code.rawValue == "database.busy")
        let missing = CLIFailure(SyncError.store(.noSuchApplication(id: "OT-AAAAAAAAAA")))
        #expect(missing.exitCode == .dataError)
        #expect(missing.lines == ["There is no application OT-AAAAAAAAAA in this database. `onething list` shows the ids."])
    }

    @Test func transportSetUp() {
        #expect(CLIFailure(TransportError.configuration("No.")).exitCode == .config)
        #expect(CLIFailure(TransportError.secretFileMissing(what: "client key", path: "/k")).exitCode == .config)
        #expect(CLIFailure(TransportError.tls(host: "h", problem: .other, detail: "d")).exitCode == .hubRefused)
        #expect(CLIFailure(TransportError.unreachable(host: "h", detail: "d")).exitCode == .temporaryFailure)
    }

    @Test func theAdviceNamesTheNodesCommands() {
        #expect(
            CLIFailure(StoreError.noOpenConflict(id: "OT-AAAAAAAAAA", field: "mother_phone")).lines == [
                "The application OT-AAAAAAAAAA has no open conflict on mother_phone. `onething conflicts show OT-AAAAAAAAAA` lists its conflicts."
            ])
        #expect(
            CLIFailure(StoreError.noOpenConflict(id: "OT-AAAAAAAAAA", field: nil)).lines == [
                "The application OT-AAAAAAAAAA has no open conflict. `onething conflicts list` lists those that wait for a decision."
            ])
        #expect(
            CLIFailure(StoreError.operatorExists(id: "clerk-1")).lines == [
                "An operator clerk-1 exists already. `onething operators reset-pin clerk-1` gives a new PIN."
            ])
        let readOnly = DatabaseFailure(.readOnly, path: "/srv/node.sqlite")
        #expect(
            CLIFailure(StoreError.database(readOnly)).lines == [
                readOnly.description + " `onething list`, `show` and `status` still read it; --db chooses another file."
            ])
        #expect(CLIFailure(StoreError.noSuchApplication(id: "OT-AAAAAAAAAA")).code.rawValue == "store.no_such_application")
    }
}
