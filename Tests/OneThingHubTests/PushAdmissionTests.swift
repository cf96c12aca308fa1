import Foundation
import Hummingbird
@testable import OneThingHub
import OneThingWire
import Testing

@Suite("Push admission (503 with Retry-After past the limit)")
struct PushAdmissionTests {
    @Test("past the limit a push is refused with a wait of 1 to 30 seconds; a place given back admits the next")
    func limit() throws {
        let admission = PushAdmission(limit: 2)
        let first = try admission.enter().get()
        let second = try admission.enter().get()
        #expect(admission.active == 2)
        guard case .failure(let busy) = admission.enter() else {
            Issue.record("a third push was admitted past a limit of 2")
            return
        }
        #expect((1...30).contains(busy.retryAfterSeconds))
        first.leave()
        #expect(admission.active == 1)
        let third = try admission.enter().get()
        second.leave()
        third.leave()
        #expect(admission.active == 0)
    }

    @Test("the refusal is the protocol's error body with status 503 and Retry-After in seconds")
    func busyResponse() throws {
        let response = HubRoutes.busyResponse(PushAdmission.Busy(retryAfterSeconds: 4))
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers[.retryAfter] == "4")
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
    }

    @Test("the limit is never below one")
    func atLeastOne() throws {
        let admission = PushAdmission(limit: 0)
        #expect(admission.limit == 1)
        let ticket = try admission.enter().get()
        if case .success = admission.enter() { Issue.record("admitted two at a limit of 1") }
        ticket.leave()
    }
}
