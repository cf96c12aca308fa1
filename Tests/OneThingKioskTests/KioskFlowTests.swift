import Foundation
@testable import OneThingKiosk
import OneThingModel
import OneThingStore
import OneThingTerminal
import Testing

/// The kiosk's update logic, driven key by key on a real node database.
@Suite("Kiosk: sign-in, bundle, items, form, review, receipt", .serialized)
struct KioskFlowTests {
    @Test("key -> screen table from sign-in to the form")
    func navigationTable() throws {
        let kiosk = try KioskFixture()
        let steps: [(keys: [Key], screen: Screen)] = [
            ([.enter], .signIn),                       // no id yet: stays, asks for it
            ([.escape], .signIn),
            ([.function(2)], .signIn),                 // language switch anywhere
        ]
        for step in steps {
            for key in step.keys { kiosk.app.handle(key) }
            #expect(kiosk.app.screen == step.screen, "after \(step.keys)")
        }
        #expect(kiosk.app.language == .en)
        kiosk.signIn()
        #expect(kiosk.app.screen == .menu)
        #expect(kiosk.app.signedIn?.id == KioskFixture.operatorId)
        kiosk.press(.enter)                             // the first entry: the birth bundle
        #expect(kiosk.app.screen == .items)
        kiosk.press(.escape)
        #expect(kiosk.app.screen == .menu)
        kiosk.press(.character("2"))                    // school enrolment by its number
        #expect(kiosk.app.screen == .items)
        #expect(kiosk.app.items?.bundle == "school-enrolment")
        kiosk.press(.enter)
        #expect(kiosk.app.screen == .form)
        #expect(kiosk.app.form?.focus == "child_name")
        kiosk.press(.escape)
        #expect(kiosk.app.screen == .menu)
        #expect(try kiosk.store.draft(operatorId: KioskFixture.operatorId)?.bundle == "school-enrolment")
    }

    @Test("wrong PINs are counted and the fifth locks the operator")
    func lockout() throws {
        let kiosk = try KioskFixture()
        for attempt in 1...5 {
            kiosk.type(KioskFixture.operatorId)
            kiosk.press(.enter)
            kiosk.type("000000")
            kiosk.press(.enter)
            #expect(kiosk.app.screen == .signIn)
            if attempt < 5 { #expect(kiosk.app.notice?.contains("\(5 - attempt)") == true) }
            kiosk.app.signIn = SignInState()
        }
        #expect(kiosk.app.notice?.contains("锁定") == true)
        kiosk.signIn()
        #expect(kiosk.app.screen == .signIn, "locked: even the right PIN is refused")
        try kiosk.store.unlockOperator(id: KioskFixture.operatorId)
        kiosk.app.signIn = SignInState()
        kiosk.signIn()
        #expect(kiosk.app.screen == .menu)
    }

    @Test("a birth bundle filed through the screen: one form, stored before the receipt, with its operator")
    func fileBirth() throws {
        let kiosk = try KioskFixture()
        kiosk.signIn()
        kiosk.press(.enter, .enter)
        #expect(kiosk.app.screen == .form)
        kiosk.fillWithExamples()
        kiosk.press(.function(10))
        #expect(kiosk.app.screen == .review, "\(kiosk.app.notice ?? "") \(kiosk.app.form?.problems ?? [:])")
        kiosk.press(.enter)
        #expect(kiosk.app.screen == .receipt)
        let id = try #require(kiosk.app.receipt?.applicationId)
        let stored = try kiosk.store.application(id: id)
        #expect(stored.operatorId == KioskFixture.operatorId)
        #expect(stored.summary.bundle == "birth")
        #expect(stored.summary.items.count == 6)
        #expect(try kiosk.store.draft(operatorId: KioskFixture.operatorId) == nil, "the draft went with the filing")
        #expect(kiosk.screenText().contains(id))
        #expect(kiosk.screenText().contains("承诺"))
        kiosk.press(.character("p"))
        let receipt = try String(contentsOfFile: kiosk.dir.file("receipts/\(id).txt"), encoding: .utf8)
        #expect(receipt.contains(id))
        #expect(!receipt.contains(stored.fields["mother_id_number"] ?? "?"), "no personal data on the receipt")
        let attributes = try FileManager.default.attributesOfItem(atPath: kiosk.dir.file("receipts/\(id).txt"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        kiosk.press(.enter, .character("5"))
        #expect(kiosk.app.screen == .menu)
        #expect(kiosk.app.form == nil && kiosk.app.receipt == nil)
    }

    @Test("leaving a field checks it and the problem shows beside it; no review with problems")
    func inlineValidation() throws {
        let kiosk = try KioskFixture()
        kiosk.signIn()
        kiosk.press(.enter, .enter)
        kiosk.type("X")   // newborn name: not a valid name
        kiosk.press(.tab)
        #expect(kiosk.app.form?.problems["newborn_name"] != nil)
        #expect(kiosk.screenText().contains("✗"))
        kiosk.press(.function(10))
        #expect(kiosk.app.screen == .form)
        #expect(kiosk.app.form?.focus == "newborn_name", "the first problem gets the focus")
        #expect(try kiosk.store.applications().isEmpty)
    }

    @Test("choosing an item chooses what it depends on; leaving one out leaves out its dependants")
    func itemDependencies() throws {
        let kiosk = try KioskFixture()
        kiosk.signIn()
        kiosk.press(.enter)
        let menu = kiosk.app.bundleMenu("birth").map(\.code)
        let household = try #require(menu.firstIndex(of: "household-registration"))
        for _ in 0..<household { kiosk.press(.down) }
        kiosk.press(.character(" "))
        let left = kiosk.app.items?.selected ?? []
        #expect(!left.contains("household-registration"))
        #expect(!left.contains("social-security-card") && !left.contains("medical-insurance-enrolment"))
        #expect(left.contains("birth-certificate"))
        let card = try #require(menu.firstIndex(of: "social-security-card"))
        for _ in household..<card { kiosk.press(.down) }
        kiosk.press(.character(" "))
        #expect(kiosk.app.items?.selected.contains("household-registration") == true)
    }

    @Test("after the idle timeout the screen signs out and forgets the applicant; the draft stays")
    func idleTimeout() throws {
        let kiosk = try KioskFixture(idleTimeout: 60)
        kiosk.signIn()
        kiosk.press(.enter, .enter)
        kiosk.type("陈小测")
        kiosk.press(.tab)
        kiosk.app.tick(idleSeconds: 59, elapsed: 59)
        #expect(kiosk.app.screen == .form)
        kiosk.app.tick(idleSeconds: 60, elapsed: 1)
        #expect(kiosk.app.screen == .signIn)
        #expect(kiosk.app.form == nil && kiosk.app.signedIn == nil)
        #expect(!kiosk.screenText().contains("陈小测"))
        #expect(try kiosk.store.draft(operatorId: KioskFixture.operatorId)?.fields["newborn_name"] == "陈小测")
    }

    @Test("a draft survives the process: a new kiosk on the same database offers it at sign-in")
    func draftResume() throws {
        let first = try KioskFixture()
        first.signIn()
        first.press(.enter, .enter)
        first.type("陈小测")
        first.press(.tab)
        first.type("mal")   // typed into the next field but not left: at most this is lost
        let second = try KioskFixture(store: first.store)
        second.signIn()
        #expect(second.app.screen == .draftOffer)
        #expect(second.screenText().contains("出生一件事"))
        second.press(.enter)
        #expect(second.app.screen == .form)
        #expect(second.app.form?.values["newborn_name"] == "陈小测")
        #expect(second.app.form?.focus == "newborn_sex")
    }

    @Test("look-up by name finds the application and shows each item's state")
    func lookup() throws {
        let kiosk = try KioskFixture()
        kiosk.signIn()
        kiosk.press(.enter, .enter)
        kiosk.fillWithExamples()
        kiosk.press(.function(10), .enter, .enter, .enter)
        #expect(kiosk.app.screen == .menu)
        let lookupIndex = kiosk.app.menuEntries.firstIndex(of: .lookup) ?? 0
        kiosk.press(.character(Character(String(lookupIndex + 1))))
        #expect(kiosk.app.screen == .lookup)
        kiosk.type("陈小测")
        kiosk.press(.enter)
        #expect(kiosk.app.lookup.results.count == 1)
        kiosk.press(.enter)
        #expect(kiosk.app.screen == .detail)
        #expect(kiosk.screenText().contains("待提交"))
    }
}
