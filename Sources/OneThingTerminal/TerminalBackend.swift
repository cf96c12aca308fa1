/// Where frames go: the real terminal (`ANSITerminal`) or memory (`MemoryTerminal`).
package protocol TerminalBackend: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    func write(_ bytes: [UInt8])
    /// Shows the cursor at zero-based (x, y); nil hides it.
    func setCursor(_ position: (x: Int, y: Int)?)
}
