import PropertyBased
import Testing
@testable import IssuePipe

/// The OCR measures take percentiles of pixel patches from a 256-level
/// histogram instead of a sort: the two must agree on every input.
@Suite struct GrayHistogramTests {
    @Test func valueAtRankIsTheSortedPixel() async {
        await propertyCheck(input: Gen.uint8().array(of: 1...400), Gen.int(in: 0...399)) { pixels, rank in
            let rank = rank % pixels.count
            #expect(GrayHistogram(pixels).value(atRank: rank) == pixels.sorted()[rank])
        }
    }

    @Test func boxCountsTheClampedPatch() async {
        let boxes = Gen.int(in: -5...25).array(of: 4...4)
        await propertyCheck(input: Gen.uint8().array(of: 300...300), boxes) { pixels, corners in
            let image = GrayImage(width: 20, height: 15, pixels: pixels, dpiX: 72, dpiY: 72)
            let box = PixelBox(x0: corners[0], y0: corners[1], x1: corners[2], y1: corners[3])
            var patch: [UInt8] = []
            for y in max(0, box.y0)..<max(max(0, box.y0), min(15, box.y1)) {
                for x in max(0, box.x0)..<max(max(0, box.x0), min(20, box.x1)) { patch.append(pixels[y * 20 + x]) }
            }
            let histogram = GrayHistogram(image, in: box)
            #expect(histogram.total == patch.count)
            #expect(histogram.counts == GrayHistogram(patch).counts)
        }
    }
}
