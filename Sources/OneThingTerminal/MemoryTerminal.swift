/// A terminal in memory, for tests: applies written bytes to `screen` by interpreting the
/// subset of ANSI that `FrameDiff` emits (see `ScreenInterpreter`).
package final class MemoryTerminal: TerminalBackend {
    package private(set) var screen: Buffer
    /// All bytes written so far.
    package private(set) var bytesWritten: Int = 0
    /// The bytes of the last `write`.
    package private(set) var lastWrite: [UInt8] = []
    /// Where the cursor is shown; nil when hidden.
    package private(set) var cursor: (x: Int, y: Int)?
    private var interpreter = ScreenInterpreter()

    package init(width: Int, height: Int) {
        screen = Buffer(width: width, height: height)
    }

    package var size: (width: Int, height: Int) { (screen.width, screen.height) }

    package func write(_ bytes: [UInt8]) {
        bytesWritten += bytes.count
        lastWrite = bytes
        interpreter.apply(bytes, to: &screen)
    }

    package func setCursor(_ position: (x: Int, y: Int)?) {
        cursor = position
    }

    /// Changes the size the way a terminal window does: what fits stays, the rest is blank.
    package func resize(width: Int, height: Int) {
        var resized = Buffer(width: width, height: height)
        for y in 0..<min(height, screen.height) {
            for x in 0..<min(width, screen.width) {
                resized.copyCell(from: screen, x: x, y: y, toY: y)
            }
        }
        screen = resized
        interpreter.clamp(width: resized.width, height: resized.height)
    }
}
