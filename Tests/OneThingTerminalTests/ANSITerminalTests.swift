import Testing
@testable import OneThingTerminal
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ANSITerminal on a pseudo-terminal. Serialized: a process holds one terminal at a time.
@Suite("ANSITerminal", .serialized)
struct ANSITerminalTests {
    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test("descriptors that are not a terminal are refused with an actionable message")
    func notATerminal() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer {
            close(descriptors[0])
            close(descriptors[1])
        }
        #expect(throws: TerminalError.notATerminal) {
            try ANSITerminal(inputDescriptor: descriptors[0], outputDescriptor: descriptors[1])
        }
        #expect(!TerminalGuard.isHoldingTerminal)
        #expect(TerminalError.notATerminal.description.contains("onething kiosk"))
        #expect(TerminalError.notATerminal.description.contains("80x24"))
    }

    @Test("on standard input that is not a tty, init() throws the not-a-terminal error")
    func standardInput() throws {
        guard isatty(0) == 0 || isatty(1) == 0 else { return }  // run from a terminal: nothing to check
        #expect(throws: TerminalError.notATerminal) { try ANSITerminal() }
    }

    @Test("init enters raw mode and the alternate screen; restore gives everything back, once")
    func rawModeAndRestore() throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        let cooked = pty.localModeFlags
        #expect(cooked == PseudoTerminal.cookedLocalModeFlags)

        let terminal = try ANSITerminal(inputDescriptor: pty.slave, outputDescriptor: pty.slave)
        let entered = pty.output()
        #expect(Self.contains(entered, "\u{1B}[?1049h"))
        #expect(Self.contains(entered, "\u{1B}[?2004h"))
        #expect(Self.contains(entered, "\u{1B}[?25l"))
        #expect(pty.localModeFlags == 0)  // no echo, no canonical mode, no signals, no IEXTEN
        #expect(TerminalGuard.isHoldingTerminal)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGSEGV, SIGABRT] {
            #expect(TerminalGuard.handles(signal: signal), "signal \(signal)")
        }

        #expect(throws: TerminalError.alreadyInUse) {
            try ANSITerminal(inputDescriptor: pty.slave, outputDescriptor: pty.slave)
        }
        // The refused second terminal must not have given back the first one's.
        #expect(TerminalGuard.isHoldingTerminal)
        #expect(pty.localModeFlags == 0)
        #expect(pty.output(quietMilliseconds: 50).isEmpty)

        terminal.restore()
        let restored = pty.output()
        #expect(Self.contains(restored, "\u{1B}[?1049l"))
        #expect(Self.contains(restored, "\u{1B}[?25h"))
        #expect(Self.contains(restored, "\u{1B}[?2004l"))
        #expect(Self.contains(restored, "\u{1B}[0m"))
        #expect(Self.contains(restored, "\u{1B}[2J"))  // the Linux console has no alternate screen
        #expect(pty.localModeFlags == cooked)
        #expect(!TerminalGuard.isHoldingTerminal)

        terminal.restore()
        terminal.write(Array("after".utf8))
        #expect(pty.output(quietMilliseconds: 50).isEmpty)
    }

    @Test("releasing the terminal restores it")
    func deinitRestores() throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        let cooked = pty.localModeFlags
        do {
            let terminal = try ANSITerminal(inputDescriptor: pty.slave, outputDescriptor: pty.slave)
            terminal.write(Array("x".utf8))
        }
        #expect(Self.contains(pty.output(), "\u{1B}[?1049l"))
        #expect(pty.localModeFlags == cooked)
        #expect(!TerminalGuard.isHoldingTerminal)
    }

    @Test("keys typed on the terminal are read and decoded; a lone ESC becomes Escape after the wait", .timeLimit(.minutes(1)))
    func readsKeys() throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        let terminal = try ANSITerminal(inputDescriptor: pty.slave, outputDescriptor: pty.slave)
        defer { terminal.restore() }
        _ = pty.output()

        #expect(terminal.readKeys(timeoutMilliseconds: 20) == [])
        pty.type(Array("陈\u{1B}[A\u{3}\r".utf8))
        #expect(terminal.readKeys(timeoutMilliseconds: 1000) == [.character("陈"), .up, .control("c"), .enter])

        // A lone ESC is decided after the short escape wait, not by the read's timeout: with
        // a timeout of ten minutes, a reader that waited it out would trip the test's time
        // limit (one minute). No bound on elapsed time that a loaded machine could miss.
        pty.type([0x1B])
        #expect(terminal.readKeys(timeoutMilliseconds: 600_000) == [.escape])

        pty.type(Array("\u{1B}[200~张三\u{1B}[2J\u{1B}[201~".utf8))
        #expect(terminal.readKeys(timeoutMilliseconds: 1000) == [.paste("张三\u{FFFD}[2J")])
    }

    @Test("size comes from the tty, and a SIGWINCH is reported once")
    func sizeAndResize() async throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        pty.setSize(width: 100, height: 30)
        let terminal = try ANSITerminal(inputDescriptor: pty.slave, outputDescriptor: pty.slave)
        defer { terminal.restore() }
        #expect(terminal.size.width == 100 && terminal.size.height == 30)
        _ = terminal.resized
        #expect(!terminal.resized)
        pty.setSize(width: 120, height: 40)
        // Process-directed, like the kernel's: test threads may block signals sent to themselves.
        kill(getpid(), SIGWINCH)
        // Waits for the signal to be handled, not for speed: on a loaded machine every
        // thread may have it blocked for a moment (while spawning processes, say).
        let deadline = ContinuousClock.now + .seconds(20)
        var resized = false
        while !resized, ContinuousClock.now < deadline {
            resized = terminal.resized
            if !resized { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(resized)
        #expect(!terminal.resized)
        #expect(terminal.size.width == 120 && terminal.size.height == 40)
    }

    @Test("frames drawn on the real terminal reach it as the same screen")
    func rendersThroughTheTTY() throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        pty.setSize(width: 80, height: 24)
        let terminal = try ANSITerminal(inputDescriptor: pty.slave, outputDescriptor: pty.slave)
        defer { terminal.restore() }
        let emulator = MemoryTerminal(width: 80, height: 24)
        emulator.write(pty.output())

        let renderer = Renderer(backend: terminal)
        var frame = Buffer(width: 80, height: 24)
        frame.put("母亲姓名", x: 2, y: 2)
        frame.put("陈小测", x: 12, y: 2, style: Style(underline: true))
        renderer.draw(frame, cursor: (x: 18, y: 2))
        let drawn = pty.output()
        emulator.write(drawn)
        #expect(emulator.screen == frame)
        #expect(Self.contains(drawn, "\u{1B}[3;19H\u{1B}[?25h"))

        frame.put("晓", x: 14, y: 2, style: Style(underline: true))
        renderer.draw(frame, cursor: (x: 18, y: 2))
        let change = pty.output()
        emulator.write(change)
        #expect(emulator.screen == frame)
        #expect(change.count < 40)

        renderer.draw(frame, cursor: (x: 18, y: 2))
        #expect(pty.output(quietMilliseconds: 50).isEmpty)
    }
}
