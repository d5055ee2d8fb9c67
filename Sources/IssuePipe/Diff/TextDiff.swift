import Foundation

/// Character-level differences between two strings, and similarity measures
/// used to pair up articles and paragraphs.
public enum TextDiff {
    /// A run of characters both strings share, or that only one has.
    public enum Segment: Equatable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The differences from `old` to `new`, by character (grapheme), as few runs as the
    /// longest common subsequence gives. Very long differing middles (beyond
    /// `limit` cells of the table) are shown as one replacement.
    public static func segments(_ old: String, _ new: String, limit: Int = 4_000_000) -> [Segment] {
        let a = Array(old), b = Array(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let midA = Array(a[prefix..<(a.count - suffix)]), midB = Array(b[prefix..<(b.count - suffix)])

        var result: [Segment] = []
        func push(_ segment: Segment) {
            switch (result.last, segment) {
            case (.same(let x)?, .same(let y)): result[result.count - 1] = .same(x + y)
            case (.removed(let x)?, .removed(let y)): result[result.count - 1] = .removed(x + y)
            case (.added(let x)?, .added(let y)): result[result.count - 1] = .added(x + y)
            default:
                switch segment {
                case .same(let s), .removed(let s), .added(let s): if !s.isEmpty { result.append(segment) }
                }
            }
        }
        push(.same(String(a[0..<prefix])))
        if midA.isEmpty || midB.isEmpty || midA.count * midB.count > limit {
            push(.removed(String(midA)))
            push(.added(String(midB)))
        } else {
            // LCS table over the middles; walk it forwards, removals before additions.
            let n = midA.count, m = midB.count
            var table = [Int32](repeating: 0, count: (n + 1) * (m + 1))
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    table[i * (m + 1) + j] = midA[i] == midB[j]
                        ? table[(i + 1) * (m + 1) + j + 1] + 1
                        : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
                }
            }
            var i = 0, j = 0
            var removed = "", added = ""
            func flush() {
                push(.removed(removed)); push(.added(added))
                removed = ""; added = ""
            }
            while i < n || j < m {
                if i < n, j < m, midA[i] == midB[j] {
                    flush()
                    push(.same(String(midA[i])))
                    i += 1; j += 1
                } else if j >= m || (i < n && table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1]) {
                    removed.append(midA[i]); i += 1
                } else {
                    added.append(midB[j]); j += 1
                }
            }
            flush()
        }
        push(.same(String(a[(a.count - suffix)...])))
        return result
    }

    /// Text as compared for matching: NFKC, without white space.
    public static func normalized(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }
    }

    /// 1 for equal strings, 0 for nothing in common: 1 − edit distance / longer length.
    public static func similarity(_ a: String, _ b: String) -> Double {
        let x = Array(a), y = Array(b)
        if x.isEmpty && y.isEmpty { return 1 }
        if x.isEmpty || y.isEmpty { return 0 }
        if x.count * y.count > 4_000_000 {
            // Long paragraphs: compare the character sets' overlap instead of the edit distance.
            var counts: [Character: Int] = [:]
            for c in x { counts[c, default: 0] += 1 }
            var shared = 0
            for c in y where (counts[c] ?? 0) > 0 { counts[c]! -= 1; shared += 1 }
            return Double(shared) / Double(max(x.count, y.count))
        }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return 1 - Double(previous[y.count]) / Double(max(x.count, y.count))
    }

    /// Pairs of equal elements of the longest common subsequence of two sequences, as index pairs.
    static func commonSubsequence<T>(_ a: [T], _ b: [T], equal: (T, T) -> Bool) -> [(Int, Int)] {
        let n = a.count, m = b.count
        guard n > 0, m > 0 else { return [] }
        var table = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i * (m + 1) + j] = equal(a[i], b[j])
                    ? table[(i + 1) * (m + 1) + j + 1] + 1
                    : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
            }
        }
        var pairs: [(Int, Int)] = []
        var i = 0, j = 0
        while i < n, j < m {
            if equal(a[i], b[j]) { pairs.append((i, j)); i += 1; j += 1 }
            else if table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] { i += 1 }
            else { j += 1 }
        }
        return pairs
    }

    /// Indices (into `values`) of one longest strictly increasing subsequence.
    static func longestIncreasing(_ values: [Int]) -> Set<Int> {
        var tails: [Int] = []          // index into values of the smallest tail of each length
        var parent = [Int](repeating: -1, count: values.count)
        for (index, value) in values.enumerated() {
            var low = 0, high = tails.count
            while low < high {
                let mid = (low + high) / 2
                if values[tails[mid]] < value { low = mid + 1 } else { high = mid }
            }
            if low > 0 { parent[index] = tails[low - 1] }
            if low == tails.count { tails.append(index) } else { tails[low] = index }
        }
        var result = Set<Int>()
        var cursor = tails.last ?? -1
        while cursor >= 0 { result.insert(cursor); cursor = parent[cursor] }
        return result
    }
}
