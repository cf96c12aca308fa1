import CTerminal

/// Makes sure the terminal is given back however the program ends.
package enum TerminalGuard {
    /// Installs SIGINT/SIGTERM/SIGHUP/SIGQUIT handlers that restore the terminal
    /// (async-signal-safe: write the restore bytes and tcsetattr with the saved termios, then
    /// re-raise the signal with the default action), handlers for crash signals (SIGILL,
    /// SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE) that restore it and pass the signal on to the
    /// previous handler, a SIGWINCH counter, and an atexit hook. Once per process; called by
    /// `ANSITerminal.init`.
    package static func install() throws(TerminalError) {
        let result = ct_install_guard()
        if result != 0 {
            throw TerminalError.settingsFailed("install the handlers that restore the terminal", errorNumber: result)
        }
    }

    /// Whether a terminal is held in raw mode now (restoring would do something).
    package static var isHoldingTerminal: Bool { ct_raw_mode_active() == 1 }

    /// Restores the held terminal now, if any (what the handlers do; safe to repeat).
    package static func restoreNow() {
        ct_leave_raw_mode()
    }

    /// Whether the guard's handler is installed for `signal` (for tests).
    static func handles(signal: Int32) -> Bool {
        ct_guard_handles(signal) == 1
    }

    /// How many SIGWINCH arrived since `install`.
    static var resizeCount: Int { ct_resize_count() }
}
