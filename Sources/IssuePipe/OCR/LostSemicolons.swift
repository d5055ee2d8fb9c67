/// Tesseract reads a semicolon as a comma now and then, with its dot plain
/// to see above the comma (`补贴；同时` read `补贴，同时`): the mark most often
/// misread in the tuning scans (31 of 138 marks misread on the 8900 set, 23 on
/// 10100). A comma read as a word of its own whose column of the line holds
/// two small blots of ink, one above the other (the dot, then the comma), and
/// nothing else, is a semicolon of the same width: `，` becomes `；`, `,` `;`.
/// Nothing language-specific: a comma with a dot over it is a semicolon in
/// every script that has one.
enum LostSemicolons {
    static let semicolons: [String: String] = ["，": "；", ",": ";"]

    /// The page with its misread semicolons put right, and how many were.
    static func restored(_ page: RecognizedPage, image: GrayImage) -> (page: RecognizedPage, restored: Int) {
        var out = page, restored = 0
        for (l, line) in page.lines.enumerated() {
            guard let band = WeakLineReread.glyphBand(of: line) else { continue }
            for (w, word) in line.words.enumerated() {
                guard let semicolon = semicolons[word.text], hasDotAbove(word.box, band: band, page: page, image: image) else { continue }
                out.lines[l].words[w].text = semicolon
                restored += 1
            }
        }
        return (restored == 0 ? page : out, restored)
    }

    /// Whether the word's column, over the line's glyph band (a little above
    /// and below it), holds exactly two blots, each at most half a glyph
    /// across, the upper wholly above the lower and over it, in the band's
    /// upper part and the lower reaching its lower part. Specks under a tenth
    /// of the larger blot are noise. A box off its ink (taking in part of the
    /// next glyph) fails the count or the sizes and is left as read.
    static func hasDotAbove(_ box: PixelBox, band: PixelBox, page: RecognizedPage, image: GrayImage) -> Bool {
        let glyph = band.y1 - band.y0
        let column = PixelBox(x0: box.x0, y0: band.y0 - glyph / 6, x1: box.x1, y1: band.y1 + glyph / 5)
            .clamped(width: page.imageWidth, height: page.imageHeight)
        let cut = image.cutStraight(column, degrees: page.deskewAngle)
        guard cut.width > 1, cut.height > 4 else { return false }
        let paper = Double(GrayHistogram(cut.pixels).value(atRank: cut.pixels.count * 9 / 10))
        let dark = cut.pixels.map { Double($0) < 0.8 * paper }
        let blobs = InkBlobs(dark, width: cut.width, height: cut.height).boxes.filter { $0.area >= 3 }
        guard let largest = blobs.map(\.area).max() else { return false }
        let marks = blobs.filter { $0.area * 10 >= largest }.map(\.box).sorted { $0.y0 < $1.y0 }
        guard marks.count == 2, let dot = marks.first, let comma = marks.last else { return false }
        let half = glyph / 2, bandTop = band.y0 - column.y0
        let small = marks.allSatisfy { $0.x1 - $0.x0 <= half && $0.y1 - $0.y0 <= half && $0.y1 - $0.y0 >= 2 }
        let stacked = dot.y1 <= comma.y0 && dot.x0 < comma.x1 && comma.x0 < dot.x1
        let dotMiddle = Double(dot.y0 + dot.y1) / 2 - Double(bandTop)
        let placed = dotMiddle >= 0.15 * Double(glyph) && dotMiddle <= 0.65 * Double(glyph)
            && comma.y1 - bandTop >= glyph * 3 / 5
        return small && stacked && placed
    }
}
