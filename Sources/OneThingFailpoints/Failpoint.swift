#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named crash points for the crash-matrix tests (issue 6): with `ONETHING_FAILPOINT=NAME`
/// in the environment, the process kills itself with SIGKILL (no clean-up, no flush: as a
/// power cut or `kill -9` would) the first time it reaches `Failpoint.hit(NAME)`. Without
/// the variable a hit costs one comparison. Names are listed in `Failpoint.Name` so tests
/// and code cannot drift apart.
package enum Failpoint {
    package enum Name: String, CaseIterable, Sendable {
        /// Node: a batch is marked in flight, its request not sent yet.
        case beforePushRequest = "sync.before-push-request"
        /// Node: the hub answered a push (it has committed); the answer is not recorded yet.
        case afterPushAnswer = "sync.after-push-answer"
        /// Node: one page of changes applied and its cursor stored; the next page not applied yet
        /// (it may be fetched already: the engine fetches a page while applying the one before).
        case betweenPullPages = "sync.between-pull-pages"
        /// Node: inside the transaction that merges a pulled change into unsent edits.
        case insideMerge = "store.inside-merge"
        /// Node: inside the transaction that files an application (before it commits).
        case insideFiling = "store.inside-filing"
        /// Node: inside a schema migration's transaction.
        case insideMigration = "store.inside-migration"
        /// Hub: a pushed batch committed, the answer not sent yet.
        case hubAfterCommit = "hub.after-commit-before-answer"
        /// Hub: inside the push transaction, every entry of the batch applied, not committed.
        case hubInsidePush = "hub.inside-push"
        /// Hub: inside a decision's transaction (items updated, change appended), not committed.
        case hubInsideDecision = "hub.inside-decision"
    }

    private static let armed: String? = {
        guard let value = getenv("ONETHING_FAILPOINT") else { return nil }
        return String(cString: value)
    }()

    /// Kills the process if `name` is the armed failpoint.
    @inline(__always)
    package static func hit(_ name: Name) {
        guard let armed, armed == name.rawValue else { return }
        kill(getpid(), SIGKILL)
    }
}
