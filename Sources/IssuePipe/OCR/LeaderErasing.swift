/// Dot leaders between a contents entry and its page number make tesseract
/// read the whole line as nothing, or as noise (`投洛3扩放友玖光。7` for
/// `设若干措施……7`). Before a page is read, runs of eight or more small dots in
/// a row on one level, close together and evenly spaced, are painted out; a
/// text's own ellipsis (six dots), its full stops and the dots of its glyphs stay.
extension GrayImage {
    /// The ink levels dots are looked for at, on the page with its paper made
    /// white. A scan's dots are faint and uneven: at one level a leader falls
    /// apart into runs too short to count, or its dots run into the noise
    /// around them (tuning scans: at 128 alone, 197 of 464 contents lines' leaders
    /// were found; at these four together, 413).
    static let leaderInkLevels: [UInt8] = [128, 160, 176, 192]

    /// The image with its dot leaders painted white, and how many leaders there were.
    /// `flattened` is this image with its background normalised, when the caller has it already.
    func erasingLeaders(minDots: Int = 8, flattened: GrayImage? = nil) -> (image: GrayImage, leaders: Int) {
        let flat = flattened ?? normalizingBackground()
        var runs: [[PixelBox]] = []
        for level in Self.leaderInkLevels {
            let dots = InkComponents(flat, threshold: level).boxes.filter(isDot)
            runs += leaderRuns(dots).flatMap(evenlySpaced).filter { run in
                run.count >= minDots && isLeader(run) && standsClear(run, in: flat, below: level)
            }
        }
        guard !runs.isEmpty else { return (self, 0) }
        var out = self
        for box in runs.joined() {
            for y in max(0, box.y0 - 1)..<min(height, box.y1 + 1) {
                for x in max(0, box.x0 - 1)..<min(width, box.x1 + 1) { out.pixels[y * width + x] = 255 }
            }
        }
        return (out, leaderLines(runs))
    }

    /// A leader stands on its line's baseline with nothing above or below it
    /// within 2 pt; the pieces a faint stroke of a glyph falls apart into have
    /// the rest of their glyphs around them. Ink there besides the dots' own is
    /// at most a fifth of theirs (leaders: 0–8%; glyph pieces seen: 48% and more).
    private func standsClear(_ run: [PixelBox], in flat: GrayImage, below level: UInt8) -> Bool {
        func ink(_ box: PixelBox) -> Int {
            var count = 0
            for y in max(0, box.y0)..<min(height, box.y1) {
                for x in max(0, box.x0)..<min(width, box.x1) where flat.pixels[y * width + x] < level { count += 1 }
            }
            return count
        }
        let margin = Int((2 * dpiY / 72).rounded())
        let band = PixelBox(x0: run[0].x0, y0: run.map(\.y0).min()! - margin, x1: run[run.count - 1].x1, y1: run.map(\.y1).max()! + margin)
        let own = run.reduce(0) { $0 + ink($1) }
        return 5 * (ink(band) - own) <= own
    }

    /// How many lines the runs stand on: one leader found at several ink
    /// levels, or in pieces, counts once.
    private func leaderLines(_ runs: [[PixelBox]]) -> Int {
        let middles = runs.map { run in Double(run.reduce(0) { $0 + $1.y0 + $1.y1 }) / Double(2 * run.count) }.sorted()
        let apart = 2 * dpiY / 72
        return zip(middles, middles.dropFirst()).filter { $1 - $0 > apart }.count + 1
    }

    /// A dot: at most 2 pt across and about as wide as high.
    private func isDot(_ box: PixelBox) -> Bool {
        let most = max(2, Int(2 * dpiY / 72)), w = box.x1 - box.x0, h = box.y1 - box.y0
        return w <= most && h <= most && w <= 2 * h + 1 && h <= 2 * w + 1
    }

    /// A leader runs level (a scan's slant is under a degree or two; a chain of
    /// pixels along a thin diagonal stroke climbs steeply) and its dots stand
    /// apart, at least 0.8 pt from one to the next.
    private func isLeader(_ run: [PixelBox]) -> Bool {
        guard let first = run.first, let last = run.last, last.x0 > first.x0 else { return false }
        let middles = run.map { Double($0.y0 + $0.y1) / 2 }
        let climb = middles.max()! - middles.min()!, length = Double(last.x0 - first.x0)
        let pitch = length / Double(run.count - 1)
        return climb <= max(1.0, 0.05 * length) && pitch >= 0.8 * dpiX / 72
    }

    /// The parts of a run whose dots are evenly spaced and on one level, as a
    /// leader's are: a chain through the dots of text (the circles of `%`, the
    /// drops of 氵, commas) is uneven and falls apart into short parts.
    private func evenlySpaced(_ run: [PixelBox]) -> [[PixelBox]] {
        var parts: [[PixelBox]] = []
        var part: [PixelBox] = []
        let level = max(1.0, 0.8 * dpiY / 72)
        for dot in run {
            if let last = part.last {
                let gap = Double(dot.x0 - last.x0)
                let gaps = zip(part, part.dropFirst()).map { Double($1.x0 - $0.x0) }.sorted()
                let usual = gaps.isEmpty ? gap : gaps[gaps.count / 2]
                // A dot the scan lost leaves a gap twice as wide; a slanted scan climbs slowly.
                let middle = Double(dot.y0 + dot.y1) / 2, before = Double(last.y0 + last.y1) / 2
                let even = abs(gap - usual) <= 0.3 * usual + 1 || abs(gap - 2 * usual) <= 0.3 * usual + 1
                if !even || abs(middle - before) > level {
                    parts.append(part)
                    part = []
                }
            }
            part.append(dot)
        }
        return parts + [part]
    }

    /// Dots in runs along one baseline, each within 1.5 pt up or down and at
    /// most 6 pt right of the one before (a leader's pitch is about 3 pt: a dot
    /// the scan lost leaves a gap the run must bridge).
    private func leaderRuns(_ dots: [PixelBox]) -> [[PixelBox]] {
        let step = 6 * dpiX / 72, drift = max(1.5, 1.5 * dpiY / 72)
        var runs: [[PixelBox]] = []
        var open: [Int] = []   // indices into runs still growing, by their last dot
        for dot in dots.sorted(by: { ($0.x0, $0.y0) < ($1.x0, $1.y0) }) {
            let middle = Double(dot.y0 + dot.y1) / 2
            if let k = open.first(where: { k in
                let last = runs[k].last!
                let dx = Double(dot.x0 - last.x1), dy = abs(middle - Double(last.y0 + last.y1) / 2)
                return dx >= 0 && dx <= step && dy <= drift
            }) {
                runs[k].append(dot)
            } else {
                runs.append([dot])
                open.append(runs.count - 1)
            }
            // A run whose last dot is far behind can grow no more.
            open.removeAll { Double(dot.x0 - runs[$0].last!.x1) > step }
        }
        return runs
    }
}

/// The bounding boxes of the 4-connected dark components of an image.
struct InkComponents {
    var boxes: [PixelBox] = []

    init(_ image: GrayImage, threshold: UInt8) {
        let w = image.width, h = image.height
        var found: [PixelBox] = []
        // Flat buffers and no array per pixel: this runs over whole pages, several times each.
        var label = [Int32](repeating: -1, count: w * h)
        var stack: [Int] = []
        image.pixels.withUnsafeBufferPointer { pixels in
            label.withUnsafeMutableBufferPointer { label in
                func visit(_ next: Int, _ id: Int32) {
                    guard label[next] < 0, pixels[next] < threshold else { return }
                    label[next] = id
                    stack.append(next)
                }
                for start in 0..<(w * h) where pixels[start] < threshold && label[start] < 0 {
                    var x0 = start % w, y0 = start / w, x1 = x0 + 1, y1 = y0 + 1
                    let id = Int32(found.count)
                    label[start] = id
                    stack.append(start)
                    while let index = stack.popLast() {
                        let x = index % w, y = index / w
                        x0 = min(x0, x); y0 = min(y0, y); x1 = max(x1, x + 1); y1 = max(y1, y + 1)
                        if x > 0 { visit(index - 1, id) }
                        if x + 1 < w { visit(index + 1, id) }
                        if y > 0 { visit(index - w, id) }
                        if y + 1 < h { visit(index + w, id) }
                    }
                    found.append(PixelBox(x0: x0, y0: y0, x1: x1, y1: y1))
                }
            }
        }
        boxes = found
    }
}
