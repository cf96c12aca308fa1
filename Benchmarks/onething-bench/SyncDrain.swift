import Crypto
import Foundation
import GRDB
import OneThingModel
import OneThingStore
import OneThingWire

/// Set-up for the sync-drain benchmark (Benchmarks/sync-drain.sh); neither step is timed.
///
/// - `seed --db PATH --count N [--first K] [--synced M]`: a node database with N queued
///   applications (after M already accepted by the hub: state `accepted` with a province
///   number, outbox entries acked; seqs 1...M, the queued ones M+1...M+N). Application ids and
///   mothers are numbered from K (default 0), so that seeds with disjoint ranges stand for
///   different hospitals (Benchmarks/hub-load.sh seeds 200 nodes this way). The schema is
///   the real one (`NodeStore.open`) and the first application is filed through
///   `NodeStore.file` (a validated birth application); the other N-1 are copies of its rows
///   made in ONE transaction, each with its own application id, payload (the same canonical
///   JSON the store writes, with the new `application_id`), SHA-256 and idempotency key, so
///   the hub sees N distinct valid entries with gap-free sequence numbers 1...N.
/// - `export-batches --db PATH --dir DIR [--batch 250]`: the push request bodies the node
///   would send for its pending entries (consecutive entries, `PushRequest.jsonBytes` as SyncEngine writes them),
///   one file each: DIR/batch-00001.json ...; for the plain-curl baseline.
enum SyncDrainCommands {
    static func run(_ arguments: [String]) {
        do {
            switch arguments.first {
            case "seed":
                guard let db = option("--db", in: arguments), let count = option("--count", in: arguments).flatMap(Int.init),
                    count >= 1
                else { usage() }
                let first = option("--first", in: arguments).flatMap(Int.init) ?? 0
                let synced = option("--synced", in: arguments).flatMap(Int.init) ?? 0
                guard first >= 0, synced >= 0 else { usage() }
                try seed(path: db, count: count, first: first, synced: synced)
            case "export-batches":
                guard let db = option("--db", in: arguments), let dir = option("--dir", in: arguments) else { usage() }
                let batch = option("--batch", in: arguments).flatMap(Int.init) ?? 250
                guard (1...PushRequest.maxEntries).contains(batch) else { usage() }
                try exportBatches(path: db, directory: dir, batch: batch)
            default:
                usage()
            }
        } catch {
            FileHandle.standardError.write(Data("onething-bench \(arguments.first ?? ""): \(error)\n".utf8))
            exit(1)
        }
    }

    static func option(_ name: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: name), arguments.indices.contains(index + 1) else { return nil }
        return arguments[index + 1]
    }

    static func usage() -> Never {
        FileHandle.standardError.write(
            Data(
                """
                usage: onething-bench seed --db PATH --count N [--first K] [--synced M]
                       onething-bench export-batches --db PATH --dir DIR [--batch 1-500]

                """.utf8))
        exit(64)
    }

    // MARK: seed

    static func seed(path: String, count: Int, first start: Int = 0, synced: Int = 0) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw SyncDrainError("\(path) exists; seed makes a new database")
        }
        let catalog = try CatalogLoader.embedded(today: WallClock.system.today())
        guard let region = catalog.region(catalog.defaultRegion), let bundle = catalog.bundle("birth") else {
            throw SyncDrainError("the embedded catalogue lacks the birth bundle")
        }
        let moment = WallClock.system.now()
        let now = moment.civil
        let example = CatalogExamples.application(
            bundle: bundle, items: catalog.menu(bundle: bundle, region: region).map(\.code), today: now.date)
        var inputs = Dictionary(uniqueKeysWithValues: example.map { ($0.field, FieldInput.text($0.value)) })
        inputs["mother_id_number"] = .text(Self.syntheticResidentID(start))
        let application = try FormValidator(catalog: catalog, region: region)
            .validate(bundle: "birth", items: nil, inputs: inputs, now: now).get()
        let filedAt = moment

        let first: FiledApplication
        do {
            let store = try NodeStore.open(path: path)
            first = try store.file(application, operatorId: "bench", filedAt: filedAt)
        }  // the store's connection closes here

        // Copies through a plain GRDB connection: one transaction, synchronous=OFF on this
        // connection only (seeding is not measured; the file keeps WAL, which is persistent).
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.write { db in
            guard
                let payloadData = try Data.fetchOne(
                    db, sql: "SELECT payload FROM outbox WHERE seq = ?", arguments: [first.outboxSeq])
            else { throw SyncDrainError("the filed application's outbox entry is missing") }
            var payload = try JSONCodec.decode(ApplicationPayload.self, from: payloadData)
            guard payload.canonicalJSON == String(decoding: payloadData, as: UTF8.self) else {
                throw SyncDrainError("the stored payload is not ApplicationPayload.canonicalJSON; update the seeder")
            }
            let copyApplication = try db.makeStatement(
                sql: """
                    INSERT INTO applications (id, bundle, region, catalog_version, fields, situations, revision, hub_revision,
                                              state, state_reason, province_no, operator, filed_at, updated_at,
                                              hub_fields, hub_fields_revision, person_key, event_key, exact_key)
                    SELECT ?, bundle, region, catalog_version, fields, situations, revision, hub_revision,
                           state, state_reason, province_no, operator, filed_at, updated_at,
                           hub_fields, hub_fields_revision, person_key, event_key, exact_key
                    FROM applications WHERE id = ?
                    """)
            let copyItems = try db.makeStatement(
                sql: """
                    INSERT INTO application_items (application_id, item, position, state, reason, result)
                    SELECT ?, item, position, state, reason, result FROM application_items WHERE application_id = ?
                    """)
            let insertEntry = try db.makeStatement(
                sql: """
                    INSERT INTO outbox (application_id, revision, base_revision, idempotency_key, payload, payload_sha256)
                    VALUES (?, 1, NULL, ?, ?, ?)
                    """)
            var counter = start + 1
            let total = synced + count
            for _ in 1..<total {
                var id: String
                repeat {
                    id = applicationID(counter)
                    counter += 1
                } while id == first.id
                payload.applicationId = id
                // Each copy another (synthetic) mother: a backlog is many births, not one
                // birth filed N times, which duplicate detection would match N times over.
                let mother = Self.syntheticResidentID(counter)
                payload.fields["mother_id_number"] = mother
                payload.fields.merge(bundle.provisionalFields(applicationId: id)) { _, new in new }
                let data = Data(payload.canonicalJSON.utf8)
                let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
                try copyApplication.execute(arguments: [id, first.id])
                let key = bundle.duplicateKey(of: payload.fields)
                try db.execute(
                    sql: "UPDATE applications SET fields = ?, hub_fields = ?, person_key = ?, event_key = ?, exact_key = ? WHERE id = ?",
                    arguments: [
                        JSONCodec.text(payload.fields), JSONCodec.text(payload.fields), key?.person, key?.event,
                        key?.exact, id,
                    ])
                try copyItems.execute(arguments: [id, first.id])
                try insertEntry.execute(arguments: [id, UUID().uuidString.lowercased(), data, digest])
            }
            if synced > 0 {
                // What the node records when the hub accepts an entry (NodeStore's push answer).
                try db.execute(
                    sql: """
                        UPDATE applications SET state = 'accepted', hub_revision = 1,
                            province_no = 'FJ' || printf('%010d', (SELECT seq FROM outbox WHERE outbox.application_id = applications.id))
                        WHERE id IN (SELECT application_id FROM outbox WHERE seq <= ?)
                        """,
                    arguments: [synced])
                try db.execute(sql: "UPDATE outbox SET state = 'acked' WHERE seq <= ?", arguments: [synced])
            }
            let queued = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'queued'") ?? 0
            let maxSeq = try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM outbox") ?? 0
            guard queued == count, maxSeq == total else {
                throw SyncDrainError("seeded \(queued) queued entries up to seq \(maxSeq), expected \(count) up to \(total)")
            }
        }
        try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try queue.close()
        print("seeded \(count) queued applications\(synced > 0 ? " after \(synced) accepted ones" : "") into \(path)")
    }

    /// `OT-` and the counter in ten Crockford base-32 digits (zero-padded).
    /// A synthetic, well-formed resident ID number for backlog row `n` (region 350102, a
    /// birth date from 1990 on, the serial from `n`, the GB 11643 check character).
    /// A woman's synthetic resident ID number (a mother's: the 17th digit even), one for each
    /// `n` (born 1990-01-01 + n / 500 days, serial 2 * (n % 500)).
    static func syntheticResidentID(_ n: Int) -> String {
        let date = CivilDate(year: 1990, month: 1, day: 1).map { $0.adding(days: n / 500) }
        let digits = (date?.description ?? "1990-01-01").replacingOccurrences(of: "-", with: "")
        let first17 = "350102" + digits + String(format: "%03d", 2 * (n % 500))
        return first17 + String(ResidentIDNumber.checkCharacter(for: first17) ?? "0")
    }

    static func applicationID(_ n: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var digits = [Character](repeating: "0", count: 10)
        var rest = n
        for position in stride(from: 9, through: 0, by: -1) {
            digits[position] = alphabet[rest & 31]
            rest >>= 5
        }
        return "OT-" + String(digits)
    }

    // MARK: export-batches

    static func exportBatches(path: String, directory: String, batch: Int) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw SyncDrainError("no database at \(path)") }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        let entries = try queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, idempotency_key, application_id, revision, base_revision, payload, payload_sha256
                    FROM outbox WHERE state IN ('queued', 'in_flight') ORDER BY seq
                    """
            ).map { row in
                // What `OutboxEntry.wire` gives for the row.
                PushEntry(
                    seq: row["seq"], idempotencyKey: row["idempotency_key"], applicationId: row["application_id"],
                    revision: row["revision"], baseRevision: row["base_revision"],
                    payloadSHA256: row["payload_sha256"], payload: PushPayload(frozen: row["payload"]))
            }
        }
        var files = 0
        var bytes = 0
        var start = 0
        while start < entries.count {
            let slice = entries[start..<min(start + batch, entries.count)]
            let body = Data(PushRequest(entries: Array(slice)).jsonBytes)  // the node's own writer (SyncEngine)
            files += 1
            let name = String(format: "batch-%05d.json", files)
            try body.write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
            bytes += body.count
            start += batch
        }
        print("exported \(entries.count) entries in \(files) batches of up to \(batch) (\(bytes) bytes) to \(directory)")
    }
}

struct SyncDrainError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
