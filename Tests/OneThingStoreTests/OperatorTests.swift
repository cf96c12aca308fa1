import Foundation
import GRDB
import OneThingStore
import TestSupport
import Testing

@Suite("Kiosk operators, PINs and drafts in the node store")
struct OperatorTests {
    let dir = TemporaryDirectory()
    let store: NodeStore

    init() throws {
        store = try NodeStore.open(path: dir.file("node.sqlite"))
        try store.saveOperator(id: "clerk-1", name: "林测试", pin: "246810", replace: false, at: TestMoment.filing)
    }

    @Test("the right PIN signs in; the PIN itself is nowhere in the database")
    func signIn() throws {
        guard case .signedIn(let info) = try store.signIn(id: "clerk-1", pin: "246810") else {
            Issue.record("expected signed in")
            return
        }
        #expect(info.name == "林测试")
        let row = try DatabaseQueue(path: dir.file("node.sqlite")).read { db in
            try Row.fetchOne(db, sql: "SELECT pin_salt, pin_hash, pin_rounds FROM operators WHERE id = 'clerk-1'")
        }
        let hash: Data = try #require(row)["pin_hash"]
        #expect(hash.count == 32)
        #expect((try #require(row)["pin_rounds"] as Int) >= 210_000)
        let file = try Data(contentsOf: URL(fileURLWithPath: dir.file("node.sqlite")))
        #expect(file.range(of: Data("246810".utf8)) == nil)
    }

    @Test("an unknown operator and a wrong PIN get the same answer; five wrong PINs lock")
    func lockout() throws {
        #expect(try store.signIn(id: "nobody", pin: "246810") == .refused(attemptsLeft: nil))
        for left in stride(from: 4, through: 1, by: -1) {
            #expect(try store.signIn(id: "clerk-1", pin: "135790") == .refused(attemptsLeft: left))
        }
        #expect(try store.signIn(id: "clerk-1", pin: "135790") == .locked)
        #expect(try store.signIn(id: "clerk-1", pin: "246810") == .locked)
        #expect(try store.operators().first?.locked == true)
        try store.unlockOperator(id: "clerk-1")
        if case .signedIn = try store.signIn(id: "clerk-1", pin: "246810") {} else { Issue.record("unlock did not work") }
    }

    @Test("a success clears the failure count; a removed operator cannot sign in")
    func resetAndRemove() throws {
        _ = try store.signIn(id: "clerk-1", pin: "135790")
        _ = try store.signIn(id: "clerk-1", pin: "246810")
        #expect(try store.operators().first?.failedAttempts == 0)
        #expect(throws: StoreError.operatorExists(id: "clerk-1")) {
            try store.saveOperator(id: "clerk-1", name: "x", pin: "111111", replace: false, at: TestMoment.filing)
        }
        try store.deactivateOperator(id: "clerk-1")
        #expect(try store.signIn(id: "clerk-1", pin: "246810") == .refused(attemptsLeft: nil))
    }

    @Test("PIN and operator id rules")
    func rules() {
        #expect(NodeStore.isValidPIN("246810"))
        #expect(!NodeStore.isValidPIN("12345"))
        #expect(!NodeStore.isValidPIN("12345a"))
        #expect(!NodeStore.isValidPIN("１２３４５６"), "full-width digits are not ASCII digits")
        #expect(NodeStore.isValidOperatorId("clerk-1.a_b"))
        #expect(!NodeStore.isValidOperatorId("clerk 1"))
        #expect(!NodeStore.isValidOperatorId(""))
    }

    @Test("a draft is kept per operator and goes away with the filing, in one transaction")
    func drafts() throws {
        let draft = Draft(operatorId: "clerk-1", bundle: "birth", items: ["birth-certificate"], fields: ["newborn_name": "陈小测"], focus: "newborn_sex", updatedAt: TestMoment.filing)
        try store.saveDraft(draft)
        #expect(try store.draft(operatorId: "clerk-1") == draft)
        let filed = try store.fileFromDraft(try Examples.validated("birth"), operatorId: "clerk-1", filedAt: TestMoment.filing)
        #expect(try store.draft(operatorId: "clerk-1") == nil)
        #expect(try store.application(id: filed.id).operatorId == "clerk-1")
        try store.rate(applicationId: filed.id, score: 5, operatorId: "clerk-1", at: TestMoment.filing)
    }
}
