import Foundation
@testable import OneThingKiosk
import OneThingModel
import OneThingStore
import OneThingTerminal
import OneThingWire
import TestSupport
import Testing

@Suite("Kiosk: corrections and conflicts", .serialized)
struct KioskConflictTests {
    /// An application filed, acknowledged as hub revision 1, edited here, and a pulled hub
    /// revision that changed the same field: one open conflict.
    func conflicted(_ kiosk: KioskFixture) throws -> String {
        let filed = try kiosk.store.file(try Examples.validated("birth"), operatorId: "clerk-1", filedAt: TestMoment.at("2026-11-26T09:00+08:00"))
        let entry = try #require(try kiosk.store.claimBatch(limit: 10, at: TestMoment.filing).first)
        _ = try kiosk.store.recordPushResults([
            PushResult(seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .accepted, provinceNo: "FJ0000000001", hubRevision: 1)
        ], at: TestMoment.filing)
        var form = try Examples.validated("birth")
        form.fields["delivery_address"] = "福建省福州市仓山区样例路3号"
        _ = try kiosk.store.amend(id: filed.id, form: form, operatorId: nil, at: TestMoment.filing)
        var hub = try kiosk.store.application(id: filed.id).fields
        hub["delivery_address"] = "福建省福州市台江区测试街9号"
        _ = try kiosk.store.applyChanges([
            ApplicationChange(cursor: 1, applicationId: filed.id, provinceNo: "FJ0000000001", hubRevision: 2, revision: 1, items: [], fields: hub)
        ], nextCursor: 1, at: TestMoment.filing)
        #expect(try kiosk.store.conflicts().count == 1)
        return filed.id
    }

    func openDetail(_ kiosk: KioskFixture, _ id: String) {
        kiosk.signIn()
        let lookupIndex = kiosk.app.menuEntries.firstIndex(of: .lookup) ?? 0
        kiosk.press(.character(Character(String(lookupIndex + 1))))
        kiosk.type(id)
        kiosk.press(.enter, .enter)
    }

    @Test("K shows base, this node's and the hub's value; L keeps this node's as the next revision")
    func resolveAtTheScreen() throws {
        let kiosk = try KioskFixture()
        let id = try conflicted(kiosk)
        openDetail(kiosk, id)
        #expect(kiosk.app.screen == .detail)
        #expect(kiosk.screenText().contains("冲突"))
        kiosk.press(.character("k"))
        #expect(kiosk.app.screen == .conflicts)
        let text = kiosk.screenText()
        #expect(text.contains("仓山区样例路3号") && text.contains("台江区测试街9号"))
        kiosk.press(.character("l"))
        #expect(kiosk.app.screen == .detail, "\(kiosk.app.notice ?? "")")
        #expect(try kiosk.store.conflicts().isEmpty)
        let decided = try #require(try kiosk.store.conflicts(includeResolved: true).first)
        #expect(decided.resolution == "local")
        #expect(try kiosk.store.application(id: id).fields["delivery_address"] == "福建省福州市仓山区样例路3号")
    }

    @Test("C corrects a filed application through the same form; the change is its next revision")
    func correction() throws {
        let kiosk = try KioskFixture()
        let filed = try kiosk.store.file(try Examples.validated("birth"), operatorId: "clerk-1", filedAt: TestMoment.at("2026-11-26T09:00+08:00"))
        _ = try kiosk.store.claimBatch(limit: 10, at: TestMoment.filing)  // sent: an edit now becomes revision 2
        openDetail(kiosk, filed.id)
        kiosk.press(.character("c"))
        #expect(kiosk.app.screen == .form)
        #expect(kiosk.app.form?.amending == filed.id)
        while let focus = kiosk.app.form?.focus, focus != "mother_phone" { kiosk.press(.tab) }
        kiosk.press(.control("u"))
        kiosk.type("13900000009")
        kiosk.press(.function(10))
        #expect(kiosk.app.screen == .review, "\(kiosk.app.form?.problems ?? [:])")
        kiosk.press(.enter)
        #expect(kiosk.app.screen == .detail)
        let stored = try kiosk.store.application(id: filed.id)
        #expect(stored.summary.revision == 2)
        #expect(stored.fields["mother_phone"] == "13900000009")
        #expect(try kiosk.store.draft(operatorId: KioskFixture.operatorId) == nil, "a correction is not a draft")
    }

    /// A newer catalogue (2026.12-2) lowers the birth weight's maximum below the filed value;
    /// the kiosk's correction of the phone alone is checked under the catalogue the
    /// application was filed under (2026.11-1, remembered by the node), as `onething amend`.
    @Test("a correction is checked under the catalogue the application was filed under, not the kiosk's newer one")
    func correctionUnderTheFiledCatalogue() throws {
        let files = CatalogLoader.embeddedFiles.map { file -> CatalogFile in
            var file = file
            file.text = file.text.replacingOccurrences(of: "\"version\": \"2026.11-1\"", with: "\"version\": \"2026.12-2\"")
                .replacingOccurrences(of: "\"max\": 6500", with: "\"max\": 4000")
            return file
        }
        let newer = try CatalogLoader.load(files: files, today: TestMoment.filing.date)
        #expect(newer.version == "2026.12-2")
        let kiosk = try KioskFixture(catalog: newer)
        try kiosk.store.rememberCatalog(version: "2026.11-1", files: CatalogLoader.embeddedFiles)
        var form = try Examples.validated("birth")
        form.fields["birth_weight_g"] = "4500"
        let filed = try kiosk.store.file(form, operatorId: "clerk-1", filedAt: TestMoment.at("2026-11-26T09:00+08:00"))
        openDetail(kiosk, filed.id)
        kiosk.press(.character("c"))
        while let focus = kiosk.app.form?.focus, focus != "mother_phone" { kiosk.press(.tab) }
        kiosk.press(.control("u"))
        kiosk.type("13900000009")
        kiosk.press(.function(10))
        #expect(kiosk.app.screen == .review, "\(kiosk.app.form?.problems ?? [:])")
        kiosk.press(.enter)
        let stored = try kiosk.store.application(id: filed.id)
        #expect(stored.fields["mother_phone"] == "13900000009")
        #expect(stored.catalogVersion == "2026.11-1")
    }
}
