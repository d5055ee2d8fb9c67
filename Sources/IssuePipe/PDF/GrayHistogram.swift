/// How many pixels have each of the 256 grey levels: a percentile of a patch
/// without sorting its pixels (measures taken over every word box of a page).
struct GrayHistogram {
    private(set) var counts = [Int](repeating: 0, count: 256)
    private(set) var total = 0

    init(_ values: [UInt8]) {
        values.withUnsafeBufferPointer { values in
            for value in values { counts[Int(value)] += 1 }
        }
        total = values.count
    }

    /// The pixels of `box` (clamped to the image).
    init(_ image: GrayImage, in box: PixelBox) {
        let b = box.clamped(width: image.width, height: image.height)
        guard b.x1 > b.x0, b.y1 > b.y0 else { return }
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in b.y0..<b.y1 {
                for x in b.x0..<b.x1 { counts[Int(pixels[y * image.width + x])] += 1 }
            }
        }
        total = (b.x1 - b.x0) * (b.y1 - b.y0)
    }

    /// The value at `rank` among the pixels sorted darkest first, as
    /// `sorted()[rank]` would give it.
    func value(atRank rank: Int) -> UInt8 {
        var seen = 0
        for level in 0..<256 {
            seen += counts[level]
            if seen > rank { return UInt8(level) }
        }
        return 255
    }
}
