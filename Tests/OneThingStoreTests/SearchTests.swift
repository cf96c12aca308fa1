import Foundation
import OneThingModel
import OneThingStore
import OneThingWire
import TestSupport
import Testing

/// The kiosk's look-up: ids and province numbers and ID numbers through indexes, names by a scan.
@Suite("Looking applications up")
struct SearchTests {
    @Test("by application id, province number, the mother's ID number (person index), a name (scan); nothing for a stranger")
    func lookUp() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let application = try Examples.validated("birth")
        let mother = try #require(application.fields["mother_id_number"])
        let name = try #require(application.fields["mother_name"])
        let filed = try store.file(application, filedAt: TestMoment.filing)
        let other = try store.file(try Examples.validated("school-enrolment"), filedAt: TestMoment.filing)
        let claimed = try store.claimBatch(limit: 10, at: TestMoment.filing)
        _ = try store.recordPushResults(claimed.map {
            PushResult(seq: $0.seq, idempotencyKey: $0.idempotencyKey, status: .accepted, provinceNo: String(format: "FJ%010d", $0.seq), hubRevision: 1)
        }, at: TestMoment.filing)
        #expect(try store.searchApplications(filed.id).map(\.id) == [filed.id])
        #expect(try store.searchApplications(filed.id.lowercased()).map(\.id) == [filed.id])
        #expect(try store.searchApplications("FJ0000000002").map(\.id) == [other.id])
        #expect(try store.searchApplications(mother).map(\.id) == [filed.id])
        #expect(try store.searchApplications(name).map(\.id).contains(filed.id))
        #expect(try store.searchApplications("不存在的人").isEmpty)
        #expect(try store.searchApplications("x").isEmpty)  // one character: nothing is searched
    }
}
