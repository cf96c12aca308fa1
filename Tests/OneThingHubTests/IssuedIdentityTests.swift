import Foundation
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// The household registration's issued resident ID number is the newborn's: the hub refuses
/// one whose birth date, sex or issuing region disagrees with the application, each on its
/// own, and changes nothing when it does. The application is the catalogue's example, filed
/// on 2026-11-26 in Fuzhou (350100).
@Suite("An issued resident ID number belongs to the newborn")
struct IssuedIdentityTests {
    let hub: HubFixture

    init(_ backend: HubBackend = .sqlite) async throws {
        hub = try await HubFixture(backend)
    }

    func accepted() async throws -> (number: String, born: CivilDate, sex: Sex) {
        let payload = try SyntheticEntries.payload(applicationId: SyntheticEntries.applicationID(7))
        let results = try await hub.store.push(
            node: hub.node, entries: [try SyntheticEntries.entry(seq: 1, payload: payload)], catalog: hub.catalog,
            at: TestMoment.filing
        ).results
        let number = try #require(results.first?.provinceNo)
        let born = try #require(payload.fields["birth_time"].flatMap(CivilDateTime.parse)?.date)
        let sex = try #require(payload.fields["newborn_sex"].flatMap(Sex.init(rawValue:)))
        return (number, born, sex)
    }

    /// An ID number with this address code, birth date and sex (sequence 9xx, valid check character).
    func number(address: String = "350102", born: CivilDate, sex: Sex) throws -> String {
        let sequence = sex == .male ? 911 : 910
        let first17 = address + born.description.replacingOccurrences(of: "-", with: "") + String(sequence)
        return first17 + String(try #require(ResidentIDNumber.checkCharacter(for: first17)))
    }

    func decide(_ provinceNo: String, issuing id: String) async throws(HubError) -> HubApplication {
        try await hub.store.decide(
            provinceNo: provinceNo, item: "household-registration",
            DecisionRequest(decision: .approve, documents: ["resident_id_number": id]),
            at: TestMoment.filing.description)
    }

    func expectRefused(_ provinceNo: String, _ id: String, mentioning field: String) async throws {
        let error = await #expect(throws: HubError.self) { try await decide(provinceNo, issuing: id) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("does not agree with this application") && message.contains(field), "\(message)")
        #expect(!message.contains(id), "the message names fields, not the number")
        let application = try await hub.store.application(provinceNo)
        #expect(application.state(of: "household-registration") == .inProgress)
        #expect(application.fields["newborn_id_number"] == nil)
        #expect(application.hubRevision == 1)
    }

    @Test("the newborn's birth date, sex and an address in the application's city: issued", arguments: HubBackend.available)
    static func matchingNumberIsIssued(_ backend: HubBackend) async throws {
        try await Self(backend).matchingNumberIsIssued()
    }

    func matchingNumberIsIssued() async throws {
        let (provinceNo, born, sex) = try await accepted()
        let id = try number(born: born, sex: sex)
        let application = try await decide(provinceNo, issuing: id)
        #expect(application.state(of: "household-registration") == .issued)
        #expect(application.fields["newborn_id_number"] == id)
    }

    @Test("a birth date one day before or one day after the newborn's: refused", arguments: HubBackend.available)
    static func birthDateOffByOne(_ backend: HubBackend) async throws {
        try await Self(backend).birthDateOffByOne()
    }

    func birthDateOffByOne() async throws {
        let (provinceNo, born, sex) = try await accepted()
        try await expectRefused(provinceNo, try number(born: born.adding(days: -1), sex: sex), mentioning: "birth_time")
        try await expectRefused(provinceNo, try number(born: born.adding(days: 1), sex: sex), mentioning: "birth_time")
    }

    @Test("the other sex: refused", arguments: HubBackend.available)
    static func otherSex(_ backend: HubBackend) async throws {
        try await Self(backend).otherSex()
    }

    func otherSex() async throws {
        let (provinceNo, born, sex) = try await accepted()
        try await expectRefused(provinceNo, try number(born: born, sex: sex == .male ? .female : .male), mentioning: "newborn_sex")
    }

    @Test("an address code outside the application's city (Xiamen's 350203 for Fuzhou 350100): refused; the city's last county code 350199 is inside", arguments: HubBackend.available)
    static func issuingRegion(_ backend: HubBackend) async throws {
        try await Self(backend).issuingRegion()
    }

    func issuingRegion() async throws {
        let (provinceNo, born, sex) = try await accepted()
        try await expectRefused(provinceNo, try number(address: "350203", born: born, sex: sex), mentioning: "region 350100")
        try await expectRefused(provinceNo, try number(address: "350200", born: born, sex: sex), mentioning: "region 350100")
        let inside = try number(address: "350199", born: born, sex: sex)
        #expect(try await decide(provinceNo, issuing: inside).fields["newborn_id_number"] == inside)
    }
}
