import Foundation
import OneThingModel
import OneThingWire

/// The JSON codec's bulk paths, in memory (`onething-bench codec [--count ROUNDS]`):
/// freezing a payload, writing and reading a push body of 250 entries (the hub's read
/// includes each payload, as `PushApplier` reads it), and writing and reading a page of 500
/// changes. Synthetic data from the catalogue's examples; the best of ROUNDS rounds.
struct CodecParts {
    let rounds: Int

    func run() throws {
        let catalog = try CatalogLoader.embedded(today: WallClock.system.today())
        guard let region = catalog.region(catalog.defaultRegion), let bundle = catalog.bundle("birth") else { return }
        let items = catalog.menu(bundle: bundle, region: region).map(\.code)
        let example = CatalogExamples.application(bundle: bundle, items: items, today: WallClock.system.today())
        let inputs = Dictionary(uniqueKeysWithValues: example.map { ($0.field, FieldInput.text($0.value)) })
        let application = try FormValidator(catalog: catalog, region: region)
            .validate(bundle: "birth", items: nil, inputs: inputs, now: WallClock.system.now().civil).get()
        let payloads = (0..<250).map { n in
            ApplicationPayload(
                applicationId: "OT-" + String(format: "%010d", n), revision: 1, baseRevision: nil, application: application,
                operatorId: "bench", filedAt: "2026-11-26T10:00+08:00")
        }
        let entries = payloads.enumerated().map { n, payload in
            Self.entry(seq: Int64(n + 1), payload: payload)
        }
        let request = PushRequest(entries: entries)
        let changes = (0..<500).map { n in
            ApplicationChange(
                cursor: Int64(n + 1), applicationId: "OT-" + String(format: "%010d", n), provinceNo: "FJ" + String(format: "%010d", n),
                hubRevision: 2, revision: 1,
                items: items.map { ItemDecision(item: $0, state: .inProgress) }, fields: application.fields)
        }
        let page = ChangesPage(changes: changes, nextCursor: 500, hasMore: true)
        let body = Data(request.jsonBytes)
        let pageBytes = Data(page.jsonBytes())

        var sink = 0
        let freeze = best { for payload in payloads { sink &+= payload.canonicalJSONBytes.count } }
        let pushWrite = best { sink &+= request.jsonBytes.count }
        let frozen = payloads.map { Data($0.canonicalJSONBytes) }
        let pushFromFrozen = best {
            sink &+= PushRequest(entries: frozen.enumerated().map { n, bytes in Self.entry(seq: Int64(n + 1), frozen: bytes) }).jsonBytes.count
        }
        let pushRead = try bestThrowing {
            let decoded = try PushRequest.decode(json: body)
            for entry in decoded.entries { sink &+= try Self.payload(of: entry).fields.count }
        }
        let pageWrite = best { sink &+= page.jsonBytes().count }
        let pageRead = try bestThrowing { sink &+= try ChangesPage.decode(json: pageBytes).changes.count }
        func each(_ d: Duration, _ n: Int) -> String { String(format: "%6.2f µs", d.seconds * 1e6 / Double(n)) }
        print("codec, best of \(rounds) rounds (release build; sink \(sink % 10))")
        print("  payload frozen (canonical bytes)       \(each(freeze, payloads.count)) a payload (\(payloads[0].canonicalJSONBytes.count) bytes)")
        print("  push body written, 250 entries         \(each(pushWrite, entries.count)) an entry (\(body.count / 1024) KB)")
        print("  push body from frozen bytes (node)     \(each(pushFromFrozen, entries.count)) an entry")
        print("  push body read, payloads read too      \(each(pushRead, entries.count)) an entry")
        print("  page written, 500 changes              \(each(pageWrite, changes.count)) a change (\(pageBytes.count / 1024) KB)")
        print("  page read, 500 changes                 \(each(pageRead, changes.count)) a change")
    }

    private func best(_ body: () -> Void) -> Duration {
        let clock = ContinuousClock()
        return (0..<rounds).map { _ in clock.measure(body) }.min() ?? .zero
    }

    private func bestThrowing(_ body: () throws -> Void) throws -> Duration {
        let clock = ContinuousClock()
        return try (0..<rounds).map { _ in try clock.measure(body) }.min() ?? .zero
    }
}

extension CodecParts {
    /// An entry as the node sends it (the hash is not checked here).
    static func entry(seq: Int64, payload: ApplicationPayload) -> PushEntry {
        entry(seq: seq, frozen: Data(payload.canonicalJSONBytes))
    }

    /// An entry made from the payload's frozen bytes, as `OutboxEntry.wire` makes it.
    static func entry(seq: Int64, frozen: Data) -> PushEntry {
        PushEntry(
            seq: seq, idempotencyKey: "bench-key-\(seq)", applicationId: "OT-0000000000", revision: 1,
            baseRevision: nil, payloadSHA256: String(repeating: "a", count: 64), payload: PushPayload(frozen: frozen))
    }

    /// An entry's payload as the hub reads it.
    static func payload(of entry: PushEntry) throws -> ApplicationPayload {
        try ApplicationPayload.decode(entry.payload)
    }
}
