package import OneThingModel
import Synchronization

/// The moments tests state. In-process tests (model, store, sync, kiosk, hub) never read the
/// machine's clock: they file, check and purge at a moment written here or in the test, so
/// that they pass on any date and in any time zone, and everything derived from the moment
/// (examples, "not in the future", ages, retention) agrees with it.
package enum TestMoment {
    /// 2026-11-26T10:00+08:00: when in-process tests file unless they state another moment.
    package static let filing = at("2026-11-26T10:00+08:00")

    /// The moment written as `YYYY-MM-DDTHH:MM+08:00` (a test's own literal; a typo traps).
    package static func at(_ text: String) -> Timestamp {
        guard let moment = Timestamp.parse(text) else { preconditionFailure("not a timestamp: \(text)") }
        return moment
    }

    /// The clock of the built binaries (`onething`, `onething-hub`), which tests run as
    /// operators do, on the machine's clock (or under faketime): a test that hands them
    /// dated input derives it from this, at the time of the run, never from a literal date.
    package static var machine: WallClock { .system }
}

/// A test double for the wall clock: it stands still until the test moves it.
package final class MovableClock: Sendable {
    private let current: Mutex<Timestamp>

    package init(_ start: Timestamp = TestMoment.filing) {
        current = Mutex(start)
    }

    /// The clock to inject; it reads the moment this double holds.
    package var clock: WallClock {
        WallClock { [self] in current.withLock { $0 } }
    }

    package var now: Timestamp { current.withLock { $0 } }

    package func set(_ moment: Timestamp) {
        current.withLock { $0 = moment }
    }

    package func advance(days: Int = 0, minutes: Int = 0) {
        current.withLock { $0 = $0.adding(days: days).adding(minutes: minutes) }
    }
}
