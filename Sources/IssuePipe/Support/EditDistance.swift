/// Levenshtein distance over Unicode scalars, and how well a known name
/// occurs in a longer reading.
public enum EditDistance {
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count), current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// 1 for equal strings, 0 for nothing in common.
    public static func similarity(_ a: String, _ b: String) -> Double {
        let longest = max(a.unicodeScalars.count, b.unicodeScalars.count)
        return longest == 0 ? 1 : 1 - Double(distance(a, b)) / Double(longest)
    }

    /// The fewest edits that turn `pattern` into some substring of `text`
    /// (Sellers' algorithm: a free start and end in `text`).
    public static func substringDistance(_ pattern: String, in text: String) -> Int {
        let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
        guard !p.isEmpty else { return 0 }
        guard !t.isEmpty else { return p.count }
        // Column over the pattern; row 0 is free (a match may start anywhere in the text).
        var previous = Array(0...p.count), current = [Int](repeating: 0, count: p.count + 1)
        var best = previous[p.count]
        for j in 1...t.count {
            current[0] = 0
            for i in 1...p.count {
                current[i] = min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + (p[i - 1] == t[j - 1] ? 0 : 1))
            }
            best = min(best, current[p.count])
            swap(&previous, &current)
        }
        return best
    }

    /// 1 when `pattern` occurs in `text` as it is, 0 when nothing of it does.
    public static func substringSimilarity(_ pattern: String, in text: String) -> Double {
        let length = pattern.unicodeScalars.count
        return length == 0 ? 1 : max(0, 1 - Double(substringDistance(pattern, in: text)) / Double(length))
    }
}
