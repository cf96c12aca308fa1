import Foundation
import OneThingModel
import OneThingStore
import OneThingWire

/// The node's share of a sync, in process (`sync-parts --count N`): N seeded applications
/// (`seed`), their push answers recorded a batch of 250 at a time (accepted as hub revision
/// 1, as a hub answers a fresh filing), then a page of 500 changes at a time applied (hub
/// revision 2, the application's fields, every item decided or in progress), as
/// `NodeStore.recordPushResults` and `NodeStore.applyChanges` do in `onething sync`. No
/// network, no hub: the store and the sync machine alone.
enum SyncParts {
    static func run(count: Int) throws {
        let dir = NSTemporaryDirectory() + "onething-sync-parts-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/node.sqlite"
        try SyncDrainCommands.seed(path: path, count: count)
        let store = try NodeStore.open(path: path)
        let now = WallClock.system.now()
        let clock = ContinuousClock()

        var recordTime = Duration.zero
        var ids: [String] = []
        while true {
            let batch = try store.claimBatch(limit: 250, at: now)
            if batch.isEmpty { break }
            let results = batch.map { entry in
                PushResult(
                    seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .accepted,
                    provinceNo: provinceNumber(entry.seq), hubRevision: 1)
            }
            ids += batch.map(\.applicationId)
            recordTime += try clock.measure { _ = try store.recordPushResults(results, at: now) }
        }
        guard let first = ids.first else { return }
        let detail = try store.application(id: first)
        let items = detail.summary.items.map(\.item)

        var applyTime = Duration.zero
        var cursor: Int64 = 0
        for start in stride(from: 0, to: ids.count, by: 500) {
            let page = ids[start..<min(ids.count, start + 500)]
            let changes = page.enumerated().map { offset, id in
                ApplicationChange(
                    cursor: cursor + Int64(offset) + 1, applicationId: id, provinceNo: provinceNumber(Int64(start + offset + 1)),
                    hubRevision: 2, revision: 1,
                    items: items.enumerated().map { ItemDecision(item: $1, state: $0.isMultiple(of: 2) ? .approved : .inProgress) },
                    fields: detail.fields)
            }
            cursor += Int64(changes.count)
            applyTime += try clock.measure { _ = try store.applyChanges(changes, nextCursor: cursor, at: now) }
        }
        print("sync parts: \(ids.count) applications")
        print(String(format: "  push answers recorded (250 a transaction)  %5.1f us an entry", micros(recordTime, ids.count)))
        print(String(format: "  changes applied (500 a transaction)        %5.1f us a change", micros(applyTime, ids.count)))
    }

    /// The seeded applications are numbered by seq, which is what the hub would do for one node.
    static func provinceNumber(_ n: Int64) -> String {
        "FJ" + String(repeating: "0", count: max(0, 10 - String(n).count)) + String(n)
    }

    static func micros(_ duration: Duration, _ count: Int) -> Double {
        let (seconds, attoseconds) = duration.components
        return (Double(seconds) * 1e6 + Double(attoseconds) / 1e12) / Double(max(1, count))
    }
}
