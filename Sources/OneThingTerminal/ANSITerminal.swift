import CTerminal
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal: raw mode, alternate screen, bracketed paste, hidden cursor while the
/// kiosk runs; everything given back by `restore()`, at exit, and on SIGINT/SIGTERM/SIGHUP/
/// SIGQUIT and crashes (see `TerminalGuard`). One per process.
package final class ANSITerminal: TerminalBackend {
    /// The smallest window the kiosk screens are made for.
    package static let minimumSize = (width: 80, height: 24)

    /// How long a lone ESC waits for the rest of a sequence before it is the Escape key.
    package var escapeWaitMilliseconds = 40
    /// Set once the input has ended (the terminal hung up); `readKeys` then returns [] at once.
    package private(set) var inputClosed = false

    private let inputDescriptor: Int32
    private let outputDescriptor: Int32
    private var decoder = KeyDecoder()
    /// Whether this instance put the terminal in raw mode and has not given it back yet.
    private var holding = false
    private var lastSize: (width: Int, height: Int)
    private var seenResizes: Int
    private var shownCursor: (x: Int, y: Int)?
    private var cursorMovedSinceShown = true

    /// The terminal on standard input and output.
    package convenience init() throws(TerminalError) {
        try self.init(inputDescriptor: 0, outputDescriptor: 1)
    }

    /// The terminal on the given descriptors (both must be a tty, e.g. an opened /dev/tty).
    package init(inputDescriptor: Int32, outputDescriptor: Int32) throws(TerminalError) {
        guard isatty(inputDescriptor) == 1, isatty(outputDescriptor) == 1 else {
            throw TerminalError.notATerminal
        }
        self.inputDescriptor = inputDescriptor
        self.outputDescriptor = outputDescriptor
        lastSize = ANSITerminal.minimumSize
        try TerminalGuard.install()
        seenResizes = TerminalGuard.resizeCount
        let restoreBytes = ControlSequence.restore
        let result = restoreBytes.withUnsafeBufferPointer { bytes in
            ct_enter_raw_mode(inputDescriptor, outputDescriptor, bytes.baseAddress, bytes.count)
        }
        if result == EBUSY { throw TerminalError.alreadyInUse }
        if result != 0 { throw TerminalError.settingsFailed("switch the terminal to raw mode", errorNumber: result) }
        holding = true
        FileDescriptorIO.write(ControlSequence.enter, to: outputDescriptor)
        _ = size
    }

    deinit {
        restore()
    }

    /// Gives the terminal back: leaves the alternate screen (cleared first), shows the cursor,
    /// turns bracketed paste off, resets SGR and puts the original termios back. Only the
    /// first call does anything; afterwards writes and reads are ignored.
    package func restore() {
        guard holding else { return }
        holding = false
        TerminalGuard.restoreNow()
    }

    /// Columns and rows (TIOCGWINSZ); the last known size if the terminal does not say.
    package var size: (width: Int, height: Int) {
        var columns: Int32 = 0
        var rows: Int32 = 0
        if ct_window_size(outputDescriptor, &columns, &rows) == 0, columns > 0, rows > 0 {
            lastSize = (Int(columns), Int(rows))
        }
        return lastSize
    }

    /// True once after each SIGWINCH (and `size` is then the new size): redraw everything.
    package var resized: Bool {
        let count = TerminalGuard.resizeCount
        guard count != seenResizes else { return false }
        seenResizes = count
        _ = size
        return true
    }

    package func write(_ bytes: [UInt8]) {
        guard holding, !bytes.isEmpty else { return }
        cursorMovedSinceShown = true
        FileDescriptorIO.write(bytes, to: outputDescriptor)
    }

    package func setCursor(_ position: (x: Int, y: Int)?) {
        guard holding else { return }
        guard let position else {
            if shownCursor != nil || cursorMovedSinceShown {
                FileDescriptorIO.write(ControlSequence.hideCursor, to: outputDescriptor)
            }
            shownCursor = nil
            cursorMovedSinceShown = false
            return
        }
        if let shownCursor, shownCursor == position, !cursorMovedSinceShown { return }
        var bytes = ControlSequence.moveCursor(x: max(0, position.x), y: max(0, position.y))
        if shownCursor == nil { bytes += ControlSequence.showCursor }
        FileDescriptorIO.write(bytes, to: outputDescriptor)
        shownCursor = position
        cursorMovedSinceShown = false
    }

    /// Waits up to `timeoutMilliseconds` (negative: for ever) for input and returns the keys
    /// it makes; [] on timeout or when a signal (a resize) interrupted the wait. A lone ESC is
    /// the Escape key when nothing follows within `escapeWaitMilliseconds`.
    package func readKeys(timeoutMilliseconds: Int) -> [Key] {
        guard holding, !inputClosed else { return [] }
        switch FileDescriptorIO.waitReadable(inputDescriptor, timeoutMilliseconds: timeoutMilliseconds) {
        case .readable: break
        case .timedOut: return decoder.hasPendingInput ? decoder.flush() : []
        case .interrupted: return []
        case .closed:
            inputClosed = true
            return decoder.flush()
        }
        guard let bytes = FileDescriptorIO.read(inputDescriptor) else {
            inputClosed = true
            return decoder.flush()
        }
        var keys = decoder.feed(bytes)
        var interruptions = 0
        while decoder.hasPendingInput {
            switch FileDescriptorIO.waitReadable(inputDescriptor, timeoutMilliseconds: escapeWaitMilliseconds) {
            case .readable:
                guard let more = FileDescriptorIO.read(inputDescriptor) else {
                    inputClosed = true
                    return keys + decoder.flush()
                }
                keys += decoder.feed(more)
            case .interrupted where interruptions < 3:
                interruptions += 1
            case .timedOut, .interrupted, .closed:
                return keys + decoder.flush()
            }
        }
        return keys
    }
}
