import OneThingModel
import Testing

/// Whether an ID number's address code lies in a region, at each level of the
/// administrative division code: province, city, county.
@Suite("The region an issued ID number's address code lies in")
struct IssuedIdentityRegionTests {
    @Test(
        "inside and outside at each level",
        arguments: [
            ("350000", "350102", true), ("350000", "360102", false),
            ("350100", "350100", true), ("350100", "350102", true), ("350100", "350199", true),
            ("350100", "350200", false), ("350100", "350002", false),
            ("350102", "350102", true), ("350102", "350103", false), ("350102", "350100", false),
        ])
    func contains(region: String, address: String, inside: Bool) {
        #expect(IssuedIdentity.region(region, contains: address) == inside)
    }

    @Test("an empty or malformed region contains nothing")
    func emptyRegion() {
        #expect(!IssuedIdentity.region("", contains: "350102"))
        #expect(!IssuedIdentity.region("0000", contains: "350102"))
    }
}
