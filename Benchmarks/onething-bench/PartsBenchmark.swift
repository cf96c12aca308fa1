import Foundation
import GRDB
import OneThingModel
import OneThingStore
import OneThingWire

/// Where the filing path spends its CPU, measured part by part with the disk out of the
/// way (`synchronous=OFF` for the transaction probe): payload encoding, id generation,
/// and an empty GRDB write transaction.
struct PartsBenchmark {
    let count: Int

    func run() throws {
        let catalog = try CatalogLoader.embedded(today: WallClock.system.today())
        guard let region = catalog.region(catalog.defaultRegion), let bundle = catalog.bundle("birth") else { return }
        let example = CatalogExamples.application(
            bundle: bundle, items: catalog.menu(bundle: bundle, region: region).map(\.code), today: WallClock.system.today())
        let inputs = Dictionary(uniqueKeysWithValues: example.map { ($0.field, FieldInput.text($0.value)) })
        let application = try FormValidator(catalog: catalog, region: region)
            .validate(bundle: "birth", items: nil, inputs: inputs, now: WallClock.system.now().civil).get()
        let clock = ContinuousClock()
        var sink = 0
        let payloadTime = clock.measure {
            for i in 0..<count {
                let payload = ApplicationPayload(
                    applicationId: "OT-\(i)", revision: 1, baseRevision: nil, application: application, operatorId: "bench")
                sink &+= payload.canonicalJSONBytes.count
            }
        }
        let idTime = clock.measure {
            for _ in 0..<count { sink &+= ApplicationID.generate().count + UUID().uuidString.count }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onething-parts-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let queue = try DatabaseQueue(path: dir.appendingPathComponent("p.sqlite").path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = OFF; CREATE TABLE t (x INTEGER)") }
        let writeTime = try clock.measure {
            for i in 0..<count {
                try queue.write { db in try db.cachedStatement(sql: "INSERT INTO t VALUES (?)").execute(arguments: [i]) }
            }
        }
        func each(_ d: Duration) -> String { String(format: "%.1f µs", d.seconds * 1e6 / Double(count)) }
        print("filing parts, \(count) each (release build; sink \(sink % 10))")
        print("  canonical payload JSON   \(each(payloadTime))")
        print("  application id + UUID    \(each(idTime))")
        print("  one GRDB write (1 row)   \(each(writeTime))")
    }
}
