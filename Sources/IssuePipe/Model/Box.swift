/// A rectangle in PDF points with the origin at the top-left corner of the
/// page as displayed (after /Rotate), y growing downwards.
public struct Box: Codable, Hashable, Sendable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0.roundedToHundredths
        self.y0 = y0.roundedToHundredths
        self.x1 = x1.roundedToHundredths
        self.y1 = y1.roundedToHundredths
    }

    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
    public var midX: Double { (x0 + x1) / 2 }
    public var midY: Double { (y0 + y1) / 2 }

    /// The smallest box holding both.
    public func union(_ other: Box) -> Box {
        Box(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }

    /// How much of the shorter of the two vertical extents they share (0…1).
    public func verticalOverlap(_ other: Box) -> Double {
        let shared = min(y1, other.y1) - max(y0, other.y0)
        let shorter = min(height, other.height)
        guard shorter > 0 else { return 0 }
        return max(0, shared) / shorter
    }

    /// How much of the narrower of the two horizontal extents they share (0…1).
    public func horizontalOverlap(_ other: Box) -> Double {
        let shared = min(x1, other.x1) - max(x0, other.x0)
        let narrower = min(width, other.width)
        guard narrower > 0 else { return 0 }
        return max(0, shared) / narrower
    }
}

extension Sequence where Element == Box {
    /// The union of all boxes, or nil for none.
    public var union: Box? { reduce(nil) { $0?.union($1) ?? $1 } }
}
