/// A rectangle of cells: columns `x..<x+width`, rows `y..<y+height`.
package struct Rect: Sendable, Hashable {
    package var x: Int
    package var y: Int
    package var width: Int
    package var height: Int

    package init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The column just right of the rectangle.
    package var right: Int { x + max(0, width) }
    /// The row just below the rectangle.
    package var bottom: Int { y + max(0, height) }
    package var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The part of this rectangle inside `other` (empty, with zero size, when they do not overlap).
    package func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(self.right, other.right)
        let bottom = min(self.bottom, other.bottom)
        return Rect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }

    /// This rectangle shrunk by `margin` cells on every side (never below zero size).
    package func inset(by margin: Int) -> Rect {
        Rect(
            x: x + margin,
            y: y + margin,
            width: max(0, width - 2 * margin),
            height: max(0, height - 2 * margin)
        )
    }
}
