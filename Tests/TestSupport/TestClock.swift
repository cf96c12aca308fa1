public import OneThingModel
import Synchronization

/// The moments tests state. In-process tests (model, store, sync, kiosk, hub) never read the
/// machine's clock: they file, check and purge at a moment written here or in the test, so
/// that they pass on any date and in any time zone, and everything derived from the moment
/// (examples, "not in the future", ages, retention) agrees with it.
public enum TestMoment {
    /// 2026-11-26T10:00+08:00: when in-process tests file unless they state another moment.
    public static let filing = at("2026-11-26T10:00+08:00")

    /// The moment written as `YYYY-MM-DDTHH:MM+08:00` (a test's own literal; a typo traps).
    public static func at(_ text: String) -> Timestamp {
        guard let moment = Timestamp.parse(text) else { preconditionFailure("not a timestamp: \(text)") }
        return moment
    }

    /// The clock of the built binaries (`onething`, `onething-hub`), which tests run as
    /// operators do, on the machine's clock (or under faketime): a test that hands them
    /// dated input derives it from this, at the time of the run, never from a literal date.
    public static var machine: WallClock { .system }
}

/// A test double for the wall clock: it stands still until the test moves it.
public final class MovableClock: Sendable {
    private let current: Mutex<Timestamp>

    public init(_ start: Timestamp = TestMoment.filing) {
        current = Mutex(start)
    }

    /// The clock to inject; it reads the moment this double holds.
    public var clock: WallClock {
        WallClock { [self] in current.withLock { $0 } }
    }

    public var now: Timestamp { current.withLock { $0 } }

    public func set(_ moment: Timestamp) {
        current.withLock { $0 = moment }
    }

    public func advance(days: Int = 0, minutes: Int = 0) {
        current.withLock { $0 = $0.adding(days: days).adding(minutes: minutes) }
    }
}
