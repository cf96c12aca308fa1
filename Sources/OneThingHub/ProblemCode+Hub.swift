package import OneThingModel

extension ProblemCode {
    /// An amendment of an application whose personal data the hub purged.
    package static let applicationPurged = ProblemCode("hub.application_purged")
    /// An amendment under a catalogue that lacks the application's bundle.
    package static let catalogLacksBundle = ProblemCode("hub.catalog_lacks_bundle")

    /// Every problem code of the hub, for tables and their tests.
    package static let hub: [ProblemCode] = [.applicationPurged, .catalogLacksBundle]
}
