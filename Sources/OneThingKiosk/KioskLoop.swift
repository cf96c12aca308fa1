import Foundation
package import OneThingTerminal

/// Runs the kiosk on the real terminal until the clerk quits: keys in, frames out (only the
/// changed cells), the idle timeout counted on the monotonic clock. The terminal is
/// restored however this ends (return, thrown error, SIGINT/SIGTERM via `TerminalGuard`).
package enum KioskLoop {
    package static func run(_ app: KioskApp, terminal: ANSITerminal) {
        defer { terminal.restore() }
        let renderer = Renderer(backend: terminal)
        let clock = ContinuousClock()
        var lastKey = clock.now
        var lastTick = clock.now
        draw(app, renderer: renderer, size: terminal.size)
        while !app.wantsToQuit && !terminal.inputClosed {  // a hung-up terminal ends the kiosk
            let keys = terminal.readKeys(timeoutMilliseconds: 250)
            if terminal.resized { renderer.invalidate() }
            for key in keys {
                app.handle(key)
                lastKey = clock.now
            }
            let now = clock.now
            app.tick(idleSeconds: seconds(now - lastKey), elapsed: seconds(now - lastTick))
            lastTick = now
            draw(app, renderer: renderer, size: terminal.size)
        }
    }

    /// One frame: a blank buffer of the terminal's size, the app's drawing, the diff written.
    @discardableResult
    package static func draw(_ app: KioskApp, renderer: Renderer, size: (width: Int, height: Int)) -> Int {
        var frame = Buffer(width: max(1, size.width), height: max(1, size.height))
        let cursor = app.render(into: &frame)
        return renderer.draw(frame, cursor: cursor)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
