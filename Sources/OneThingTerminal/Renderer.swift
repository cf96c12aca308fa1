/// Draws frames on a backend, writing only what changed since the last frame.
package final class Renderer {
    private let backend: any TerminalBackend
    private var lastFrame: Buffer?

    package init(backend: any TerminalBackend) {
        self.backend = backend
    }

    /// Writes the difference from the last frame (everything after `invalidate`, or when the
    /// size changed), then shows the cursor at `cursor` (nil hides it). Returns the bytes of
    /// the difference.
    @discardableResult
    package func draw(_ frame: Buffer, cursor: (x: Int, y: Int)?) -> Int {
        let bytes = FrameDiff.bytes(from: lastFrame, to: frame)
        if !bytes.isEmpty {
            backend.write(bytes)
        }
        lastFrame = frame
        backend.setCursor(cursor)
        return bytes.count
    }

    /// Makes the next draw a full redraw (after a resize, or when something else wrote to the
    /// terminal).
    package func invalidate() {
        lastFrame = nil
    }
}
