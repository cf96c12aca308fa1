import GRDB
import OneThingDatabase
import Testing

/// SQLite's result codes to `DatabaseFailure` codes, and messages a person can act on that
/// name no flag and no stored value.
@Suite("Database failures")
struct DatabaseFailureTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var result: ResultCode
        var code: DatabaseFailure.Code
        var testDescription: String { code.name }
    }

    static let cases: [Case] = [
        Case(result: .SQLITE_NOTADB, code: .notADatabase),
        Case(result: .SQLITE_CORRUPT, code: .corrupt),
        Case(result: .SQLITE_FULL, code: .diskFull),
        Case(result: .SQLITE_READONLY, code: .readOnly),
        Case(result: .SQLITE_PERM, code: .readOnly),
        Case(result: .SQLITE_BUSY, code: .busy),
        Case(result: .SQLITE_LOCKED, code: .busy),
        Case(result: .SQLITE_CANTOPEN, code: .cannotOpen),
        Case(result: .SQLITE_IOERR_WRITE, code: .io),
        Case(result: .SQLITE_CONSTRAINT_UNIQUE, code: .internalFailure),
    ]

    @Test("each SQLite result code has its failure code", arguments: cases)
    func mapping(_ c: Case) {
        let failure = DatabaseFailure(DatabaseError(resultCode: c.result, message: "SELECT secret"), path: "/data/x.sqlite")
        #expect(failure.code == c.code)
        #expect(failure.path == "/data/x.sqlite")
        #expect(!failure.description.contains("SELECT"), "SQL text shown: \(failure.description)")
        if c.code == .io || c.code == .internalFailure {
            #expect(failure.sqliteCode == c.result.rawValue)
            #expect(failure.description.contains(String(c.result.rawValue)))
        }
    }

    @Test("a failure passes through, given the path it lacked; anything else is the layer failing")
    func passThrough() {
        let row = DatabaseFailure(DatabaseFailure.damagedRow(table: "things", key: "a"), path: "/data/x.sqlite")
        #expect(row == DatabaseFailure(.damagedRow, path: "/data/x.sqlite", table: "things", key: "a"))
        struct Other: Error {}
        #expect(DatabaseFailure(Other(), path: "/p").code == .cannotOpen)
    }

    @Test("every message names the file and no command-line flag")
    func messages() {
        let codes: [DatabaseFailure.Code] = [
            .cannotOpen, .missingFile, .notADatabase, .corrupt, .diskFull, .readOnly, .permissionDenied, .busy, .newerSchema,
            .io, .damagedRow, .internalFailure,
        ]
        #expect(Set(codes.map(\.name)).count == codes.count)
        for code in codes {
            let text = DatabaseFailure(code, path: "/srv/onething/node.sqlite", reason: "why", table: "t", key: "k").description
            #expect(text.contains("/srv/onething/node.sqlite"), "\(code): \(text)")
            #expect(!text.contains("--"), "\(code) names a flag: \(text)")
            #expect(text.hasSuffix("."), "\(code): \(text)")
        }
    }
}
