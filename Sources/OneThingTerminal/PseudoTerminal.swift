import CTerminal
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pseudo-terminal pair: the kiosk's side (`slave`, a tty) and the emulator's side
/// (`master`). Lets tests run `ANSITerminal` without a real terminal.
struct PseudoTerminal {
    let master: Int32
    let slave: Int32

    static func open() throws -> PseudoTerminal {
        var master: Int32 = -1
        var slave: Int32 = -1
        let result = ct_open_pty(&master, &slave)
        if result != 0 { throw TerminalError.settingsFailed("open a pseudo-terminal", errorNumber: result) }
        return PseudoTerminal(master: master, slave: slave)
    }

    func setSize(width: Int, height: Int) {
        _ = ct_set_window_size(master, Int32(width), Int32(height))
    }

    /// ECHO|ICANON|ISIG|IEXTEN as set on the tty now.
    var localModeFlags: Int { ct_local_mode_flags(slave) }
    /// The flags of a tty in ordinary (cooked) mode.
    static var cookedLocalModeFlags: Int { ct_cooked_local_mode_flags() }

    /// Sends bytes as if typed on the terminal.
    func type(_ bytes: [UInt8]) {
        FileDescriptorIO.write(bytes, to: master)
    }

    /// What the program wrote to the terminal, read until nothing more comes for `quietMilliseconds`.
    func output(quietMilliseconds: Int = 100) -> [UInt8] {
        var bytes: [UInt8] = []
        while FileDescriptorIO.waitReadable(master, timeoutMilliseconds: quietMilliseconds) == .readable {
            guard let more = FileDescriptorIO.read(master), !more.isEmpty else { break }
            bytes += more
        }
        return bytes
    }

    func close() {
        #if canImport(Glibc)
        _ = Glibc.close(slave)
        _ = Glibc.close(master)
        #else
        _ = Darwin.close(slave)
        _ = Darwin.close(master)
        #endif
    }
}
