import Foundation
import Synchronization

/// How many pushes the hub works on at once. The hub's database has one writer, so pushes
/// beyond a few only wait, and a node whose request waits past its timeout gives up while
/// the hub still applies it (safe, the keys make it exactly-once, but wasted). Past the
/// limit a push is answered at once with 503 and `Retry-After`: the node waits that long
/// and tries again within its retry budget, or at its next cron run.
package final class PushAdmission: Sendable {
    package static let defaultLimit = 8

    private struct State {
        var active = 0
        /// Exponential moving average of an admitted push's time, in seconds.
        var averageSeconds = 0.1
    }

    package let limit: Int
    private let state = Mutex(State())

    package init(limit: Int = PushAdmission.defaultLimit) {
        self.limit = max(1, limit)
    }

    /// Takes a place, or returns nil (with the seconds to wait) when all are taken.
    package func enter() -> Result<Ticket, Busy> {
        state.withLock { state in
            guard state.active < limit else {
                // About one to two pushes' time (by then most places have turned over; the
                // average includes the wait for the one writer), in whole seconds drawn at
                // random so that refused nodes do not all return together; 1 to 30.
                let most = min(30, max(2, Int((state.averageSeconds * 2).rounded(.up))))
                return .failure(Busy(retryAfterSeconds: Int.random(in: 1...most)))
            }
            state.active += 1
            return .success(Ticket(admission: self, started: ContinuousClock.now))
        }
    }

    /// Pushes being worked on now.
    package var active: Int { state.withLock { $0.active } }

    fileprivate func leave(started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        state.withLock { state in
            state.active -= 1
            state.averageSeconds = 0.8 * state.averageSeconds + 0.2 * seconds
        }
    }

    /// A place taken; `leave()` gives it back (once).
    package struct Ticket: Sendable {
        fileprivate let admission: PushAdmission
        fileprivate let started: ContinuousClock.Instant

        package func leave() { admission.leave(started: started) }
    }

    package struct Busy: Error, Sendable {
        package let retryAfterSeconds: Int
    }
}
