import Foundation
import Hummingbird
import HummingbirdTesting
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

@Suite("Decisions")
struct DecisionTests {
    @Test("the social security card waits until the household registration is approved", arguments: HubBackend.available)
    func dependencyOrder(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let pushed = try await client.push([try SyntheticEntries.newApplication(seq: 1)], fixture: hub)
            let number = try #require(pushed.results.first?.provinceNo)

            let early = try await client.decide(
                number, "social-security-card", DecisionRequest(decision: .approve), fixture: hub)
            #expect(early.status == .conflict)
            let body = try early.errorBody()
            #expect(body.error == "conflict")
            #expect(body.message.contains("waits for household-registration"))

            let issued = try await client.decide(
                number, "household-registration",
                DecisionRequest(decision: .approve, documents: ["resident_id_number": try await hub.newbornID(number)]),
                fixture: hub)
            #expect(issued.status == .ok)
            let application = try JSONCodec.decode(HubApplication.self, from: Data(buffer: issued.body))
            #expect(application.state(of: "household-registration") == .issued)
            #expect(application.items.first { $0.item == "household-registration" }?.documents?["resident_id_number"] != nil)
            #expect(application.state(of: "social-security-card") == .inProgress)
            #expect(application.state(of: "medical-insurance-enrolment") == .inProgress)

            let card = try await client.decide(
                number, "social-security-card", DecisionRequest(decision: .approve), fixture: hub)
            #expect(card.status == .ok)
            let again = try await client.decide(
                number, "social-security-card", DecisionRequest(decision: .approve), fixture: hub)
            #expect(again.status == .conflict)
            #expect(try again.errorBody().message.contains("already decided"))
        }
    }

    @Test("return needs a reason and keeps it", arguments: HubBackend.available)
    func returnWithReason(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let pushed = try await client.push([try SyntheticEntries.newApplication(seq: 1)], fixture: hub)
            let number = try #require(pushed.results.first?.provinceNo)

            let missing = try await client.decide(number, "birth-certificate", DecisionRequest(decision: .return), fixture: hub)
            #expect(missing.status == .badRequest)
            #expect(try missing.errorBody().message.contains("reason"))

            let returned = try await client.decide(
                number, "birth-certificate", DecisionRequest(decision: .return, reason: "The certificate number is unreadable."),
                fixture: hub)
            #expect(returned.status == .ok)
            let application = try JSONCodec.decode(HubApplication.self, from: Data(buffer: returned.body))
            let item = try #require(application.items.first { $0.item == "birth-certificate" })
            #expect(item.state == .returned)
            #expect(item.reason == "The certificate number is unreadable.")
        }
    }

    @Test("a reason over 500 code points is refused as sent, whatever trimming or combining marks would make of it", arguments: HubBackend.available)
    func reasonLengthInCodePoints(_ backend: HubBackend) async throws {
        // The document's maxLength is 500 code points; the hub counted Characters after
        // trimming, so 500 letters and a space, or 500 accented letters written with
        // combining marks (1,000 code points), were taken.
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let pushed = try await client.push([try SyntheticEntries.newApplication(seq: 1)], fixture: hub)
            let number = try #require(pushed.results.first?.provinceNo)
            for reason in [String(repeating: "a", count: 500) + " ", String(repeating: "e\u{301}", count: 500)] {
                let refused = try await client.decide(
                    number, "birth-certificate", DecisionRequest(decision: .return, reason: reason), fixture: hub)
                #expect(refused.status == .badRequest)
                #expect(try refused.errorBody().message.contains("longer than 500"))
            }
            let application = try await hub.store.application(number)
            #expect(application.state(of: "birth-certificate") == .inProgress)
            let fits = try await client.decide(
                number, "birth-certificate",
                DecisionRequest(decision: .return, reason: String(repeating: "e\u{301}", count: 250)), fixture: hub)
            #expect(fits.status == .ok)
        }
    }

    @Test("a rejection cascades to the items that depend on it, naming the dependency", arguments: HubBackend.available)
    func rejectionCascades(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let pushed = try await client.push([try SyntheticEntries.newApplication(seq: 1)], fixture: hub)
            let number = try #require(pushed.results.first?.provinceNo)

            let rejected = try await client.decide(
                number, "household-registration",
                DecisionRequest(decision: .reject, reason: "The parents' household is registered in another province."),
                fixture: hub)
            #expect(rejected.status == .ok)
            let application = try JSONCodec.decode(HubApplication.self, from: Data(buffer: rejected.body))
            #expect(application.state(of: "household-registration") == .rejected)
            for dependent in ["medical-insurance-enrolment", "social-security-card"] {
                let item = try #require(application.items.first { $0.item == dependent })
                #expect(item.state == .rejected)
                #expect(item.reason?.contains("household-registration") == true)
            }
            #expect(application.state(of: "birth-certificate") == .inProgress)
        }
    }

    @Test("unknown applications and items are 404", arguments: HubBackend.available)
    func unknownTargets(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let pushed = try await client.push([try SyntheticEntries.newApplication(seq: 1)], fixture: hub)
            let number = try #require(pushed.results.first?.provinceNo)
            let noApplication = try await client.decide(
                "FJ9999999999", "birth-certificate", DecisionRequest(decision: .approve), fixture: hub)
            #expect(noApplication.status == .notFound)
            let noItem = try await client.decide(number, "school-bus", DecisionRequest(decision: .approve), fixture: hub)
            #expect(noItem.status == .notFound)
            let show = try await client.execute(
                uri: "\(WireProtocol.adminApplicationsPath)/FJ9999999999", method: .get, headers: hub.adminHeaders)
            #expect(show.status == .notFound)
            #expect(try show.errorBody().error == "not_found")
        }
    }

    @Test("auto-decide approves round by round, issuing a valid resident ID number for the newborn", arguments: HubBackend.available)
    func autoDecide(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            _ = try await client.push([try SyntheticEntries.newApplication(seq: 1)], fixture: hub)
        }
        let decider = AutoDecider(store: hub.store, interval: .seconds(1), logger: HubServer.quietLogger, clock: .fixed(TestMoment.filing))
        #expect(try await decider.round() == 4)
        var application = try #require(try await hub.store.applications().first)
        #expect(application.state(of: "household-registration") == .issued)
        #expect(application.state(of: "social-security-card") == .inProgress)
        let id = try #require(
            application.items.first { $0.item == "household-registration" }?.documents?["resident_id_number"])
        let parsed = try ResidentIDNumber.parse(id, today: TestMoment.filing.date).get()
        let birth = try #require(CivilDateTime.parse(application.fields["birth_time"] ?? ""))
        #expect(parsed.birthDate == birth.date)
        #expect(parsed.sex.rawValue == application.fields["newborn_sex"])
        #expect(parsed.addressCode == "350100")

        #expect(try await decider.round() == 2)
        application = try #require(try await hub.store.applications().first)
        #expect(application.items.allSatisfy { $0.state == .approved || $0.state == .issued })
        #expect(try await decider.round() == 0)
    }
}
