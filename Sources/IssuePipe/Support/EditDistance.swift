/// Levenshtein distance over Unicode scalars, and how well a known name
/// occurs in a longer reading.
public enum EditDistance {
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = a.unicodeScalars.map(\.value), y = b.unicodeScalars.map(\.value)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        // Two rows in one buffer, through unsafe pointers: this runs millions of
        // times per issue (contents matching), also in debug builds.
        let width = y.count + 1
        var rows = [Int](repeating: 0, count: 2 * width)
        return x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                rows.withUnsafeMutableBufferPointer { buffer in
                    var previous = buffer.baseAddress!, current = previous + width
                    for j in 0..<width { previous[j] = j }
                    for i in 1...xs.count {
                        current[0] = i
                        let xi = xs[i - 1]
                        for j in 1..<width {
                            var best = previous[j - 1] + (xi == ys[j - 1] ? 0 : 1)
                            let up = previous[j] + 1, left = current[j - 1] + 1
                            if up < best { best = up }
                            if left < best { best = left }
                            current[j] = best
                        }
                        swap(&previous, &current)
                    }
                    return previous[width - 1]
                }
            }
        }
    }

    /// 1 for equal strings, 0 for nothing in common.
    public static func similarity(_ a: String, _ b: String) -> Double {
        let longest = max(a.unicodeScalars.count, b.unicodeScalars.count)
        return longest == 0 ? 1 : 1 - Double(distance(a, b)) / Double(longest)
    }

    /// The fewest edits that turn `pattern` into some substring of `text`
    /// (Sellers' algorithm: a free start and end in `text`).
    public static func substringDistance(_ pattern: String, in text: String) -> Int {
        let p = pattern.unicodeScalars.map(\.value), t = text.unicodeScalars.map(\.value)
        guard !p.isEmpty else { return 0 }
        guard !t.isEmpty else { return p.count }
        // Column over the pattern; row 0 is free (a match may start anywhere in the text).
        let height = p.count + 1
        var columns = [Int](repeating: 0, count: 2 * height)
        return p.withUnsafeBufferPointer { ps in
            t.withUnsafeBufferPointer { ts in
                columns.withUnsafeMutableBufferPointer { buffer in
                    var previous = buffer.baseAddress!, current = previous + height
                    for i in 0..<height { previous[i] = i }
                    var best = previous[height - 1]
                    for j in 1...ts.count {
                        current[0] = 0
                        let tj = ts[j - 1]
                        for i in 1..<height {
                            var value = previous[i - 1] + (ps[i - 1] == tj ? 0 : 1)
                            let up = previous[i] + 1, left = current[i - 1] + 1
                            if up < value { value = up }
                            if left < value { value = left }
                            current[i] = value
                        }
                        if current[height - 1] < best { best = current[height - 1] }
                        swap(&previous, &current)
                    }
                    return best
                }
            }
        }
    }

    /// 1 when `pattern` occurs in `text` as it is, 0 when nothing of it does.
    public static func substringSimilarity(_ pattern: String, in text: String) -> Double {
        let length = pattern.unicodeScalars.count
        return length == 0 ? 1 : max(0, 1 - Double(substringDistance(pattern, in: text)) / Double(length))
    }
}
