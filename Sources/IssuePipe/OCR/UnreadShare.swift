import Foundation

/// How much of a page's ink the lines read cover. Under uneven light one
/// threshold for the whole page (tesseract's default, Otsu's) turns the dim
/// part of a page black or white, and tesseract reads only part of its lines
/// there, with good confidence: a page that one threshold parts badly from its
/// paper and whose ink is left unread in good part is read again with a
/// threshold taken locally (Sauvola's), and that reading is kept where it
/// covers far more of the ink.
enum UnreadShare {
    /// The share of the page's inked cells (a quarter glyph square) that no
    /// line read covers, 0…1; nil on a page with no ink.
    static func of(_ page: RecognizedPage, flattened: GrayImage, glyph: Double) -> Double? {
        let cell = max(2, Int(glyph / 4))
        let covered = page.lines.flatMap(UnreadInk.coveredBoxes).map { SmallTextReread.onImage($0, page: page).padded(by: Int(0.4 * glyph)) }
        let ink = InkGrid(flattened, cell: cell, covered: [], darkerThan: UnreadBlocks.inkLevel).inked.filter { $0 }.count
        guard ink > 0 else { return nil }
        let unread = InkGrid(flattened, cell: cell, covered: covered, darkerThan: UnreadBlocks.inkLevel).inked.filter { $0 }.count
        return Double(unread) / Double(ink)
    }
}

extension UnreadShare {
    /// The page read again with tesseract's Sauvola threshold when one
    /// threshold is wrong for it and more than `ocr.localThresholdUnreadShare`
    /// of its ink was left unread; that reading when it leaves half as much
    /// unread or less (nil: keep the page's own). A pipeline that sets
    /// `thresholding_method` itself has chosen: the page is not read again.
    static func rereadLocally(_ page: RecognizedPage, image: GrayImage, flattened: GrayImage, request: OCRRequest,
                              settings: OCRSettings, recognizer: any PageRecognizer) -> RecognizedPage? {
        let limit = settings.localThresholdUnreadShare
        // Only where one threshold is wrong for the page (uneven light): a cover's
        // QR code or photograph is unread ink too, and a second reading of it is lost time.
        guard limit > 0, request.variables["thresholding_method"] == nil,
              thresholdMiss(image, flattened: flattened) > unevenLightMiss else { return nil }
        let glyph = UnreadInk.pageGlyph(page, image: image, settings: settings)
        guard let share = of(page, flattened: flattened, glyph: glyph), share > limit else { return nil }
        var again = request
        again.variables["thresholding_method"] = "2"
        guard let other = try? recognizer.recognize(again), let otherShare = of(other, flattened: flattened, glyph: glyph) else { return nil }
        // Pictures and a scan's dark borders stay unread either way: only a reading
        // that leaves half as much unread or less has read what the other lost.
        guard otherShare <= share / 2 else { return nil }
        return keepingLinesOnlyFirstRead(page, in: other)
    }

    /// The local reading, with the confident lines of the first whose words
    /// its words cover less than a third of put back in reading order: a local
    /// threshold can lose what one threshold read (`（总第294期）` under a
    /// cover's issue label, which the local reading's line box spans, a tall
    /// word of it grazing its words). Both readings are of the same image,
    /// deskewed alike: their boxes compare.
    static func keepingLinesOnlyFirstRead(_ first: RecognizedPage, in local: RecognizedPage) -> RecognizedPage {
        var out = local
        // (A word read from noise, boxed over half the cover, reads nothing again.)
        let words = local.lines.flatMap(\.words).filter { $0.confidence >= 50 }.map(\.box)
        for line in first.lines where SmallTextReread.meanConfidence([line]) >= putBackConfidence
            && coveredShare(of: line.words.map(\.box), by: words) < 0.3 {
            out.lines.insert(line, at: out.lines.firstIndex { UnreadInk.follows($0.box, line.box) } ?? out.lines.endIndex)
        }
        return out
    }

    /// `thresholdMiss` above which one threshold is wrong for the page. Pages
    /// under even light, noisy, bled through or with dark borders measure
    /// below 1.1 on the layout variants; pages whose dim part tesseract lost, 5.8 and up.
    static let unevenLightMiss = 2.0

    /// A line of the first reading is put back when read with this mean confidence (0…100) or more: not noise.
    static let putBackConfidence = 70.0

    /// How much of the boxes' area the other boxes cover (overlaps among those counted once per box).
    static func coveredShare(of boxes: [PixelBox], by others: [PixelBox]) -> Double {
        let area = boxes.reduce(0) { $0 + $1.area }
        guard area > 0 else { return 1 }
        let covered = boxes.reduce(0) { total, box in
            total + min(box.area, others.reduce(0) { $0 + box.intersection($1) })
        }
        return Double(covered) / Double(area)
    }
}

extension UnreadShare {
    /// How far one threshold for the page (Otsu's) misses the ink the page
    /// with its paper flattened shows: pixels it gets wrong over the ink's. A
    /// page under even light is near 0; under uneven light one threshold turns
    /// the dim part black (well above 1) or white.
    static func thresholdMiss(_ image: GrayImage, flattened: GrayImage) -> Double {
        let level = image.otsuThreshold()
        var ink = 0, wrong = 0
        image.pixels.withUnsafeBufferPointer { pixels in
            flattened.pixels.withUnsafeBufferPointer { flattened in
                for index in pixels.indices {
                    let isInk = flattened[index] < UnreadBlocks.inkLevel
                    if isInk { ink += 1 }
                    if isInk != (pixels[index] <= level) { wrong += 1 }
                }
            }
        }
        return Double(wrong) / Double(max(1, ink))
    }
}
