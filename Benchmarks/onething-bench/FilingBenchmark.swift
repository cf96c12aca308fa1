import Foundation
import GRDBSQLite
import OneThingModel
import OneThingStore

/// Filing one application per transaction through `NodeStore` (validated application,
/// canonical payload, SHA-256, three tables) against the floor: raw sqlite3 inserts of the
/// same rows with the same pragmas (WAL, synchronous=FULL, foreign keys) and prepared
/// statements. With synchronous=FULL each commit waits for the disk, so the ratio shows
/// what the store adds on top of the fsync that durability costs.
struct FilingBenchmark {
    let count: Int

    func run() throws {
        let catalog = try CatalogLoader.embedded(today: WallClock.system.today())
        guard let region = catalog.region(catalog.defaultRegion), let bundle = catalog.bundle("birth") else {
            throw BenchError.setup("embedded catalogue lacks the birth bundle")
        }
        let today = WallClock.system.today()
        let example = CatalogExamples.application(
            bundle: bundle, items: catalog.menu(bundle: bundle, region: region).map(\.code), today: today)
        let inputs = Dictionary(uniqueKeysWithValues: example.map { ($0.field, FieldInput.text($0.value)) })
        let application = try FormValidator(catalog: catalog, region: region)
            .validate(bundle: "birth", items: nil, inputs: inputs, now: WallClock.system.now().civil).get()

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onething-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        let store = try NodeStore.open(path: dir.appendingPathComponent("store.sqlite").path)
        let raw = try RawInserts(path: dir.appendingPathComponent("raw.sqlite").path, application: application)
        let clock = ContinuousClock()
        // Interleaved rounds, so that load from elsewhere on the machine hits both sides alike.
        let grdb = try GRDBInserts(path: dir.appendingPathComponent("grdb.sqlite").path, application: application)
        var storeTime = Duration.zero
        // Each filing another (synthetic) mother, as at a ward: the same birth filed over and
        // over would be matched as a duplicate of every earlier one (the raw floors likewise
        // look up a new person key each time). Made before the clock starts.
        let applications = (0..<count).map { i -> ValidatedApplication in
            var one = application
            one.fields["mother_id_number"] = SyncDrainCommands.syntheticResidentID(i)
            return one
        }
        var next = 0
        var rawTime = Duration.zero
        var grdbTime = Duration.zero
        let rounds = 10
        for round in 0..<rounds {
            let share = count / rounds
            storeTime += try clock.measure {
                for _ in 0..<share {
                    try store.file(applications[next], operatorId: "bench", filedAt: WallClock.system.now())
                    next += 1
                }
            }
            rawTime += try clock.measure {
                for i in 0..<share { try raw.insert(round * share + i) }
            }
            grdbTime += try clock.measure {
                for i in 0..<share { try grdb.insert(round * share + i) }
            }
        }
        raw.close()

        let filed = (count / rounds) * rounds
        let storeRate = Double(filed) / storeTime.seconds
        let rawRate = Double(filed) / rawTime.seconds
        print("filing, \(filed) applications each way, one transaction each, interleaved in \(rounds) rounds (release build)")
        print(String(format: "  NodeStore.file      %9.0f applications/s  (%.3f ms each)", storeRate, 1000 / storeRate))
        print(String(format: "  raw sqlite3 inserts %9.0f applications/s  (%.3f ms each)", rawRate, 1000 / rawRate))
        let grdbRate = Double(filed) / grdbTime.seconds
        print(String(format: "  same rows via GRDB  %9.0f applications/s  (%.3f ms each; no payload, hash or ids)", grdbRate, 1000 / grdbRate))
        print(String(format: "  ratio raw/store     %9.2f  (target <= 1.5)", rawRate / storeRate))
    }
}

enum BenchError: Error {
    case setup(String)
    case sqlite(Int32, String)
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
