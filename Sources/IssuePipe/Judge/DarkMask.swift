/// The dark pixels of a page image as bit rows, 64 pixels a word (bit i of
/// word k of a row is pixel 64k + i; bits past the width are 0), with where
/// the image sits on the page, so text boxes in points map onto it.
public struct DarkMask: Sendable, Hashable {
    public var width: Int
    public var height: Int
    /// Words per row.
    public var words: Int
    public var bits: [UInt64]
    public var dpiX: Double
    public var dpiY: Double
    public var originX: Double
    public var originY: Double

    /// A pixel is dark when its gray is below `threshold` (every pixel when
    /// `threshold` is over 255, none when it is 0 or less).
    public init(image: GrayImage, threshold: Int) {
        let w = image.width, h = image.height, words = (w + 63) >> 6
        var bits = [UInt64](repeating: 0, count: words * h)
        let limit = DarkMask.limit(threshold)
        image.pixels.withUnsafeBufferPointer { pixels in
            bits.withUnsafeMutableBufferPointer { bits in
                for y in 0..<h {
                    DarkMask.fillRow(bits, at: y * words, width: w, threshold: threshold) { pixels[y * w + $0] < limit }
                }
            }
        }
        self.init(width: w, height: h, bits: bits, dpiX: image.dpiX, dpiY: image.dpiY,
                  originX: image.originX, originY: image.originY)
    }

    init(width: Int, height: Int, bits: [UInt64], dpiX: Double, dpiY: Double, originX: Double = 0, originY: Double = 0) {
        precondition(bits.count == ((width + 63) >> 6) * height, "one word per 64 pixels of each row")
        self.width = width
        self.height = height
        self.words = (width + 63) >> 6
        self.bits = bits
        self.dpiX = dpiX
        self.dpiY = dpiY
        self.originX = originX
        self.originY = originY
    }

    /// The gray a pixel must be below to be dark, for thresholds 0…255.
    static func limit(_ threshold: Int) -> UInt8 { UInt8(clamping: max(0, min(256, threshold))) }

    /// Sets one row's words from `isDark(x)`; every bit when `threshold` is
    /// over 255. `isPaper(range)` may say that a word's pixels are all white
    /// paper (none dark, then), which saves asking about each.
    @inline(__always)
    static func fillRow(_ bits: UnsafeMutableBufferPointer<UInt64>, at out: Int, width w: Int, threshold: Int,
                        isPaper: (Range<Int>) -> Bool = { _ in false }, isDark: (Int) -> Bool) {
        let all = threshold > 255
        var x = 0
        while x < w {
            let end = min(w, x + 64)
            var word: UInt64 = 0
            if all || !isPaper(x..<end) {
                for i in x..<end where all || isDark(i) { word |= 1 &<< UInt64(i - x) }
            }
            bits[out + (x >> 6)] = word
            x = end
        }
    }

    /// The mask with the pixels within `share` of the width (left and right)
    /// and of the height (top and bottom) of the edges cleared.
    func clearingEdges(_ share: Double) -> DarkMask {
        var out = self
        let bandX = Int((Double(width) * share).rounded(.up)), bandY = Int((Double(height) * share).rounded(.up))
        for y in 0..<height {
            let row = y * words
            guard y >= bandY, y < height - bandY else {
                for k in 0..<words { out.bits[row + k] = 0 }
                continue
            }
            for x in 0..<min(bandX, width) { out.bits[row + (x >> 6)] &= ~(1 << UInt64(x & 63)) }
            for x in max(0, width - bandX)..<width { out.bits[row + (x >> 6)] &= ~(1 << UInt64(x & 63)) }
        }
        return out
    }
}
