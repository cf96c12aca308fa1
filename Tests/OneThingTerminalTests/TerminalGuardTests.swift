import Testing
@testable import OneThingTerminal
#if canImport(Glibc)
import Glibc
#endif

#if os(Linux)
/// The terminal is given back when the kiosk process is killed or exits without restoring:
/// a child process (this test binary again) holds a pseudo-terminal in raw mode, then dies.
@Suite("TerminalGuard", .serialized)
struct TerminalGuardTests {
    static let childVariable = "ONETHING_TERMINAL_GUARD_CHILD"

    enum Ending: String, Sendable, CaseIterable {
        case sigterm, sigint, sighup, exit

        var signal: Int32? {
            switch self {
            case .sigterm: SIGTERM
            case .sigint: SIGINT
            case .sighup: SIGHUP
            case .exit: nil
            }
        }
    }

    @Test("the terminal is restored when the process is killed by a signal or exits", arguments: Ending.allCases)
    func restoredByTheGuard(_ ending: Ending) throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        let cooked = pty.localModeFlags
        let child = try ChildProcess.spawnSelf(
            filter: "TerminalGuardChild",
            environment: [Self.childVariable: ending.rawValue],
            terminal: pty.slave
        )
        var output: [UInt8] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while !ANSITerminalTests.contains(output, "\u{1B}[?1049h"), ContinuousClock.now < deadline {
            output += pty.output(quietMilliseconds: 50)
        }
        let entered = ANSITerminalTests.contains(output, "\u{1B}[?1049h")
        #expect(entered, "the child never opened the terminal")
        if ending.signal != nil {
            #expect(entered && pty.localModeFlags == 0, "the child's terminal is in raw mode")
        }
        if let signal = ending.signal {
            kill(child.pid, entered ? signal : SIGKILL)
        } else if !entered {
            kill(child.pid, SIGKILL)
        }
        let end = child.wait()
        output += pty.output(quietMilliseconds: 50)

        if let signal = ending.signal {
            #expect(end == .signalled(signal))
        } else {
            #expect(end == .exited(3))
        }
        let afterEnter = output.split(separator: 0x1B, omittingEmptySubsequences: false).map { [0x1B] + Array($0) }
        let restoreIndex = afterEnter.lastIndex { ANSITerminalTests.contains($0, "\u{1B}[?1049l") }
        let enterIndex = afterEnter.lastIndex { ANSITerminalTests.contains($0, "\u{1B}[?1049h") }
        #expect(restoreIndex != nil && enterIndex != nil && (restoreIndex ?? 0) > (enterIndex ?? 0))
        #expect(ANSITerminalTests.contains(output, "\u{1B}[?25h"))
        #expect(ANSITerminalTests.contains(output, "\u{1B}[?2004l"))
        #expect(pty.localModeFlags == cooked)
    }
}

/// Not a test on its own: the child process of `TerminalGuardTests`, which sets the variable.
/// Opens the real terminal on standard input/output, then waits for a signal or exits
/// without restoring.
@Suite("TerminalGuardChild")
struct TerminalGuardChild {
    @Test("child process of the TerminalGuard tests (does nothing when run directly)")
    func child() throws {
        guard let mode = getenv(TerminalGuardTests.childVariable).map({ String(cString: $0) }) else { return }
        let terminal = try ANSITerminal()
        if mode == TerminalGuardTests.Ending.exit.rawValue {
            exit(3)  // no restore(), no deinit: the atexit hook must do it
        }
        _ = terminal.readKeys(timeoutMilliseconds: 30_000)  // killed while waiting for keys
        terminal.restore()
        Issue.record("the child was not killed")
    }
}
#endif
