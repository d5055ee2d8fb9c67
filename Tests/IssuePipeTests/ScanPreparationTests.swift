import Foundation
import Testing
import Yams
@testable import IssuePipe

/// How a scan's own image is prepared before tesseract reads it.
@Suite struct ScanPreparationTests {
    /// A white image with a vertical stroke `strokeWidth` pixels wide of `ink` from x = 30.
    func stroke(width strokeWidth: Int = 1, dpi: Double, ink: UInt8 = 0) -> GrayImage {
        var pixels = [UInt8](repeating: 255, count: 60 * 60)
        for y in 10..<50 { for x in 30..<(30 + strokeWidth) { pixels[y * 60 + x] = ink } }
        return GrayImage(width: 60, height: 60, pixels: pixels, dpiX: dpi, dpiY: dpi)
    }

    /// The darkness (255 less the grey level) summed across the image's middle row.
    func inkAcross(_ image: GrayImage) -> Int {
        let row = image.height / 2
        return image.pixels[(row * image.width)..<((row + 1) * image.width)].reduce(0) { $0 + 255 - Int($1) }
    }

    @Test func aCoarseBlackAndWhiteScansHairlinesAreThickenedInPlace() throws {
        let scan = stroke(dpi: 150)
        #expect(scan.isBitonal)
        let thick = try #require(scan.hairlinesThickened(belowDPI: 180))
        #expect(thick.width == 60 && thick.height == 60 && thick.dpiY == 150)
        // A one-pixel stroke comes out dark with grey half-pixels either side
        // (half as much ink again), centred where it was; beyond, white.
        let row = 30 * 60
        #expect(inkAcross(thick) >= 3 * 255 / 2 - 8)
        #expect(thick.pixels[row + 30] < 128)
        #expect((64...224).contains(thick.pixels[row + 29]) && (64...224).contains(thick.pixels[row + 31]))
        #expect(thick.pixels[row + 28] == 255 && thick.pixels[row + 32] == 255)
        let ink = (27...33).map { Double(255 - Int(thick.pixels[row + $0])) }
        let centre = zip(27...33, ink).map { Double($0) * $1 }.reduce(0, +) / ink.reduce(0, +)
        #expect(abs(centre - 30) <= 0.5)
        #expect(thick.pixels[8 * 60 + 30] == 255)
    }

    /// A stroke three pixels wide (a bold title's) keeps its ink: thickening
    /// it fills the counters of heavy glyphs, which tesseract then cannot read.
    @Test func widerStrokesKeepTheirWeight() throws {
        let bold = stroke(width: 3, dpi: 150)
        let out = try #require(bold.hairlinesThickened(belowDPI: 180))
        #expect(abs(inkAcross(out) - inkAcross(bold)) <= 8)
        #expect(bold.hairlinePixels().allSatisfy { !$0 })
        #expect(stroke(dpi: 150).hairlinePixels().filter { $0 }.count == 40)
    }

    /// Hairlines are the black pixels whose shorter run of black, across or
    /// down, is one pixel: checked against run lengths counted on a noisy image.
    @Test func hairlinesAreBlackPixelsOnARunOfOne() {
        let (width, height) = (40, 30)
        // A fixed scatter of black, a third of the pixels (Knuth's multiplicative hash).
        let pixels = (0..<(width * height)).map { (($0 &* 2_654_435_761) >> 7) % 3 == 0 ? UInt8(0) : 255 }
        let image = GrayImage(width: width, height: height, pixels: pixels, dpiX: 150, dpiY: 150)
        func run(_ x: Int, _ y: Int, _ dx: Int, _ dy: Int) -> Int {
            var (n, cx, cy) = (0, x, y)
            while cx >= 0, cx < width, cy >= 0, cy < height, pixels[cy * width + cx] == 0 { (n, cx, cy) = (n + 1, cx + dx, cy + dy) }
            return n
        }
        let expected = pixels.indices.map { index -> Bool in
            let (x, y) = (index % width, index / width)
            guard pixels[index] == 0 else { return false }
            return min(run(x, y, 1, 0) + run(x, y, -1, 0) - 1, run(x, y, 0, 1) + run(x, y, 0, -1) - 1) == 1
        }
        #expect(image.hairlinePixels() == expected)
        #expect(expected.contains(true) && expected.contains(false))
    }

    @Test func greyScansAndFinerScansAreLeftAsTheyAre() {
        let grey = stroke(dpi: 150, ink: 40)
        #expect(!grey.isBitonal)
        #expect(grey.hairlinesThickened(belowDPI: 180) == nil)
        let fine = stroke(dpi: 200)
        #expect(fine.hairlinesThickened(belowDPI: 180) == nil)
        #expect(stroke(dpi: 150).hairlinesThickened(belowDPI: 0) == nil)
    }

    /// A 200 dpi black-and-white scan is thickened only where enough of its ink
    /// is hairlines (thin Song or Kai strokes binarising broke): a one-pixel
    /// stroke is; a stroke two pixels wide, a sans face's, is left as it is.
    /// At `thinStrokesBelowDPI` or finer, nothing is.
    @Test func aFinerBlackAndWhiteScanIsThickenedWhereItsStrokesAreThin() {
        #expect(stroke(dpi: 200).hairlinesThickened(belowDPI: 180, thinStrokesBelowDPI: 250, thinStrokeShare: 0.02) != nil)
        #expect(stroke(width: 2, dpi: 200).hairlinesThickened(belowDPI: 180, thinStrokesBelowDPI: 250, thinStrokeShare: 0.02) == nil)
        #expect(stroke(dpi: 300).hairlinesThickened(belowDPI: 180, thinStrokesBelowDPI: 250, thinStrokeShare: 0.02) == nil)
        #expect(stroke(dpi: 200).hairlinesThickened(belowDPI: 180, thinStrokesBelowDPI: 0, thinStrokeShare: 0.02) == nil)
    }

    /// A grey scan coarser than `nativeMinDPI`, where that is set (it is off by default), is enlarged to `dpi`.
    @Test func aCoarseScanIsEnlargedToTheReadingResolution() {
        let grey = stroke(dpi: 150, ink: 40)
        let up = grey.upscaled(toDPI: 200)
        #expect(up.width == 80 && up.height == 80 && abs(up.dpiY - 200) < 0.01)
        #expect(up.pixels[40 * 80 + 40] < 128 && up.pixels[40 * 80 + 10] == 255)
        #expect(grey.upscaled(toDPI: 150).pixels == grey.pixels)
        #expect(OCRSettings().nativeMinDPI == 0)
    }

    /// A real 150 dpi black-and-white scan (regression variant v1019): the page is
    /// read thickened, at its own resolution, and its small type is cut from the scan as it was.
    @Test func aCoarseBitonalScanIsReadThickenedWithTheScanAsItWasForSmallType() throws {
        let url = TestPaths.repo.appendingPathComponent("Samples/variants/v1019-libreoffice-scanned.pdf")
        let page = try #require(try PDFDocument(url: url).page(1))
        let choice = try #require(ocrImage(of: page, settings: OCRSettings()))
        let scan = try #require(choice.fine)
        #expect(choice.source == "native-image" && choice.isScan)
        #expect(scan.isBitonal && !choice.image.isBitonal)
        #expect(abs(scan.dpiY - 150) < 1 && scan.width == choice.image.width)
        #expect(SmallTextReread.scanAsItWas(scan, for: choice.image) != nil)
        var off = OCRSettings()
        off.thickenHairlinesBelowDPI = 0
        off.thinStrokesBelowDPI = 0
        let plain = try #require(ocrImage(of: page, settings: off))
        #expect(plain.fine == nil && plain.image.pixels == scan.pixels)
        // Enlarging coarse scans (`nativeMinDPI`) leaves a black-and-white one as it is.
        off.nativeMinDPI = 180
        let kept = try #require(ocrImage(of: page, settings: off))
        #expect(kept.image.pixels == scan.pixels && abs(kept.image.dpiY - 150) < 1 && kept.enlargeToDPI == nil)
    }

    @Test func theSettingIsReadFromThePipeline() throws {
        #expect(OCRSettings().thickenHairlinesBelowDPI == 180)
        let settings = try YAMLDecoder().decode(OCRSettings.self, from: "thickenHairlinesBelowDPI: 0\n")
        #expect(settings.thickenHairlinesBelowDPI == 0)
        #expect(OCRSettings().thinStrokesBelowDPI == 250 && OCRSettings().thinStrokeShare == 0.015)
        let thin = try YAMLDecoder().decode(OCRSettings.self, from: "thinStrokesBelowDPI: 0\nthinStrokeShare: 0.05\n")
        #expect(thin.thinStrokesBelowDPI == 0 && thin.thinStrokeShare == 0.05)
    }
}
