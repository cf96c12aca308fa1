import Foundation
import TestSupport

/// Issue 12: the operator events of the network-fault rounds (FaultToleranceTests), drawn
/// from the seed like the rest and printed with the summary:
///
/// - the hub backed up (`onething-hub backup`) while the nodes run, and later restored from
///   that backup (`onething-hub restore`) while it serves: what was filed after the backup
///   comes back because the nodes send it again; decisions made after it are lost at the hub
///   (the hub is the reference after a restore); the second backup is restored from twice
///   (no province number may be given out again, no node may be refused or stuck);
/// - a node's database copied aside between two of its rounds and later copied back (a ward
///   PC's disk replaced): what it filed after its copy is unknown to it, held by the hub once
///   and listed in its `status --json` `unknown_applications`;
/// - token rotations (`onething-hub nodes rotate NODE --json`), the new token written into the
///   node's token file some rounds later by the node's own thread (its syncs in between are
///   refused, 69), or at once by another node's thread (a sync under way may be refused).
struct FaultRoundsSchedule: Sendable, CustomStringConvertible {
    /// A backup taken by `actor`'s thread at its round `backupRound` (later if another backup
    /// still waits for its restore) and restored from `gap` rounds after it was taken, and
    /// again `againGap` rounds after that restore (nil: once).
    struct HubCycle: Sendable {
        var actor: Int
        var backupRound: Int
        var gap: Int
        var againGap: Int?
    }

    /// A node's database copied aside at the start of its round `snapshotRound` and copied
    /// back `gap` rounds later (later while a hub backup waits for its restore).
    struct NodeRestore: Sendable {
        var snapshotRound: Int
        var gap: Int
    }

    /// `node`'s token rotated by `by`'s thread at the start of its round `round`; the new token
    /// is written into the node's token file `delay` rounds later by the node's own thread
    /// (nil: at once, by the rotating thread).
    struct Rotation: Sendable {
        var round: Int
        var node: Int
        var by: Int
        var delay: Int?
    }

    var hubCycles: [HubCycle] = []
    var nodeRestores: [Int: NodeRestore] = [:]
    var rotations: [Rotation] = []

    /// Positions are shares of the rounds, so a shorter or longer hunt (ONETHING_FAULT_ROUNDS)
    /// has the same events. The generator is the seed's own stream, apart from the rounds'.
    static func draw(seed: UInt64, nodes: Int, rounds: Int) -> FaultRoundsSchedule {
        var random = SplitMix64(seed: seed ^ 0x0E7E_4715_C0FF_EE12)
        /// A number of rounds from `low` to `high` shares of the run, at least 1.
        func share(_ low: Double, _ high: Double) -> Int {
            let first = max(1, Int((Double(rounds) * low).rounded()))
            let last = max(first, Int((Double(rounds) * high).rounded()))
            return first + Int(random.next() % UInt64(last - first + 1))
        }
        func pick(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
        var schedule = FaultRoundsSchedule()
        // Two hub cycles, the second backup taken after the first restore and restored from
        // twice (FaultRoundsRestoreFaultTests C: a restore from a backup taken before an earlier
        // restore gave the numbers issued since out again).
        let firstBackup = share(0.06, 0.2)
        let firstGap = share(0.1, 0.2)
        schedule.hubCycles.append(HubCycle(actor: pick(nodes), backupRound: firstBackup, gap: firstGap))
        let secondBackup = firstBackup + firstGap + share(0.05, 0.15)
        let secondGap = share(0.08, 0.15)
        let againGap = share(0.04, 0.1)
        if secondBackup + secondGap + againGap <= rounds * 9 / 10 {
            schedule.hubCycles.append(HubCycle(actor: pick(nodes), backupRound: secondBackup, gap: secondGap, againGap: againGap))
        } else if secondBackup + secondGap <= rounds * 9 / 10 {
            schedule.hubCycles.append(HubCycle(actor: pick(nodes), backupRound: secondBackup, gap: secondGap))
        }
        // Most nodes are restored once (at least one per seed).
        for node in 0..<nodes where random.next() % 4 != 0 {
            schedule.nodeRestores[node] = NodeRestore(snapshotRound: share(0.1, 0.6), gap: share(0.08, 0.25))
        }
        if schedule.nodeRestores.isEmpty {
            schedule.nodeRestores[pick(nodes)] = NodeRestore(snapshotRound: share(0.1, 0.6), gap: share(0.08, 0.25))
        }
        // Two rotations per node by its own thread (written 0-3 rounds later) and two by
        // another node's thread (written at once, maybe while the node syncs).
        let delays = [0, 1, 1, 2, 3]
        for node in 0..<nodes {
            for _ in 0..<2 {
                schedule.rotations.append(Rotation(round: share(0.02, 0.95), node: node, by: node, delay: delays[pick(delays.count)]))
            }
        }
        if nodes > 1 {
            for _ in 0..<2 {
                let node = pick(nodes)
                let by = (node + 1 + pick(nodes - 1)) % nodes
                schedule.rotations.append(Rotation(round: share(0.05, 0.95), node: node, by: by, delay: nil))
            }
        }
        return schedule
    }

    var description: String {
        let cycles = hubCycles.map {
            "ward-\($0.actor + 1) backs up at round \($0.backupRound), restores \($0.gap) rounds later"
                + ($0.againGap.map { " and again from the same backup \($0) rounds after" } ?? "")
        }
        let restores = nodeRestores.sorted { $0.key < $1.key }.map {
            "ward-\($0.key + 1) copies its database at round \($0.value.snapshotRound), back \($0.value.gap) rounds later"
        }
        let rotations = rotations.sorted { ($0.node, $0.round) < ($1.node, $1.round) }.map {
            $0.by == $0.node
                ? "ward-\($0.node + 1) at round \($0.round) (written \($0.delay ?? 0) rounds later)"
                : "ward-\($0.node + 1) by ward-\($0.by + 1) at its round \($0.round) (written at once)"
        }
        return "hub: " + cycles.joined(separator: "; ") + "\n    nodes: " + restores.joined(separator: "; ")
            + "\n    rotations: " + rotations.joined(separator: "; ")
    }
}

/// The operator's desk, shared by the node threads: one operator action at a time (a hub
/// backup or restore, a rotation, a token written, a node's database copied back), and the
/// bookkeeping the checks need afterwards (which decisions a restore may have taken, the
/// province numbers seen, the token each node should hold).
final class FaultRoundsDesk: @unchecked Sendable {
    // @unchecked: every stored property below is read and written under `state`.
    let loop: Loop
    /// One operator action at a time; held while the action's commands run.
    private let desk = NSLock()
    /// The bookkeeping; held only briefly (never while a command runs).
    private let state = NSLock()

    private var counts: [String: Int] = [:]
    /// The backup taken and not yet restored from.
    private var outstandingBackup: String?
    private var backupsStarted = 0
    private var restoresDone = 0
    private var restoredFrom: Set<String> = []
    private var tokens: [String: TokenState] = [:]
    private var decisions: [DecisionRecord] = []
    /// Province number -> application id, as the hub listed them over the run.
    private var numbers: [String: String] = [:]
    private var problems: [String] = []

    struct TokenState {
        /// Changes whenever what the hub accepts or what the token file holds changes.
        var epoch = 0
        /// A rotated token not yet written into the node's token file, and the node's round
        /// from which it is written.
        var pending: (token: String, due: Int)?
    }

    /// What a sync's exit can be held against: a 69 is expected only when the token changed
    /// while it ran, or the node's token file held a token the hub no longer takes.
    struct TokenMark: Equatable {
        var epoch: Int
        var pending: Bool

        func explainsRefusal(until after: TokenMark) -> Bool { epoch != after.epoch || pending || after.pending }
    }

    /// Where the hub stands between backups and restores: a decision made while no backup
    /// waits for its restore, and during which none was taken, is in every later state of
    /// the hub.
    struct HubMark: Equatable {
        var backupsStarted: Int
        var restoresDone: Int
        var outstanding: Bool
    }

    struct DecisionRecord {
        var node: String
        var applicationId: String
        var item: String
        var verdict: String
        /// Made outside every backup-to-restore window (see HubMark); else a restore may have taken it.
        var kept: Bool
    }

    init(loop: Loop) {
        self.loop = loop
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        state.lock()
        defer { state.unlock() }
        return try body()
    }

    private func count(_ event: String, _ amount: Int = 1) { locked { counts[event, default: 0] += amount } }

    func problem(_ text: String) { locked { problems.append(text) } }

    var recordedProblems: [String] { locked { problems } }

    var restores: Int { locked { restoresDone } }

    func hubMark() -> HubMark {
        locked { HubMark(backupsStarted: backupsStarted, restoresDone: restoresDone, outstanding: outstandingBackup != nil) }
    }

    func tokenMark(_ node: String) -> TokenMark {
        locked { TokenMark(epoch: tokens[node]?.epoch ?? 0, pending: tokens[node]?.pending != nil) }
    }

    func tokenFile(_ node: String) -> String { loop.dir.file("token-\(node)") }

    // MARK: The hub: backup and restore

    /// Takes the hub's backup while the nodes run. False (nothing done) while another backup
    /// waits for its restore (its window would have two ends to keep track of).
    func backupHub(label: String) throws -> Bool {
        desk.lock()
        defer { desk.unlock() }
        let path: String? = locked {
            guard outstandingBackup == nil else { return nil }
            backupsStarted += 1
            let path = loop.dir.file("hub-backup-\(backupsStarted).sqlite")
            outstandingBackup = path
            return path
        }
        guard let path else {
            count("hub backups put off (another waits for its restore)")
            return false
        }
        let run = try loop.hub(["backup", path])
        if run.code == 0 {
            count("hub backups")
        } else {
            problem("\(label): onething-hub backup exited \(run.code): \(run.stderr)")
            locked { outstandingBackup = nil }
        }
        return true
    }

    /// Restores the hub from the outstanding backup while it serves. With `again`, the
    /// backup stays outstanding: it is restored from once more later (what is sent meanwhile
    /// will be lost at the hub again). The nodes keep their tokens, during the restore too
    /// (FaultRoundsRestoreFaultTests D and F): a sync refused (69) because of a restore is a
    /// problem.
    func restoreHub(label: String, again: Bool = false) throws {
        desk.lock()
        defer { desk.unlock() }
        guard let path = locked({ outstandingBackup }) else { return }
        let repeated = locked { restoredFrom.contains(path) }
        let run = try loop.hub(["restore", path])
        if run.code == 0 {
            count("hub restores")
            if repeated { count("hub restores from a backup restored from before") }
            locked { _ = restoredFrom.insert(path) }
        } else {
            problem("\(label): onething-hub restore exited \(run.code): \(run.stderr)")
        }
        locked {
            if !again { outstandingBackup = nil }
            restoresDone += 1
        }
    }

    // MARK: Tokens

    /// Rotates `node`'s token; the new one is written into its token file at once (`dueRound`
    /// nil) or by the node's thread from its round `dueRound` (`writeDueToken`).
    func rotate(_ node: String, dueRound: Int?, label: String) throws {
        desk.lock()
        defer { desk.unlock() }
        try rotateLocked(node, dueRound: dueRound, label: label)
    }

    private func rotateLocked(_ node: String, dueRound: Int?, label: String) throws {
        let run = try loop.hub(["nodes", "rotate", node, "--json"])
        guard run.code == 0, let token = (run.json() as? [String: Any])?["token"] as? String, token.count >= 32 else {
            problem("\(label): nodes rotate \(node) exited \(run.code): \(run.stderr)")
            return
        }
        locked {
            tokens[node, default: TokenState()].epoch += 1
            tokens[node]?.pending = (token, dueRound ?? 0)
        }
        if dueRound == nil { try writePendingLocked(node) }
    }

    /// Writes `node`'s rotated token into its token file if it is due by `round`.
    func writeDueToken(_ node: String, round: Int) throws {
        guard locked({ (tokens[node]?.pending?.due ?? .max) <= round }) else { return }
        desk.lock()
        defer { desk.unlock() }
        if locked({ (tokens[node]?.pending?.due ?? .max) <= round }) { try writePendingLocked(node) }
    }

    /// The token file replaced in one step (written beside it, mode 600, then renamed), so a
    /// sync reading it meets the old or the new token, never a half-written or readable file.
    private func writePendingLocked(_ node: String) throws {
        guard let token = locked({ tokens[node]?.pending?.token }) else { return }
        let path = tokenFile(node)
        try loop.writeToken(token, to: path + ".new")
        chmod(path + ".new", 0o600)
        guard rename(path + ".new", path) == 0 else {
            problem("\(node): the token file could not be replaced (errno \(errno))")
            return
        }
        locked {
            tokens[node]?.pending = nil
            tokens[node]?.epoch += 1
        }
    }

    /// Every rotated token written (after the rounds, before convergence).
    func writeAllTokens() throws {
        for node in locked({ tokens.keys.sorted() }) { try writeDueToken(node, round: .max) }
    }

    // MARK: A node's database restored

    enum NodeRestoreOutcome {
        /// A hub backup waits for its restore: what this node sent since it would be lost at
        /// both ends (the hub's restore takes it, the node's copy never had it). Later.
        case putOff
        /// The node could not send everything it holds (faults); later.
        case notDrained(String)
        case restored
    }

    /// Copies `snapshot` back over `node`'s database, after a sync that left nothing waiting
    /// (an operator replacing a disk makes sure the last work reached the hub first; what
    /// never left the node is lost with its disk, which is no test of the product). Exit 69
    /// cannot happen here: the node's token is written first and no rotation runs meanwhile.
    func restoreNode(_ node: String, db: String, from snapshot: String, label: String) throws -> NodeRestoreOutcome {
        desk.lock()
        defer { desk.unlock() }
        if locked({ outstandingBackup != nil }) {
            count("node restores put off a round (a hub backup waits for its restore)")
            return .putOff
        }
        if locked({ tokens[node]?.pending != nil }) { try writePendingLocked(node) }
        var last = ""
        var drained = false
        for _ in 0..<8 where !drained {
            let sync = try loop.node(
                ["sync", "--retry-budget", "5", "--timeout", "\(FaultToleranceTests.timeout)",
                 "--connect-timeout", "\(FaultToleranceTests.timeout)", "--json"], db: db)
            count("syncs before a node restore")
            if sync.code != 0 && sync.code != 75 { problem("\(label): the sync before the restore exited \(sync.code): \(sync.stderr)") }
            let outbox = (try loop.nodeStatus(db: db)["outbox"] as? [String: Int]) ?? [:]
            drained = sync.code == 0 && outbox["queued"] == 0 && outbox["in_flight"] == 0
            last = "exit \(sync.code), outbox \(outbox)"
        }
        guard drained else {
            count("node restores put off a round (not drained)")
            return .notDrained(last)
        }
        let copied = try FaultRounds.copyDatabase(snapshot, to: db)
        if !copied.isEmpty { problem("\(label): copying the database back: \(copied)") }
        count("node restores")
        return .restored
    }

    // MARK: Bookkeeping for the checks

    func recordDecision(node: String, applicationId: String, item: String, verdict: String, before: HubMark) {
        let after = hubMark()
        let kept = before == after && !before.outstanding
        locked {
            decisions.append(DecisionRecord(node: node, applicationId: applicationId, item: item, verdict: verdict, kept: kept))
        }
    }

    /// The hub's listing: a province number that ever named two applications is a problem
    /// (a restore continues in a fresh block: a number given out is never given again).
    func noteNumbers(_ listing: [[String: Any]], when: String) {
        locked {
            for app in listing {
                guard let number = app["province_no"] as? String, let id = app["application_id"] as? String else { continue }
                if let earlier = numbers[number], earlier != id {
                    problems.append("province number \(number) named \(earlier) and then \(id) (\(when))")
                }
                numbers[number] = id
            }
        }
    }

    func add(_ event: String, _ amount: Int) { if amount > 0 { count(event, amount) } }

    /// After convergence: numbers unique at the hub; every decision no restore could have
    /// taken is still there (the node's copy is compared with the hub's by ExactlyOnce).
    func check(_ hubApps: [[String: Any]]) -> [String] {
        var found: [String] = []
        noteNumbers(hubApps, when: "after convergence")
        var byNumber: [String: [String]] = [:]
        for app in hubApps {
            byNumber[app["province_no"] as? String ?? "none", default: []].append(app["application_id"] as? String ?? "?")
        }
        for (number, ids) in byNumber where ids.count > 1 || number == "none" {
            found.append("the hub: province number \(number) names \(ids.count) applications: \(ids.prefix(5))")
        }
        let byId = Dictionary(hubApps.map { ($0["application_id"] as? String ?? "", $0) }) { first, _ in first }
        let records = locked { decisions }
        var kept = 0
        for record in records where record.kept {
            let state = byId[record.applicationId]?.items()[record.item]
            let expected: Set<String>
            switch record.verdict {
            case "approve": expected = ["approved", "issued"]
            case "reject": expected = ["rejected"]
            default: expected = ["returned", "in_progress", "approved", "issued", "rejected"]  // an amend reopens a return
            }
            kept += 1
            if !expected.contains(state ?? "none") {
                found.append("\(record.node) \(record.applicationId): \(record.verdict) \(record.item), made outside every backup-to-restore window, is \(state ?? "missing") at the hub")
            }
        }
        let nodes = Set(records.map(\.node))
        for node in nodes.sorted() where records.contains(where: { $0.node == node && $0.kept }) {
            let decided = hubApps.filter { $0["node_id"] as? String == node }.contains {
                $0.items().values.contains { !["in_progress", "waiting", "pending"].contains($0) }
            }
            if !decided { found.append("\(node): decisions kept by the hub, none on the hub's list") }
        }
        locked {
            counts["decisions kept (outside backup-to-restore windows)"] = kept
            counts["decisions a restore may have taken"] = records.count - kept
        }
        return found
    }

    var summary: String { locked { tally(counts) } }
}

enum FaultRounds {
    /// A consistent copy of a SQLite file (its WAL included), through python3's sqlite3
    /// backup API, as an operator's backup tool would make it (RestoreTests.copyDatabase,
    /// answering what went wrong instead of expecting, for the node threads). "" when done.
    static func copyDatabase(_ source: String, to destination: String) throws -> String {
        try? FileManager.default.removeItem(atPath: destination)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: destination + suffix) }
        let script = "import sqlite3,sys\ns=sqlite3.connect(sys.argv[1])\nd=sqlite3.connect(sys.argv[2])\ns.backup(d)\nd.close()\ns.close()"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, source, destination]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        chmod(destination, 0o600)
        return process.terminationStatus == 0 ? "" : "python3 exited \(process.terminationStatus): \(message)"
    }
}

/// "a 1, b 2" for a count per key.
func tally<Key: Comparable>(_ counts: [Key: some Any]) -> String {
    counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
}
